import {
  BriefStatus,
  type ImportBody,
  ImportResult,
  type MergeBody,
  Publication,
  RecommendationItem,
  type SourceActionBody,
} from '@plenary/shared/api';
import { z } from 'zod';
import { apiRequest } from './http';

const workshopBase = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`;
const briefBase = (workshopId: string, briefId: string) =>
  `${workshopBase(workshopId)}/briefs/${encodeURIComponent(briefId)}`;

const RecommendationList = z.array(RecommendationItem);
const MergeResult = z.object({ recommendationId: z.string() });
const SplitResult = z.object({ recommendationIds: z.array(z.string()) });

/** Every group's recommendations in the workshop (the composer filters them itself, as one types). */
export const listRecommendations = (workshopId: string) =>
  apiRequest('GET', `${workshopBase(workshopId)}/recommendations`, RecommendationList);

/** The brief's provenance checks: which sources changed or were removed, coverage, what is in it. */
export const getBriefStatus = (workshopId: string, briefId: string) =>
  apiRequest('GET', `${briefBase(workshopId, briefId)}/status`, BriefStatus);

/**
 * Copies recommendations of one group's draft into the brief. A 409 `already_imported` carries
 * `{ sourceRecommendationId: briefRecommendationId }` for the ones that are there already.
 */
export const importRecommendations = (workshopId: string, briefId: string, body: ImportBody) =>
  apiRequest('POST', `${briefBase(workshopId, briefId)}/imports`, ImportResult, body);

/** Merges brief recommendations into one with the rapporteur's wording. */
export const mergeRecommendations = (workshopId: string, briefId: string, body: MergeBody) =>
  apiRequest('POST', `${briefBase(workshopId, briefId)}/merge`, MergeResult, body);

/** Splits a merged recommendation back into its originals. */
export const splitRecommendation = (workshopId: string, briefId: string, recommendationId: string) =>
  apiRequest('POST', `${briefBase(workshopId, briefId)}/split`, SplitResult, { recommendationId });

/** Pulls a changed source into the brief, or keeps the brief's text until the group changes it again. */
export const actOnSource = (workshopId: string, briefId: string, body: SourceActionBody) =>
  apiRequest('POST', `${briefBase(workshopId, briefId)}/source-actions`, null, body);

/** Publishes the brief as it is now: a new immutable version with a public link. */
export const publishBrief = (workshopId: string, briefId: string) =>
  apiRequest('POST', `${briefBase(workshopId, briefId)}/publications`, Publication);
