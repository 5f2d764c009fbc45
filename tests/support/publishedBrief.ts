import type { Brief, Publication } from '@plenary/shared/api';
import { vi } from 'vitest';
import { openDraftWriter, type SeedRecommendation } from './groupRecommendations';
import type { ServerProcess } from './serverProcess';
import { api, type WorkshopFixture } from './workshopFixture';

/**
 * Group `groupIndex` writes `recommendations`; a brief imports all of them and is published once.
 * For tests that need every kind of page to exist (a brief, the composer, a public page).
 */
export async function seedPublishedBrief(
  server: ServerProcess,
  workshop: WorkshopFixture,
  groupIndex: number,
  recommendations: SeedRecommendation[],
): Promise<{ brief: Brief; publicPath: string }> {
  const w = workshop.workshop.id;
  const token = workshop.facilitatorToken;
  const documentId = workshop.draft(groupIndex);
  const writer = await openDraftWriter(server.wsUrl, documentId, token);
  for (const recommendation of recommendations) writer.add(recommendation);
  const brief = (
    await api<Brief>(server, 'POST', `/api/workshops/${w}/briefs`, { token, body: { title: 'Plenary brief' } })
  ).body;
  // The import succeeds once the server holds the writer's recommendations.
  await vi.waitFor(
    async () => {
      const imported = await api(server, 'POST', `/api/workshops/${w}/briefs/${brief.id}/imports`, {
        token,
        body: { documentId, recommendationIds: recommendations.map((recommendation) => recommendation.id) },
      });
      if (imported.status !== 201) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`);
    },
    { timeout: 10_000, interval: 100 },
  );
  const published = await api<Publication>(server, 'POST', `/api/workshops/${w}/briefs/${brief.id}/publications`, {
    token,
  });
  if (published.status !== 201) throw new Error(`publish: ${published.status}`);
  return { brief, publicPath: published.body.path };
}
