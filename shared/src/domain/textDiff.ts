/** One run of a word diff: text kept, inserted or deleted. */
export interface DiffPart {
  kind: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Beyond this many tokens on either side the diff falls back to "all deleted, all inserted". */
const MAX_TOKENS = 4000;

/** Words and the whitespace between them, so joining the parts gives back the text exactly. */
function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * A word-level diff of `before` → `after` (longest common subsequence). Adjacent parts of one kind
 * are merged; joining the equal and delete parts gives `before`, equal and insert parts `after`.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  if (a.length > MAX_TOKENS || b.length > MAX_TOKENS) {
    return compact([
      { kind: 'delete', text: before },
      { kind: 'insert', text: after },
    ]);
  }
  // Trim the common prefix and suffix first: most edits touch a few words of a long statement.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const rows = midA.length + 1;
  const cols = midB.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i * cols + j] =
        midA[i] === midB[j]
          ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [{ kind: 'equal', text: a.slice(0, start).join('') }];
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      parts.push({ kind: 'equal', text: midA[i] ?? '' });
      i++;
      j++;
    } else if (
      j < midB.length &&
      (i === midA.length || (lcs[i * cols + j + 1] ?? 0) >= (lcs[(i + 1) * cols + j] ?? 0))
    ) {
      parts.push({ kind: 'insert', text: midB[j] ?? '' });
      j++;
    } else {
      parts.push({ kind: 'delete', text: midA[i] ?? '' });
      i++;
    }
  }
  parts.push({ kind: 'equal', text: a.slice(endA).join('') });
  return compact(parts);
}

function compact(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    if (part.text === '') continue;
    const last = out.at(-1);
    if (last && last.kind === part.kind) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/** Text on one side of a diff: `before` (equal + delete) or `after` (equal + insert). */
export function sideOf(parts: DiffPart[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'insert' : 'delete';
  return parts
    .filter((part) => part.kind !== skip)
    .map((part) => part.text)
    .join('');
}

/** What changed since a common base on two sides: the source's edits and the brief's own. */
export interface ThreeWayDiff {
  /** base → the source's current text (what the group changed). */
  source: DiffPart[];
  /** base → the brief's current text (what the rapporteurs changed). */
  brief: DiffPart[];
  /** True when both sides changed the text since the base. */
  conflicting: boolean;
}

/** The three-way view of a recommendation from `base`, the source's text as last imported, pulled or kept over. */
export function threeWayDiff(base: string, source: string, brief: string): ThreeWayDiff {
  return {
    source: diffWords(base, source),
    brief: diffWords(base, brief),
    conflicting: base !== source && base !== brief && source !== brief,
  };
}
