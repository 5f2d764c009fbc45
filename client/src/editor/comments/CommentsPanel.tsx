import { type CommentAnchor, CommentError, type CommentThread, MAX_COMMENT_CHARS } from '@plenary/shared/domain';
import { DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { rangeToAnchor } from '@plenary/shared/schema';
import type { Editor } from '@tiptap/core';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { returnFocus } from '../../components/returnFocus';
import { formatRelativeTime } from '../../lib/relativeTime';
import { strings } from '../../lib/strings';
import { useNow } from '../../lib/useNow';
import { AuthorshipLegend } from './AuthorshipLegend';
import type { CommentsStore } from './CommentsStore';
import { bindingMapping, type ThreadRanges, useAnnotations } from './useAnnotations';

interface PendingComment {
  anchor: CommentAnchor;
  quote: string;
}

interface CommentsPanelProps {
  editor: Editor;
  doc: Y.Doc;
  store: CommentsStore;
  participantId: string;
  /** The permission function's answer for draft.comment / brief.comment. */
  canComment: boolean;
}

/**
 * The "Comment" and "Show authors" controls above the text, and the comments sidebar: open and
 * resolved threads with replies, a reply box, resolve / reopen; clicking a thread selects its text.
 * Works for readers of another group's draft too, whose text is read-only.
 */
export function CommentsPanel({ editor, doc, store, participantId, canComment }: CommentsPanelProps) {
  const threads = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [showAuthors, setShowAuthors] = useState(false);
  const [filter, setFilter] = useState<'open' | 'resolved'>('open');
  const [activeThreadId, setActiveThreadId] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingComment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { ranges, authorRuns } = useAnnotations(editor, doc, threads, activeThreadId, showAuthors);

  const startComment = useCallback(() => {
    setNotice(null);
    const range = selectedRange(editor);
    const mapping = bindingMapping(editor);
    if (!range || !mapping) {
      setNotice(strings.comments.selectFirst);
      return;
    }
    const anchor = rangeToAnchor(doc, doc.getXmlFragment(DOCUMENT_FIELD), mapping, range.from, range.to);
    setPending({ anchor, quote: editor.state.doc.textBetween(range.from, range.to, ' ') });
    setFilter('open');
  }, [editor, doc]);

  useEffect(() => {
    // "Select the text first" is answered by selecting it: the hint goes rather than lingering.
    const onSelection = () => {
      if (!editor.state.selection.empty) setNotice((shown) => (shown === strings.comments.selectFirst ? null : shown));
    };
    editor.on('selectionUpdate', onSelection);
    return () => {
      editor.off('selectionUpdate', onSelection);
    };
  }, [editor]);

  useEffect(() => {
    if (!canComment) {
      setPending(null);
      return;
    }
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey && event.altKey && event.key.toLowerCase() === 'm') {
        event.preventDefault();
        startComment();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canComment, startComment]);

  const showThread = (thread: CommentThread) => {
    setActiveThreadId(thread.id);
    const range = ranges.get(thread.id);
    if (!range) return;
    editor.chain().setTextSelection(range).run();
    const { node } = editor.view.domAtPos(range.from);
    const element = node instanceof Element ? node : node.parentElement;
    element?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    editor.view.focus();
  };

  const run = (action: () => void) => {
    try {
      action();
      setNotice(null);
      return true;
    } catch (error) {
      if (!(error instanceof CommentError)) throw error;
      setNotice(strings.comments.errors[error.code]);
      return false;
    }
  };

  const visible = threads.filter((thread) => !thread.deleted && thread.resolved === (filter === 'resolved'));
  const openCount = threads.filter((thread) => !thread.deleted && !thread.resolved).length;
  const resolvedCount = threads.filter((thread) => !thread.deleted && thread.resolved).length;

  return (
    <>
      <fieldset className="annotations-bar">
        <legend className="visually-hidden">{strings.comments.controlsLabel}</legend>
        {canComment && (
          <button
            type="button"
            className="button button--small"
            data-testid="comment-add"
            aria-keyshortcuts="Control+Alt+M"
            title={strings.comments.addHint}
            // Keep the text selected: a mouse press on the button would otherwise clear it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={startComment}
          >
            {strings.comments.add}
          </button>
        )}
        <button
          type="button"
          className="button button--small"
          data-testid="authorship-toggle"
          aria-pressed={showAuthors}
          title={strings.authorship.hint}
          onClick={() => setShowAuthors((on) => !on)}
        >
          {strings.authorship.toggle}
        </button>
        {showAuthors && <AuthorshipLegend editor={editor} runs={authorRuns} />}
      </fieldset>
      <section className="comments-sidebar" aria-labelledby="comments-heading" data-testid="comments-sidebar">
        <h2 id="comments-heading" className="presence__heading">
          {strings.comments.heading}
        </h2>
        {notice && (
          <p className="field-error" role="alert" data-testid="comment-notice">
            {notice}
          </p>
        )}
        {pending && (
          <NewCommentForm
            quote={pending.quote}
            onCancel={() => {
              setPending(null);
              // Back to the text the comment was about, rather than to the top of the page.
              editor.view.focus();
            }}
            onSubmit={(text) => {
              let id = '';
              const done = run(() => {
                id = store.add(pending.anchor, pending.quote, text);
              });
              if (done) {
                setPending(null);
                setActiveThreadId(id);
                // The form goes: the new comment takes the focus, so its author hears it was added.
                returnFocus(null, () =>
                  document.querySelector(`[data-thread-id="${CSS.escape(id)}"] [data-testid=comment-quote]`),
                );
              }
              return done;
            }}
          />
        )}
        <fieldset className="comments-filter">
          <legend className="visually-hidden">{strings.comments.filterLabel}</legend>
          <button
            type="button"
            className="button button--small"
            aria-pressed={filter === 'open'}
            data-testid="comments-filter-open"
            onClick={() => setFilter('open')}
          >
            {strings.comments.open(openCount)}
          </button>
          <button
            type="button"
            className="button button--small"
            aria-pressed={filter === 'resolved'}
            data-testid="comments-filter-resolved"
            onClick={() => setFilter('resolved')}
          >
            {strings.comments.resolved(resolvedCount)}
          </button>
        </fieldset>
        {visible.length === 0 ? (
          <p className="muted" data-testid="comments-empty">
            {filter === 'open'
              ? canComment
                ? strings.comments.noneOpen
                : strings.comments.noneOpenReadOnly
              : strings.comments.noneResolved}
          </p>
        ) : (
          <ul className="comments-list">
            {visible.map((thread) => (
              <li key={thread.id}>
                <ThreadView
                  thread={thread}
                  ranges={ranges}
                  active={thread.id === activeThreadId}
                  canComment={canComment}
                  isAuthor={thread.authorId === participantId}
                  onShow={() => showThread(thread)}
                  onReply={(text) => run(() => store.reply(thread.id, text))}
                  onResolve={(resolved) => run(() => store.setResolved(thread.id, resolved))}
                  onDelete={() => run(() => store.remove(thread.id))}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** The selected text range, from the editor or (read-only text) from the page's selection; null if empty. */
function selectedRange(editor: Editor): { from: number; to: number } | null {
  const { from, to, empty } = editor.state.selection;
  if (!empty) return { from, to };
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const dom = editor.view.dom;
  const range = selection.getRangeAt(0);
  if (!dom.contains(range.startContainer) || !dom.contains(range.endContainer)) return null;
  const start = editor.view.posAtDOM(range.startContainer, range.startOffset);
  const end = editor.view.posAtDOM(range.endContainer, range.endOffset);
  return start < end ? { from: start, to: end } : null;
}

function NewCommentForm({
  quote,
  onSubmit,
  onCancel,
}: {
  quote: string;
  onSubmit: (text: string) => boolean;
  onCancel: () => void;
}) {
  const [text, setText] = useState('');
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (onSubmit(text)) setText('');
  };
  return (
    <form className="comment-form" onSubmit={submit} data-testid="comment-form">
      <blockquote className="comment-quote">{quote}</blockquote>
      <label htmlFor={id} className="field-label">
        {strings.comments.newLabel}
      </label>
      <textarea
        id={id}
        ref={field}
        className="comment-input"
        data-testid="comment-input"
        value={text}
        maxLength={MAX_COMMENT_CHARS}
        rows={3}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onCancel();
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      />
      <div className="comment-actions">
        <button type="submit" className="button button--primary button--small" data-testid="comment-submit">
          {strings.comments.submit}
        </button>
        <button type="button" className="button button--small" onClick={onCancel}>
          {strings.comments.cancel}
        </button>
      </div>
    </form>
  );
}

interface ThreadViewProps {
  thread: CommentThread;
  ranges: ThreadRanges;
  active: boolean;
  canComment: boolean;
  isAuthor: boolean;
  onShow: () => void;
  onReply: (text: string) => boolean;
  onResolve: (resolved: boolean) => void;
  onDelete: () => void;
}

function ThreadView({
  thread,
  ranges,
  active,
  canComment,
  isAuthor,
  onShow,
  onReply,
  onResolve,
  onDelete,
}: ThreadViewProps) {
  const now = useNow(60_000);
  const [reply, setReply] = useState('');
  const replyId = useId();
  // Until the editor has placed it, a thread is not "on deleted text".
  const orphaned = ranges.has(thread.id) && ranges.get(thread.id) === null;
  const time = (at: number) => formatRelativeTime(new Date(at).toISOString(), now);
  return (
    <article
      className={`comment-thread${active ? ' comment-thread--active' : ''}`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-state={thread.resolved ? 'resolved' : 'open'}
      data-orphaned={String(orphaned)}
      aria-label={strings.comments.threadLabel(thread.authorName)}
    >
      <button type="button" className="comment-quote comment-quote--link" onClick={onShow} data-testid="comment-quote">
        {thread.quote || strings.comments.noQuote}
      </button>
      {orphaned && (
        <p className="comment-orphaned" data-testid="comment-orphaned">
          {strings.comments.onDeletedText}
        </p>
      )}
      <CommentBody name={thread.authorName} when={time(thread.createdAt)} text={thread.text} testId="comment-body" />
      {thread.replies.map((item) => (
        <CommentBody
          key={item.id}
          name={item.authorName}
          when={time(item.createdAt)}
          text={item.text}
          testId="comment-reply"
        />
      ))}
      {thread.resolved && thread.statusBy && (
        <p className="muted" data-testid="comment-resolved-by">
          {strings.comments.resolvedBy(thread.statusBy.name)}
        </p>
      )}
      {canComment && (
        <form
          className="comment-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (onReply(reply)) setReply('');
          }}
        >
          <label htmlFor={replyId} className="visually-hidden">
            {strings.comments.replyLabel(thread.authorName)}
          </label>
          <textarea
            id={replyId}
            className="comment-input"
            data-testid="reply-input"
            placeholder={strings.comments.replyPlaceholder}
            value={reply}
            maxLength={MAX_COMMENT_CHARS}
            rows={1}
            onChange={(event) => setReply(event.target.value)}
          />
          <div className="comment-actions">
            <button type="submit" className="button button--small" data-testid="reply-submit">
              {strings.comments.reply}
            </button>
            <button
              type="button"
              className="button button--small"
              data-testid={thread.resolved ? 'comment-reopen' : 'comment-resolve'}
              onClick={() => onResolve(!thread.resolved)}
            >
              {thread.resolved ? strings.comments.reopen : strings.comments.resolve}
            </button>
            {isAuthor && (
              <button
                type="button"
                className="button button--small button--danger"
                data-testid="comment-delete"
                onClick={onDelete}
              >
                {strings.comments.delete}
              </button>
            )}
          </div>
        </form>
      )}
    </article>
  );
}

function CommentBody({ name, when, text, testId }: { name: string; when: string; text: string; testId: string }) {
  return (
    <div className="comment-body" data-testid={testId}>
      <p className="comment-meta">
        <strong>{name}</strong> <span className="muted">· {when}</span>
      </p>
      <p className="comment-text">{text}</p>
    </div>
  );
}
