import type { ImportBody, ImportResult, RecommendationItem } from '@plenary/shared/api';
import { sourceKey } from '@plenary/shared/domain';
import { ApiRequestError } from '../api/http';
import { importsByDraft } from './composerModel';

/** What an import did, by source key (`<documentId>#<recommendationId>`) → the brief's recommendation id. */
export interface ImportOutcome {
  imported: Map<string, string>;
  /** Already in the brief (maybe another rapporteur imported it a moment ago): where it is. */
  already: Map<string, string>;
}

type ImportCall = (body: ImportBody) => Promise<ImportResult>;

/**
 * Imports group recommendations, one request per draft. The server refuses a request as a whole
 * when any of it is already in the brief (409 `already_imported`, with where each one is); those
 * are noted and the rest is sent again, so one duplicate never blocks the others.
 */
export async function importWithProvenance(
  items: readonly RecommendationItem[],
  callImport: ImportCall,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: new Map(), already: new Map() };
  for (const { documentId, ids } of importsByDraft(items)) {
    let remaining = ids;
    while (remaining.length > 0) {
      try {
        const result = await callImport({ documentId, recommendationIds: remaining });
        for (const { sourceRecommendationId, briefRecommendationId } of result.imported) {
          outcome.imported.set(sourceKey(documentId, sourceRecommendationId), briefRecommendationId);
        }
        break;
      } catch (error) {
        const already = alreadyImported(error);
        if (already === null) throw error;
        for (const [sourceId, briefId] of Object.entries(already)) {
          outcome.already.set(sourceKey(documentId, sourceId), briefId);
        }
        const rest = remaining.filter((id) => !(id in already));
        // A refusal that names none of what we sent would loop forever: let it surface instead.
        if (rest.length === remaining.length) throw error;
        remaining = rest;
      }
    }
  }
  return outcome;
}

/** The `{ sourceRecommendationId: briefRecommendationId }` details of a 409 `already_imported`, else null. */
function alreadyImported(error: unknown): Record<string, string> | null {
  if (!(error instanceof ApiRequestError) || error.code !== 'already_imported') return null;
  const details = error.details;
  if (typeof details !== 'object' || details === null) return null;
  const entries = Object.entries(details).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return Object.fromEntries(entries);
}
