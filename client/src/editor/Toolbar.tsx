import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';
import { strings } from '../lib/strings';
import { BulletListIcon, LinkIcon, NumberedListIcon, QuoteIcon, RecommendationIcon, RedoIcon, UndoIcon } from './icons';

const HEADING_LEVELS = [1, 2, 3] as const;

interface ToolbarButtonProps {
  label: string;
  /** Omit for actions (undo); a boolean makes it a toggle with `aria-pressed`. */
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  extraProps?: { 'aria-expanded'?: boolean; 'aria-controls'?: string };
  /** A button with a visible word beside its icon. */
  wide?: boolean;
  /** On a phone, behind "More formatting" until that is opened. */
  secondary?: boolean;
}

function ToolbarButton({
  label,
  pressed,
  disabled,
  onClick,
  children,
  extraProps,
  wide,
  secondary,
}: ToolbarButtonProps) {
  return (
    <button
      type="button"
      className={`toolbar-button${wide ? ' toolbar-button--wide' : ''}${secondary ? ' toolbar-secondary' : ''}`}
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      disabled={disabled}
      // Keep the editor's selection: a mouse press on a button would otherwise blur it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
      {...extraProps}
    >
      {children}
    </button>
  );
}

/** Moves focus between toolbar buttons with the arrow keys, Home and End (ARIA toolbar pattern). */
function handleArrowKeys(event: KeyboardEvent<HTMLDivElement>, container: HTMLDivElement | null) {
  if (!container || !['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
  // Only the buttons shown: on a phone the secondary ones hide behind "More formatting".
  const buttons = Array.from(container.querySelectorAll<HTMLButtonElement>('button:not([disabled])')).filter(
    (button) => button.getClientRects().length > 0,
  );
  const current = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (current === -1) return;
  // In a right-to-left page the visual order is mirrored, and so are the arrow keys.
  const rtl = getComputedStyle(container).direction === 'rtl';
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
  let next = current;
  if (event.key === forward) next = (current + 1) % buttons.length;
  else if (event.key === backward) next = (current - 1 + buttons.length) % buttons.length;
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = buttons.length - 1;
  event.preventDefault();
  buttons[next]?.focus();
}

interface ToolbarProps {
  editor: Editor;
  linkFormOpen: boolean;
  linkFormId: string;
  onToggleLinkForm: () => void;
  onInsertRecommendation: () => void;
}

/** The formatting toolbar: headings, marks, lists, quote, link, a recommendation, undo and redo. */
export function Toolbar({ editor, linkFormOpen, linkFormId, onToggleLinkForm, onInsertRecommendation }: ToolbarProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [moreOpen, setMoreOpen] = useState(false);
  const moreId = useId();
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      heading1: current.isActive('heading', { level: 1 }),
      heading2: current.isActive('heading', { level: 2 }),
      heading3: current.isActive('heading', { level: 3 }),
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      blockquote: current.isActive('blockquote'),
      link: current.isActive('link'),
      canUndo: current.can().undo(),
      canRedo: current.can().redo(),
    }),
  });
  const run = () => editor.chain().focus();

  return (
    <div
      ref={containerRef}
      id={moreId}
      className={`toolbar${moreOpen ? ' toolbar--expanded' : ''}`}
      role="toolbar"
      aria-label={strings.toolbar.label}
      aria-controls="document-editor"
      onKeyDown={(event) => handleArrowKeys(event, containerRef.current)}
    >
      <div className="toolbar-group toolbar-secondary">
        {HEADING_LEVELS.map((level) => (
          <ToolbarButton
            key={level}
            label={strings.toolbar.heading(level)}
            pressed={active[`heading${level}`]}
            onClick={() => run().toggleHeading({ level }).run()}
          >
            <span className="toolbar-glyph">H{level}</span>
          </ToolbarButton>
        ))}
      </div>
      <div className="toolbar-group">
        <ToolbarButton label={strings.toolbar.bold} pressed={active.bold} onClick={() => run().toggleBold().run()}>
          <span className="toolbar-glyph toolbar-glyph--bold">B</span>
        </ToolbarButton>
        <ToolbarButton
          label={strings.toolbar.italic}
          pressed={active.italic}
          onClick={() => run().toggleItalic().run()}
        >
          <span className="toolbar-glyph toolbar-glyph--italic">I</span>
        </ToolbarButton>
        <ToolbarButton
          label={strings.toolbar.link}
          pressed={active.link}
          onClick={onToggleLinkForm}
          secondary
          extraProps={{ 'aria-expanded': linkFormOpen, 'aria-controls': linkFormOpen ? linkFormId : undefined }}
        >
          <LinkIcon />
        </ToolbarButton>
      </div>
      <div className="toolbar-group">
        <ToolbarButton
          label={strings.toolbar.bulletList}
          pressed={active.bulletList}
          onClick={() => run().toggleBulletList().run()}
        >
          <BulletListIcon />
        </ToolbarButton>
        <ToolbarButton
          label={strings.toolbar.orderedList}
          pressed={active.orderedList}
          onClick={() => run().toggleOrderedList().run()}
          secondary
        >
          <NumberedListIcon />
        </ToolbarButton>
        <ToolbarButton
          label={strings.toolbar.blockquote}
          pressed={active.blockquote}
          onClick={() => run().toggleBlockquote().run()}
          secondary
        >
          <QuoteIcon />
        </ToolbarButton>
      </div>
      <div className="toolbar-group">
        <ToolbarButton label={strings.toolbar.insertRecommendation} onClick={onInsertRecommendation} wide>
          <RecommendationIcon />
          <span className="toolbar-text">{strings.toolbar.recommendation}</span>
        </ToolbarButton>
      </div>
      <div className="toolbar-group">
        <ToolbarButton label={strings.toolbar.undo} disabled={!active.canUndo} onClick={() => run().undo().run()}>
          <UndoIcon />
        </ToolbarButton>
        <ToolbarButton
          label={strings.toolbar.redo}
          disabled={!active.canRedo}
          onClick={() => run().redo().run()}
          secondary
        >
          <RedoIcon />
        </ToolbarButton>
      </div>
      <div className="toolbar-group toolbar-more">
        <ToolbarButton
          label={strings.interfaceLanguage.moreFormatting}
          pressed={undefined}
          onClick={() => setMoreOpen((open) => !open)}
          extraProps={{ 'aria-expanded': moreOpen, 'aria-controls': moreId }}
        >
          <span className="toolbar-glyph" aria-hidden="true">
            ⋯
          </span>
        </ToolbarButton>
      </div>
    </div>
  );
}
