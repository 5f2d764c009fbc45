import type { RecommendationItem } from '@plenary/shared/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDraftWriter } from '../support/groupRecommendations';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';
import { destroyAllClients } from '../support/yClients';

/** `GET /api/workshops/:id/recommendations` with every filter, over drafts members wrote live. */
describe('the recommendations list', () => {
  let server: ServerProcess;
  let workshop: WorkshopFixture;
  let memberToken: string;

  beforeAll(async () => {
    server = await startServer({ env: { SEED_DEMO: 'false' } });
    workshop = await createWorkshop(server, 2);
    const [one, two] = workshop.groups;
    if (!one || !two) throw new Error('two groups expected');
    memberToken = (await workshop.participant('member', 'Member of group 2', two.id)).token;
    const first = await openDraftWriter(server.wsUrl, one.documentId, workshop.facilitatorToken);
    const second = await openDraftWriter(server.wsUrl, two.documentId, workshop.facilitatorToken);
    first.add({
      id: 'shelters',
      text: 'Fund shelters in every district.',
      audiences: ['Policy makers'],
      priority: 'high',
      status: 'agreed',
    });
    first.add({ id: 'training', text: 'Train judges on the 2018 Act.', audiences: ['Judiciary'], priority: 'medium' });
    second.add({
      id: 'desks',
      text: 'Joint FIA desks in every province.',
      audiences: ['Law enforcement agencies (police, FIA)', 'Judiciary'],
      priority: 'high',
      status: 'contested',
    });
    second.add({ id: 'hotline', text: 'Open a victims’ HOTLINE.', audiences: [], priority: 'low' });
    await second.endorse('desks', [
      await workshop.participant('member', 'A', one.id),
      await workshop.participant('facilitator', 'B'),
    ]);
    // Wait until the server has every recommendation (expect.poll works only inside tests).
    const deadline = Date.now() + 15_000;
    while ((await list('')).length < 4) {
      if (Date.now() > deadline) throw new Error('the recommendations never reached the server');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    destroyAllClients();
    await server.stop();
  });

  async function list(query: string, token = memberToken): Promise<RecommendationItem[]> {
    const reply = await api<RecommendationItem[]>(
      server,
      'GET',
      `/api/workshops/${workshop.workshop.id}/recommendations${query}`,
      { token },
    );
    if (reply.status !== 200) throw new Error(`${reply.status}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }
  const ids = async (query: string) => (await list(query)).map((r) => r.id);

  it('lists every group’s recommendations with group, number, fields, text and endorsements', async () => {
    const all = await list('');
    expect(all.map((r) => [r.groupName, r.number, r.id])).toEqual([
      ['Group 1', 1, 'shelters'],
      ['Group 1', 2, 'training'],
      ['Group 2', 1, 'desks'],
      ['Group 2', 2, 'hotline'],
    ]);
    expect(all[2]).toMatchObject({
      priority: 'high',
      status: 'contested',
      text: 'Joint FIA desks in every province.',
      endorsementCount: 2,
    });
  });

  it('filters by group', async () => {
    expect(await ids(`?group=${workshop.groups[1]?.id}`)).toEqual(['desks', 'hotline']);
  });

  it('filters by audience, including recommendations addressed to several', async () => {
    expect(await ids(`?audience=${encodeURIComponent('Judiciary')}`)).toEqual(['training', 'desks']);
  });

  it('filters by priority and by status, and combines filters', async () => {
    expect(await ids('?priority=high')).toEqual(['shelters', 'desks']);
    expect(await ids('?status=draft')).toEqual(['training', 'hotline']);
    expect(await ids('?priority=high&status=agreed')).toEqual(['shelters']);
  });

  it('filters by text, case-insensitively', async () => {
    expect(await ids('?q=hotline')).toEqual(['hotline']);
    expect(await ids(`?q=${encodeURIComponent('2018 ACT')}`)).toEqual(['training']);
    expect(await ids('?q=nothing-matches')).toEqual([]);
  });

  it('refuses unknown filter values with a 400 naming the field', async () => {
    const reply = await api<{ error: { code: string; details: Record<string, string[]> } }>(
      server,
      'GET',
      `/api/workshops/${workshop.workshop.id}/recommendations?priority=urgent`,
      { token: memberToken },
    );
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.error.details)).toEqual(['priority']);
  });

  it('is closed to readers and to other workshops', async () => {
    const { token: reader } = await workshop.participant('reader', 'Reader');
    const asReader = await api(server, 'GET', `/api/workshops/${workshop.workshop.id}/recommendations`, {
      token: reader,
    });
    expect(asReader.status).toBe(403);
    const other = await createWorkshop(server, 1, 'Other workshop');
    const { token: outsider } = await other.participant('member', 'Outsider', other.groups[0]?.id);
    const fromOutside = await api(server, 'GET', `/api/workshops/${workshop.workshop.id}/recommendations`, {
      token: outsider,
    });
    expect(fromOutside.status).toBe(404);
  });
});
