import { isSafeHref } from '@plenary/shared/schema';
import { cleanCode, cleanText, type Direction, directionOf } from './exportText';

/** Document body (ProseMirror JSON, trusted in nothing) to the blocks every export prints. */

export interface InlineMarks {
  bold?: true;
  italic?: true;
  underline?: true;
  strike?: true;
  code?: true;
}

/** A piece of a line: text with marks and an optional, already vetted link; or a line break. */
export type Inline = { kind: 'text'; text: string; marks: InlineMarks; href: string | null } | { kind: 'break' };

export type Block =
  | { kind: 'paragraph'; dir: Direction; inlines: Inline[] }
  | { kind: 'heading'; level: number; dir: Direction; inlines: Inline[]; anchor: string }
  | { kind: 'list'; ordered: boolean; start: number; dir: Direction; items: Block[][] }
  | { kind: 'quote'; dir: Direction; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' };

/** Bounds that keep hostile documents from exhausting the stack or the reader. */
export const EXPORT_LIMITS = {
  /** Lists nested deeper than this are flattened into the deepest allowed level. */
  maxListDepth: 8,
  /** Nodes nested deeper than this are read as plain paragraphs, without recursion. */
  maxNestingDepth: 40,
  maxHrefLength: 2048,
  /** The deepest heading level every format has below the document title. */
  maxHeadingLevel: 5,
} as const;

const RECOMMENDATION = 'recommendation';

/** A node of the input JSON, read field by field. */
export type JsonNode = Record<string, unknown>;

export const asNode = (value: unknown): JsonNode | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonNode) : null;
export const childrenOf = (node: JsonNode): unknown[] => (Array.isArray(node.content) ? node.content : []);
export const attrsOf = (node: JsonNode): JsonNode => asNode(node.attrs) ?? {};

