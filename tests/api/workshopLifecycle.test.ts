import { BriefStatus, Dashboard, DocumentInfo, Workshop, WorkshopHome } from '@plenary/shared/api';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { readProseMirrorJson } from '@plenary/shared/schema';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { createTwoWorkshops, startAccessServer } from '../support/accessWorld';
import { prepareBrief } from '../support/briefContent';
import { appendParagraph } from '../support/draftContent';
import { closeEventStreams, openEventStream } from '../support/eventStream';
import type { ServerProcess } from '../support/serverProcess';
import { connectAs } from '../support/sessionClients';
import { destroyAllClients, waitSynced } from '../support/yClients';
import { call } from './routeTable';

describe('running a workshop', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer();
  });

  afterEach(() => {
    destroyAllClients();
    closeEventStreams();
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function documentInfo(documentId: string, token: string): Promise<DocumentInfo> {
    const reply = await call(server, 'GET', `/api/documents/${documentId}`, { token });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return DocumentInfo.parse(reply.body);
  }

  async function dashboard(workshopId: string, token: string): Promise<Dashboard> {
    const reply = await call(server, 'GET', `/api/workshops/${workshopId}/dashboard`, { token });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return Dashboard.parse(reply.body);
  }

  it('a locked draft is read-only for its members and the facilitator alike, until unlocked', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const [group1, group2] = a.groups;
    const lockPath = `/api/workshops/${a.workshop.id}/groups/${group1?.id}/lock`;
    const events = await openEventStream(server.httpUrl, `/api/workshops/${a.workshop.id}/events`, people.member);
    expect((await documentInfo(a.draft(0), people.member)).canWrite).toBe(true);

    const locked = await call(server, 'PUT', lockPath, { token: people.facilitator, body: { locked: true } });
    expect(locked.status).toBe(200);
    for (const token of [people.member, people.facilitator, people.operator]) {
      expect(await documentInfo(a.draft(0), token)).toMatchObject({ canWrite: false, locked: true });
    }
    // Only that group's draft: the other stays open to the facilitator.
    expect(await documentInfo(a.draft(1), people.facilitator)).toMatchObject({ canWrite: true, locked: false });
    const home = WorkshopHome.parse(
      (await call(server, 'GET', `/api/workshops/${a.workshop.id}`, { token: people.member })).body,
    );
    expect(home.groups.map((group) => [group.id, group.locked])).toEqual([
      [group1?.id, true],
      [group2?.id, false],
    ]);
    // Open pages are told to refetch, so editors switch to read-only without a reload.
    expect((await events.next('workshop.changed')).data).toEqual({ workshopId: a.workshop.id });

    await call(server, 'PUT', lockPath, { token: people.facilitator, body: { locked: false } });
    expect(await documentInfo(a.draft(0), people.member)).toMatchObject({ canWrite: true, locked: false });
    expect(await documentInfo(a.draft(0), people.facilitator)).toMatchObject({ canWrite: true, locked: false });
  });

  it('the dashboard counts a member once however many tabs they have open, and people looking in apart from the group', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const otherGroupMember = (await a.participant('member', 'Bilal Other Group', a.groups[1]?.id)).token;
    const tabs = [people.member, people.member, people.rapporteur, people.facilitator, otherGroupMember].map(
      (token) => {
        const client = connectAs(server.wsUrl, a.draft(0), token);
        client.provider.awareness.setLocalStateField('user', { name: 'Anyone', color: '#000000' });
        return client;
      },
    );
    await Promise.all(tabs.map((tab) => waitSynced(tab)));
    await vi.waitFor(
      async () => {
        const group = (await dashboard(a.workshop.id, people.facilitator)).groups[0];
        expect(group?.online.map((person) => person.name)).toEqual(['Maryam Member']);
        expect(
          group?.visiting
            .map((person) => [person.name, person.role, person.groupId])
            .sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
        ).toEqual([
          ['Bilal Other Group', 'member', a.groups[1]?.id],
          ['Farah Facilitator', 'facilitator', null],
          ['Rafiq Rapporteur', 'rapporteur', null],
        ]);
      },
      { timeout: 10_000, interval: 50 },
    );
    // The other group's card does not count its member, who is looking at group 1's draft.
    expect((await dashboard(a.workshop.id, people.facilitator)).groups[1]?.online).toEqual([]);
  });

  it('the breakout countdown ends N minutes from now, every participant sees it, and it can be stopped', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const timerPath = `/api/workshops/${a.workshop.id}/timer`;
    const events = await openEventStream(server.httpUrl, `/api/workshops/${a.workshop.id}/events`, people.reader);

    const before = Date.now();
    const set = await call(server, 'PUT', timerPath, { token: people.facilitator, body: { durationMinutes: 15 } });
    const after = Date.now();
    const timer = Workshop.parse(set.body).timer;
    expect(timer?.label).toBe('Breakout');
    const endsAt = Date.parse(timer?.endsAt ?? '');
    expect(endsAt).toBeGreaterThanOrEqual(before + 15 * 60_000 - 1_000);
    expect(endsAt).toBeLessThanOrEqual(after + 15 * 60_000 + 1_000);
    await events.next('workshop.changed');

    for (const token of [people.member, people.reader, people.rapporteur]) {
      const seen = WorkshopHome.parse((await call(server, 'GET', `/api/workshops/${a.workshop.id}`, { token })).body);
      expect(seen.workshop.timer).toEqual(timer);
    }

    const cleared = await call(server, 'DELETE', timerPath, { token: people.facilitator });
    expect(Workshop.parse(cleared.body).timer).toBeNull();
    const seen = WorkshopHome.parse(
      (await call(server, 'GET', `/api/workshops/${a.workshop.id}`, { token: people.member })).body,
    );
    expect(seen.workshop.timer).toBeNull();
  });

  it('the dashboard shows who is online in each group, their words and last activity, live', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const session = await call(server, 'GET', '/api/session', { token: people.member });
    const { color } = (session.body as { participant: { color: string } }).participant;
    const initial = await dashboard(a.workshop.id, people.facilitator);
    expect(initial.groups.map((group) => group.online)).toEqual([[], []]);
    const wordsBefore = initial.groups[0]?.wordCount ?? 0;

    const member = connectAs(server.wsUrl, a.draft(0), people.member);
    // As the editor does: announce a cursor. The name it claims is replaced by the real one.
    member.provider.awareness.setLocalStateField('user', { name: 'Somebody else', color: '#000000' });
    await waitSynced(member);
    await vi.waitFor(
      async () => {
        const live = await dashboard(a.workshop.id, people.facilitator);
        expect(live.groups.map((group) => group.online)).toEqual([[{ name: 'Maryam Member', color }], []]);
        expect(live.groups.map((group) => group.visiting)).toEqual([[], []]);
      },
      { timeout: 10_000, interval: 50 },
    );

    const typedAt = Date.now();
    appendParagraph(member.doc, 'Victims need free legal aid');
    await vi.waitFor(
      async () => {
        const group = (await dashboard(a.workshop.id, people.rapporteur)).groups[0];
        expect(group?.wordCount).toBe(wordsBefore + 5);
        expect(Date.parse(group?.lastActivityAt ?? '')).toBeGreaterThanOrEqual(typedAt - 1_000);
      },
      { timeout: 10_000, interval: 50 },
    );

    member.destroy();
    await vi.waitFor(
      async () => {
        const live = await dashboard(a.workshop.id, people.facilitator);
        expect(live.groups.map((group) => group.online)).toEqual([[], []]);
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('each role sees the workshops, groups and briefs it may open, and what it may write', async () => {
    const { a, b, people, briefs } = await createTwoWorkshops(server);
    const listed = async (token: string) =>
      ((await call(server, 'GET', '/api/workshops', { token })).body as unknown[]).map((w) => Workshop.parse(w).id);
    expect(await listed(people.facilitator)).toEqual([a.workshop.id]);
    expect(await listed(people.reader)).toEqual([a.workshop.id]);
    const everything = await listed(people.operator);
    expect(everything).toEqual(expect.arrayContaining([a.workshop.id, b.workshop.id]));

    const home = async (token: string) => {
      const reply = await call(server, 'GET', `/api/workshops/${a.workshop.id}`, { token });
      const parsed = WorkshopHome.parse(reply.body);
      return { groups: parsed.groups.length, briefs: parsed.briefs.map((brief) => brief.id) };
    };
    expect(await home(people.facilitator)).toEqual({ groups: 2, briefs: [briefs.a.id] });
    expect(await home(people.rapporteur)).toEqual({ groups: 2, briefs: [briefs.a.id] });
    expect(await home(people.member)).toEqual({ groups: 2, briefs: [] });
    expect(await home(people.reader)).toEqual({ groups: 0, briefs: [] });

    // A member writes their own group's draft and reads the others'; a rapporteur writes briefs only.
    expect((await documentInfo(a.draft(0), people.member)).canWrite).toBe(true);
    expect(await documentInfo(a.draft(1), people.member)).toMatchObject({ canWrite: false, title: 'Group 2' });
    expect((await documentInfo(a.draft(0), people.rapporteur)).canWrite).toBe(false);
    expect((await documentInfo(briefs.a.documentId, people.rapporteur)).canWrite).toBe(true);
    expect((await documentInfo(briefs.a.documentId, people.facilitator)).canWrite).toBe(true);
  });

  it('edits to the workshop and its groups show on everyone’s home page', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const id = a.workshop.id;
    await call(server, 'PATCH', `/api/workshops/${id}`, {
      token: people.facilitator,
      body: { venue: 'Serena Hotel, Islamabad', audiences: ['Judiciary', 'Civil society'] },
    });
    const added = await call(server, 'POST', `/api/workshops/${id}/groups`, {
      token: people.facilitator,
      body: { name: 'Shelters', focusAudience: 'Civil society' },
    });
    expect(added.status).toBe(201);
    await call(server, 'PATCH', `/api/workshops/${id}/groups/${a.groups[0]?.id}`, {
      token: people.facilitator,
      body: { name: 'Prosecution and courts' },
    });

    const home = WorkshopHome.parse((await call(server, 'GET', `/api/workshops/${id}`, { token: people.member })).body);
    expect(home.workshop).toMatchObject({
      venue: 'Serena Hotel, Islamabad',
      audiences: ['Judiciary', 'Civil society'],
    });
    expect(home.groups.map((group) => [group.name, group.focusAudience])).toEqual([
      // Both focused on audiences the new list drops.
      ['Prosecution and courts', null],
      ['Group 2', null],
      ['Shelters', 'Civil society'],
    ]);
    // The new group's draft exists from the start, under its name.
    const shelters = home.groups[2];
    expect(await documentInfo(shelters?.documentId ?? '', people.facilitator)).toMatchObject({
      kind: 'draft',
      title: 'Shelters',
      groupId: shelters?.id,
    });
  });

  it('deleting a group closes its draft for everyone and ends its members’ sessions; the brief keeps what it took', async () => {
    const { a, people, briefs } = await createTwoWorkshops(server);
    await prepareBrief(server, a, briefs.a, 'imported');
    const draft = a.draft(0);
    const watching = [
      connectAs(server.wsUrl, draft, people.facilitator),
      connectAs(server.wsUrl, draft, people.member),
    ];
    await Promise.all(watching.map((client) => waitSynced(client)));
    const other = connectAs(server.wsUrl, a.draft(1), people.facilitator);
    await waitSynced(other);
    const memberPage = await openEventStream(server.httpUrl, `/api/workshops/${a.workshop.id}/events`, people.member);

    // Renamed after the import: the brief names it as it was last called, in its status and its exports.
    const renamed = await call(server, 'PATCH', `/api/workshops/${a.workshop.id}/groups/${a.groups[0]?.id}`, {
      token: people.facilitator,
      body: { name: 'Prosecution desk' },
    });
    expect(renamed.status).toBe(200);
    const deleted = await call(server, 'DELETE', `/api/workshops/${a.workshop.id}/groups/${a.groups[0]?.id}`, {
      token: people.facilitator,
    });
    expect(deleted.status).toBe(204);

    // The member's link went with the group (4401, and their page is told why); the facilitator's
    // editor says the draft is gone (4404).
    expect((await memberPage.next('session.ended')).data).toEqual({ reason: 'group_deleted' });
    // And says so when the page is opened again.
    const session = await call(server, 'GET', '/api/session', { token: people.member });
    expect(session.status).toBe(401);
    expect(session.body).toMatchObject({ error: { code: 'group_deleted' } });
    expect(await watching[1]?.closedByServer()).toBe(4401);
    expect(await watching[0]?.closedByServer()).toBe(4404);
    const reopened = connectAs(server.wsUrl, draft, people.facilitator);
    expect(await reopened.closedByServer()).toBe(4404);
    // The other group's draft stays open.
    expect(other.provider.wsconnected).toBe(true);

    const status = BriefStatus.parse(
      (
        await call(server, 'GET', `/api/workshops/${a.workshop.id}/briefs/${briefs.a.id}/status`, {
          token: people.rapporteur,
        })
      ).body,
    );
    expect(status.changes.length).toBeGreaterThan(0);
    expect(new Set(status.changes.map((change) => change.status))).toEqual(new Set(['removed']));
    // Removed with the whole group, which the panel says rather than "the group removed it".
    expect(status.changes.every((change) => change.groupDeleted)).toBe(true);
    expect(new Set(status.changes.map((change) => change.groupName))).toEqual(new Set(['Prosecution desk']));
    const exported = await call(server, 'GET', `/api/documents/${briefs.a.documentId}/export?format=md`, {
      token: people.rapporteur,
    });
    expect(exported.status).toBe(200);
    // The annex still credits the deleted group with what the brief took from it.
    expect(String(exported.body)).toMatch(/\| Prosecution desk \| \d/);
    expect(String(exported.body)).not.toContain('no recorded source');
  });

  it('renames a brief, its opening heading with it, for people who have it open; deletes it unless published', async () => {
    const { a, people, briefs } = await createTwoWorkshops(server);
    const briefPath = `/api/workshops/${a.workshop.id}/briefs/${briefs.a.id}`;
    const editor = connectAs(server.wsUrl, briefs.a.documentId, people.rapporteur);
    await waitSynced(editor);
    const openingHeading = () => {
      const first = readProseMirrorJson(editor.doc).content?.[0];
      return `${first?.type} ${first?.attrs?.level}: ${(first?.content ?? []).map((t) => t.text).join('')}`;
    };
    expect(openingHeading()).toBe(`heading 1: ${briefs.a.title}`);

    const renamed = await call(server, 'PATCH', briefPath, {
      token: people.rapporteur,
      body: { title: 'Brief for the judiciary' },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await vi.waitFor(() => expect(openingHeading()).toBe('heading 1: Brief for the judiciary'));
    // A heading someone rewrote stays theirs.
    editor.doc.transact(() => {
      const heading = editor.doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement;
      (heading.get(0) as Y.XmlText).insert(0, 'Draft: ');
    });
    const again = await call(server, 'PATCH', briefPath, { token: people.rapporteur, body: { title: 'Judges' } });
    expect(again.status).toBe(200);
    const home = WorkshopHome.parse(
      (await call(server, 'GET', `/api/workshops/${a.workshop.id}`, { token: people.rapporteur })).body,
    );
    expect(home.briefs.map((brief) => brief.title)).toEqual(['Judges']);
    expect(openingHeading()).toBe('heading 1: Draft: Brief for the judiciary');

    // Deleting closes it for the rapporteur who has it open (4404), and it is gone for everyone.
    const deleted = await call(server, 'DELETE', briefPath, { token: people.rapporteur });
    expect(deleted.status).toBe(204);
    expect(await editor.closedByServer()).toBe(4404);
    expect(await connectAs(server.wsUrl, briefs.a.documentId, people.facilitator).closedByServer()).toBe(4404);
    const after = WorkshopHome.parse(
      (await call(server, 'GET', `/api/workshops/${a.workshop.id}`, { token: people.facilitator })).body,
    );
    expect(after.briefs).toEqual([]);
  });

  it('renames a group’s draft heading with the group, unless someone rewrote it, and not on a focus change', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const group = a.groups[0];
    if (!group) throw new Error('no group');
    const editor = connectAs(server.wsUrl, group.documentId, people.facilitator);
    await waitSynced(editor);
    const openingHeading = (doc = editor.doc) => {
      const first = readProseMirrorJson(doc).content?.[0];
      return `${first?.type} ${first?.attrs?.level}: ${(first?.content ?? []).map((t) => t.text).join('')}`;
    };
    expect(openingHeading()).toBe(`heading 1: ${group.name}`);
    const patch = (body: object) =>
      call(server, 'PATCH', `/api/workshops/${a.workshop.id}/groups/${group.id}`, { token: people.facilitator, body });

    expect((await patch({ name: 'Federal and provincial policy' })).status).toBe(200);
    await vi.waitFor(() => expect(openingHeading()).toBe('heading 1: Federal and provincial policy'));
    // A change of focus leaves the heading alone (read as the server has it once the PATCH is done).
    expect((await patch({ focusAudience: null })).status).toBe(200);
    const afterFocus = connectAs(server.wsUrl, group.documentId, people.facilitator);
    await waitSynced(afterFocus);
    expect(openingHeading(afterFocus.doc)).toBe('heading 1: Federal and provincial policy');
    editor.doc.transact(() => {
      const heading = editor.doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement;
      (heading.get(0) as Y.XmlText).insert(0, 'Our ');
    });
    await vi.waitFor(async () => {
      const fresh = connectAs(server.wsUrl, group.documentId, people.facilitator);
      await waitSynced(fresh);
      expect(openingHeading(fresh.doc)).toBe('heading 1: Our Federal and provincial policy');
    });
    expect((await patch({ name: 'Policy' })).status).toBe(200);
    // As the server has it once the rename is done.
    const fresh = connectAs(server.wsUrl, group.documentId, people.facilitator);
    await waitSynced(fresh);
    expect(openingHeading(fresh.doc)).toBe('heading 1: Our Federal and provincial policy');
  });

  it('refuses to delete a published brief: its page stays online and it stays listed', async () => {
    const { a, people, briefs } = await createTwoWorkshops(server);
    const briefPath = `/api/workshops/${a.workshop.id}/briefs/${briefs.a.id}`;
    const published = await call(server, 'POST', `${briefPath}/publications`, { token: people.rapporteur });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const refused = await call(server, 'DELETE', briefPath, { token: people.facilitator });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'brief_published' } });
    const home = WorkshopHome.parse(
      (await call(server, 'GET', `/api/workshops/${a.workshop.id}`, { token: people.facilitator })).body,
    );
    expect(home.briefs.map((brief) => brief.id)).toEqual([briefs.a.id]);
    const path = (published.body as { path: string }).path;
    expect((await call(server, 'GET', path)).status).toBe(200);
  });

  it('a group whose focus audience the workshop drops loses that focus; the others keep theirs', async () => {
    const { a, people } = await createTwoWorkshops(server);
    const id = a.workshop.id;
    const patchWorkshop = (audiences: string[]) =>
      call(server, 'PATCH', `/api/workshops/${id}`, { token: people.facilitator, body: { audiences } });
    const focus = (groupIndex: number, focusAudience: string) =>
      call(server, 'PATCH', `/api/workshops/${id}/groups/${a.groups[groupIndex]?.id}`, {
        token: people.facilitator,
        body: { focusAudience },
      });
    const focuses = async () =>
      WorkshopHome.parse((await call(server, 'GET', `/api/workshops/${id}`, { token: people.member })).body).groups.map(
        (group) => group.focusAudience,
      );

    expect((await patchWorkshop(['Judiciary', 'Prosecutors'])).status).toBe(200);
    expect((await focus(0, 'Judiciary')).status).toBe(200);
    expect((await focus(1, 'Prosecutors')).status).toBe(200);

    // Renaming "Judiciary" is a removal and an addition: its group has no focus until it is chosen again.
    expect((await patchWorkshop(['Judges', 'Prosecutors'])).status).toBe(200);
    expect(await focuses()).toEqual([null, 'Prosecutors']);
    // A patch that leaves the audiences alone leaves the focus alone.
    await call(server, 'PATCH', `/api/workshops/${id}`, { token: people.facilitator, body: { venue: 'Lahore' } });
    expect(await focuses()).toEqual([null, 'Prosecutors']);
    const refused = await focus(0, 'Judiciary');
    expect(refused.status).toBe(400);
    // One audience named twice would split its section of the brief in two.
    const twice = await patchWorkshop(['Judges', 'Prosecutors', 'judges']);
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain('must name each audience once');
    expect(await focuses()).toEqual([null, 'Prosecutors']);
  });
});
