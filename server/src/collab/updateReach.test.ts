import { addThread } from '@plenary/shared/domain';
import { AUTHORS_FIELD, COMMENTS_FIELD } from '@plenary/shared/protocol';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type QueuedTurn, reachOf, type UpdateReach } from './updateReach';

const reach = (doc: Y.Doc, update: Uint8Array) => reachOf(doc, update, Number.POSITIVE_INFINITY);

/** The server's doc (a paragraph and one server-written author entry), and a client's replica. */
function setup() {
  const server = new Y.Doc();
  server.getXmlFragment('default').insert(0, [new Y.XmlText('Fund shelters in every district.')]);
  server.getMap(AUTHORS_FIELD).set('123', { participantId: 'x', name: 'X', color: '#000' });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const capture = (change: () => void) => {
    const before = Y.encodeStateVector(client);
    change();
    return Y.encodeStateAsUpdate(client, before);
  };
  const text = client.getXmlFragment('default').get(0) as Y.XmlText;
  return { server, client, capture, text };
}

/** The same update with its delete set left out: what a crafted client could send. */
function withoutDeletions(update: Uint8Array): Uint8Array {
  const { structs } = Y.decodeUpdate(update);
  const encoder = new Y.UpdateEncoderV1();
  const first = structs[0];
  if (!first) throw new Error('no structs');
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, structs.length);
  encoder.writeClient(first.id.client);
  encoding.writeVarUint(encoder.restEncoder, first.id.clock);
  for (const struct of structs) struct.write(encoder, 0);
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}

describe('reachOf: the comments and authors maps', () => {
  it('lets typing and deleting text through as plain edits', () => {
    const { server, capture, text } = setup();
    const typing = capture(() => text.insert(0, 'Now: '));
    expect(reach(server, typing)).toMatchObject({ touchesGuarded: false, waitsForMissing: false });
    Y.applyUpdate(server, typing);
    const deleting = capture(() => text.delete(0, 5));
    expect(reach(server, deleting)).toMatchObject({ touchesGuarded: false, waitsForMissing: false });
  });

  it('spots a new entry, an overwrite and a bare deletion in the authors map', () => {
    const { server, client, capture } = setup();
    const authors = client.getMap(AUTHORS_FIELD);
    expect(
      reach(
        server,
        capture(() => authors.set('456', { participantId: 'me' })),
      ).touchesGuarded,
    ).toBe(true);
    const overwrite = capture(() => authors.set('123', { participantId: 'me' }));
    expect(reach(server, overwrite).touchesGuarded).toBe(true);
    const fresh = setup();
    expect(
      reach(
        fresh.server,
        fresh.capture(() => fresh.client.getMap(AUTHORS_FIELD).delete('123')),
      ).touchesGuarded,
    ).toBe(true);
  });

  it('spots an overwrite sent without its deletion (the item only points at the old entry)', () => {
    const { server, client, capture } = setup();
    const crafted = withoutDeletions(capture(() => client.getMap(AUTHORS_FIELD).set('123', { participantId: 'me' })));
    expect(reach(server, crafted).touchesGuarded).toBe(true);
    // Pins why it matters: Yjs takes such an item as the entry's new value.
    Y.applyUpdate(server, crafted);
    expect(server.getMap(AUTHORS_FIELD).get('123')).toEqual({ participantId: 'me' });
  });

  it('spots a thread and a reply arriving in one update, and a reply to a stored thread', () => {
    const { server, client, capture } = setup();
    const author = { id: 'me', name: 'Me' };
    const anchor = { start: 'AAA=', end: 'AAE=' };
    const thread = capture(() =>
      addThread(client.getMap(COMMENTS_FIELD), { id: 't1', anchor, quote: 'q', text: 'Why?', author, now: 1 }),
    );
    expect(reach(server, thread).touchesGuarded).toBe(true);
  });
});

