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
  /**
   * False when the server would drop this participant's changes (another group's draft, a
   * locked draft, a reader): typing is refused here rather than silently lost there.
   */
  editable: boolean;
}

/** The rich-text editor bound to the session's shared document, with carets and a toolbar. */
export function DocumentEditor({ session, user, editable }: DocumentEditorProps) {
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
      editable,
      editorProps: {
        attributes: editorAttributes(editable),
        handleKeyDown: (view, event) => {
          // Mod-K opens the link field, as in most editors.
          if (view.editable && event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey) && !event.altKey) {
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

  useEffect(() => {
    // A lock arrives while the editor is open: switch without recreating it (and its carets).
    if (editor.isEditable === editable) return;
    editor.setOptions({
      editable,
      editorProps: { ...editor.options.editorProps, attributes: editorAttributes(editable) },
    });
    if (!editable) setLinkFormOpen(false);
  }, [editor, editable]);

  return (
    <div className="editor-frame">
      {editable && (
        <Toolbar
          editor={editor}
          linkFormOpen={linkFormOpen}
          linkFormId={linkFormId}
          onToggleLinkForm={() => setLinkFormOpen((open) => !open)}
        />
      )}
      {editable && linkFormOpen && <LinkForm id={linkFormId} editor={editor} onClose={() => setLinkFormOpen(false)} />}
      <div className={`editor-surface${editable ? '' : ' editor-surface--read-only'}`} data-testid="editor">
        <EditorContent editor={editor} />
      </div>
    </div>
  );
}

/** The editable element's attributes; the label says when typing is not possible. */
function editorAttributes(editable: boolean): Record<string, string> {
  return {
    id: 'document-editor',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-readonly': String(!editable),
    'aria-label': editable ? strings.document.editorLabel : strings.document.readOnlyEditorLabel,
    spellcheck: 'true',
  };
}
