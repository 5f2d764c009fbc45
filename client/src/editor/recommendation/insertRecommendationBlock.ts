import { newRecommendationId, type RecommendationFields } from '@plenary/shared/domain';
import type { ChainedCommands, Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';

export type NewRecommendationFields = Partial<Omit<RecommendationFields, 'id'>>;

/**
 * Adds a recommendation to a chain: at the selection (an empty paragraph turns into it), or —
 * when the selection is inside a recommendation, where none may nest — right after that one,
 * taking along the empty line the caret was on. The caret ends up in the new statement.
 */
export function chainInsertRecommendation(chain: ChainedCommands, fields: NewRecommendationFields): ChainedCommands {
  return chain.command(({ tr, state, commands }) => {
    const { $from } = tr.selection;
    let depth = $from.depth;
    while (depth > 0 && $from.node(depth).type.name !== 'recommendation') depth -= 1;
    if (depth === 0) return commands.insertRecommendation(fields);

    const { recommendation, paragraph } = state.schema.nodes;
    if (!recommendation || !paragraph) return false;
    let after = $from.after(depth);
    const line = $from.parent;
    const emptyExtraLine = $from.depth === depth + 1 && line.content.size === 0 && $from.node(depth).childCount > 1;
    if (emptyExtraLine) {
      tr.delete($from.before(), $from.after());
      after -= line.nodeSize;
    }
    tr.insert(after, recommendation.create({ ...fields, id: newRecommendationId() }, paragraph.create()));
    tr.setSelection(TextSelection.create(tr.doc, after + 2));
    return true;
  });
}

/** Inserts a recommendation (pre-filled with `fields`) and puts the caret in its statement. */
export function insertRecommendationBlock(editor: Editor, fields: NewRecommendationFields): boolean {
  return chainInsertRecommendation(editor.chain().focus(), fields).scrollIntoView().run();
}
