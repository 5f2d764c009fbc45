import type { Brief, BriefStatus, ImportResult, Publication, RecommendationItem, Version } from '@plenary/shared/api';
import { expect } from 'vitest';
import { openDraftWriter, type SeedRecommendation } from './groupRecommendations';
import type { ServerProcess } from './serverProcess';
import { api, type WorkshopFixture } from './workshopFixture';

/** Two recommendations a group writes in its draft; the brief composer's raw material. */
export const GROUP_RECOMMENDATIONS: SeedRecommendation[] = [
  { id: 'g1-train-judges', text: 'Train judges on the 2018 Act.', audiences: ['Judiciary'], priority: 'high' },
  { id: 'g1-fund-shelters', text: 'Fund shelters in every province.', audiences: ['Judiciary'] },
];

/**
 * How far `prepareBrief` takes a brief: 'drafted' writes the group's recommendations; every later
 * stage also imports them, then does its one more thing.
 */
export type BriefStage = 'drafted' | 'imported' | 'changed' | 'merged' | 'published' | 'versioned';

/** Ids a composer call refers to, as `prepareBrief` left them. */
export interface BriefContent {
  /** Recommendations in group 1's draft. */
  draftRecommendationIds: string[];
  /** Their copies in the brief, once imported. */
  briefRecommendationIds: string[];
  /** The recommendation the merge made. */
  mergedId: string;
  /** The version named in group 1's draft and in the brief ('versioned'). */
  versionIds: { draft: string; brief: string };
}

/** Well-formed ids that name nothing: what a call's body holds when nothing was prepared. */
export const NO_CONTENT: BriefContent = {
  draftRecommendationIds: ['no-such-recommendation-1', 'no-such-recommendation-2'],
  briefRecommendationIds: ['no-such-recommendation-1', 'no-such-recommendation-2'],
  mergedId: 'no-such-recommendation-1',
  versionIds: { draft: 'no-such-version', brief: 'no-such-version' },
};

/** The name `prepareBrief('versioned')` gives its versions. */
export const VERSION_NAME = 'End of breakout';

/** Text `prepareBrief('changed')` adds to the first recommendation in the group's draft. */
export const SOURCE_EDIT = 'Within six months, ';

const briefPath = (fixture: WorkshopFixture, brief: Pick<Brief, 'id'>, rest: string) =>
  `/api/workshops/${fixture.workshop.id}/briefs/${brief.id}${rest}`;

/**
 * Writes `recommendations` into draft `documentId` through a stock WebsocketProvider, as the
 * operator, and waits until the server's recommendation list has them all.
 */
export async function writeRecommendations(
  server: ServerProcess,
  fixture: WorkshopFixture,
  documentId: string,
  recommendations: SeedRecommendation[],
  edit?: (writer: Awaited<ReturnType<typeof openDraftWriter>>) => void,
): Promise<void> {
  const writer = await openDraftWriter(server.wsUrl, documentId, fixture.facilitatorToken);
  try {
    for (const recommendation of recommendations) writer.add(recommendation);
    edit?.(writer);
    await expect
      .poll(async () => {
        const listed = await api<RecommendationItem[]>(
          server,
          'GET',
          `/api/workshops/${fixture.workshop.id}/recommendations`,
          { token: fixture.facilitatorToken },
        );
        return listed.body.map((item) => item.id);
      })
      .toEqual(expect.arrayContaining(recommendations.map((r) => r.id)));
  } finally {
    writer.client.destroy();
  }
}

/** Imports recommendations of draft `documentId` into the brief; the brief's ids of the copies. */
export async function importIntoBrief(
  server: ServerProcess,
  fixture: WorkshopFixture,
  brief: Pick<Brief, 'id'>,
  documentId: string,
  recommendationIds: string[],
): Promise<string[]> {
  const reply = await api<ImportResult>(server, 'POST', briefPath(fixture, brief, '/imports'), {
    token: fixture.facilitatorToken,
    body: { documentId, recommendationIds },
  });
  if (reply.status !== 201) throw new Error(`import: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.imported.map((item) => item.briefRecommendationId);
}

/** The brief's provenance report, as its operator sees it. */
export async function briefStatus(
  server: ServerProcess,
  fixture: WorkshopFixture,
  brief: Pick<Brief, 'id'>,
): Promise<BriefStatus> {
  const reply = await api<BriefStatus>(server, 'GET', briefPath(fixture, brief, '/status'), {
    token: fixture.facilitatorToken,
  });
  if (reply.status !== 200) throw new Error(`status: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/**
 * Takes a fresh brief of `fixture` to `stage` through the public API: group 1 writes
 * GROUP_RECOMMENDATIONS and the brief imports both; then group 1 edits the first ('changed'), the
 * brief merges both ('merged'), or the brief is published once ('published'), or the draft and the
 * brief each get a named version, after which group 1 edits the first recommendation ('versioned').
 */
export async function prepareBrief(
  server: ServerProcess,
  fixture: WorkshopFixture,
  brief: Pick<Brief, 'id' | 'documentId'>,
  stage: BriefStage,
): Promise<BriefContent> {
  const draft = fixture.draft(0);
  const draftRecommendationIds = GROUP_RECOMMENDATIONS.map((r) => r.id);
  await writeRecommendations(server, fixture, draft, GROUP_RECOMMENDATIONS);
  const content: BriefContent = { ...NO_CONTENT, draftRecommendationIds };
  if (stage === 'drafted') return content;

  content.briefRecommendationIds = await importIntoBrief(server, fixture, brief, draft, draftRecommendationIds);
  if (stage === 'versioned') {
    content.versionIds = {
      draft: await nameVersion(server, fixture, draft, VERSION_NAME),
      brief: await nameVersion(server, fixture, brief.documentId, VERSION_NAME),
    };
  }
  if (stage === 'changed' || stage === 'versioned') {
    const [first] = GROUP_RECOMMENDATIONS;
    if (!first) throw new Error('no recommendation to edit');
    await writeRecommendations(server, fixture, draft, [], (writer) => writer.insertText(first.id, '', SOURCE_EDIT));
    await expect.poll(async () => (await briefStatus(server, fixture, brief)).changedCount).toBe(1);
  }
  if (stage === 'merged') {
    const merged = await api<{ recommendationId: string }>(server, 'POST', briefPath(fixture, brief, '/merge'), {
      token: fixture.facilitatorToken,
      body: { recommendationIds: content.briefRecommendationIds, statement: 'Train judges and fund shelters.' },
    });
    if (merged.status !== 201) throw new Error(`merge: ${merged.status} ${JSON.stringify(merged.body)}`);
    content.mergedId = merged.body.recommendationId;
  }
  if (stage === 'published') {
    const published = await api<Publication>(server, 'POST', briefPath(fixture, brief, '/publications'), {
      token: fixture.facilitatorToken,
    });
    if (published.status !== 201) throw new Error(`publish: ${published.status} ${JSON.stringify(published.body)}`);
  }
  return content;
}

/** Names a version of document `documentId` as the operator; its id. */
export async function nameVersion(
  server: ServerProcess,
  fixture: WorkshopFixture,
  documentId: string,
  name: string,
): Promise<string> {
  const reply = await api<Version>(server, 'POST', `/api/documents/${documentId}/versions`, {
    token: fixture.facilitatorToken,
    body: { name },
  });
  if (reply.status !== 201) throw new Error(`name version: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}
