import { z } from 'zod';
import { COMPARED_FIELDS } from '../domain/recommendationFields';
import { typedText } from './typedText';
import { EntityId } from './workshops';

/** A recommendation field whose value differs, as display-ready text ('' when unset). */
export const ChangedField = z.object({ field: z.enum(COMPARED_FIELDS), before: z.string(), after: z.string() });

/** A saved state of a draft or brief: automatic (every few minutes of editing) or named by someone. */
export const Version = z.object({
  id: EntityId,
  documentId: z.string(),
  kind: z.enum(['auto', 'named']),
  /** null for an automatic version. */
  name: z.string().nullable(),
  /** Display name of who named it; null for an automatic version. */
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** Bytes the stored state takes. */
  bytes: z.number().int().nonnegative(),
});
export type Version = z.infer<typeof Version>;

export const VersionList = z.object({ versions: z.array(Version) });
export type VersionList = z.infer<typeof VersionList>;

export const CreateVersionBody = z.strictObject({
  name: typedText(120),
});
export type CreateVersionBody = z.infer<typeof CreateVersionBody>;

/** One version's content as ProseMirror JSON, for the read-only view. */
export const VersionContent = z.object({
  version: Version,
  content: z.record(z.string(), z.unknown()),
});
export type VersionContent = z.infer<typeof VersionContent>;

/** `?from=<version id>&to=<version id | now>` (`to` defaults to now). */
export const CompareQuery = z.object({
  from: EntityId,
  to: z.union([z.literal('now'), EntityId]).default('now'),
});
export type CompareQuery = z.infer<typeof CompareQuery>;

const DiffPartSchema = z.object({ kind: z.enum(['equal', 'insert', 'delete']), text: z.string() });

export const VersionComparison = z.object({
  from: Version,
  /** null when comparing with the document as it is now. */
  to: Version.nullable(),
  blocks: z.array(
    z.object({
      change: z.enum(['unchanged', 'inserted', 'deleted', 'changed']),
      type: z.string(),
      level: z.number().int().nullable(),
      recommendationId: z.string().nullable(),
      /** A recommendation's number in the later text (a removed one's: in the earlier text). */
      number: z.number().int().positive().nullable(),
      /** Its number in the earlier text, when that was different. */
      numberBefore: z.number().int().positive().nullable(),
      /** A recommendation that moved past other blocks: shown once, where it is now. */
      moved: z.boolean(),
      text: z.array(DiffPartSchema),
      fields: z.array(ChangedField),
    }),
  ),
  counts: z.object({
    inserted: z.number().int().nonnegative(),
    deleted: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    moved: z.number().int().nonnegative(),
  }),
});
export type VersionComparison = z.infer<typeof VersionComparison>;

/** After a restore: the version restored and the safety version taken just before it. */
export const RestoreResult = z.object({ restored: Version, before: Version });
export type RestoreResult = z.infer<typeof RestoreResult>;
