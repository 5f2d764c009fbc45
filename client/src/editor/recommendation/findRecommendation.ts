import { normaliseRecommendationFields, type RecommendationFields } from '@plenary/shared/domain';
import type { EditorState } from '@tiptap/pm/state';

/** The recommendation with this id: its normalised fields and number, or null once it is gone. */
export function findRecommendation(
  state: EditorState,
  id: string,
): { fields: RecommendationFields; number: number } | null {
  let count = 0;
  let found: { fields: RecommendationFields; number: number } | null = null;
  state.doc.descendants((node) => {
    if (found) return false;
    if (node.type.name !== 'recommendation') return true;
    count += 1;
    if (node.attrs.id === id) found = { fields: normaliseRecommendationFields(node.attrs), number: count };
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
