import type { AwarenessUser } from '@plenary/shared/protocol';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { createDocumentExtensions } from '@plenary/shared/schema';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CollaborationSession } from '../collab/useCollaboration';
import { strings } from '../lib/strings';
import { LinkForm } from './LinkForm';
import { Toolbar } from './Toolbar';

interface DocumentEditorProps {
  session: CollaborationSession;
  user: AwarenessUser;
}

/** The rich-text editor bound to the session's shared document, with carets and a toolbar. */
export function DocumentEditor({ session, user }: DocumentEditorProps) {
  const [linkFormOpen, setLinkFormOpen] = useState(false);
  const linkFormId = useId();
  // The caret extension reads the user once, when the editor is created; later name changes
  // go straight to awareness (effect below), so they must not recreate the editor.
  const initialUser = useRef(user);
  const openLinkForm = useRef(() => setLinkFormOpen(true));

  const extensions = useMemo(
    () => [
      ...createDocumentExtensions(),
      Collaboration.configure({ document: session.doc, field: DOCUMENT_FIELD }),
      CollaborationCaret.configure({ provider: session.provider, user: initialUser.current }),
    ],
    [session],
  );

  const editor = useEditor(
    {
      extensions,
      editorProps: {
        attributes: {
          id: 'document-editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': strings.document.editorLabel,
          spellcheck: 'true',
        },
        handleKeyDown: (_view, event) => {
          // Mod-K opens the link field, as in most editors.
          if (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey) && !event.altKey) {
            event.preventDefault();
            openLinkForm.current();
            return true;
          }
          return false;
        },
      },
    },
    [session],
  );

  useEffect(() => {
    session.provider.awareness.setLocalStateField('user', { name: user.name, color: user.color });
  }, [session, user.name, user.color]);

  return (
    <div className="editor-frame">
      <Toolbar
        editor={editor}
        linkFormOpen={linkFormOpen}
        linkFormId={linkFormId}
        onToggleLinkForm={() => setLinkFormOpen((open) => !open)}
      />
      {linkFormOpen && <LinkForm id={linkFormId} editor={editor} onClose={() => setLinkFormOpen(false)} />}
      <div className="editor-surface" data-testid="editor">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}
