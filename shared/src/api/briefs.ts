import { z } from 'zod';
import { STANCES } from '../domain/recommendationFields';
import { typedText } from './typedText';
import { ChangedField } from './versions';
import { DocumentId, EntityId } from './workshops';

const RecommendationId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a recommendation id');

/** A list naming one recommendation twice would import it twice, or merge it with itself. */
const distinct = (ids: readonly string[]) => new Set(ids).size === ids.length;
const NAMED_TWICE = 'names the same recommendation twice';

/** Import recommendations of one group's draft into a brief. */
export const ImportBody = z.strictObject({
  documentId: DocumentId,
  recommendationIds: z.array(RecommendationId).min(1).max(200).refine(distinct, NAMED_TWICE),
});
export type ImportBody = z.infer<typeof ImportBody>;

export const ImportResult = z.object({
  imported: z.array(z.object({ sourceRecommendationId: z.string(), briefRecommendationId: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

/** Merge brief recommendations into one, with the rapporteur's wording (paragraphs separated by blank lines). */
export const MergeBody = z.strictObject({
  recommendationIds: z.array(RecommendationId).min(2).max(20).refine(distinct, NAMED_TWICE),
  statement: typedText(10_000, { multiline: true }),
});
export type MergeBody = z.infer<typeof MergeBody>;

export const SplitBody = z.strictObject({ recommendationId: RecommendationId });
export type SplitBody = z.infer<typeof SplitBody>;

/** Pull a changed source into the brief, or keep the brief's text until the next change. */
export const SourceActionBody = z.strictObject({
  recommendationId: RecommendationId,
  sourceIndex: z.number().int().min(0),
  action: z.enum(['pull', 'dismiss']),
});
export type SourceActionBody = z.infer<typeof SourceActionBody>;

const DiffPart = z.object({ kind: z.enum(['equal', 'insert', 'delete']), text: z.string() });

/** One source of one brief recommendation, checked against the group's current draft. */
export const SourceChange = z.object({
  recommendationId: z.string().nullable(),
  number: z.number().int(),
  sourceIndex: z.number().int(),
  groupId: z.string(),
  groupName: z.string(),
  sourceDocumentId: z.string(),
  sourceRecommendationId: z.string(),
  status: z.enum(['unchanged', 'changed', 'removed', 'foreign']),
  /** Three-way view for a changed source, from the text the rapporteurs last imported, pulled or kept over. */
  importedText: z.string(),
  currentText: z.string().nullable(),
  briefText: z.string(),
  sourceDiff: z.array(DiffPart),
  briefDiff: z.array(DiffPart),
  /** Fields the group changed since then, and fields where the brief differs from it. */
  sourceFields: z.array(ChangedField),
  briefFields: z.array(ChangedField),
  /** Both changed the text, or the same field to different values. */
  conflicting: z.boolean(),
  /** A removed source the rapporteurs chose to keep in the brief: nothing more to decide. */
  noted: z.boolean(),
  /** Removed because its whole group was deleted, not because the group removed the recommendation. */
  groupDeleted: z.boolean(),
});
export type SourceChange = z.infer<typeof SourceChange>;

/** A brief's recommendations with their provenance, and how many sources changed. */
export const BriefStatus = z.object({
  briefId: EntityId,
  documentId: z.string(),
  changes: z.array(SourceChange),
  changedCount: z.number().int(),
  /** "23 of 31 recommendations used": group recommendations imported into this brief. */
  coverage: z.object({ used: z.number().int(), total: z.number().int() }),
  /** Source keys (`<documentId>#<recommendationId>`) already in the brief, for "in the brief" marks. */
  importedKeys: z.array(z.string()),
  positions: z.array(
    z.object({
      recommendationId: z.string().nullable(),
      sourceIndex: z.number().int(),
      endorsementCount: z.number().int(),
      stances: z.record(z.enum(STANCES), z.number()),
    }),
  ),
});
export type BriefStatus = z.infer<typeof BriefStatus>;

/** A frozen, numbered publication of a brief, readable by anyone with its link. */
export const Publication = z.object({
  slug: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  publishedAt: z.iso.datetime(),
  publishedBy: z.string(),
  /** `/p/<slug>/v/<version>`; `/p/<slug>` always shows the newest version. */
  path: z.string(),
});
export type Publication = z.infer<typeof Publication>;
