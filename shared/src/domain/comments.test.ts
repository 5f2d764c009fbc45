import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordedNames } from './authorship';
import { addReply, addThread, CommentError, deleteThread, setThreadResolved } from './commentActions';
import { judgeCommentChange, parseCommentKey, readThreads, replyKey, statusKey, threadKey } from './comments';

const ANCHOR = { start: 'AAA=', end: 'AAE=' };
const ALICE = { id: 'alice', name: 'Alice' };
const BILAL = { id: 'bilal', name: 'Bilal' };

function commentsMap() {
  return new Y.Doc().getMap<unknown>('comments');
}

function openThread(map: Y.Map<unknown>, id = 't1', author = ALICE) {
  addThread(map, { id, anchor: ANCHOR, quote: 'Fund shelters', text: 'Which budget line?', author, now: 10 });
}

/** Judges setting `key` to `value` (undefined: removing it) on top of `map`, as the server does. */
function judge(map: Y.Map<unknown>, key: string, value: unknown, who: string) {
  const after = { get: (k: string) => (k === key ? value : map.get(k)) };
  return judgeCommentChange(key, who, map, after);
}

describe('comment threads', () => {
  it('read back as threads with replies in order and their status', () => {
    const map = commentsMap();
    openThread(map);
    addReply(map, { threadId: 't1', id: 'r2', text: ' Line 14. ', author: BILAL, now: 30 });
    addReply(map, { threadId: 't1', id: 'r1', text: 'The shelters one', author: ALICE, now: 20 });
    setThreadResolved(map, 't1', true, BILAL, 40);
    const [thread] = readThreads(map.entries());
    expect(thread?.text).toBe('Which budget line?');
    expect(thread?.replies.map((reply) => reply.text)).toEqual(['The shelters one', 'Line 14.']);
    expect(thread?.resolved).toBe(true);
    expect(thread?.statusBy).toEqual({ name: 'Bilal', at: 40 });
    setThreadResolved(map, 't1', false, ALICE, 50);
    expect(readThreads(map.entries())[0]?.resolved).toBe(false);
  });

  it('show the names the server recorded for each author id, not the names the entries claim', () => {
    const map = commentsMap();
    // Bilal writes under his own id (the server checks that) but claims to be the facilitator.
    openThread(map, 't1', { id: BILAL.id, name: 'Facilitator A' });
    addReply(map, {
      threadId: 't1',
      id: 'r1',
      text: 'Agreed',
      author: { id: BILAL.id, name: 'Facilitator A' },
      now: 20,
    });
    setThreadResolved(map, 't1', true, { id: BILAL.id, name: 'Facilitator A' }, 30);
    openThread(map, 't2', ALICE);
    const authors = new Y.Doc().getMap<unknown>('authors');
    authors.set('1', { participantId: BILAL.id, name: 'Bilal', color: '#000' });
    authors.set('2', { participantId: ALICE.id, name: 'Alice', color: '#000' });
    const [forged, honest] = readThreads(map.entries(), recordedNames(authors.entries()));
    expect(forged?.authorName).toBe('Bilal');
    expect(forged?.replies[0]?.authorName).toBe('Bilal');
    expect(forged?.statusBy?.name).toBe('Bilal');
    expect(honest?.authorName).toBe('Alice');
    // Nothing recorded (an old document): the entry's own name.
    expect(readThreads(map.entries())[0]?.authorName).toBe('Facilitator A');
  });

  it('refuse empty comments and replies to a thread that is missing or deleted, keeping the replies it had', () => {
    const map = commentsMap();
    expect(() => addThread(map, { id: 't1', anchor: ANCHOR, quote: '', text: '   ', author: ALICE, now: 1 })).toThrow(
      new CommentError('empty_text'),
    );
    expect(() => addReply(map, { threadId: 'nope', id: 'r1', text: 'Hi', author: ALICE, now: 1 })).toThrow(
      new CommentError('thread_not_found'),
    );
    openThread(map);
    addReply(map, { threadId: 't1', id: 'r1', text: 'Kept', author: BILAL, now: 2 });
    expect(() => deleteThread(map, 't1', BILAL, 3)).toThrow(new CommentError('not_author'));
    deleteThread(map, 't1', ALICE, 3);
    expect(() => addReply(map, { threadId: 't1', id: 'r2', text: 'Late', author: BILAL, now: 4 })).toThrow(
      new CommentError('thread_deleted'),
    );
    const [thread] = readThreads(map.entries());
    expect(thread?.deleted).toBe(true);
    expect(thread?.replies.map((reply) => reply.text)).toEqual(['Kept']);
  });

  it('skip malformed entries instead of failing the whole list', () => {
    const map = commentsMap();
    openThread(map);
    map.set(threadKey('t2'), { id: 't2', text: 42 });
    map.set('nonsense', 1);
    map.set(replyKey('ghost', 'r1'), {
      id: 'r1',
      threadId: 'ghost',
      text: 'x',
      authorId: 'a',
      authorName: 'A',
      createdAt: 1,
    });
    expect(readThreads(map.entries()).map((thread) => thread.id)).toEqual(['t1']);
  });
});

