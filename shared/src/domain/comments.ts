import { z } from 'zod';
import { type RecordedNames, shownName } from './authorship';

/**
 * Comments live in the document's `COMMENTS_FIELD` Y.Map as plain JSON entries, one key per
 * thread, per reply and per thread status, each written by one participant:
 *
 * - `thread/<threadId>`          the opening comment, its anchor and the text it quoted
 * - `reply/<threadId>/<replyId>` one reply
 * - `status/<threadId>`          resolved / deleted, and who changed it last
 *
 * One key per author (rather than a replies array inside the thread) means concurrent replies
 * never touch the same entry, and the server can judge every change by its key alone.
 */

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Name = z.string().max(200);
/** Longest comment or reply, in characters. */
export const MAX_COMMENT_CHARS = 4000;
/** Longest quote kept from the commented text. */
export const MAX_QUOTE_CHARS = 500;

/** Where a thread points: two encoded Yjs relative positions (see `schema/commentAnchors.ts`). */
export const CommentAnchor = z.object({ start: z.string().min(1).max(1024), end: z.string().min(1).max(1024) });
export type CommentAnchor = z.infer<typeof CommentAnchor>;

export const CommentThreadRecord = z.object({
  id: Id,
  anchor: CommentAnchor,
  quote: z.string().max(MAX_QUOTE_CHARS),
  text: z.string().min(1).max(MAX_COMMENT_CHARS),
  authorId: Id,
  authorName: Name,
  createdAt: z.number().int().nonnegative(),
});
export type CommentThreadRecord = z.infer<typeof CommentThreadRecord>;

export const CommentReplyRecord = z.object({
  id: Id,
  threadId: Id,
  text: z.string().min(1).max(MAX_COMMENT_CHARS),
  authorId: Id,
  authorName: Name,
  createdAt: z.number().int().nonnegative(),
});
export type CommentReplyRecord = z.infer<typeof CommentReplyRecord>;

export const CommentStatusRecord = z.object({
  resolved: z.boolean(),
  deleted: z.boolean(),
  byId: Id,
  byName: Name,
  at: z.number().int().nonnegative(),
});
export type CommentStatusRecord = z.infer<typeof CommentStatusRecord>;

export const threadKey = (threadId: string) => `thread/${threadId}`;
export const replyKey = (threadId: string, replyId: string) => `reply/${threadId}/${replyId}`;
export const statusKey = (threadId: string) => `status/${threadId}`;

export type CommentKey =
  | { kind: 'thread'; threadId: string }
  | { kind: 'reply'; threadId: string; replyId: string }
  | { kind: 'status'; threadId: string };

/** The parts of a comments-map key; null for anything that is not one. */
export function parseCommentKey(key: string): CommentKey | null {
  const parts = key.split('/');
  const valid = parts.slice(1).every((part) => Id.safeParse(part).success);
  if (!valid) return null;
  const [kind, threadId, replyId] = parts;
  if (kind === 'thread' && parts.length === 2 && threadId) return { kind, threadId };
  if (kind === 'status' && parts.length === 2 && threadId) return { kind, threadId };
  if (kind === 'reply' && parts.length === 3 && threadId && replyId) return { kind, threadId, replyId };
  return null;
}

/** Reads a comments map (before or after the change being judged). */
export interface CommentsLookup {
  get(key: string): unknown;
}

/**
 * Why one change to one comments-map entry by `participantId` is refused, or null when it is
 * allowed. Anyone who may comment may open threads and reply under their own id, edit their own
 * words, and resolve or reopen any thread; only a thread's author deletes it (a flag: nothing is
 * ever removed, so no reply is lost). Entries are never removed and never written for someone else.
 */
