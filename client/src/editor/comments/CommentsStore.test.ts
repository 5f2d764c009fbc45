import { CommentError } from '@plenary/shared/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CommentsStore } from './CommentsStore';

const ANCHOR = { start: 'AAA=', end: 'AAE=' };

/** Two replicas of one draft that exchange every update, as through the server. */
function twoReplicas() {
  const mine = new Y.Doc();
  const theirs = new Y.Doc();
  mine.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(theirs, update, 'remote');
  });
  theirs.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') Y.applyUpdate(mine, update, 'remote');
  });
  return { mine, theirs };
}

describe('CommentsStore', () => {
  it('shows the other replica’s thread, reply and resolution as they happen, and keeps the snapshot stable in between', () => {
    const { mine, theirs } = twoReplicas();
    const amina = new CommentsStore(mine, { id: 'p-amina', name: 'Amina' });
    const bilal = new CommentsStore(theirs, { id: 'p-bilal', name: 'Bilal' });
    let notified = 0;
    bilal.subscribe(() => {
      notified += 1;
    });

    const id = amina.add(ANCHOR, 'Fund shelters', 'Which budget line?');
    const snapshot = bilal.getSnapshot();
    expect(snapshot).toHaveLength(1);
    expect(bilal.getSnapshot()).toBe(snapshot);
    expect(notified).toBe(1);

    bilal.reply(id, 'Line 14.');
    bilal.setResolved(id, true);
    const [thread] = amina.getSnapshot();
    expect(thread).toMatchObject({ authorName: 'Amina', resolved: true, statusBy: { name: 'Bilal' } });
    expect(thread?.replies.map((reply) => [reply.authorName, reply.text])).toEqual([['Bilal', 'Line 14.']]);
  });

  it('writes under the name it was last told, so a rename needs no new store', () => {
    const doc = new Y.Doc();
    const store = new CommentsStore(doc, { id: 'p-amina', name: 'Amina' });
    store.setAuthor({ id: 'p-amina', name: 'Amina Khan' });
    store.add(ANCHOR, 'Fund shelters', 'Which budget line?');
    expect(store.getSnapshot()[0]?.authorName).toBe('Amina Khan');
  });

  it('refuses a reply once the thread’s author deleted it, with an error the sidebar can show', () => {
    const { mine, theirs } = twoReplicas();
    const amina = new CommentsStore(mine, { id: 'p-amina', name: 'Amina' });
    const bilal = new CommentsStore(theirs, { id: 'p-bilal', name: 'Bilal' });
    const id = amina.add(ANCHOR, 'q', 'Hm?');
    expect(() => bilal.remove(id)).toThrow(new CommentError('not_author'));
    amina.remove(id);
    expect(() => bilal.reply(id, 'Too late')).toThrow(new CommentError('thread_deleted'));
    expect(() => bilal.reply('missing', 'Anyone?')).toThrow(new CommentError('thread_not_found'));
    expect(bilal.getSnapshot()[0]?.deleted).toBe(true);
  });
});
