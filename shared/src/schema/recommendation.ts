import { mergeAttributes, Node } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state';
import { Mapping } from '@tiptap/pm/transform';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { normaliseSources } from '../domain/provenance';
import {
  newRecommendationId,
  normaliseRecommendationFields,
  type RecommendationFields,
} from '../domain/recommendationFields';

export interface RecommendationOptions {
  /** Extra HTML attributes on the rendered `<section>`. */
  HTMLAttributes: Record<string, unknown>;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    recommendation: {
      /** Inserts a new, empty recommendation (with a fresh id) at the selection. */
      insertRecommendation: (fields?: Partial<Omit<RecommendationFields, 'id'>>) => ReturnType;
      /** Changes fields of the recommendation with this id. */
      updateRecommendation: (id: string, fields: Partial<Omit<RecommendationFields, 'id'>>) => ReturnType;
      /** Removes the recommendation with this id, statement and fields, as one undoable change. */
      deleteRecommendation: (id: string) => ReturnType;
    };
  }
}

const uniqueIdKey = new PluginKey('recommendationUniqueId');

/**
 * A structured recommendation: a block whose content is the statement (paragraphs and lists) and
 * whose attributes are its fields. Every recommendation carries a stable id; a copy gets a new
 * one, and no transaction can leave two blocks with one id.
 */
export const Recommendation = Node.create<RecommendationOptions>({
  name: 'recommendation',
  group: 'block',
  content: '(paragraph | bulletList | orderedList)+',
  defining: true,
  isolating: true,
  draggable: false,

  addOptions() {
    return { HTMLAttributes: {} };
  },

  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-id'),
        renderHTML: (attributes) => (attributes.id ? { 'data-id': attributes.id } : {}),
      },
      audiences: {
        default: [],
        parseHTML: (element) =>
          normaliseRecommendationFields({ audiences: element.getAttribute('data-audiences') }).audiences,
        renderHTML: (attributes) => ({ 'data-audiences': JSON.stringify(attributes.audiences ?? []) }),
      },
      priority: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-priority'),
        renderHTML: (attributes) => (attributes.priority ? { 'data-priority': attributes.priority } : {}),
      },
      responsibleBody: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-responsible-body') ?? '',
        renderHTML: (attributes) =>
          attributes.responsibleBody ? { 'data-responsible-body': attributes.responsibleBody } : {},
      },
      timeframe: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-timeframe'),
        renderHTML: (attributes) => (attributes.timeframe ? { 'data-timeframe': attributes.timeframe } : {}),
      },
      legalReference: {
        default: '',
        parseHTML: (element) => element.getAttribute('data-legal-reference') ?? '',
        renderHTML: (attributes) =>
          attributes.legalReference ? { 'data-legal-reference': attributes.legalReference } : {},
      },
      // Provenance of a brief's recommendation and the originals of a merge. Nothing shows them, but
      // the clipboard is HTML: without them there, a card cut and pasted elsewhere in the brief
      // lost the groups it came from (and the composer offered to import it again).
      sources: {
        default: [],
        parseHTML: (element) => normaliseSources(jsonAttribute(element, 'data-sources')),
        renderHTML: (attributes) => jsonDataAttribute('data-sources', attributes.sources),
      },
      mergedFrom: {
        default: [],
        parseHTML: (element) => mergedOriginals(jsonAttribute(element, 'data-merged-from')),
        renderHTML: (attributes) => jsonDataAttribute('data-merged-from', attributes.mergedFrom),
      },
      status: {
        default: 'draft',
        parseHTML: (element) => element.getAttribute('data-status') ?? 'draft',
        renderHTML: (attributes) => ({ 'data-status': attributes.status ?? 'draft' }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'section[data-type="recommendation"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return [
      'section',
      mergeAttributes({ 'data-type': 'recommendation' }, this.options.HTMLAttributes, HTMLAttributes),
      0,
    ];
  },

  addCommands() {
    return {
      insertRecommendation:
        (fields = {}) =>
        ({ commands }) =>
          commands.insertContent({
            type: this.name,
            attrs: { ...fields, id: newRecommendationId() },
            content: [{ type: 'paragraph' }],
          }),
      updateRecommendation:
        (id, fields) =>
        ({ tr, state, dispatch }) => {
          let found = false;
          state.doc.descendants((node, pos) => {
            if (found) return false;
            if (node.type.name === this.name && node.attrs.id === id) {
              found = true;
              if (dispatch) {
                for (const [key, value] of Object.entries(fields)) tr.setNodeAttribute(pos, key, value);
              }
              return false;
            }
            return true;
          });
          return found;
        },
      deleteRecommendation:
        (id) =>
        ({ tr, state, dispatch }) => {
          const found = recommendationsIn(state.doc, this.name).find((entry) => entry.id === id);
          const node = found ? state.doc.nodeAt(found.pos) : null;
          if (!found || !node) return false;
          if (dispatch) removeBlock(tr, found.pos, node.nodeSize);
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    return {
      // Backspace at the start of a card with no words left takes the card away, as it does an
      // empty list item; without it an emptied card stayed, saying "No statement yet", for good.
      Backspace: ({ editor }) => {
        const { selection } = editor.state;
        const { $from, empty } = selection;
        if (!empty || $from.parentOffset !== 0) return false;
        for (let depth = $from.depth - 1; depth > 0; depth--) {
          const node = $from.node(depth);
          if (node.type.name !== this.name) continue;
          if (node.textContent !== '' || node.childCount !== 1 || $from.index(depth) !== 0) return false;
          const pos = $from.before(depth);
          return editor.commands.command(({ tr }) => {
            removeBlock(tr, pos, node.nodeSize);
            return true;
          });
        }
        return false;
      },
    };
  },

  addProseMirrorPlugins() {
    return [uniqueRecommendationIds(this.name)];
  },
});

