import type { BriefStatus, Group, ImportResult } from '@plenary/shared/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';
import { createProvider, destroyAllClients, waitSynced } from '../support/yClients';

let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ env: { SEED_DEMO: 'false' } });
});
afterEach(() => destroyAllClients());
afterAll(async () => {
  await server.stop();
});

/** A group recommendation written the way the editor's Yjs binding writes it. */
function addRecommendation(doc: Y.Doc, id: string, text: string, attrs: Record<string, unknown> = {}): void {
  const element = new Y.XmlElement('recommendation');
  element.setAttribute('id', id);
  for (const [key, value] of Object.entries(attrs)) element.setAttribute(key, value as string);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  element.insert(0, [paragraph]);
  doc.getXmlFragment('default').push([element]);
}

function recommendationElement(doc: Y.Doc, id: string): Y.XmlElement {
  const found = doc
    .getXmlFragment('default')
    .toArray()
    .find((node) => node instanceof Y.XmlElement && node.getAttribute('id') === id);
  if (!(found instanceof Y.XmlElement)) throw new Error(`no recommendation ${id}`);
  return found;
}

function statementText(doc: Y.Doc, id: string): Y.XmlText {
  return (recommendationElement(doc, id).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

interface Setting {
  fixture: WorkshopFixture;
  briefId: string;
  briefDocumentId: string;
  groups: Group[];
  member: (index: number) => Promise<Y.Doc>;
  /** The participant id of the member last opened for group `index`. */
  memberId: (index: number) => string;
}

async function setting(): Promise<Setting> {
  const fixture = await createWorkshop(server, 2);
  const brief = await api<{ id: string; documentId: string }>(
    server,
    'POST',
    `/api/workshops/${fixture.workshop.id}/briefs`,
    {
      token: fixture.facilitatorToken,
      body: { title: 'Plenary brief' },
    },
  );
  const memberIds = new Map<number, string>();
  return {
    fixture,
    briefId: brief.body.id,
    briefDocumentId: brief.body.documentId,
    groups: fixture.groups,
    memberId: (index) => memberIds.get(index) ?? '',
    async member(index) {
      const group = fixture.groups[index] as Group;
      const { token, participantId } = await fixture.participant('member', `Member ${index + 1}`, group.id);
      memberIds.set(index, participantId);
      const client = createProvider(server.wsUrl, group.documentId, { token });
      await waitSynced(client);
      return client.doc;
    },
  };
}

const path = (s: Setting, rest: string) => `/api/workshops/${s.fixture.workshop.id}/briefs/${s.briefId}${rest}`;

async function status(s: Setting): Promise<BriefStatus> {
  const reply = await api<BriefStatus>(server, 'GET', path(s, '/status'), { token: s.fixture.facilitatorToken });
  expect(reply.status).toBe(200);
  return reply.body;
}

const statuses = async (s: Setting) => (await status(s)).changes.map((c) => `${c.groupName}:${c.status}`);

async function importFrom(s: Setting, group: number, ids: string[]) {
  return api<ImportResult>(server, 'POST', path(s, '/imports'), {
    token: s.fixture.facilitatorToken,
    body: { documentId: s.groups[group]?.documentId, recommendationIds: ids },
  });
}

describe('importing into a brief', () => {
  /** Top-level blocks of a Yjs document: "# heading", a recommendation's source id, or "p". */
  function outline(doc: Y.Doc): string[] {
    return doc
      .getXmlFragment('default')
      .toArray()
      .map((node) => {
        if (!(node instanceof Y.XmlElement)) return '?';
        if (node.nodeName === 'heading') return `# ${node.toString().replace(/<[^>]+>/g, '')}`;
        if (node.nodeName !== 'recommendation') return node.nodeName;
        const sources = node.getAttribute('sources') as unknown;
        const list = typeof sources === 'string' ? JSON.parse(sources) : sources;
        return String((list as Array<{ recommendationId: string }>)[0]?.recommendationId);
      });
  }

  it('files sections in the workshop’s audience order and by priority, before the rapporteurs’ closing text, and numbers them so', async () => {
    const s = await setting();
    const [parliament, , , judiciary] = s.fixture.workshop.audiences;
    const group1 = await s.member(0);
    addRecommendation(group1, 'jud-low', 'Hear cases within a year.', { audiences: [judiciary], priority: 'low' });
    addRecommendation(group1, 'no-audience', 'Meet again in March.');
    addRecommendation(group1, 'parl', 'Amend the 2018 Act.', { audiences: [parliament], priority: 'medium' });
    addRecommendation(group1, 'jud-high', 'Train judges.', { audiences: [judiciary], priority: 'high' });
    const brief = createProvider(server.wsUrl, s.briefDocumentId, { token: s.fixture.facilitatorToken });
    await waitSynced(brief);
    const closing = new Y.XmlElement('heading');
    closing.setAttribute('level', 2 as unknown as string);
    closing.insert(0, [new Y.XmlText('Next steps')]);
    const plan = new Y.XmlElement('paragraph');
    plan.insert(0, [new Y.XmlText('Meet the provincial assemblies in March.')]);
    brief.doc.getXmlFragment('default').push([closing, plan]);
    // The server has the closing heading before the import asks where to file.
    const exported = async () =>
      (
        await fetch(`${server.httpUrl}/api/documents/${s.briefDocumentId}/export?format=md`, {
          headers: { authorization: `Bearer ${s.fixture.facilitatorToken}` },
        })
      ).text();
    await expect.poll(exported).toContain('Next steps');

    const ids = ['jud-low', 'no-audience', 'parl', 'jud-high'];
    await expect.poll(async () => (await importFrom(s, 0, ids)).status).toBe(201);
    await expect
      .poll(() => outline(brief.doc).slice(3))
      .toEqual([
        '# Recommendations',
        'paragraph',
        `# ${parliament}`,
        'parl',
        `# ${judiciary}`,
        'jud-high',
        'jud-low',
        '# Other recommendations',
        'no-audience',
        '# Next steps',
        'paragraph',
      ]);
    // The changes report numbers them as their cards and the exports do: in reading order.
    const numbers = (await status(s)).changes.map((change) => [change.sourceRecommendationId, change.number]);
    expect(numbers).toEqual([
      ['parl', 1],
      ['jud-high', 2],
      ['jud-low', 3],
      ['no-audience', 4],
    ]);
  });
});

describe('the changed-at-source report, with members editing group drafts through the server', () => {
  it('stays "unchanged" until a member really edits the source, then shows the three-way diff', async () => {
    const s = await setting();
    const group1 = await s.member(0);
    addRecommendation(group1, 'g1-r1', 'Train judges on the 2018 Act.', { priority: 'high' });
    await expect.poll(async () => (await importFrom(s, 0, ['g1-r1'])).status).toBe(201);
    expect(await statuses(s)).toEqual(['Group 1:unchanged']);

    // Endorsing and re-setting an attribute to the same value change nothing a reader would notice.
    group1.getMap('endorsements').set(`g1-r1/${s.memberId(0)}`, { name: 'Member' });
    recommendationElement(group1, 'g1-r1').setAttribute('priority', 'high');
    await expect.poll(async () => (await status(s)).positions[0]?.endorsementCount).toBe(1);
    expect(await statuses(s)).toEqual(['Group 1:unchanged']);

    statementText(group1, 'g1-r1').insert(0, 'Within six months, ');
    await expect.poll(() => statuses(s)).toEqual(['Group 1:changed']);
    const change = (await status(s)).changes[0];
    expect(change?.currentText).toBe('Within six months, Train judges on the 2018 Act.');
    expect(change?.sourceDiff).toContainEqual({ kind: 'insert', text: expect.stringContaining('Within six months,') });
    expect(change?.importedText).toBe('Train judges on the 2018 Act.');

    // A change of a field alone is a change too.
    const pulled = await api(server, 'POST', path(s, '/source-actions'), {
      token: s.fixture.facilitatorToken,
      body: { recommendationId: change?.recommendationId, sourceIndex: 0, action: 'pull' },
    });
    expect(pulled.status).toBe(204);
    expect(await statuses(s)).toEqual(['Group 1:unchanged']);
    expect((await status(s)).changes[0]?.briefText).toBe('Within six months, Train judges on the 2018 Act.');
    recommendationElement(group1, 'g1-r1').setAttribute('priority', 'low');
    await expect.poll(() => statuses(s)).toEqual(['Group 1:changed']);
  });

  it('after "keep the brief’s text", shows only what the group changed since, and a pull leaves what was kept', async () => {
    const s = await setting();
    const group1 = await s.member(0);
    addRecommendation(group1, 'g1-r1', 'Train judges.', { priority: 'high' });
    await expect.poll(async () => (await importFrom(s, 0, ['g1-r1'])).status).toBe(201);
    statementText(group1, 'g1-r1').insert('Train judges'.length, ' every year');
    recommendationElement(group1, 'g1-r1').setAttribute('priority', 'low');
    await expect.poll(() => statuses(s)).toEqual(['Group 1:changed']);
    const first = (await status(s)).changes[0];
    const act = (action: 'pull' | 'dismiss') =>
      api(server, 'POST', path(s, '/source-actions'), {
        token: s.fixture.facilitatorToken,
        body: { recommendationId: first?.recommendationId, sourceIndex: 0, action },
      });
    expect((await act('dismiss')).status).toBe(204);
    expect(await statuses(s)).toEqual(['Group 1:unchanged']);

    statementText(group1, 'g1-r1').insert('Train judges every year'.length, ' in trafficking law');
    await expect.poll(() => statuses(s)).toEqual(['Group 1:changed']);
    const second = (await status(s)).changes[0];
    const inserted = second?.sourceDiff
      .filter((part) => part.kind === 'insert')
      .map((part) => part.text)
      .join('');
    expect(inserted).toContain('in trafficking law');
    expect(inserted, 'the change already kept').not.toContain('every');
    expect(second?.sourceFields, 'the priority change was kept already').toEqual([]);
    // What the rapporteur kept over is the brief's own side now: a pull would take the group's
    // whole text, so the two are flagged as conflicting.
    const withheld = second?.briefDiff
      .filter((part) => part.kind === 'delete')
      .map((part) => part.text)
      .join('');
    expect(withheld).toContain('every');
    expect(second?.briefFields).toEqual([{ field: 'priority', before: 'low', after: 'high' }]);
    expect(second?.conflicting).toBe(true);

    expect((await act('pull')).status).toBe(204);
    const pulled = (await status(s)).changes[0];
    expect(pulled?.briefText).toBe('Train judges every year in trafficking law.');
    // The priority the rapporteur kept stays the brief's own, now set against the group's.
    expect(pulled?.briefFields).toEqual([{ field: 'priority', before: 'low', after: 'high' }]);
  });

  it('shows the fields each side changed; a pull takes the fields the group changed and keeps the brief’s own', async () => {
    const s = await setting();
    const group1 = await s.member(0);
    addRecommendation(group1, 'g1-r1', 'Train judges on the 2018 Act.', { priority: 'high', responsibleBody: 'FIA' });
    await expect.poll(async () => (await importFrom(s, 0, ['g1-r1'])).status).toBe(201);
    const briefRecommendationId = (await status(s)).changes[0]?.recommendationId ?? '';
    const brief = createProvider(server.wsUrl, s.briefDocumentId, { token: s.fixture.facilitatorToken });
    await waitSynced(brief);

    // The rapporteur makes the responsible body precise; the group lowers the priority.
    recommendationElement(brief.doc, briefRecommendationId).setAttribute('responsibleBody', 'FIA Director General');
    recommendationElement(group1, 'g1-r1').setAttribute('priority', 'medium');
    await expect.poll(() => statuses(s)).toEqual(['Group 1:changed']);
    await expect
      .poll(async () => (await status(s)).changes[0]?.briefFields)
      .toEqual([{ field: 'responsibleBody', before: 'FIA', after: 'FIA Director General' }]);
    const change = (await status(s)).changes[0];
    expect(change?.sourceFields).toEqual([{ field: 'priority', before: 'high', after: 'medium' }]);
    expect(change?.conflicting).toBe(false);

    const pulled = await api(server, 'POST', path(s, '/source-actions'), {
      token: s.fixture.facilitatorToken,
      body: { recommendationId: briefRecommendationId, sourceIndex: 0, action: 'pull' },
    });
    expect(pulled.status).toBe(204);
    await expect
      .poll(() => {
        const pulledElement = recommendationElement(brief.doc, briefRecommendationId);
        return [pulledElement.getAttribute('priority'), pulledElement.getAttribute('responsibleBody')];
      })
      .toEqual(['medium', 'FIA Director General']);
    expect(await statuses(s)).toEqual(['Group 1:unchanged']);

    // Both sides changing the same field to different values is a conflict the panel warns of.
    recommendationElement(brief.doc, briefRecommendationId).setAttribute('priority', 'high');
    recommendationElement(group1, 'g1-r1').setAttribute('priority', 'low');
    await expect.poll(async () => (await status(s)).changes[0]?.conflicting).toBe(true);
  });

  it('reports a deleted source as removed, and counts changes per brief on the dashboard', async () => {
    const s = await setting();
    const group1 = await s.member(0);
    const group2 = await s.member(1);
    addRecommendation(group1, 'g1-r1', 'Fund shelters.');
    addRecommendation(group2, 'g2-r1', 'Open a victims’ hotline.');
    await expect.poll(async () => (await importFrom(s, 0, ['g1-r1'])).status).toBe(201);
    await expect.poll(async () => (await importFrom(s, 1, ['g2-r1'])).status).toBe(201);

    statementText(group2, 'g2-r1').insert(0, 'Fund and ');
    const fragment = group1.getXmlFragment('default');
    fragment.delete(fragment.toArray().indexOf(recommendationElement(group1, 'g1-r1')), 1);
    await expect.poll(() => statuses(s)).toEqual(['Group 1:removed', 'Group 2:changed']);

    const dashboard = await api<{ briefs: Array<{ briefId: string; changedAtSource: number }> }>(
      server,
      'GET',
      `/api/workshops/${s.fixture.workshop.id}/dashboard`,
      { token: s.fixture.facilitatorToken },
    );
    expect(dashboard.body.briefs).toEqual([expect.objectContaining({ briefId: s.briefId, changedAtSource: 1 })]);

    // The rapporteur keeps the removed one in the brief: it stays "removed", noted, and a pull
    // (there is nothing to pull) is still refused.
    const removed = (await status(s)).changes.find((change) => change.status === 'removed');
    const act = (action: 'pull' | 'dismiss') =>
      api(server, 'POST', path(s, '/source-actions'), {
        token: s.fixture.facilitatorToken,
        body: { recommendationId: removed?.recommendationId, sourceIndex: 0, action },
      });
    expect((await act('pull')).status).toBe(410);
    expect((await status(s)).changes.find((change) => change.status === 'removed')?.noted).toBe(false);
    expect((await act('dismiss')).status).toBe(204);
    const after = (await status(s)).changes.find((change) => change.status === 'removed');
    expect(after).toMatchObject({ groupName: 'Group 1', noted: true, groupDeleted: false });
  });

  it('keeps watching every source of a merged recommendation, and a split brings the originals back', async () => {
    const s = await setting();
    const group1 = await s.member(0);
    const group2 = await s.member(1);
    addRecommendation(group1, 'g1-r1', 'Train judges.', { audiences: ['Judiciary'] });
    addRecommendation(group2, 'g2-r1', 'Train prosecutors.');
    await expect.poll(async () => (await importFrom(s, 0, ['g1-r1'])).status).toBe(201);
    await expect.poll(async () => (await importFrom(s, 1, ['g2-r1'])).status).toBe(201);
    const ids = (await status(s)).changes.map((c) => c.recommendationId);

    const merged = await api<{ recommendationId: string }>(server, 'POST', path(s, '/merge'), {
      token: s.fixture.facilitatorToken,
      body: { recommendationIds: ids, statement: 'Train judges and prosecutors together.' },
    });
    expect(merged.status).toBe(201);
    const afterMerge = await status(s);
    expect(afterMerge.changes.map((c) => [c.recommendationId, c.groupName])).toEqual([
      [merged.body.recommendationId, 'Group 1'],
      [merged.body.recommendationId, 'Group 2'],
    ]);

    statementText(group2, 'g2-r1').insert(0, 'Regularly ');
    await expect.poll(() => statuses(s)).toEqual(['Group 1:unchanged', 'Group 2:changed']);
    // A merged text is the rapporteurs' own: pulling one group's version over it is refused.
    const pull = await api(server, 'POST', path(s, '/source-actions'), {
      token: s.fixture.facilitatorToken,
      body: { recommendationId: merged.body.recommendationId, sourceIndex: 1, action: 'pull' },
    });
    expect(pull.status).toBe(409);

    const split = await api<{ recommendationIds: string[] }>(server, 'POST', path(s, '/split'), {
      token: s.fixture.facilitatorToken,
      body: { recommendationId: merged.body.recommendationId },
    });
    expect(split.body.recommendationIds).toEqual(ids);
    expect((await status(s)).changes.map((c) => c.briefText)).toEqual(['Train judges.', 'Train prosecutors.']);
  });

  it('refuses a list that names one recommendation twice (import or merge) and changes nothing', async () => {
    const s = await setting();
    const group1 = await s.member(0);
    addRecommendation(group1, 'g1-r1', 'Fund shelters.');
    addRecommendation(group1, 'g1-r2', 'Train judges.');
    const twice = await importFrom(s, 0, ['g1-r1', 'g1-r1']);
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ error: { code: 'invalid_request' } });
    await expect.poll(async () => (await importFrom(s, 0, ['g1-r1', 'g1-r2'])).status).toBe(201);
    const before = (await status(s)).changes.map((c) => [c.recommendationId, c.briefText]);
    expect(before).toHaveLength(2);
    const [first] = before[0] as [string, string];
    // Merging a recommendation with itself used to delete it and its neighbour.
    const merge = await api(server, 'POST', path(s, '/merge'), {
      token: s.fixture.facilitatorToken,
      body: { recommendationIds: [first, first], statement: 'Fund shelters, twice.' },
    });
    expect(merge.status).toBe(400);
    expect(merge.body).toMatchObject({ error: { code: 'invalid_request' } });
    expect((await status(s)).changes.map((c) => [c.recommendationId, c.briefText])).toEqual(before);
  });

  it('refuses a second import of the same recommendation and a source from another workshop', async () => {
    const s = await setting();
    const other = await setting();
    const group1 = await s.member(0);
    addRecommendation(group1, 'g1-r1', 'Fund shelters.');
    await expect.poll(async () => (await importFrom(s, 0, ['g1-r1'])).status).toBe(201);
    const again = await importFrom(s, 0, ['g1-r1']);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'already_imported' } });

    const foreign = await api(server, 'POST', path(other, '/imports'), {
      token: other.fixture.facilitatorToken,
      body: { documentId: s.groups[0]?.documentId, recommendationIds: ['g1-r1'] },
    });
    expect(foreign.status).toBe(404);
  });

  it('lets rapporteurs compose but not members or readers', async () => {
    const s = await setting();
    const { token: member } = await s.fixture.participant('member', 'M', s.groups[0]?.id);
    const { token: rapporteur } = await s.fixture.participant('rapporteur', 'R');
    expect((await api(server, 'GET', path(s, '/status'), { token: member })).status).toBe(403);
    expect((await api(server, 'GET', path(s, '/status'), { token: rapporteur })).status).toBe(200);
  });
});