export function judgeCommentChange(
  key: string,
  participantId: string,
  before: CommentsLookup,
  after: CommentsLookup,
): string | null {
  const parsed = parseCommentKey(key);
  if (parsed === null) return `not a comment key: ${key}`;
  const next = after.get(key);
  if (next === undefined) return 'comment entries are never removed';
  const previous = before.get(key);
  // Two people resolving at once: Yjs keeps one of the two entries everywhere. The one that lost
  // leaves the map as it was, which is no change to judge.
  if (previous !== undefined && JSON.stringify(previous) === JSON.stringify(next)) return null;
  switch (parsed.kind) {
    case 'thread': {
      const record = CommentThreadRecord.safeParse(next);
      if (!record.success || record.data.id !== parsed.threadId) return 'malformed thread';
      if (record.data.authorId !== participantId) return 'a thread must be written by its author';
      const old = CommentThreadRecord.safeParse(previous);
      if (previous !== undefined && (!old.success || old.data.authorId !== participantId)) {
        return 'only its author may change a thread';
      }
      return null;
    }
    case 'reply': {
      const record = CommentReplyRecord.safeParse(next);
      if (!record.success || record.data.id !== parsed.replyId || record.data.threadId !== parsed.threadId) {
        return 'malformed reply';
      }
      if (record.data.authorId !== participantId) return 'a reply must be written by its author';
      // Judged on the state after the change: an offline thread and its replies arrive in one update.
      if (after.get(threadKey(parsed.threadId)) === undefined) return 'no such thread';
      const old = CommentReplyRecord.safeParse(previous);
      if (previous !== undefined && (!old.success || old.data.authorId !== participantId)) {
        return 'only its author may change a reply';
      }
      return null;
    }
    case 'status': {
      const record = CommentStatusRecord.safeParse(next);
      if (!record.success) return 'malformed status';
      if (record.data.byId !== participantId) return 'a status must name who set it';
      const thread = CommentThreadRecord.safeParse(after.get(threadKey(parsed.threadId)));
      if (!thread.success) return 'no such thread';
      const wasDeleted = CommentStatusRecord.safeParse(previous).data?.deleted ?? false;
      if (record.data.deleted !== wasDeleted && thread.data.authorId !== participantId) {
        return 'only its author may delete or restore a thread';
      }
      return null;
    }
  }
}

/** A thread as the sidebar shows it. */
export interface CommentThread extends CommentThreadRecord {
  replies: CommentReplyRecord[];
  resolved: boolean;
  deleted: boolean;
  /** Who resolved or reopened it last, and when; null if nobody has. */
  statusBy: { name: string; at: number } | null;
}

/**
 * Every well-formed thread in a comments map, oldest first, with its replies oldest first. Names
 * are shown as the server recorded them for each author id (`names`, from the authors map), so a
 * comment cannot pass itself off as someone else's by the name it carries.
 */
export function readThreads(entries: Iterable<[string, unknown]>, names?: RecordedNames): CommentThread[] {
  const threads = new Map<string, CommentThread>();
  const replies: CommentReplyRecord[] = [];
  const statuses = new Map<string, CommentStatusRecord>();
  for (const [key, value] of entries) {
    const parsed = parseCommentKey(key);
    if (parsed === null) continue;
    if (parsed.kind === 'thread') {
      const record = CommentThreadRecord.safeParse(value);
      if (record.success) {
        const authorName = shownName(record.data.authorId, record.data.authorName, names);
        threads.set(parsed.threadId, {
          ...record.data,
          authorName,
          replies: [],
          resolved: false,
          deleted: false,
          statusBy: null,
        });
      }
    } else if (parsed.kind === 'reply') {
      const record = CommentReplyRecord.safeParse(value);
      if (record.success) {
        replies.push({ ...record.data, authorName: shownName(record.data.authorId, record.data.authorName, names) });
      }
    } else {
      const record = CommentStatusRecord.safeParse(value);
      if (record.success) statuses.set(parsed.threadId, record.data);
    }
  }
  for (const reply of replies) threads.get(reply.threadId)?.replies.push(reply);
  for (const [threadId, status] of statuses) {
    const thread = threads.get(threadId);
    if (!thread) continue;
    thread.resolved = status.resolved;
    thread.deleted = status.deleted;
    thread.statusBy = { name: shownName(status.byId, status.byName, names), at: status.at };
  }
  const byTime = (a: { createdAt: number; id: string }, b: { createdAt: number; id: string }) =>
    a.createdAt - b.createdAt || a.id.localeCompare(b.id);
  const list = [...threads.values()].sort(byTime);
  for (const thread of list) thread.replies.sort(byTime);
  return list;
}
