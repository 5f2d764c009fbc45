import {
  addReply,
  addThread,
  type CommentAnchor,
  type CommentAuthor,
  type CommentThread,
  deleteThread,
  readThreads,
  recordedNames,
  setThreadResolved,
} from '@plenary/shared/domain';
import { AUTHORS_FIELD, COMMENTS_FIELD } from '@plenary/shared/protocol';
import type * as Y from 'yjs';

/**
 * The draft's or brief's comment threads, read from its Y.Doc (so they sync live and work
 * offline like the text), and the signed-in participant's actions on them — written under their
 * own id only, the only entries the server accepts from them. `useSyncExternalStore`-shaped.
 */
export class CommentsStore {
  private readonly map: Y.Map<unknown>;
  private readonly authors: Y.Map<unknown>;
  private threads: CommentThread[];
  private readonly listeners = new Set<() => void>();

  constructor(
    doc: Y.Doc,
    private author: CommentAuthor,
  ) {
    this.map = doc.getMap(COMMENTS_FIELD);
    this.authors = doc.getMap(AUTHORS_FIELD);
    this.threads = this.read();
    // Observed for the doc's whole life: the observers go when the session destroys the doc. The
    // authors map gives the names shown (as the server recorded them), so it is followed too.
    this.map.observe(this.onChange);
    this.authors.observe(this.onChange);
  }

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = () => this.threads;

  /** Who writes from now on (the participant renamed themself): one store per document, not per name. */
  setAuthor(author: CommentAuthor): void {
    this.author = author;
  }

  /** Opens a thread; throws `CommentError` for an empty or too long text. */
  add(anchor: CommentAnchor, quote: string, text: string): string {
    return addThread(this.map, { id: newId(), anchor, quote, text, author: this.author, now: Date.now() });
  }

  /** Replies; throws `CommentError` when the thread is gone or deleted. */
  reply(threadId: string, text: string): void {
    addReply(this.map, { threadId, id: newId(), text, author: this.author, now: Date.now() });
  }

  setResolved(threadId: string, resolved: boolean): void {
    setThreadResolved(this.map, threadId, resolved, this.author, Date.now());
  }

  remove(threadId: string): void {
    deleteThread(this.map, threadId, this.author, Date.now());
  }

  private read(): CommentThread[] {
    return readThreads(this.map.entries(), recordedNames(this.authors.entries()));
  }

  private readonly onChange = () => {
    this.threads = this.read();
    for (const listener of this.listeners) listener();
  };
}

/** A random id; `crypto.randomUUID` is missing on plain-http venue servers (not a secure context). */
function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
