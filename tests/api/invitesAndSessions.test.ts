import { randomBytes } from 'node:crypto';
import { Invite, JoinResponse, Session } from '@plenary/shared/api';
import { participantColor } from '@plenary/shared/domain';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInvite, secretOf, startAccessServer } from '../support/accessWorld';
import { closeEventStreams, openEventStream } from '../support/eventStream';
import type { ServerProcess } from '../support/serverProcess';
import { createWorkshop, type WorkshopFixture } from '../support/workshopFixture';
import { call, expectError } from './routeTable';

describe('invite links and sessions', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer();
  });

  afterEach(() => closeEventStreams());

  afterAll(async () => {
    await server?.stop();
  });

  const joinWith = (secret: string, displayName: string) =>
    call(server, 'POST', '/api/join', { body: { secret, displayName } });
  const sessionOf = (token: string) => call(server, 'GET', '/api/session', { token });

  async function joined(secret: string, displayName: string): Promise<JoinResponse> {
    const reply = await joinWith(secret, displayName);
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    return JoinResponse.parse(reply.body);
  }

  async function memberLink(fixture: WorkshopFixture, groupIndex = 0): Promise<Invite> {
    return createInvite(server, fixture, 'member', fixture.groups[groupIndex]?.id ?? null);
  }

  const revoke = (fixture: WorkshopFixture, invite: Invite) =>
    call(server, 'POST', `/api/workshops/${fixture.workshop.id}/invites/${invite.id}/revoke`, {
      token: fixture.facilitatorToken,
    });

  it('answers a guessed, a malformed and a revoked secret identically, on preview and on join', async () => {
    const fixture = await createWorkshop(server, 1);
    const revoked = await memberLink(fixture);
    expect((await revoke(fixture, revoked)).status).toBe(200);
    const secrets = {
      guessed: randomBytes(32).toString('base64url'),
      malformed: '..%2F..%2Fetc%2Fpasswd',
      tooShort: 'x',
      revoked: secretOf(revoked),
    };

    const answers: Array<{ status: number; body: unknown }> = [];
    for (const [kind, secret] of Object.entries(secrets)) {
      const preview = await call(server, 'GET', `/api/invites/${encodeURIComponent(secret)}`);
      const join = await joinWith(secret, `Guesser (${kind})`);
      for (const reply of [preview, join]) {
        expectError(reply, 404, 'invite_invalid');
        answers.push({ status: reply.status, body: reply.body });
      }
    }
    // One answer for all: a prober cannot tell a revoked link from one that never existed.
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);

    // The same request with a live link does work, so the refusals above are about the secret.
    const live = await memberLink(fixture);
    expect((await call(server, 'GET', `/api/invites/${secretOf(live)}`)).status).toBe(200);
    expect((await joinWith(secretOf(live), 'Real member')).status).toBe(201);
  });

  it('joining gives a token and an HttpOnly, SameSite=Lax cookie that each sign the person in', async () => {
    const fixture = await createWorkshop(server, 1);
    const invite = await memberLink(fixture);
    // At least 128 bits in the link's secret (base64url: 6 bits a character).
    expect(secretOf(invite).length * 6).toBeGreaterThanOrEqual(128);

    const reply = await joinWith(secretOf(invite), 'Maryam');
    expect(reply.status).toBe(201);
    const body = JoinResponse.parse(reply.body);
    const cookies = reply.headers.getSetCookie();
    const session = cookies.find((cookie) => cookie.startsWith('plenary_session='));
    expect(session, cookies.join('\n')).toBeDefined();
    const attributes = (session ?? '').split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');

    const byToken = await sessionOf(body.token);
    const byCookie = await call(server, 'GET', '/api/session', {
      headers: { cookie: (session ?? '').split(';')[0] ?? '' },
    });
    for (const signedIn of [byToken, byCookie]) {
      expect(signedIn.status).toBe(200);
      expect(Session.parse(signedIn.body).participant).toEqual(body.participant);
    }
    expect(body.participant).toMatchObject({ displayName: 'Maryam', role: 'member', groupId: fixture.groups[0]?.id });
  });

  it('gives the people of one group different colours, kept across their sessions', async () => {
    const fixture = await createWorkshop(server, 1);
    const link = await memberLink(fixture);
    const members = [];
    for (let i = 0; i < 10; i++) members.push(await joined(secretOf(link), `Member ${i + 1}`));
    const colors = members.map((member) => member.participant.color);
    expect(new Set(colors).size).toBe(10);
    // The colour is the participant's: the same in their next request, whatever the session.
    const again = Session.parse((await sessionOf(members[3]?.token ?? '')).body);
    expect(again.participant.color).toBe(colors[3]);
  });

  it('frees the colours of people whose link was revoked', async () => {
    const fixture = await createWorkshop(server, 1);
    const link = await memberLink(fixture);
    for (let i = 0; i < 9; i++) await joined(secretOf(link), `Member ${i + 1}`);
    await revoke(fixture, link);
    // Were the nine still counted, a newcomer would get the one colour they leave; with the group
    // empty, theirs is the one of their own id (the same one in a tenth of the runs).
    const newcomer = await joined(secretOf(await memberLink(fixture)), 'Newcomer');
    expect(newcomer.participant.color).toBe(participantColor(newcomer.participant.id));
  });

  it('revoking a link ends every session made from it, at once and only those', async () => {
    const fixture = await createWorkshop(server, 1);
    const revokedLink = await memberLink(fixture);
    const otherLink = await memberLink(fixture);
    const first = await joined(secretOf(revokedLink), 'First');
    const second = await joined(secretOf(revokedLink), 'Second');
    const unaffected = await joined(secretOf(otherLink), 'Unaffected');
    const stream = await openEventStream(server.httpUrl, `/api/workshops/${fixture.workshop.id}/events`, first.token);
    expect(stream.status).toBe(200);

    const revoked = await revoke(fixture, revokedLink);
    expect(Invite.parse(revoked.body)).toMatchObject({ id: revokedLink.id, revoked: true });

    // An open page hears that its session ended, and the stream closes.
    expect((await stream.next('session.ended')).data).toEqual({ reason: 'link_revoked' });
    await stream.ended;
    // Asked again later (a reload), the answer says why: the page can tell them, not just sign them out.
    expectError(await sessionOf(first.token), 401, 'link_revoked');
    expectError(await sessionOf(second.token), 401, 'link_revoked');
    expectError(
      await call(server, 'GET', `/api/workshops/${fixture.workshop.id}`, { token: first.token }),
      401,
      'link_revoked',
    );
    expect((await sessionOf(unaffected.token)).status).toBe(200);
    expectError(await joinWith(secretOf(revokedLink), 'Late'), 404, 'invite_invalid');

    const listed = await call(server, 'GET', `/api/workshops/${fixture.workshop.id}/invites`, {
      token: fixture.facilitatorToken,
    });
    const states = (listed.body as unknown[]).map((invite) => Invite.parse(invite));
    expect(states.find((invite) => invite.id === revokedLink.id)?.revoked).toBe(true);
    expect(states.find((invite) => invite.id === otherLink.id)?.revoked).toBe(false);
  });

  it('re-issuing gives a new working link for the same role and group, and the old one stops', async () => {
    const fixture = await createWorkshop(server, 2);
    const old = await memberLink(fixture, 1);
    const before = await joined(secretOf(old), 'Before');

    const reply = await call(server, 'POST', `/api/workshops/${fixture.workshop.id}/invites/${old.id}/reissue`, {
      token: fixture.facilitatorToken,
    });
    expect(reply.status).toBe(201);
    const fresh = Invite.parse(reply.body);
    expect(fresh).toMatchObject({ role: 'member', groupId: fixture.groups[1]?.id, revoked: false });
    expect(secretOf(fresh)).not.toBe(secretOf(old));

    expectError(await joinWith(secretOf(old), 'Too late'), 404, 'invite_invalid');
    expectError(await sessionOf(before.token), 401, 'link_revoked');
    const after = await joined(secretOf(fresh), 'After');
    expect(after.participant).toMatchObject({ role: 'member', groupId: fixture.groups[1]?.id });
    expect((await sessionOf(after.token)).status).toBe(200);

    // The old link is revoked: re-issuing it again would hand out a second working link.
    const again = await call(server, 'POST', `/api/workshops/${fixture.workshop.id}/invites/${old.id}/reissue`, {
      token: fixture.facilitatorToken,
    });
    expectError(again, 409, 'invite_revoked');
  });

  it('two re-issues of one link at the same moment give one new link, not two', async () => {
    const fixture = await createWorkshop(server, 1);
    const old = await memberLink(fixture);
    const reissue = () =>
      call(server, 'POST', `/api/workshops/${fixture.workshop.id}/invites/${old.id}/reissue`, {
        token: fixture.facilitatorToken,
      });
    const replies = await Promise.all([reissue(), reissue()]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409]);
    const listed = await call(server, 'GET', `/api/workshops/${fixture.workshop.id}/invites`, {
      token: fixture.facilitatorToken,
    });
    const working = (listed.body as unknown[])
      .map((invite) => Invite.parse(invite))
      .filter((invite) => invite.role === 'member' && !invite.revoked);
    expect(working).toHaveLength(1);
  });

  it('a person renames themselves, and signing out ends only their own session', async () => {
    const fixture = await createWorkshop(server, 1);
    const link = await memberLink(fixture);
    const leaving = await joined(secretOf(link), 'Leaving');
    const staying = await joined(secretOf(link), 'Staying');

    const renamed = await call(server, 'PATCH', '/api/session', {
      token: leaving.token,
      body: { displayName: '  Leila Haq  ' },
    });
    expect(Session.parse(renamed.body).participant.displayName).toBe('Leila Haq');
    expect(Session.parse((await sessionOf(leaving.token)).body).participant.displayName).toBe('Leila Haq');

    const signOut = await call(server, 'DELETE', '/api/session', { token: leaving.token });
    expect(signOut.status).toBe(204);
    // The browser is told to drop the cookie too.
    expect(signOut.headers.getSetCookie().some((cookie) => /^plenary_session=;/.test(cookie))).toBe(true);
    expectError(await sessionOf(leaving.token), 401, 'unauthorized');
    expect(Session.parse((await sessionOf(staying.token)).body).participant.displayName).toBe('Staying');
  });

  it('previews a link with what it opens, before anyone types a name', async () => {
    const fixture = await createWorkshop(server, 2);
    const member = await memberLink(fixture, 1);
    const rapporteur = await createInvite(server, fixture, 'rapporteur');

    expect((await call(server, 'GET', `/api/invites/${secretOf(member)}`)).body).toEqual({
      role: 'member',
      workshopTitle: 'Test workshop',
      groupName: 'Group 2',
    });
    expect((await call(server, 'GET', `/api/invites/${secretOf(rapporteur)}`)).body).toEqual({
      role: 'rapporteur',
      workshopTitle: 'Test workshop',
      groupName: null,
    });
  });
});
