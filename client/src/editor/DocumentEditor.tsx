import type { AwarenessUser } from '@plenary/shared/protocol';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { createDocumentExtensions } from '@plenary/shared/schema';
import type { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CollaborationSession } from '../collab/useCollaboration';
import { strings } from '../lib/strings';
import { BlockDirection } from './blockDirection';
import { Annotations } from './comments/Annotations';
import { CommentsPanel } from './comments/CommentsPanel';
import { CommentsStore } from './comments/CommentsStore';
import { LinkForm } from './LinkForm';
import { CaretRecommendation } from './recommendation/caretRecommendation';
import { findRecommendation, recommendationIdAtSelection } from './recommendation/findRecommendation';
import { insertRecommendationBlock, type NewRecommendationFields } from './recommendation/insertRecommendationBlock';
import { PositionDialog } from './recommendation/PositionDialog';
import { RecommendationDetailsDialog } from './recommendation/RecommendationDetailsDialog';
import {
  type RecommendationDialog,
  type RecommendationEnvironment,
  RecommendationEnvironmentProvider,
} from './recommendation/RecommendationEnvironment';
import { RecommendationWithCard } from './recommendation/RecommendationNodeView';
import { RecommendationNumbers } from './recommendation/recommendationNumbers';
import { ReactionsStore } from './recommendation/recommendationReactions';
import { SlashMenu } from './SlashMenu';
import { SlashCommands } from './slashCommands';
import { slashItems } from './slashItems';
import { Toolbar } from './Toolbar';

/** What the recommendation cards need to know about the person and the workshop. */
export interface RecommendationContext {
  participant: { id: string; name: string };
  /** The workshop's audiences. */
  audiences: readonly string[];
  /** The group's focus audience: new recommendations start addressed to it. */
  focusAudience: string | null;
  /** May endorse and record positions here (drafts only; not when locked). */
  canReact: boolean;
  /** Drafts carry endorsements and positions; briefs do not. */
  showReactions: boolean;
}

interface DocumentEditorProps {
  session: CollaborationSession;
  user: AwarenessUser;
  /**
   * False when the server would drop this participant's changes (another group's draft, a
   * locked draft, a reader): typing is refused here rather than silently lost there.
   */
  editable: boolean;
  recommendations: RecommendationContext;
  /** May comment here (draft.comment / brief.comment), even when the text is read-only. */
  canComment?: boolean;
}

