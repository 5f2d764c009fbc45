import { RestoreResult, VersionComparison, VersionContent, VersionList } from '@plenary/shared/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTwoWorkshops, startAccessServer, type TwoWorkshops } from '../support/accessWorld';
import {
  GROUP_RECOMMENDATIONS,
  nameVersion,
  prepareBrief,
  SOURCE_EDIT,
  writeRecommendations,
} from '../support/briefContent';
import { openDraftWriter } from '../support/groupRecommendations';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { destroyAllClients } from '../support/yClients';
import { call, expectError } from './routeTable';

const [TRAIN_JUDGES] = GROUP_RECOMMENDATIONS as [(typeof GROUP_RECOMMENDATIONS)[number]];
const ACCESS_ENV = {
  LOG_LEVEL: 'info',
  SEED_DEMO: 'false',
  JOIN_RATE_LIMIT_PER_MINUTE: '100000',
  JOINS_PER_MINUTE: '100000',
};

const versionsPath = (documentId: string) => `/api/documents/${documentId}/versions`;

async function listVersions(server: ServerProcess, documentId: string, token: string) {
  const reply = await call(server, 'GET', versionsPath(documentId), { token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return VersionList.parse(reply.body).versions;
}

/** Group 1's draft with the group's recommendations, named "End of breakout", then edited. */
async function namedThenEdited(server: ServerProcess, world: TwoWorkshops, side: 'a' | 'b' = 'a'): Promise<string> {
  const draft = world[side].draft(0);
  await writeRecommendations(server, world[side], draft, GROUP_RECOMMENDATIONS);
  const versionId = await nameVersion(server, world[side], draft, 'End of breakout');
  await writeRecommendations(server, world[side], draft, [], (writer) =>
    writer.insertText(TRAIN_JUDGES.id, '', SOURCE_EDIT),
  );
  await expect
    .poll(async () =>
      JSON.stringify(
        (await call(server, 'GET', `/api/documents/${draft}/export?format=md`, { token: world[side].facilitatorToken }))
          .body,
      ),
    )
    .toContain(SOURCE_EDIT.trim());
  return versionId;
}

async function draftMarkdown(server: ServerProcess, world: TwoWorkshops, side: 'a' | 'b'): Promise<string> {
  const reply = await call(server, 'GET', `/api/documents/${world[side].draft(0)}/export?format=md`, {
    token: world[side].facilitatorToken,
  });
  expect(reply.status).toBe(200);
  // The export stamps the minute it was made; a comparison across a minute boundary must not see that.
  return (reply.body as string).replace(/^(Generated|_Exported from Plenary on) .*$/gm, '$1 <time>');
}

describe('versions', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startAccessServer();
  });
  afterEach(() => destroyAllClients());
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses a version of another workshop, through any document, and changes nothing on either side', async () => {
    const world = await createTwoWorkshops(server);
    const theirs = await namedThenEdited(server, world, 'b');
    const ours = world.a.draft(0);
    const before = { a: await draftMarkdown(server, world, 'a'), b: await draftMarkdown(server, world, 'b') };

    for (const token of [world.people.facilitator, world.people.member, world.people.operator]) {
      expectError(await call(server, 'GET', `${versionsPath(ours)}/${theirs}`, { token }), 404, 'version_not_found');
      expectError(
        await call(server, 'POST', `${versionsPath(ours)}/${theirs}/restore`, { token }),
        404,
        'version_not_found',
      );
      expectError(
        await call(server, 'GET', `${versionsPath(ours)}/compare?from=${theirs}`, { token }),
        404,
        'version_not_found',
      );
      // Deleting is the facilitator's: a member is refused before any version is looked up.
      const deleting = await call(server, 'DELETE', `${versionsPath(ours)}/${theirs}`, { token });
      if (token === world.people.member) expectError(deleting, 403, 'forbidden');
      else expectError(deleting, 404, 'version_not_found');
    }
    // Another document of the same workshop does not reach it either: a version belongs to one document.
    expectError(
      await call(server, 'GET', `${versionsPath(world.b.draft(1))}/${theirs}`, { token: world.b.facilitatorToken }),
      404,
      'version_not_found',
    );
    expect({ a: await draftMarkdown(server, world, 'a'), b: await draftMarkdown(server, world, 'b') }).toEqual(before);
    expect(await listVersions(server, world.b.draft(0), world.b.facilitatorToken)).toHaveLength(1);
  });

  it('answers 410 for a version deleted before its restore, and the document stays as it was', async () => {
    const world = await createTwoWorkshops(server);
    const versionId = await namedThenEdited(server, world);
    const draft = world.a.draft(0);
    const before = await draftMarkdown(server, world, 'a');
    const token = world.people.facilitator;
    const deleted = await call(server, 'DELETE', `${versionsPath(draft)}/${versionId}`, { token });
    expect(deleted.status).toBe(204);

    const error = expectError(
      await call(server, 'POST', `${versionsPath(draft)}/${versionId}/restore`, { token: world.people.member }),
      410,
      'version_deleted',
    );
    expect(error.message).toMatch(/deleted/);
    expectError(
      await call(server, 'GET', `${versionsPath(draft)}/compare?from=${versionId}`, { token }),
      410,
      'version_deleted',
    );
    expectError(await call(server, 'DELETE', `${versionsPath(draft)}/${versionId}`, { token }), 410, 'version_deleted');
    expect(await draftMarkdown(server, world, 'a')).toBe(before);
    expect(await listVersions(server, draft, token)).toEqual([]);
  });

  it('refuses to restore into a locked draft, and lets the facilitator still name a version of it', async () => {
    const world = await createTwoWorkshops(server);
    const versionId = await namedThenEdited(server, world);
    const group = world.a.groups[0]?.id as string;
    const lock = await call(server, 'PUT', `/api/workshops/${world.a.workshop.id}/groups/${group}/lock`, {
      token: world.people.facilitator,
      body: { locked: true },
    });
    expect(lock.status, JSON.stringify(lock.body)).toBe(200);
    const draft = world.a.draft(0);
    for (const token of [world.people.member, world.people.facilitator]) {
      const error = expectError(
        await call(server, 'POST', `${versionsPath(draft)}/${versionId}/restore`, { token }),
        403,
        'forbidden',
      );
      expect(error.message).toMatch(/locked/);
    }
    expectError(
      await call(server, 'POST', versionsPath(draft), { token: world.people.member, body: { name: 'Mine' } }),
      403,
      'forbidden',
    );
    const named = await call(server, 'POST', versionsPath(draft), {
      token: world.people.facilitator,
      body: { name: 'End of breakout, locked' },
    });
    expect(named.status).toBe(201);
  });

  it('restores as a new change: the old text is back, the state before is kept as a version, and can itself be restored', async () => {
    const world = await createTwoWorkshops(server);
    const versionId = await namedThenEdited(server, world);
    const draft = world.a.draft(0);
    const token = world.people.member;
    const edited = await draftMarkdown(server, world, 'a');

    const reply = await call(server, 'POST', `${versionsPath(draft)}/${versionId}/restore`, { token });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const { before } = RestoreResult.parse(reply.body);
    expect(await draftMarkdown(server, world, 'a')).not.toContain(SOURCE_EDIT.trim());

    const kept = VersionContent.parse(
      (await call(server, 'GET', `${versionsPath(draft)}/${before.id}`, { token })).body,
    );
    expect(JSON.stringify(kept.content)).toContain(SOURCE_EDIT.trim());
    const undo = await call(server, 'POST', `${versionsPath(draft)}/${before.id}/restore`, { token });
    expect(undo.status).toBe(200);
    expect(await draftMarkdown(server, world, 'a')).toBe(edited);
  });

  it('compares two versions with the words that changed', async () => {
    const world = await createTwoWorkshops(server);
    const first = await namedThenEdited(server, world);
    const draft = world.a.draft(0);
    const second = await nameVersion(server, world.a, draft, 'Plenary draft, day 2');
    const reply = await call(server, 'GET', `${versionsPath(draft)}/compare?from=${first}&to=${second}`, {
      token: world.people.rapporteur,
    });
    const comparison = VersionComparison.parse(reply.body);
    expect(comparison.to?.name).toBe('Plenary draft, day 2');
    const changed = comparison.blocks.filter((block) => block.change === 'changed');
    expect(changed.map((block) => [block.recommendationId, block.text.find((p) => p.kind === 'insert')?.text])).toEqual(
      [[TRAIN_JUDGES.id, SOURCE_EDIT]],
    );
  });

  it('numbers a brief’s recommendations in a comparison as its readers see them, with the numbers they had', async () => {
    const world = await createTwoWorkshops(server);
    const { a, briefs } = world;
    const { briefRecommendationIds } = await prepareBrief(server, a, briefs.a, 'imported');
    const [trainJudges, fundShelters] = briefRecommendationIds as [string, string];
    const versionId = await nameVersion(server, a, briefs.a.documentId, 'Before the priorities');
    // The rapporteurs swap the two's priorities: the brief reads them the other way round now,
    // though neither moved in the document.
    const writer = await openDraftWriter(server.wsUrl, briefs.a.documentId, a.facilitatorToken);
    writer.setField(trainJudges, 'priority', 'low');
    writer.setField(fundShelters, 'priority', 'high');
    const compare = async () => {
      const reply = await call(server, 'GET', `${versionsPath(briefs.a.documentId)}/compare?from=${versionId}`, {
        token: world.people.rapporteur,
      });
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return VersionComparison.parse(reply.body);
    };
    await expect.poll(async () => (await compare()).counts.changed).toBe(2);
    const numbered = (await compare()).blocks
      .filter((block) => block.recommendationId !== null)
      .map((block) => [block.recommendationId, block.number, block.numberBefore]);
    expect(numbered).toEqual([
      [trainJudges, 2, 1],
      [fundShelters, 1, 2],
    ]);
    writer.client.destroy();
  });
});

