import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { strings } from '../lib/strings';
import {
  canRunSlashItem,
  openSlashMenu,
  runSlashItem,
  SLASH_MENU_ID,
  type SlashItem,
  slashOptionId,
} from './slashCommands';

interface SlashMenuProps {
  editor: Editor;
  items: () => readonly SlashItem[];
  /** The positioned box the menu is placed in (the editor frame). */
  frameRef: RefObject<HTMLElement | null>;
}

/**
 * The menu that "/" opens, under the caret. Focus stays in the text (the editor points
 * `aria-activedescendant` at the active option), so typing keeps filtering it.
 */
export function SlashMenu({ editor, items, frameRef }: SlashMenuProps) {
  const menu = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e.isEditable) return null;
      const open = openSlashMenu(e.state, items(), (item, trigger) => canRunSlashItem(e, item, trigger));
      return open && { from: open.trigger.from, ids: open.items.map((item) => item.id), active: open.active };
    },
  });
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const isOpen = menu !== null && place !== null;

  useEffect(() => {
    // On a phone the caret is often at the bottom of the screen: bring the whole menu into view.
    if (isOpen) menuRef.current?.scrollIntoView({ block: 'nearest' });
  }, [isOpen]);

  useLayoutEffect(() => {
    const frame = frameRef.current;
    if (!menu || !frame) {
      setPlace(null);
      return;
    }
    const caret = editor.view.coordsAtPos(menu.from);
    const box = frame.getBoundingClientRect();
    // Keep the menu inside the frame on a narrow phone screen.
    const left = Math.max(0, Math.min(caret.left - box.left, box.width - 260));
    setPlace({ top: caret.bottom - box.top + 6, left });
  }, [menu, editor, frameRef]);

  if (!menu || !place) return null;
  const byId = new Map(items().map((item) => [item.id, item]));
  const shown = menu.ids.map((id) => byId.get(id)).filter((item): item is SlashItem => item !== undefined);

  const choose = (item: SlashItem) => {
    const open = openSlashMenu(editor.state, items(), (candidate, trigger) =>
      canRunSlashItem(editor, candidate, trigger),
    );
    if (open) runSlashItem(editor, item, open.trigger);
  };

  return (
    <div ref={menuRef} className="slash-menu" style={{ top: place.top, left: place.left }} data-testid="slash-menu">
      <div id={SLASH_MENU_ID} role="listbox" aria-label={strings.slashMenu.label} className="slash-menu__list">
        {shown.map((item, index) => (
          // Chosen with the keys from the text (see slashCommands) or clicked; an option never takes focus.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the editor handles the keys while focus stays in the text
          <div
            key={item.id}
            id={slashOptionId(item.id)}
            role="option"
            tabIndex={-1}
            aria-selected={index === menu.active}
            className={`slash-menu__item${index === menu.active ? ' slash-menu__item--active' : ''}`}
            data-item={item.id}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(item)}
          >
            <span className="slash-menu__label">{item.label}</span>
            {item.hint && <span className="slash-menu__hint">{item.hint}</span>}
          </div>
        ))}
      </div>
      <p className="slash-menu__keys" aria-hidden="true">
        {strings.slashMenu.keyboardHint}
      </p>
    </div>
  );
}
