import { type ChainedCommands, type Editor, Extension } from '@tiptap/core';
import { type EditorState, Plugin, PluginKey, TextSelection, type Transaction } from '@tiptap/pm/state';

/** One entry of the slash menu. */
export interface SlashItem {
  id: string;
  label: string;
  /** A few words under the label. */
  hint?: string;
  /** Extra words the query may match (the label always does). */
  keywords: readonly string[];
  /** Adds the item's command to a chain that has already removed the typed "/query". */
  apply(chain: ChainedCommands): ChainedCommands;
}

/** Where the menu is open: the typed "/query" spans from–to of the paragraph the caret is in. */
export interface SlashTrigger {
  from: number;
  to: number;
  query: string;
}

export interface SlashMenuState {
  trigger: SlashTrigger | null;
  /** Index into the items that match the query. */
  active: number;
  /** Start of the trigger the person dismissed with Esc; it stays closed until they leave it. */
  dismissedAt: number | null;
}

type SlashMeta = { move: number } | { dismiss: true };

export const slashMenuKey = new PluginKey<SlashMenuState>('slashMenu');

/** The listbox's id, so the editor can point `aria-activedescendant` into it. */
export const SLASH_MENU_ID = 'slash-menu';
export const slashOptionId = (itemId: string) => `${SLASH_MENU_ID}-${itemId}`;

const QUERY = /^\/([\p{L}\p{N} ]{0,24})$/u;

/**
 * The menu opens when a paragraph holds nothing but "/" and what was typed after it, with the
 * caret at its end — so a slash typed into a sentence, a URL or a pasted path never opens it.
 */
export function findSlashTrigger(state: EditorState): SlashTrigger | null {
  const { selection } = state;
  if (!(selection instanceof TextSelection) || !selection.empty) return null;
  const { $from } = selection;
  const parent = $from.parent;
  if (parent.type.name !== 'paragraph' || $from.parentOffset !== parent.content.size) return null;
  let onlyText = true;
  parent.forEach((child) => {
    if (!child.isText) onlyText = false;
  });
  if (!onlyText) return null;
  const match = QUERY.exec(parent.textContent);
  if (!match) return null;
  return { from: $from.start(), to: $from.end(), query: (match[1] ?? '').trim().toLowerCase() };
}

/** The items whose label or keywords start with (a word of) the query. */
export function matchingItems(items: readonly SlashItem[], query: string): SlashItem[] {
  if (query === '') return [...items];
  return items.filter((item) =>
    [item.label, ...item.keywords].some((phrase) => {
      const lower = phrase.toLowerCase();
      return lower.startsWith(query) || lower.split(/\s+/).some((word) => word.startsWith(query));
    }),
  );
}

/** The menu as the person sees it: open with these items, or closed (null). */
export function openSlashMenu(
  state: EditorState,
  items: readonly SlashItem[],
  canApply: (item: SlashItem, trigger: SlashTrigger) => boolean,
): { trigger: SlashTrigger; items: SlashItem[]; active: number } | null {
  const menu = slashMenuKey.getState(state);
  if (!menu?.trigger || menu.dismissedAt === menu.trigger.from) return null;
  const trigger = menu.trigger;
  const shown = matchingItems(items, trigger.query).filter((item) => canApply(item, trigger));
  if (shown.length === 0) return null;
  const active = ((menu.active % shown.length) + shown.length) % shown.length;
  return { trigger, items: shown, active };
}

/** The plugin's state: follows the caret into and out of a "/query" paragraph, and remembers Esc. */
export const slashMenuState = {
  init: (): SlashMenuState => ({ trigger: null, active: 0, dismissedAt: null }),
  apply(tr: Transaction, previous: SlashMenuState, _oldState: EditorState, state: EditorState): SlashMenuState {
    const trigger = findSlashTrigger(state);
    if (!trigger) return { trigger: null, active: 0, dismissedAt: null };
    const meta = tr.getMeta(slashMenuKey) as SlashMeta | undefined;
    const sameQuery = previous.trigger?.query === trigger.query;
    const mappedDismissal = previous.dismissedAt === null ? null : tr.mapping.map(previous.dismissedAt);
    return {
      trigger,
      active: meta && 'move' in meta ? previous.active + meta.move : sameQuery ? previous.active : 0,
      dismissedAt: meta && 'dismiss' in meta ? trigger.from : mappedDismissal === trigger.from ? mappedDismissal : null,
    };
  },
};

export interface SlashCommandsOptions {
  /** The menu's entries; read on every keystroke, so they may depend on the moment. */
  items: () => readonly SlashItem[];
}

/** Runs `item` in place of the typed "/query". */
export function runSlashItem(editor: Editor, item: SlashItem, trigger: SlashTrigger): boolean {
  const chain = editor.chain().focus().deleteRange({ from: trigger.from, to: trigger.to });
  return item.apply(chain).scrollIntoView().run();
}

/** Whether `item` can run in place of the typed "/query" here. */
export function canRunSlashItem(editor: Editor, item: SlashItem, trigger: SlashTrigger): boolean {
  return item.apply(editor.can().chain().deleteRange({ from: trigger.from, to: trigger.to })).run();
}

/**
 * Typing "/" at the start of an empty paragraph opens a small menu of blocks to insert
 * (arrows move, Enter inserts, Esc closes). The menu itself is drawn by `SlashMenu`.
 */
export const SlashCommands = Extension.create<SlashCommandsOptions>({
  name: 'slashCommands',

  addOptions() {
    return { items: () => [] };
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const options = this.options;
    const open = (state: EditorState) =>
      openSlashMenu(state, options.items(), (item, trigger) => canRunSlashItem(editor, item, trigger));

    return [
      new Plugin<SlashMenuState>({
        key: slashMenuKey,
        state: slashMenuState,
        props: {
          handleKeyDown(view, event) {
            if (!view.editable) return false;
            const menu = open(view.state);
            if (!menu) return false;
            const move = (delta: number) => view.dispatch(view.state.tr.setMeta(slashMenuKey, { move: delta }));
            switch (event.key) {
              // The active index wraps around the shown items (see openSlashMenu).
              case 'ArrowDown':
                move(1);
                return true;
              case 'ArrowUp':
                move(-1);
                return true;
              case 'Enter':
              case 'Tab': {
                const item = menu.items[menu.active];
                if (!item) return false;
                runSlashItem(editor, item, menu.trigger);
                return true;
              }
              case 'Escape':
                view.dispatch(view.state.tr.setMeta(slashMenuKey, { dismiss: true }));
                return true;
              default:
                return false;
            }
          },
          attributes(state): Record<string, string> {
            const menu = editor.isEditable ? open(state) : null;
            const item = menu?.items[menu.active];
            if (!menu || !item) return {};
            return {
              'aria-controls': SLASH_MENU_ID,
              'aria-activedescendant': slashOptionId(item.id),
            };
          },
        },
      }),
    ];
  },
});
