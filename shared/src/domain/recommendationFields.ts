/** The closed vocabularies of a recommendation's fields, and how unknown values are normalised. */

export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TIMEFRAMES = ['immediate', 'within_6_months', 'within_1_2_years', 'long_term'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const RECOMMENDATION_STATUSES = ['draft', 'agreed', 'contested'] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

export const STANCES = ['supports', 'reservations', 'opposes'] as const;
export type Stance = (typeof STANCES)[number];

/** Suggestions offered for "responsible body" (free text; the workshop may use others). */
export const RESPONSIBLE_BODY_SUGGESTIONS = [
  'FIA',
  'Ministry of Interior',
  'Ministry of Law and Justice',
  'Provincial assemblies',
  'Provincial police',
  'National Assembly',
  'Judicial academies',
  'Ministry of Human Rights',
] as const;

/** The fields of a recommendation as stored in the document (node attributes). */
export interface RecommendationFields {
  id: string | null;
  audiences: string[];
  priority: Priority | null;
  responsibleBody: string;
  timeframe: Timeframe | null;
  legalReference: string;
  status: RecommendationStatus;
}

const oneOf = <T extends string>(list: readonly T[], value: unknown): T | null =>
  typeof value === 'string' && (list as readonly string[]).includes(value) ? (value as T) : null;

const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

/** The longest responsible body and legal reference kept. */
export const MAX_RESPONSIBLE_BODY_CHARS = 200;
export const MAX_LEGAL_REFERENCE_CHARS = 300;

/**
 * Reads attributes from any source (an old client, a hand-crafted update) into valid fields:
 * unknown values become "unset" (null, empty, or the default status), never an error.
 */
export function normaliseRecommendationFields(attrs: Record<string, unknown> | undefined | null): RecommendationFields {
  const a = attrs ?? {};
  const rawAudiences = typeof a.audiences === 'string' ? safeJsonArray(a.audiences) : a.audiences;
  const audiences = Array.isArray(rawAudiences)
    ? [
        ...new Set(
          rawAudiences.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.slice(0, 80)),
        ),
      ]
    : [];
  return {
    id: typeof a.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(a.id) ? a.id : null,
    audiences,
    priority: oneOf(PRIORITIES, a.priority),
    responsibleBody: text(a.responsibleBody, MAX_RESPONSIBLE_BODY_CHARS),
    timeframe: oneOf(TIMEFRAMES, a.timeframe),
    legalReference: text(a.legalReference, MAX_LEGAL_REFERENCE_CHARS),
    status: oneOf(RECOMMENDATION_STATUSES, a.status) ?? 'draft',
  };
}

function safeJsonArray(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return [];
  }
}

/** A new recommendation id: 16 random URL-safe characters (crypto where available). */
export function newRecommendationId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let id = 'r';
  for (const byte of bytes) id += alphabet[byte & 63];
  return id;
}

/** The fields of a recommendation a comparison reports, in the order people read them. */
export const COMPARED_FIELDS = [
  'audiences',
  'priority',
  'responsibleBody',
  'timeframe',
  'legalReference',
  'status',
] as const satisfies ReadonlyArray<keyof RecommendationFields>;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** A recommendation field whose value differs; values are display-ready text ('' when unset). */
export interface FieldChange {
  field: ComparedField;
  before: string;
  after: string;
}

const fieldText = (fields: Omit<RecommendationFields, 'id'>, field: ComparedField): string => {
  const value = fields[field];
  // Audiences are a set, as the content hash treats them: ticked in another order is no change.
  return Array.isArray(value) ? [...value].sort().join(', ') : (value ?? '');
};

/** The fields that differ between two sets of a recommendation's fields, as display-ready text. */
export function recommendationFieldChanges(
  before: Omit<RecommendationFields, 'id'>,
  after: Omit<RecommendationFields, 'id'>,
): FieldChange[] {
  return COMPARED_FIELDS.map((field) => ({
    field,
    before: fieldText(before, field),
    after: fieldText(after, field),
  })).filter((change) => change.before !== change.after);
}

/** A recommendation's fields without its id: what provenance keeps and compares. */
export function fieldsWithoutId({ id: _id, ...fields }: RecommendationFields): Omit<RecommendationFields, 'id'> {
  return fields;
}
