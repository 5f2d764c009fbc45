import { addReply, addThread, deleteThread, setThreadResolved, statusKey, threadKey } from '@plenary/shared/domain';
import {
  AUTHORS_FIELD,
  COMMENTS_FIELD,
  ENDORSEMENTS_FIELD,
  endorsementKey,
  POSITIONS_FIELD,
} from '@plenary/shared/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { admitsUpdate, type UpdateRights } from './updateFilter';

/** A reader of another group's draft: reactions and comments, never the text. */
const reader = (participantId: string): UpdateRights => ({
  participantId,
  text: false,
  reactions: true,
  comments: true,
});
const writer = (participantId: string): UpdateRights => ({
  participantId,
  text: true,
  reactions: true,
  comments: true,
});
const changesOnlyOwnReactions = (doc: Y.Doc, update: Uint8Array, participantId: string) =>
  admitsUpdate(doc, update, reader(participantId));

/** The server's doc, and a reader's replica of it that produces updates. */
function setup() {
  const server = new Y.Doc();
  server.getXmlFragment('default').insert(0, [new Y.XmlText('Fund shelters in every district.')]);
  server.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'someone-else'), { name: 'Other' });
  const reader = new Y.Doc();
  Y.applyUpdate(reader, Y.encodeStateAsUpdate(server));
  const capture = (change: () => void) => {
    const before = Y.encodeStateVector(reader);
    change();
    return Y.encodeStateAsUpdate(reader, before);
  };
  return { server, reader, capture };
}

describe('admitsUpdate: reactions', () => {
  // Pins: a reader of another group's draft may endorse and record positions, under their own id only.
  it('accepts adding, changing and withdrawing one’s own endorsement and position', () => {
    const { server, reader, capture } = setup();
    const endorsements = reader.getMap(ENDORSEMENTS_FIELD);
    const add = capture(() => endorsements.set(endorsementKey('rec1', 'me'), { name: 'Me' }));
    expect(changesOnlyOwnReactions(server, add, 'me')).toBe(true);
    Y.applyUpdate(server, add);

    const position = capture(() =>
      reader.getMap(POSITIONS_FIELD).set(endorsementKey('rec1', 'me'), { stance: 'supports', reason: 'Yes' }),
    );
    expect(changesOnlyOwnReactions(server, position, 'me')).toBe(true);

    const withdraw = capture(() => endorsements.delete(endorsementKey('rec1', 'me')));
    expect(changesOnlyOwnReactions(server, withdraw, 'me')).toBe(true);
  });

  // Pins forged endorsements: an update that overwrites another participant's entry names no key
  // (it points at the old entry), so only a trial apply can tell.
  it('refuses writing, overwriting or deleting someone else’s entries', () => {
    const { server, reader, capture } = setup();
    const endorsements = reader.getMap(ENDORSEMENTS_FIELD);
    expect(
      changesOnlyOwnReactions(
        server,
        capture(() => endorsements.set(endorsementKey('rec1', 'victim'), {})),
        'me',
      ),
    ).toBe(false);
    const { server: s2, reader: r2, capture: c2 } = setup();
    const overwrite = c2(() =>
      r2.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'someone-else'), { name: 'Forged' }),
    );
    expect(changesOnlyOwnReactions(s2, overwrite, 'me')).toBe(false);
    const { server: s3, reader: r3, capture: c3 } = setup();
    expect(
      changesOnlyOwnReactions(
        s3,
        c3(() => r3.getMap(ENDORSEMENTS_FIELD).delete(endorsementKey('rec1', 'someone-else'))),
        'me',
      ),
    ).toBe(false);
  });

  // Pins stuffing: every key ending in `/<own id>` used to count as one more endorser.
  it('refuses keys that only end with one’s own id', () => {
    const { server, reader, capture } = setup();
    for (const key of ['rec1/made-up/me', '/me', 'rec1/me/']) {
      const stuffed = capture(() => reader.getMap(ENDORSEMENTS_FIELD).set(key, { name: 'Ministry official' }));
      expect(changesOnlyOwnReactions(server, stuffed, 'me'), key).toBe(false);
    }
  });

  // Pins: a writer of the draft may change its text, but reactions are still each person's own.
  it('holds writers to their own entries too, while they change the text', () => {
    const { server, reader, capture } = setup();
    const text = reader.getXmlFragment('default').get(0) as Y.XmlText;
    const own = capture(() =>
      reader.transact(() => {
        text.insert(0, 'Now: ');
        reader.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'me'), { name: 'Me' });
      }),
    );
    expect(admitsUpdate(server, own, writer('me'))).toBe(true);
    const forged = capture(() =>
      reader.getMap(POSITIONS_FIELD).set(endorsementKey('rec1', 'victim'), { stance: 'opposes', reason: '' }),
    );
    expect(admitsUpdate(server, forged, writer('me'))).toBe(false);
    const erased = capture(() => reader.getMap(ENDORSEMENTS_FIELD).delete(endorsementKey('rec1', 'someone-else')));
    expect(admitsUpdate(server, erased, writer('me'))).toBe(false);
  });

  it('refuses any change to the text, alone or mixed with an own endorsement', () => {
    const { server, reader, capture } = setup();
    const text = reader.getXmlFragment('default').get(0) as Y.XmlText;
    expect(
      changesOnlyOwnReactions(
        server,
        capture(() => text.insert(0, 'Never ')),
        'me',
      ),
    ).toBe(false);
    const mixed = capture(() =>
      reader.transact(() => {
        reader.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'me'), { name: 'Me' });
        text.insert(0, 'Also ');
      }),
    );
    expect(changesOnlyOwnReactions(server, mixed, 'me')).toBe(false);
  });

  it('leaves the judged document untouched', () => {
    const { server, reader, capture } = setup();
    const before = Y.encodeStateAsUpdate(server);
    changesOnlyOwnReactions(
      server,
      capture(() => reader.getMap(ENDORSEMENTS_FIELD).set(endorsementKey('rec1', 'me'), {})),
      'me',
    );
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });
});

