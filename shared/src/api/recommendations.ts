import { z } from 'zod';
import { PRIORITIES, RECOMMENDATION_STATUSES, STANCES, TIMEFRAMES } from '../domain/recommendationFields';
import { EntityId } from './workshops';

/** Filters of `GET /api/workshops/:id/recommendations` (query string; every one optional). */
export const RecommendationQuery = z.object({
  group: EntityId.optional(),
  audience: z.string().max(80).optional(),
  priority: z.enum(PRIORITIES).optional(),
  status: z.enum(RECOMMENDATION_STATUSES).optional(),
  q: z.string().max(200).optional(),
});
export type RecommendationQuery = z.infer<typeof RecommendationQuery>;

const Tally = z.object({ supports: z.number(), reservations: z.number(), opposes: z.number() });

/** One recommendation of a group's draft, as the list and the composer see it. */
export const RecommendationItem = z.object({
  id: z.string().nullable(),
  number: z.number().int().positive(),
  groupId: EntityId,
  groupName: z.string(),
  documentId: z.string(),
  audiences: z.array(z.string()),
  priority: z.enum(PRIORITIES).nullable(),
  responsibleBody: z.string(),
  timeframe: z.enum(TIMEFRAMES).nullable(),
  legalReference: z.string(),
  status: z.enum(RECOMMENDATION_STATUSES),
  text: z.string(),
  contentHash: z.string(),
  empty: z.boolean(),
  endorsementCount: z.number().int().nonnegative(),
  endorsedBy: z.array(z.string()),
  positions: z.array(
    z.object({
      name: z.string(),
      organisation: z.string(),
      audience: z.string().nullable(),
      stance: z.enum(STANCES),
      reason: z.string(),
    }),
  ),
  tallyByAudience: z.record(z.string(), Tally),
});
export type RecommendationItem = z.infer<typeof RecommendationItem>;