describe('versions across a restart, and automatic versions', () => {
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    destroyAllClients();
    for (const server of servers.splice(0)) await server.stop();
  });

  it('keeps named versions, their content and their comparisons across a server restart', async () => {
    const first = await startServer({ env: ACCESS_ENV });
    servers.push(first);
    const world = await createTwoWorkshops(first);
    const versionId = await namedThenEdited(first, world);
    const draft = world.a.draft(0);
    const token = world.people.member;
    const content = (await call(first, 'GET', `${versionsPath(draft)}/${versionId}`, { token })).body;
    const listed = await listVersions(first, draft, token);
    await first.stop();
    servers.pop();

    const second = await startServer({ dataDir: first.dataDir, port: first.port, env: ACCESS_ENV });
    servers.push(second);
    expect(await listVersions(second, draft, token)).toEqual(listed);
    expect((await call(second, 'GET', `${versionsPath(draft)}/${versionId}`, { token })).body).toEqual(content);
    const compared = await call(second, 'GET', `${versionsPath(draft)}/compare?from=${versionId}`, { token });
    expect(VersionComparison.parse(compared.body).counts.changed).toBe(1);
  });

  it('takes an automatic version after the configured editing time, and none while nobody edits', async () => {
    const server = await startServer({ env: { ...ACCESS_ENV, AUTO_VERSION_MS: '400' } });
    servers.push(server);
    const world = await createTwoWorkshops(server);
    const draft = world.a.draft(0);
    const token = world.people.member;
    await writeRecommendations(server, world.a, draft, GROUP_RECOMMENDATIONS);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await writeRecommendations(server, world.a, draft, [], (writer) => writer.insertText(TRAIN_JUDGES.id, '', 'Now '));
    await expect
      .poll(async () => (await listVersions(server, draft, token)).map((v) => [v.kind, v.name]))
      .toEqual([['auto', null]]);
    // Idle: no edits, no new versions.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await listVersions(server, draft, token)).toHaveLength(1);
    expect(await listVersions(server, world.a.draft(1), token)).toEqual([]);
  });
});