/** Recommendation nodes in document order, not looking inside one (as `extractRecommendations` numbers them). */
export function findRecommendations(root: JsonNode): JsonNode[] {
  const found: JsonNode[] = [];
  const stack: unknown[] = [...childrenOf(root)].reverse();
  while (stack.length > 0) {
    const node = asNode(stack.pop());
    if (!node) continue;
    if (node.type === RECOMMENDATION) {
      found.push(node);
      continue;
    }
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return found;
}

interface WalkContext {
  /** Recommendation nodes to leave out (the body), or none (a statement). */
  skip: ReadonlySet<JsonNode>;
  depth: number;
  listDepth: number;
}

/**
 * Block nodes to blocks: containers are walked through, empty blocks dropped, nodes we do not know
 * read for their text, links re-checked, and nesting bounded. `skip` leaves nodes out (the
 * recommendations, when reading the body around them).
 */
export function readBlocks(nodes: readonly unknown[], skip: ReadonlySet<JsonNode> = new Set()): Block[] {
  return blocksOf(nodes, { skip, depth: 0, listDepth: 0 });
}

/** Block nodes to blocks: containers are walked through, empty blocks dropped, unknown nodes read for their text. */
function blocksOf(nodes: readonly unknown[], context: WalkContext): Block[] {
  const blocks: Block[] = [];
  let loose: Inline[] = [];
  const flushLoose = () => {
    const paragraph = paragraphOf(loose);
    if (paragraph) blocks.push(paragraph);
    loose = [];
  };
  for (const value of nodes) {
    const node = asNode(value);
    if (!node || context.skip.has(node)) continue;
    if (node.type === 'text' || node.type === 'hardBreak') {
      // Inline content where a block belongs (a hand-crafted update): keep it as a paragraph.
      loose.push(...inlinesOf([node], context.depth + 1));
      continue;
    }
    flushLoose();
    if (context.depth >= EXPORT_LIMITS.maxNestingDepth) {
      blocks.push(...flattenToParagraphs(node, context.skip));
      continue;
    }
    blocks.push(...blockOf(node, { ...context, depth: context.depth + 1 }));
  }
  flushLoose();
  return blocks;
}

function blockOf(node: JsonNode, context: WalkContext): Block[] {
  const attrs = attrsOf(node);
  switch (node.type) {
    case 'paragraph': {
      const paragraph = paragraphOf(inlinesOf(childrenOf(node), context.depth));
      return paragraph ? [paragraph] : [];
    }
    case 'heading': {
      const inlines = trimInlines(inlinesOf(childrenOf(node), context.depth));
      const text = inlineText(inlines);
      if (text.trim() === '') return [];
      const level = clampInt(attrs.level, 1, 6, 1);
      return [{ kind: 'heading', level, dir: directionOf(text) ?? 'ltr', inlines, anchor: '' }];
    }
    case 'bulletList':
    case 'orderedList': {
      const itemNodes = childrenOf(node);
      if (context.listDepth >= EXPORT_LIMITS.maxListDepth) {
        // Too deep to indent any further: the items' content joins the enclosing level.
        return itemNodes.flatMap((item) => {
          const itemNode = asNode(item);
          return itemNode ? blocksOf(childrenOf(itemNode), context) : [];
        });
      }
      const inner = { ...context, listDepth: context.listDepth + 1 };
      const items = itemNodes
        .map((item) => {
          const itemNode = asNode(item);
          if (!itemNode || context.skip.has(itemNode)) return [];
          return itemNode.type === 'listItem' ? blocksOf(childrenOf(itemNode), inner) : blocksOf([itemNode], inner);
        })
        .filter((blocks) => blocks.length > 0);
      if (items.length === 0) return [];
      const ordered = node.type === 'orderedList';
      return [
        {
          kind: 'list',
          ordered,
          start: ordered ? clampInt(attrs.start, 0, 1_000_000, 1) : 1,
          dir: directionOfBlocks(items.flat()) ?? 'ltr',
          items,
        },
      ];
    }
    case 'blockquote': {
      const blocks = blocksOf(childrenOf(node), context);
      return blocks.length > 0 ? [{ kind: 'quote', dir: directionOfBlocks(blocks) ?? 'ltr', blocks }] : [];
    }
    case 'codeBlock': {
      const text = childrenOf(node)
        .map((child) => cleanCode(asNode(child)?.text))
        .join('');
      return text.trim() === '' ? [] : [{ kind: 'code', text }];
    }
    case 'horizontalRule':
      return [{ kind: 'rule' }];
    default:
      // doc, listItem out of place, a recommendation inside a statement, or a node we do not know.
      return blocksOf(childrenOf(node), context);
  }
}

const MARKS: Record<string, keyof InlineMarks> = {
  bold: 'bold',
  italic: 'italic',
  underline: 'underline',
  strike: 'strike',
  code: 'code',
};

function inlinesOf(nodes: readonly unknown[], depth: number): Inline[] {
  const inlines: Inline[] = [];
  for (const value of nodes) {
    const node = asNode(value);
    if (!node) continue;
    if (node.type === 'hardBreak') {
      inlines.push({ kind: 'break' });
      continue;
    }
    if (node.type === 'text') {
      const text = cleanText(node.text);
      if (text === '') continue;
      const marks: InlineMarks = {};
      let href: string | null = null;
      for (const markValue of Array.isArray(node.marks) ? node.marks : []) {
        const mark = asNode(markValue);
        if (!mark || typeof mark.type !== 'string') continue;
        const known = MARKS[mark.type];
        if (known) marks[known] = true;
        if (mark.type === 'link') href = safeHref(attrsOf(mark).href);
      }
      const previous = inlines.at(-1);
      if (previous?.kind === 'text' && previous.href === href && sameMarks(previous.marks, marks)) {
        previous.text += text;
      } else inlines.push({ kind: 'text', text, marks, href });
      continue;
    }
    // An inline node we do not know: keep its text, without recursing past the limit.
    const children = childrenOf(node);
    if (children.length === 0) continue;
    if (depth >= EXPORT_LIMITS.maxNestingDepth) {
      const text = cleanText(plainTextOf(node));
      if (text) inlines.push({ kind: 'text', text, marks: {}, href: null });
    } else inlines.push(...inlinesOf(children, depth + 1));
  }
  return inlines;
}

/** The link target if it is an absolute http, https or mailto URL of sane length; anything else is no link. */
export function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Control characters and spaces have no place in a URL; browsers strip some of them, which is how
  // "java\tscript:" becomes a script URL, so refuse rather than clean.
  const href = value.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (href === '' || href.length > EXPORT_LIMITS.maxHrefLength || /[\s\u0000-\u001F\u007F-\u009F]/.test(href)) {
    return null;
  }
  if (!isSafeHref(href)) return null;
  // The parsed form percent-encodes quotes, angle brackets and spaces, so no format can be broken out of.
  try {
    const url = new URL(href);
    return isSafeHref(url.href) ? url.href : null;
  } catch {
    return null;
  }
}

