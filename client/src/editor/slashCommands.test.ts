import { getDocumentSchema } from '@plenary/shared/schema';
import { EditorState, Plugin, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import {
  findSlashTrigger,
  matchingItems,
  openSlashMenu,
  type SlashItem,
  slashMenuKey,
  slashMenuState,
} from './slashCommands';

const schema = getDocumentSchema();

/** A draft with a heading and one paragraph holding `text`, the caret at `caret` (default: end of the paragraph). */
function stateWith(text: string, caret?: number): EditorState {
  const doc = schema.nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Recommendations' }] },
      { type: 'paragraph', content: text ? [{ type: 'text', text }] : [] },
    ],
  });
  const paragraphStart = doc.child(0).nodeSize + 1;
  const state = EditorState.create({ doc, plugins: [new Plugin({ key: slashMenuKey, state: slashMenuState })] });
  const pos = paragraphStart + (caret ?? text.length);
  return state.apply(state.tr.setSelection(TextSelection.create(doc, pos)));
}

const item = (id: string, label: string, keywords: string[] = []): SlashItem => ({
  id,
  label,
  keywords,
  apply: (chain) => chain,
});
const ITEMS = [
  item('recommendation', 'Recommendation', ['proposal']),
  item('heading2', 'Heading 2', ['h2']),
  item('bulletList', 'Bullet list', ['ul']),
  item('orderedList', 'Numbered list', ['ol']),
];
const always = () => true;

describe('the slash trigger', () => {
  it('opens on "/" alone in an empty paragraph, and follows what is typed after it', () => {
    expect(findSlashTrigger(stateWith('/'))).toMatchObject({ query: '' });
    expect(findSlashTrigger(stateWith('/Rec'))).toMatchObject({ query: 'rec' });
    expect(findSlashTrigger(stateWith('/heading 2'))).toMatchObject({ query: 'heading 2' });
  });

  it('stays closed for a slash inside a sentence, a path or a date, and when the caret is not at the end', () => {
    expect(findSlashTrigger(stateWith('and/or'))).toBeNull();
    expect(findSlashTrigger(stateWith('/usr/bin'))).toBeNull();
    expect(findSlashTrigger(stateWith('12/03'))).toBeNull();
    expect(findSlashTrigger(stateWith('/rec', 1))).toBeNull();
    expect(findSlashTrigger(stateWith(''))).toBeNull();
  });

  it('covers exactly the typed "/query", so choosing an item can remove it', () => {
    const state = stateWith('/rec');
    const trigger = findSlashTrigger(state);
    expect(trigger && state.doc.textBetween(trigger.from, trigger.to)).toBe('/rec');
  });
});

describe('the slash menu', () => {
  it('lists the items whose label or keywords start with the query', () => {
    const ids = (query: string) => matchingItems(ITEMS, query).map((i) => i.id);
    expect(ids('')).toEqual(['recommendation', 'heading2', 'bulletList', 'orderedList']);
    expect(ids('rec')).toEqual(['recommendation']);
    expect(ids('list')).toEqual(['bulletList', 'orderedList']);
    expect(ids('h2')).toEqual(['heading2']);
    expect(ids('heading 2')).toEqual(['heading2']);
    expect(ids('zebra')).toEqual([]);
  });

  it('hides the items that cannot run here, and closes when none is left', () => {
    const state = stateWith('/');
    const noHeadings = (candidate: SlashItem) => candidate.id !== 'heading2';
    expect(openSlashMenu(state, ITEMS, noHeadings)?.items.map((i) => i.id)).toEqual([
      'recommendation',
      'bulletList',
      'orderedList',
    ]);
    expect(openSlashMenu(stateWith('/h2'), ITEMS, noHeadings)).toBeNull();
  });

  it('moves the active item with wrap-around, and starts again at the top when the query changes', () => {
    let state = stateWith('/');
    const move = (delta: number) => {
      state = state.apply(state.tr.setMeta(slashMenuKey, { move: delta }));
      return openSlashMenu(state, ITEMS, always)?.active;
    };
    expect(openSlashMenu(state, ITEMS, always)?.active).toBe(0);
    expect(move(1)).toBe(1);
    expect(move(-1)).toBe(0);
    expect(move(-1)).toBe(3);
    state = state.apply(state.tr.insertText('l'));
    expect(openSlashMenu(state, ITEMS, always)).toMatchObject({ active: 0, trigger: { query: 'l' } });
  });

  it('stays closed after Esc while the person keeps typing there, and opens again for a new "/"', () => {
    let state = stateWith('/');
    state = state.apply(state.tr.setMeta(slashMenuKey, { dismiss: true }));
    expect(openSlashMenu(state, ITEMS, always)).toBeNull();
    state = state.apply(state.tr.insertText('r'));
    expect(openSlashMenu(state, ITEMS, always)).toBeNull();
    const { from, to } = findSlashTrigger(state) ?? { from: 0, to: 0 };
    state = state.apply(state.tr.delete(from, to));
    state = state.apply(state.tr.insertText('/'));
    expect(openSlashMenu(state, ITEMS, always)).not.toBeNull();
  });
});
