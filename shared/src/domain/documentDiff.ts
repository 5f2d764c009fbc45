import type { JSONContent } from '@tiptap/core';
import { readingOrderNumbers } from './provenance';
import {
  type FieldChange,
  normaliseRecommendationFields,
  type RecommendationFields,
  recommendationFieldChanges,
} from './recommendationFields';
import { plainText } from './recommendations';
import { type DiffPart, diffWords } from './textDiff';

/** One top-level block of the comparison. */
export interface BlockDiff {
  change: 'unchanged' | 'inserted' | 'deleted' | 'changed';
  /** The block's node type (paragraph, heading, bulletList, recommendation, …). */
  type: string;
  /** A heading's level, else null. */
  level: number | null;
  recommendationId: string | null;
  /**
   * Recommendations only: the number it shows in the later document (a removed one: in the earlier
   * one), and the number it had before when that differs, as readers quote them ("recommendation 4").
   */
  number: number | null;
  numberBefore: number | null;
  /** A recommendation that moved past other blocks (shown once, where it is now). */
  moved: boolean;
  /** Word diff of the block's plain text (all equal, all inserted or all deleted where that applies). */
  text: DiffPart[];
  /** Recommendations only: fields that differ. */
  fields: FieldChange[];
}

export interface DocumentDiff {
  blocks: BlockDiff[];
  /** How many blocks were inserted, deleted or changed, and how many recommendations moved. */
  counts: { inserted: number; deleted: number; changed: number; moved: number };
}

/** Past this many blocks on either side, blocks are aligned by position only (no quadratic table). */
const MAX_ALIGNED_BLOCKS = 3000;

interface Block {
  node: JSONContent;
  key: string;
  text: string;
  recommendationId: string | null;
  fields: RecommendationFields | null;
  /** The recommendation's number in its own document (see `numberBlocks`). */
  number: number | null;
}

function toBlock(node: JSONContent): Block {
  const isRecommendation = node.type === 'recommendation';
  const fields = isRecommendation ? normaliseRecommendationFields(node.attrs) : null;
  const text = plainText(isRecommendation ? (node.content ?? []) : [node]).replace(/\n+$/, '');
  const level = node.type === 'heading' ? Number(node.attrs?.level ?? 1) : null;
  // A recommendation is the same one while its id lives; other blocks are the same when identical.
  const key = fields?.id ? `recommendation:${fields.id}` : `${node.type}:${level ?? ''}:${text}`;
  return { node, key, text, recommendationId: fields?.id ?? null, fields, number: null };
}

/** Numbers the recommendations as their document shows them: in reading order for a brief, else in order. */
function numberBlocks(blocks: Block[], readingOrder: readonly string[] | null): Block[] {
  const recommendations = blocks.filter((block) => block.fields !== null);
  const numbers = readingOrder
    ? readingOrderNumbers(
        recommendations.map((block) => block.fields as RecommendationFields),
        readingOrder,
      )
    : recommendations.map((_, index) => index + 1);
  recommendations.forEach((block, index) => {
    block.number = numbers[index] ?? index + 1;
  });
  return blocks;
}

function fieldChanges(before: JSONContent, after: JSONContent): FieldChange[] {
  if (before.type !== 'recommendation' || after.type !== 'recommendation') return [];
  return recommendationFieldChanges(
    normaliseRecommendationFields(before.attrs),
    normaliseRecommendationFields(after.attrs),
  );
}

function describe(
  change: BlockDiff['change'],
  block: Block,
  text: DiffPart[],
  fields: FieldChange[] = [],
  numberBefore: number | null = null,
): BlockDiff {
  return {
    change,
    type: block.node.type ?? 'paragraph',
    level: block.node.type === 'heading' ? Number(block.node.attrs?.level ?? 1) : null,
    recommendationId: block.recommendationId,
    number: block.number,
    numberBefore: numberBefore === block.number ? null : numberBefore,
    moved: false,
    text,
    fields,
  };
}

function compare(before: Block, after: Block): BlockDiff {
  const text = diffWords(before.text, after.text);
  const fields = fieldChanges(before.node, after.node);
  const same = before.text === after.text && fields.length === 0;
  return describe(same ? 'unchanged' : 'changed', after, text, fields, before.number);
}

const sameShape = (a: Block, b: Block) =>
  a.node.type === b.node.type &&
  a.node.attrs?.level === b.node.attrs?.level &&
  // Recommendations pair by id only: a new recommendation is never "the old one, changed".
  a.node.type !== 'recommendation';

/** Pairs of block indices with equal keys, in order (longest common subsequence). */
function alignByKey(a: Block[], b: Block[]): Array<[number, number]> {
  if (a.length > MAX_ALIGNED_BLOCKS || b.length > MAX_ALIGNED_BLOCKS) return [];
  const cols = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        a[i]?.key === b[j]?.key
          ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i]?.key === b[j]?.key) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((lcs[(i + 1) * cols + j] ?? 0) >= (lcs[i * cols + j + 1] ?? 0)) i++;
    else j++;
  }
  return pairs;
}