/** The rich-text editor bound to the session's shared document, with carets, a toolbar and recommendation cards. */
export function DocumentEditor({ session, user, editable, recommendations, canComment = false }: DocumentEditorProps) {
  const [linkFormOpen, setLinkFormOpen] = useState(false);
  const [dialog, setDialog] = useState<RecommendationDialog | null>(null);
  const linkFormId = useId();
  const frameRef = useRef<HTMLDivElement>(null);
  // The caret extension reads the user once, when the editor is created; later name changes
  // go straight to awareness (effect below), so they must not recreate the editor.
  const initialUser = useRef(user);
  const openLinkForm = useRef(() => setLinkFormOpen(true));
  // Read when a recommendation is inserted, so a changed focus audience needs no new editor.
  const newRecommendation = useRef<() => NewRecommendationFields>(() => ({}));
  newRecommendation.current = () => ({
    audiences: recommendations.focusAudience ? [recommendations.focusAudience] : [],
  });
  const getItems = useMemo(() => {
    const items = slashItems(() => newRecommendation.current());
    return () => items;
  }, []);

  const extensions = useMemo(
    () => [
      ...createDocumentExtensions().map((extension) =>
        extension.name === RecommendationWithCard.name ? RecommendationWithCard : extension,
      ),
      SlashCommands.configure({ items: getItems }),
      BlockDirection,
      Collaboration.configure({ document: session.doc, field: DOCUMENT_FIELD }),
      CollaborationCaret.configure({ provider: session.provider, user: initialUser.current }),
      Annotations,
    ],
    [session, getItems],
  );

  const editor = useEditor(
    {
      extensions,
      editable,
      editorProps: {
        attributes: editorAttributes(editable),
        handleKeyDown: (view, event) => {
          if (!view.editable) return false;
          const mod = event.metaKey || event.ctrlKey;
          // Mod-K opens the link field, as in most editors.
          if (event.key.toLowerCase() === 'k' && mod && !event.altKey) {
            event.preventDefault();
            openLinkForm.current();
            return true;
          }
          // Alt-Enter in a statement opens that recommendation's details, without reaching for the mouse.
          if (event.key === 'Enter' && event.altKey && !mod && !event.shiftKey) {
            const id = recommendationIdAtSelection(view.state);
            if (id === null) return false;
            event.preventDefault();
            setDialog({ kind: 'details', recommendationId: id, returnFocusTo: null });
            return true;
          }
          return false;
        },
      },
    },
    [session],
  );

  const { audiences, canReact, showReactions } = recommendations;
  // A brief (no reactions) is read by audience and priority, so its cards carry reading-order numbers.
  const numbers = useMemo(
    () => new RecommendationNumbers(editor, showReactions ? null : audiences),
    [editor, showReactions, audiences],
  );
  const caret = useMemo(() => new CaretRecommendation(editor), [editor]);
  const reactions = useMemo(() => new ReactionsStore(session.doc), [session]);
  const { id: participantId, name: participantName } = recommendations.participant;
  const participant = useMemo(() => ({ id: participantId, name: participantName }), [participantId, participantName]);
  // One store per document, told of a rename: a new one per name would leave the old one's map
  // observers behind until the document closed.
  const latestParticipant = useRef(participant);
  latestParticipant.current = participant;
  const comments = useMemo(() => new CommentsStore(session.doc, latestParticipant.current), [session]);
  useEffect(() => comments.setAuthor(participant), [comments, participant]);
  const environment = useMemo<RecommendationEnvironment>(
    () => ({
      participant,
      audiences,
      canWrite: editable,
      canReact,
      showReactions,
      numbers,
      caret,
      reactions,
      openDialog: setDialog,
    }),
    [participant, audiences, editable, canReact, showReactions, numbers, caret, reactions],
  );

  // Focus goes back once the dialog has really closed (an element behind a modal dialog is inert).
  const closedDialog = useRef<RecommendationDialog | null>(null);
  const closeDialog = useCallback(() => {
    closedDialog.current = dialog;
    setDialog(null);
  }, [dialog]);
  useEffect(() => {
    if (dialog !== null || closedDialog.current === null) return;
    restoreFocus(editor, closedDialog.current);
    closedDialog.current = null;
  }, [dialog, editor]);

  useEffect(() => {
    // `id` is what the server stamps on everyone else's copy of this cursor; here it lets the
    // presence list take this person's other tabs for this person.
    session.provider.awareness.setLocalStateField('user', { name: user.name, color: user.color, id: participantId });
  }, [session, user.name, user.color, participantId]);

  useEffect(() => {
    // A lock arrives while the editor is open: switch without recreating it (and its carets).
    if (editor.isEditable === editable) return;
    editor.setOptions({
      editable,
      editorProps: { ...editor.options.editorProps, attributes: editorAttributes(editable) },
    });
    if (!editable) setLinkFormOpen(false);
  }, [editor, editable]);

  useEffect(() => {
    // Positions close with the draft's lock, like the text.
    if (!canReact) setDialog((open) => (open?.kind === 'position' ? null : open));
  }, [canReact]);

  return (
    <div className="editor-frame" ref={frameRef}>
      {editable && (
        <Toolbar
          editor={editor}
          linkFormOpen={linkFormOpen}
          linkFormId={linkFormId}
          onToggleLinkForm={() => setLinkFormOpen((open) => !open)}
          onInsertRecommendation={() => insertRecommendationBlock(editor, newRecommendation.current())}
        />
      )}
      {editable && linkFormOpen && <LinkForm id={linkFormId} editor={editor} onClose={() => setLinkFormOpen(false)} />}
      <div className="editor-with-comments">
        <div className={`editor-surface${editable ? '' : ' editor-surface--read-only'}`} data-testid="editor">
          <RecommendationEnvironmentProvider value={environment}>
            <EditorContent editor={editor} />
          </RecommendationEnvironmentProvider>
        </div>
        <CommentsPanel
          editor={editor}
          doc={session.doc}
          store={comments}
          participantId={participantId}
          canComment={canComment}
        />
      </div>
      <SlashMenu editor={editor} items={getItems} frameRef={frameRef} />
      {dialog?.kind === 'details' && (
        <RecommendationDetailsDialog
          key={dialog.recommendationId}
          editor={editor}
          recommendationId={dialog.recommendationId}
          numbers={numbers}
          audiences={audiences}
          readingOrder={showReactions ? null : audiences}
          readOnly={!editable}
          onClose={closeDialog}
        />
      )}
      {dialog?.kind === 'position' && (
        <PositionDialog
          key={dialog.recommendationId}
          recommendationId={dialog.recommendationId}
          number={findRecommendation(editor.state, dialog.recommendationId, numbers)?.number ?? null}
          participant={participant}
          audiences={audiences}
          reactions={reactions}
          onClose={closeDialog}
        />
      )}
    </div>
  );
}

/**
 * Focus goes back where the dialog was opened from: the card's button (found again if the card
 * was redrawn meanwhile), or the text when a shortcut opened it.
 */
function restoreFocus(editor: Editor, dialog: RecommendationDialog): void {
  const button = dialog.returnFocusTo;
  if (button === null) {
    editor.commands.focus();
    return;
  }
  if (button.isConnected) {
    button.focus();
    return;
  }
  const testId = dialog.kind === 'details' ? 'recommendation-edit' : 'position-button';
  const card = editor.view.dom.querySelector(`[data-recommendation-id="${CSS.escape(dialog.recommendationId)}"]`);
  const again = card?.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (again) again.focus();
  else editor.commands.focus();
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