const ANCHOR = { start: 'AAA=', end: 'AAE=' };
const ME = { id: 'me', name: 'Me' };
const OTHER = { id: 'someone-else', name: 'Other' };

describe('admitsUpdate: comments', () => {
  function withThread() {
    const ctx = setup();
    const seed = ctx.capture(() =>
      addThread(ctx.reader.getMap(COMMENTS_FIELD), {
        id: 't1',
        anchor: ANCHOR,
        quote: 'Fund',
        text: 'Which budget?',
        author: OTHER,
        now: 1,
      }),
    );
    Y.applyUpdate(ctx.server, seed);
    return ctx;
  }

  // Pins J2.5/J2.6: a member reading another group's draft may comment on it but not edit it.
  it('admits a reader’s own thread, reply, resolve and reopen', () => {
    const { server, reader: doc, capture } = withThread();
    const comments = doc.getMap(COMMENTS_FIELD);
    const steps = [
      () => addThread(comments, { id: 't2', anchor: ANCHOR, quote: 'q', text: 'Mine', author: ME, now: 2 }),
      () => addReply(comments, { threadId: 't1', id: 'r1', text: 'Line 14', author: ME, now: 3 }),
      () => setThreadResolved(comments, 't1', true, ME, 4),
      () => setThreadResolved(comments, 't1', false, ME, 5),
    ];
    for (const step of steps) {
      const update = capture(step);
      expect(admitsUpdate(server, update, reader('me'))).toBe(true);
      Y.applyUpdate(server, update);
    }
  });

  it('admits an offline thread and its reply arriving in one update', () => {
    const { server, reader: doc, capture } = setup();
    const comments = doc.getMap(COMMENTS_FIELD);
    const update = capture(() =>
      doc.transact(() => {
        addThread(comments, { id: 't9', anchor: ANCHOR, quote: 'q', text: 'Offline', author: ME, now: 2 });
        addReply(comments, { threadId: 't9', id: 'r1', text: 'And more', author: ME, now: 3 });
      }),
    );
    expect(admitsUpdate(server, update, reader('me'))).toBe(true);
  });

  it('refuses forged authors, edits of others’ comments, removals and deleting others’ threads — writers included', () => {
    for (const rights of [reader('me'), writer('me')]) {
      const attempts: Array<(doc: Y.Doc) => void> = [
        (doc) =>
          addThread(doc.getMap(COMMENTS_FIELD), {
            id: 't2',
            anchor: ANCHOR,
            quote: '',
            text: 'x',
            author: OTHER,
            now: 2,
          }),
        (doc) =>
          doc.getMap(COMMENTS_FIELD).set(threadKey('t1'), {
            ...(doc.getMap(COMMENTS_FIELD).get(threadKey('t1')) as object),
            text: 'Edited',
            authorId: 'me',
          }),
        (doc) => doc.getMap(COMMENTS_FIELD).delete(threadKey('t1')),
        (doc) => deleteThread(doc.getMap(COMMENTS_FIELD), 't1', OTHER, 3),
        (doc) =>
          doc
            .getMap(COMMENTS_FIELD)
            .set(statusKey('t1'), { resolved: true, deleted: false, byId: 'someone-else', byName: 'O', at: 1 }),
        (doc) => doc.getMap(COMMENTS_FIELD).set('anything', 1),
      ];
      for (const [index, attempt] of attempts.entries()) {
        const { server, reader: doc, capture } = withThread();
        const update = capture(() => attempt(doc));
        expect(admitsUpdate(server, update, rights), `attempt ${index} with text=${rights.text}`).toBe(false);
      }
    }
  });

  it('admits the losing side of two people resolving the same thread at once', () => {
    const { server, reader: doc, capture } = withThread();
    const rival = new Y.Doc();
    Y.applyUpdate(rival, Y.encodeStateAsUpdate(server));
    const mine = capture(() => setThreadResolved(doc.getMap(COMMENTS_FIELD), 't1', true, ME, 5));
    const before = Y.encodeStateVector(rival);
    setThreadResolved(rival.getMap(COMMENTS_FIELD), 't1', true, OTHER, 6);
    const theirs = Y.encodeStateAsUpdate(rival, before);
    // Whichever arrives second may lose the conflict to the first; both are honest and both go in.
    const first = new Y.Doc();
    Y.applyUpdate(first, Y.encodeStateAsUpdate(server));
    expect(admitsUpdate(server, theirs, reader('someone-else'))).toBe(true);
    Y.applyUpdate(server, theirs);
    expect(admitsUpdate(server, mine, reader('me'))).toBe(true);
    expect(admitsUpdate(first, mine, reader('me'))).toBe(true);
    Y.applyUpdate(first, mine);
    expect(admitsUpdate(first, theirs, reader('someone-else'))).toBe(true);
  });

  it('refuses comments from someone who may not comment (a locked draft)', () => {
    const { server, reader: doc, capture } = withThread();
    const update = capture(() =>
      addReply(doc.getMap(COMMENTS_FIELD), { threadId: 't1', id: 'r1', text: 'Hi', author: ME, now: 2 }),
    );
    expect(admitsUpdate(server, update, { ...reader('me'), comments: false })).toBe(false);
  });
});

describe('admitsUpdate: authors', () => {
  it('refuses any client write to the authors map, from writers too', () => {
    const { server, reader: doc, capture } = setup();
    const update = capture(() =>
      doc.getMap(AUTHORS_FIELD).set('123', { participantId: 'me', name: 'Me', color: '#000' }),
    );
    expect(admitsUpdate(server, update, writer('me'))).toBe(false);
  });
});