/**
 * Between two matched blocks: an inserted block takes the next deleted block of the same shape as
 * its earlier self (an edited paragraph shows as changed, word by word); the rest are inserted or
 * deleted. Order is kept on both sides.
 */
function diffGap(deleted: Block[], inserted: Block[], out: BlockDiff[]): void {
  const partners: number[] = [];
  let from = 0;
  for (const block of inserted) {
    const partner = deleted.findIndex((candidate, index) => index >= from && sameShape(candidate, block));
    partners.push(partner);
    if (partner >= 0) from = partner + 1;
  }
  let next = 0;
  // Deleted blocks come before inserted ones at the same spot, the way people read a change.
  const flushDeletedBefore = (end: number) => {
    for (const gone of deleted.slice(next, end)) {
      out.push(describe('deleted', gone, gone.text ? [{ kind: 'delete', text: gone.text }] : []));
    }
    next = Math.max(next, end);
  };
  inserted.forEach((block, k) => {
    const partner = partners[k] ?? -1;
    if (partner < 0) {
      const nextPartner = partners.slice(k + 1).find((index) => index >= 0);
      flushDeletedBefore(nextPartner ?? deleted.length);
      out.push(describe('inserted', block, block.text ? [{ kind: 'insert', text: block.text }] : []));
      return;
    }
    flushDeletedBefore(partner);
    out.push(compare(deleted[partner] as Block, block));
    next = partner + 1;
  });
  flushDeletedBefore(deleted.length);
}

/**
 * What changed from `before` to `after` (ProseMirror JSON documents), block by block and word by
 * word; recommendations are matched by id, so a moved or edited one shows its own changes,
 * its fields included, and its number on each side.
 */
export function diffDocuments(
  before: JSONContent,
  after: JSONContent,
  /** A brief's audience order, by which its recommendations are numbered; null for a draft. */
  readingOrder: readonly string[] | null = null,
): DocumentDiff {
  const a = numberBlocks((before.content ?? []).map(toBlock), readingOrder);
  const b = numberBlocks((after.content ?? []).map(toBlock), readingOrder);
  const blocks: BlockDiff[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj] of [...alignByKey(a, b), [a.length, b.length] as [number, number]]) {
    diffGap(a.slice(i, ai), b.slice(j, bj), blocks);
    const matchedBefore = a[ai];
    const matchedAfter = b[bj];
    if (matchedBefore && matchedAfter) blocks.push(compare(matchedBefore, matchedAfter));
    i = ai + 1;
    j = bj + 1;
  }
  // A blank line added or taken away is layout, not a change anyone needs to review.
  const shown = joinMoves(blocks, a, b).flatMap((block): BlockDiff[] => {
    if (!isBlankParagraph(block)) return [block];
    if (block.change === 'deleted') return [];
    return [block.change === 'inserted' ? { ...block, change: 'unchanged' } : block];
  });
  const counts = { inserted: 0, deleted: 0, changed: 0, moved: 0 };
  for (const block of shown) {
    if (block.change !== 'unchanged') counts[block.change] += 1;
    if (block.moved) counts.moved += 1;
  }
  return { blocks: shown, counts };
}

/**
 * A recommendation moved past others is removed in one place and added in another as far as the
 * block alignment goes; it is one recommendation, shown once where it is now, with its own changes
 * and the number it had (a rapporteur would otherwise read "4 removed, 4 added" for a move).
 */
function joinMoves(blocks: BlockDiff[], before: Block[], after: Block[]): BlockDiff[] {
  const removed = new Set(
    blocks
      .filter((block) => block.change === 'deleted' && block.recommendationId)
      .map((block) => block.recommendationId),
  );
  const moved = new Set(
    blocks
      .filter((block) => block.change === 'inserted' && removed.has(block.recommendationId))
      .map((block) => block.recommendationId),
  );
  if (moved.size === 0) return blocks;
  const beforeById = new Map(before.map((block) => [block.recommendationId, block]));
  const afterById = new Map(after.map((block) => [block.recommendationId, block]));
  return blocks.flatMap((block): BlockDiff[] => {
    if (!moved.has(block.recommendationId)) return [block];
    if (block.change === 'deleted') return [];
    const earlier = beforeById.get(block.recommendationId);
    const now = afterById.get(block.recommendationId);
    return earlier && now ? [{ ...compare(earlier, now), moved: true }] : [block];
  });
}

const isBlankParagraph = (block: BlockDiff) =>
  block.type === 'paragraph' && block.text.every((part) => part.text.trim() === '');