/**
 * Deletes the block at `pos` and puts the caret at the end of the text before it (or the start of
 * the text after). The last block of a document becomes an empty paragraph: a document is never empty.
 */
function removeBlock(tr: Transaction, pos: number, size: number): void {
  if (tr.doc.childCount === 1 && pos === 0) {
    const paragraph = tr.doc.type.schema.nodes.paragraph;
    if (paragraph) tr.replaceWith(pos, pos + size, paragraph.create());
  } else {
    tr.delete(pos, pos + size);
  }
  const at = Math.min(pos, tr.doc.content.size);
  tr.setSelection(TextSelection.near(tr.doc.resolve(at), -1));
  tr.scrollIntoView();
}

/** A data attribute's JSON, or null when it is missing or not JSON (pasted from anywhere). */
function jsonAttribute(element: HTMLElement, name: string): unknown {
  const raw = element.getAttribute(name);
  if (raw === null) return null;
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function jsonDataAttribute(name: string, value: unknown): Record<string, string> {
  return Array.isArray(value) && value.length > 0 ? { [name]: JSON.stringify(value) } : {};
}

/** The originals a merge kept for its split: recommendations, as the merge stored them. */
function mergedOriginals(raw: unknown): unknown[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (item) => item !== null && typeof item === 'object' && (item as { type?: unknown }).type === 'recommendation',
  );
}

/** Positions and ids of every recommendation in a document. */
function recommendationsIn(doc: EditorState['doc'], typeName: string): Array<{ pos: number; id: string | null }> {
  const found: Array<{ pos: number; id: string | null }> = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== typeName) return true;
    found.push({ pos, id: (node.attrs.id as string | null) ?? null });
    return false;
  });
  return found;
}

/**
 * Keeps ids unique: after any local change, a recommendation without an id, or whose id another
 * block already had before the change (a paste, a duplicate, an undo), gets a fresh id. The block
 * that had the id before keeps it, wherever the copy landed.
 */
export function uniqueRecommendationIds(typeName = 'recommendation'): Plugin {
  return new Plugin({
    key: uniqueIdKey,
    appendTransaction(transactions: readonly Transaction[], oldState, newState) {
      if (!transactions.some((tr) => tr.docChanged)) return null;
      // Remote changes are fixed by the peer that made them; fixing them here too would race.
      if (transactions.some((tr) => tr.getMeta(ySyncPluginKey)?.isChangeOrigin)) return null;
      const mapping = new Mapping();
      for (const tr of transactions) mapping.appendMapping(tr.mapping);
      const originals = new Set<string>();
      for (const { pos, id } of recommendationsIn(oldState.doc, typeName)) {
        const mapped = mapping.mapResult(pos, 1);
        if (id && !mapped.deleted) originals.add(`${id}@${mapped.pos}`);
      }
      const current = recommendationsIn(newState.doc, typeName);
      const keep = new Set<string>();
      for (const { pos, id } of current) if (id && originals.has(`${id}@${pos}`)) keep.add(`${pos}`);
      const seen = new Set<string>();
      const tr = newState.tr;
      // Originals first, so a copy pasted above its original never takes the original's id.
      const ordered = [...current].sort((a, b) => Number(keep.has(`${b.pos}`)) - Number(keep.has(`${a.pos}`)));
      for (const { pos, id } of ordered) {
        if (id && !seen.has(id)) {
          seen.add(id);
          continue;
        }
        tr.setNodeAttribute(pos, 'id', newRecommendationId());
      }
      if (!tr.docChanged) return null;
      tr.setMeta('addToHistory', false);
      return tr;
    },
  });
}