describe('reachOf: gaps', () => {
  it('says an update waits when it follows edits the server never got', () => {
    const { server, capture, text } = setup();
    capture(() => text.insert(0, 'never sent '));
    const next = capture(() => text.insert(0, 'then this '));
    expect(reach(server, next).waitsForMissing).toBe(true);
  });

  it('says an update waits when it is inserted next to someone else’s text the server lacks', () => {
    const { server, client, capture } = setup();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client));
    (other.getXmlFragment('default').get(0) as Y.XmlText).insert(0, 'other ');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(other, Y.encodeStateVector(client)));
    const next = capture(() => (client.getXmlFragment('default').get(0) as Y.XmlText).insert(3, 'x'));
    expect(reach(server, next).waitsForMissing).toBe(true);
    // With the other's text on the server, the same update is plain typing.
    Y.applyUpdate(server, Y.encodeStateAsUpdate(other, Y.encodeStateVector(server)));
    expect(reach(server, next)).toMatchObject({ waitsForMissing: false, touchesGuarded: false });
  });

  it('says a deletion of text the server never got waits, and one of text in the same update does not', () => {
    const { server, capture, text } = setup();
    const inserted = capture(() => text.insert(0, 'typo '));
    const deleted = capture(() => text.delete(0, 5));
    expect(reach(server, deleted).waitsForMissing).toBe(true);
    expect(reach(server, Y.mergeUpdates([inserted, deleted])).waitsForMissing).toBe(false);
  });

  it('agrees with Yjs on whether seeded random updates would be held back', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const updates: Uint8Array[] = [];
    for (const doc of writers) doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let step = 0; step < 300; step++) {
      const doc = writers[Math.floor(random() * writers.length)] as Y.Doc;
      const text = doc.getText('t');
      if (text.length > 0 && random() < 0.3) text.delete(Math.floor(random() * text.length), 1);
      else text.insert(Math.floor(random() * (text.length + 1)), random() < 0.5 ? 'ab' : 'ک🚓');
      // Spread updates around so each writer builds on the others' text.
      const other = writers[Math.floor(random() * writers.length)] as Y.Doc;
      if (other !== doc && random() < 0.5) Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
    }
    const server = new Y.Doc();
    let held = 0;
    for (const update of updates) {
      if (random() < 0.2) continue; // lost on the way
      const predicted = reach(server, update).waitsForMissing;
      const trial = new Y.Doc();
      Y.applyUpdate(trial, Y.encodeStateAsUpdate(server));
      Y.applyUpdate(trial, update);
      const actual = trial.store.pendingStructs !== null || trial.store.pendingDs !== null;
      expect(predicted).toBe(actual);
      if (predicted) held += 1;
      else Y.applyUpdate(server, update);
    }
    expect(held).toBeGreaterThan(5);
  });
});

describe('reachOf: updates that bring only new structs', () => {
  it('tells typing (bytes to forward as they are) from a resend that repeats what the server has', () => {
    const { server, client, capture, text } = setup();
    const typing = capture(() => text.insert(0, 'Now: '));
    expect(reach(server, typing).bringsOnlyNew).toBe(true);
    Y.applyUpdate(server, typing);
    expect(reach(server, typing).bringsOnlyNew).toBe(false);
    const more = capture(() => text.insert(0, 'Then: '));
    expect(reach(server, Y.mergeUpdates([typing, more])).bringsOnlyNew).toBe(false);
    expect(reach(server, more).bringsOnlyNew).toBe(true);
    expect(reach(server, Y.encodeStateAsUpdate(client)).bringsOnlyNew).toBe(false);
    // "Nothing new" and deletions are left to Yjs, which stores nothing when nothing changed.
    expect(reach(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(client))).bringsOnlyNew).toBe(false);
    expect(
      reach(
        server,
        capture(() => text.delete(0, 2)),
      ).bringsOnlyNew,
    ).toBe(false);
  });
});

describe('reachOf: new clients', () => {
  it('names the clients whose items the document lacks, never one that only replays', () => {
    const { server, client, capture, text } = setup();
    const typing = capture(() => text.insert(0, 'Now: '));
    expect(reach(server, typing).newClients).toEqual([client.clientID]);
    Y.applyUpdate(server, typing);
    expect(reach(server, typing).newClients).toEqual([]);
    expect(reach(server, Y.encodeStateAsUpdate(client)).newClients).toEqual([]);
  });
});

