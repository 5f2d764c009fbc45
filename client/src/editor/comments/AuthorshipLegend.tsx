import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { strings } from '../../lib/strings';
import { authorAt, authorsInOrder } from './authorAt';
import type { AuthorRun } from './useAnnotations';

/**
 * While authors are shown: who wrote in this document, each name beside its colour, and who wrote
 * the text at the caret. Colour alone tells nothing to someone who cannot tell the colours apart,
 * and hovering for a name is no use to a keyboard or screen-reader user; the line at the caret is
 * a polite live region, so moving into someone else's text says whose it is.
 */
export function AuthorshipLegend({ editor, runs }: { editor: Editor; runs: readonly AuthorRun[] }) {
  const [head, setHead] = useState(editor.state.selection.head);
  useEffect(() => {
    const follow = () => setHead(editor.state.selection.head);
    editor.on('selectionUpdate', follow);
    editor.on('update', follow);
    return () => {
      editor.off('selectionUpdate', follow);
      editor.off('update', follow);
    };
  }, [editor]);
  const writers = authorsInOrder(runs);
  const here = authorAt(runs, head);
  return (
    <div className="authorship-legend" data-testid="authorship-legend">
      {writers.length > 0 && (
        <div className="authorship-legend__writers">
          <span>{strings.authorship.writers}</span>
          <ul className="authorship-legend__list">
            {writers.map((writer) => (
              <li key={`${writer.name}/${writer.color}`} className="authorship-legend__writer">
                <span
                  className="authorship-legend__swatch"
                  style={{ '--author-color': writer.color } as React.CSSProperties}
                  aria-hidden="true"
                />
                {writer.name}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="authorship-legend__caret" role="status" data-testid="author-at-caret">
        {here ? strings.authorship.atCaret(here.name) : strings.authorship.nobodyAtCaret}
      </p>
    </div>
  );
}
