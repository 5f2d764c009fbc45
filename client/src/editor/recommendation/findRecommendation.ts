import { normaliseRecommendationFields, type RecommendationFields } from '@plenary/shared/domain';
import type { EditorState } from '@tiptap/pm/state';
import type { RecommendationNumbers } from './recommendationNumbers';

/**
 * The recommendation with this id: its normalised fields and the number its card shows (a brief's
 * reading order, not its place in the document), or null once it is gone.
 */
export function findRecommendation(
  state: EditorState,
  id: string,
  numbers: RecommendationNumbers,
): { fields: RecommendationFields; number: number | null } | null {
  let found: { fields: RecommendationFields; number: number | null } | null = null;
  state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.type.name !== 'recommendation') return true;
    if (node.attrs.id === id)
      found = { fields: normaliseRecommendationFields(node.attrs), number: numbers.numberOf(id, pos) };
    return false;
  });
  return found;
}

/** The id of the recommendation that holds the selection, if any. */
export function recommendationIdAtSelection(state: EditorState): string | null {
  const { $from } = state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth);
    if (node.type.name === 'recommendation') return typeof node.attrs.id === 'string' ? node.attrs.id : null;
  }
  return null;
}