function sameMarks(a: InlineMarks, b: InlineMarks): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.strike === b.strike &&
    a.code === b.code
  );
}

function paragraphOf(inlines: Inline[]): Block | null {
  const trimmed = trimInlines(inlines);
  const text = inlineText(trimmed);
  if (text.trim() === '') return null;
  return { kind: 'paragraph', dir: directionOf(text) ?? 'ltr', inlines: trimmed };
}

/** Drops leading and trailing breaks and whitespace, which print as blank lines or stray indentation. */
function trimInlines(inlines: Inline[]): Inline[] {
  const result = [...inlines];
  while (result[0]?.kind === 'break') result.shift();
  while (result.at(-1)?.kind === 'break') result.pop();
  const first = result[0];
  if (first?.kind === 'text') result[0] = { ...first, text: first.text.trimStart() };
  const lastIndex = result.length - 1;
  const last = result[lastIndex];
  if (last?.kind === 'text') result[lastIndex] = { ...last, text: last.text.trimEnd() };
  return result.filter((inline) => inline.kind === 'break' || inline.text !== '');
}

/** The plain text of inlines (breaks as newlines). */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.kind === 'text' ? inline.text : '\n')).join('');
}

/** The direction of the first block that has a strong character. */
export function directionOfBlocks(blocks: readonly Block[]): Direction | null {
  for (const block of blocks) {
    let dir: Direction | null = null;
    if (block.kind === 'paragraph' || block.kind === 'heading') dir = directionOf(inlineText(block.inlines));
    else if (block.kind === 'list') dir = directionOfBlocks(block.items.flat());
    else if (block.kind === 'quote') dir = directionOfBlocks(block.blocks);
    if (dir) return dir;
  }
  return null;
}

/** Text of a subtree, one paragraph per text block, without recursion (for nesting past the limit). */
function flattenToParagraphs(root: JsonNode, skip: ReadonlySet<JsonNode>): Block[] {
  const paragraphs: Block[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = asNode(stack.pop());
    if (!node || skip.has(node)) continue;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'codeBlock') {
      const text = cleanText(plainTextOf(node)).trim();
      if (text) paragraphs.push({ kind: 'paragraph', dir: directionOf(text) ?? 'ltr', inlines: [textInline(text)] });
      continue;
    }
    if (node.type === 'text') {
      const text = cleanText(node.text).trim();
      if (text) paragraphs.push({ kind: 'paragraph', dir: directionOf(text) ?? 'ltr', inlines: [textInline(text)] });
      continue;
    }
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return paragraphs;
}

const textInline = (text: string): Inline => ({ kind: 'text', text, marks: {}, href: null });

/** All text under a node, iteratively. */
function plainTextOf(root: JsonNode): string {
  let text = '';
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = asNode(stack.pop());
    if (!node) continue;
    if (typeof node.text === 'string') text += node.text;
    else if (node.type === 'hardBreak') text += ' ';
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return text;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}