describe('judgeCommentChange: what the server admits', () => {
  const thread = (authorId: string) => ({
    id: 't1',
    anchor: ANCHOR,
    quote: 'q',
    text: 'Why?',
    authorId,
    authorName: 'X',
    createdAt: 1,
  });
  const reply = (authorId: string) => ({
    id: 'r1',
    threadId: 't1',
    text: 'Yes',
    authorId,
    authorName: 'X',
    createdAt: 2,
  });
  const status = (byId: string, change: { resolved?: boolean; deleted?: boolean } = {}) => ({
    resolved: change.resolved ?? true,
    deleted: change.deleted ?? false,
    byId,
    byName: 'X',
    at: 3,
  });

  it('admits threads, replies and resolutions under one’s own name', () => {
    const map = commentsMap();
    expect(judge(map, threadKey('t1'), thread('bilal'), 'bilal')).toBeNull();
    openThread(map);
    expect(judge(map, replyKey('t1', 'r1'), reply('bilal'), 'bilal')).toBeNull();
    expect(judge(map, statusKey('t1'), status('bilal'), 'bilal')).toBeNull();
    expect(judge(map, statusKey('t1'), status('alice', { deleted: true }), 'alice')).toBeNull();
  });

  it('refuses forged authors, edits of others’ words, removals and deleting others’ threads', () => {
    const map = commentsMap();
    openThread(map);
    map.set(replyKey('t1', 'r1'), reply('alice'));
    expect(judge(map, threadKey('t2'), { ...thread('alice'), id: 't2' }, 'bilal')).toMatch(/author/);
    expect(judge(map, threadKey('t1'), thread('bilal'), 'bilal')).toMatch(/only its author/);
    expect(judge(map, replyKey('t1', 'r1'), reply('bilal'), 'bilal')).toMatch(/only its author/);
    expect(judge(map, replyKey('t1', 'r9'), { ...reply('alice'), id: 'r9' }, 'bilal')).toMatch(/author/);
    expect(judge(map, threadKey('t1'), undefined, 'alice')).toMatch(/never removed/);
    expect(judge(map, statusKey('t1'), status('alice'), 'bilal')).toMatch(/name who/);
    expect(judge(map, statusKey('t1'), status('bilal', { deleted: true }), 'bilal')).toMatch(/only its author/);
  });

  it('refuses replies and statuses on a thread that does not exist, and keys that are not comments', () => {
    const map = commentsMap();
    expect(judge(map, replyKey('t1', 'r1'), reply('bilal'), 'bilal')).toBe('no such thread');
    expect(judge(map, statusKey('t1'), status('bilal'), 'bilal')).toBe('no such thread');
    expect(judge(map, 'thread/a/b', thread('bilal'), 'bilal')).toMatch(/not a comment key/);
    expect(judge(map, threadKey('t1'), { ...thread('bilal'), text: '' }, 'bilal')).toBe('malformed thread');
    expect(parseCommentKey('reply/t1/r1')).toEqual({ kind: 'reply', threadId: 't1', replyId: 'r1' });
  });
});
