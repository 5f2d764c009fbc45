import type * as Y from 'yjs';
import {
  type CommentAnchor,
  CommentStatusRecord,
  CommentThreadRecord,
  MAX_COMMENT_CHARS,
  MAX_QUOTE_CHARS,
  replyKey,
  statusKey,
  threadKey,
} from './comments';

/** Why a comment action was refused, with a stable code the UI turns into words. */
export class CommentError extends Error {
  constructor(readonly code: 'empty_text' | 'too_long' | 'thread_not_found' | 'thread_deleted' | 'not_author') {
    super(code);
    this.name = 'CommentError';
  }
}

/** Who acts, as the server will check it. */
export interface CommentAuthor {
  id: string;
  name: string;
}

function cleanText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new CommentError('empty_text');
  if (trimmed.length > MAX_COMMENT_CHARS) throw new CommentError('too_long');
  return trimmed;
}

function existingThread(map: Y.Map<unknown>, threadId: string) {
  const thread = CommentThreadRecord.safeParse(map.get(threadKey(threadId)));
  if (!thread.success) throw new CommentError('thread_not_found');
  const status = CommentStatusRecord.safeParse(map.get(statusKey(threadId)));
  return { thread: thread.data, deleted: status.success && status.data.deleted };
}

/** Opens a thread on `anchor`; returns its id. */
export function addThread(
  map: Y.Map<unknown>,
  input: { id: string; anchor: CommentAnchor; quote: string; text: string; author: CommentAuthor; now: number },
): string {
  const record: CommentThreadRecord = {
    id: input.id,
    anchor: input.anchor,
    quote: input.quote.slice(0, MAX_QUOTE_CHARS),
    text: cleanText(input.text),
    authorId: input.author.id,
    authorName: input.author.name,
    createdAt: input.now,
  };
  map.set(threadKey(input.id), record);
  return input.id;
}

/** Adds a reply; refused on a thread that does not exist or was deleted. */
export function addReply(
  map: Y.Map<unknown>,
  input: { threadId: string; id: string; text: string; author: CommentAuthor; now: number },
): void {
  const text = cleanText(input.text);
  if (existingThread(map, input.threadId).deleted) throw new CommentError('thread_deleted');
  map.set(replyKey(input.threadId, input.id), {
    id: input.id,
    threadId: input.threadId,
    text,
    authorId: input.author.id,
    authorName: input.author.name,
    createdAt: input.now,
  });
}

function setStatus(
  map: Y.Map<unknown>,
  threadId: string,
  change: { resolved?: boolean; deleted?: boolean },
  by: CommentAuthor,
  now: number,
): void {
  const previous = CommentStatusRecord.safeParse(map.get(statusKey(threadId)));
  const status: CommentStatusRecord = {
    resolved: change.resolved ?? (previous.success && previous.data.resolved),
    deleted: change.deleted ?? (previous.success && previous.data.deleted),
    byId: by.id,
    byName: by.name,
    at: now,
  };
  map.set(statusKey(threadId), status);
}

/** Resolves or reopens a thread. */
export function setThreadResolved(
  map: Y.Map<unknown>,
  threadId: string,
  resolved: boolean,
  by: CommentAuthor,
  now: number,
): void {
  if (existingThread(map, threadId).deleted) throw new CommentError('thread_deleted');
  setStatus(map, threadId, { resolved }, by, now);
}

/** Marks a thread deleted (its author only); its entries stay, so nothing is lost. */
export function deleteThread(map: Y.Map<unknown>, threadId: string, by: CommentAuthor, now: number): void {
  const { thread } = existingThread(map, threadId);
  if (thread.authorId !== by.id) throw new CommentError('not_author');
  setStatus(map, threadId, { deleted: true }, by, now);
}