describe('reachOf: what Yjs would take and then fail on', () => {
  const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
  const refusalOf = (doc: Y.Doc, update: Uint8Array, queued?: QueuedTurn) => {
    try {
      reachOf(doc, update, Number.POSITIVE_INFINITY, queued);
    } catch (error) {
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('refuses operations that wait for one another in a cycle, which Yjs would hold back for ever', () => {
    // Client 88's item sits after 77:1, and 77's first item after 88:1 (found by an adversarial search).
    const cycle = hex('02025800040101740170844d010171024d008458010178844d00017900');
    const yjs = new Y.Doc();
    Y.applyUpdate(yjs, cycle);
    expect(yjs.store.pendingStructs).not.toBeNull();
    expect(refusalOf(new Y.Doc(), cycle)).toMatch(/cycle/);

    // Two clients that build on each other in order are fine.
    const { client, text, server } = setup();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client));
    const before = Y.encodeStateVector(client);
    text.insert(0, 'A ');
    Y.applyUpdate(other, Y.encodeStateAsUpdate(client, before));
    (other.getXmlFragment('default').get(0) as Y.XmlText).insert(2, 'B ');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(other, Y.encodeStateVector(client)));
    const twoClients = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(refusalOf(server, twoClients)).toBe('accepted');
  });

  it('refuses a map entry longer than one value, which a deletion can split and then break Yjs', () => {
    // Client 77 writes [true, true] under key "k" of a map that client 88 creates and deletes,
    // deleting 77:2 first (which splits the entry).
    const split = hex('020158000701017801014d0028005800016b027878024d01010158010001');
    const yjs = new Y.Doc();
    expect(() => Y.applyUpdate(yjs, split)).toThrow();
    expect(refusalOf(new Y.Doc(), split)).toMatch(/map entry/);
    // The same entry split by an item placed inside it instead.
    expect(refusalOf(new Y.Doc(), hex('030158000701017801014d0028005800016b027878014200444d01017a0158010001'))).toMatch(
      /map entry/,
    );
  });

  /** A turn in which `reach`'s update was accepted and not applied yet, as DocRoom keeps it. */
  const queuedAfter = (reach: UpdateReach): QueuedTurn => ({
    queuedClockOf: (client) => reach.ends.get(client),
    queuedMapEntryAt: (client, clock) => reach.mapEntryAt(client, clock) ?? null,
  });

  it('refuses a long value that takes its map key from its neighbour, also when that neighbour is queued', () => {
    const server = new Y.Doc();
    server.getMap('fields').set('priority', 'high');
    const writer = new Y.Doc();
    writer.clientID = 77;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
    const entry = server.getMap('fields')._map.get('priority') as Y.Item;
    // An item after the map entry (so in the map, under its key) holding two values.
    const longAfter = (origin: Y.ID, clock: number) => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 77);
      encoding.writeVarUint(e, clock);
      encoding.writeUint8(e, 8 | 0x80); // any content, with an origin
      encoding.writeVarUint(e, origin.client);
      encoding.writeVarUint(e, origin.clock);
      encoding.writeVarUint(e, 2);
      encoding.writeUint8(e, 120); // true
      encoding.writeUint8(e, 120);
      encoding.writeVarUint(e, 0);
      return encoding.toUint8Array(e);
    };
    expect(refusalOf(server, longAfter(entry.id, 0))).toMatch(/map entry/);

    // The writer sets a field (queued this turn, not applied yet), then sends a long value after it.
    const before = Y.encodeStateVector(writer);
    writer.getMap('fields').set('priority', 'low');
    const first = Y.encodeStateAsUpdate(writer, before);
    const queued = queuedAfter(reachOf(server, first, Number.POSITIVE_INFINITY));
    expect(refusalOf(server, longAfter(Y.createID(77, 0), 1), queued)).toMatch(/map entry/);
    Y.applyUpdate(server, first);
    expect(refusalOf(server, longAfter(Y.createID(77, 0), 1))).toMatch(/map entry/);

    // Long values in a list or a text are what lists and pasting write.
    const { server: draft, capture, text, client } = setup();
    const paste = capture(() => {
      text.insert(4, ' more shelters');
      client.getArray('order').insert(0, ['a', 'b', 'c']);
    });
    expect(refusalOf(draft, paste)).toBe('accepted');
    Y.applyUpdate(draft, paste);

    // Pasting after text typed in the same turn (queued, not applied): decided without applying it.
    const typed = capture(() => text.insert(0, 'We '));
    const typedReach = reachOf(draft, typed, Number.POSITIVE_INFINITY);
    const pasted = capture(() => text.insert(3, 'must fund '));
    const afterTyped = reachOf(draft, pasted, Number.POSITIVE_INFINITY, queuedAfter(typedReach));
    expect(typedReach).toMatchObject({ bringsOnlyNew: true, waitsForMissing: false });
    expect(afterTyped).toMatchObject({ undecided: false, bringsOnlyNew: true });
  });

  it('takes a merged update that repeats part of what the document has before text built on the rest', () => {
    // Found by review: the cycle check once lowered a client's clock to the end of a repeated part
    // and looped for ever. Yjs applies this cleanly.
    const server = new Y.Doc();
    server.clientID = 50;
    server.getText('t').insert(0, 'abcdefghij');
    const early = new Y.Doc();
    early.clientID = 50;
    early.getText('t').insert(0, 'abcde');
    const writer = new Y.Doc();
    writer.clientID = 9;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(writer);
    writer.getText('t').insert(8, 'X');
    const merged = Y.mergeUpdates([Y.encodeStateAsUpdate(early), Y.encodeStateAsUpdate(writer, before)]);
    expect(refusalOf(server, merged)).toBe('accepted');
    Y.applyUpdate(server, merged);
    expect(server.getText('t').toString()).toBe('abcdefghXij');
  });

  it('asks the queued update, not a copy of its struct, whether a neighbour sits in a map', () => {
    // Found by review: a GC struct for the queued attribute's clock hid that it is a map entry.
    const server = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    server.getXmlFragment('default').insert(0, [paragraph]);
    const writer = new Y.Doc();
    writer.clientID = 77;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(writer);
    (writer.getXmlFragment('default').get(0) as Y.XmlElement).setAttribute('align', 'left');
    const attribute = Y.encodeStateAsUpdate(writer, before);
    const queued = queuedAfter(reachOf(server, attribute, Number.POSITIVE_INFINITY));
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 2);
    // Client 88: two values after the attribute 77:0 (so under its key)…
    for (const n of [1, 88, 0]) encoding.writeVarUint(e, n);
    encoding.writeUint8(e, 8 | 0x80);
    for (const n of [77, 0, 2]) encoding.writeVarUint(e, n);
    encoding.writeUint8(e, 120);
    encoding.writeUint8(e, 120);
    // …and client 77's clock 0 again, as a GC struct.
    for (const n of [1, 77, 0]) encoding.writeVarUint(e, n);
    encoding.writeUint8(e, 0);
    encoding.writeVarUint(e, 1);
    // Deleting the second value splits the entry.
    for (const n of [1, 88, 1, 1, 1]) encoding.writeVarUint(e, n);
    expect(refusalOf(server, encoding.toUint8Array(e), queued)).toMatch(/map entry/);
  });

  it('takes long deleted values an undo manager or a document without garbage collection keeps', () => {
    // Found by review: Yjs merges a key's consecutive deleted values into one long item, which a
    // Tiptap client (its undo manager keeps them) sends in its sync step 2 after working offline.
    const server = new Y.Doc();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('textAlign', 'left');
    server.getXmlFragment('default').insert(0, [paragraph]);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const undo = new Y.UndoManager(client.getXmlFragment('default'), { captureTimeout: 0 });
    const copy = client.getXmlFragment('default').get(0) as Y.XmlElement;
    for (const value of ['center', 'right', 'justify', 'left'])
      client.transact(() => copy.setAttribute('textAlign', value));
    const stepTwo = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(refusalOf(server, stepTwo)).toBe('accepted');
    undo.destroy();

    const keeper = new Y.Doc({ gc: false });
    for (const value of [1, 2, 3]) keeper.getMap('settings').set('k', value);
    expect(refusalOf(new Y.Doc(), Y.encodeStateAsUpdate(keeper))).toBe('accepted');
  });
});
