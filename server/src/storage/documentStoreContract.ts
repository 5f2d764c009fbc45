import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocumentStore } from './ports';

/** How a contract run gets a fresh store, and (for durable adapters) the same data reopened. */
export interface DocumentStoreHarness {
  create(): Promise<DocumentStore>;
  /** Closes `store` and opens the same data again; omit for non-durable adapters. */
  reopen?(store: DocumentStore): Promise<DocumentStore>;
  cleanup?(): Promise<void>;
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | undefined;
  const capture = (update: Uint8Array) => {
    captured = update;
  };
  doc.on('update', capture);
  doc.getText('t').insert(doc.getText('t').length, text);
  doc.off('update', capture);
  if (!captured) throw new Error('no update produced');
  return captured;
}

function materialise(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): string {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored.updates) Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

/** The behaviour every DocumentStore adapter must have. */
export function describeDocumentStoreContract(name: string, harness: DocumentStoreHarness): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;

    beforeEach(async () => {
      store = await harness.create();
    });
    afterEach(async () => {
      await store.close();
      await harness.cleanup?.();
    });

    it('returns null for a document that was never stored', async () => {
      expect(await store.load('never-written')).toBeNull();
    });

    it('returns appended updates in order, with increasing sequence numbers', async () => {
      const source = new Y.Doc();
      const updates = ['a', 'b', 'c'].map((t) => textUpdate(source, t));
      const seqs = await store.appendUpdates(updates.map((update) => ({ documentId: 'doc', update })));
      expect(seqs).toHaveLength(3);
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
      const loaded = await store.load('doc');
      expect(loaded?.updates).toEqual(updates);
      expect(loaded?.lastSeq).toBe(seqs[2]);
      expect(materialise(loaded ?? { snapshot: null, updates: [] })).toBe('abc');
    });

    it('keeps documents apart when one batch spans several', async () => {
      const one = new Y.Doc();
      const two = new Y.Doc();
      await store.appendUpdates([
        { documentId: 'one', update: textUpdate(one, 'first') },
        { documentId: 'two', update: textUpdate(two, 'second') },
        { documentId: 'one', update: textUpdate(one, '!') },
      ]);
      expect(materialise((await store.load('one')) ?? { snapshot: null, updates: [] })).toBe('first!');
      expect(materialise((await store.load('two')) ?? { snapshot: null, updates: [] })).toBe('second');
      expect(await store.listDocumentIds()).toEqual(['one', 'two']);
    });

    it('compaction replaces covered updates by a snapshot and keeps later ones', async () => {
      const source = new Y.Doc();
      const seqs = await store.appendUpdates(
        ['x', 'y', 'z'].map((t) => ({ documentId: 'doc', update: textUpdate(source, t) })),
      );
      const state = Y.encodeStateAsUpdate(source);
      const late = textUpdate(source, '!');
      const [lateSeq] = await store.appendUpdates([{ documentId: 'doc', update: late }]);
      await store.compact('doc', state, seqs[2] ?? 0);

      const loaded = await store.load('doc');
      expect(loaded?.snapshot).toEqual(state);
      expect(loaded?.updates).toEqual([late]);
      expect(loaded?.lastSeq).toBe(lateSeq);
      expect(materialise(loaded ?? { snapshot: null, updates: [] })).toBe('xyz!');
      expect(await store.stats('doc')).toMatchObject({ updateRows: 1, hasSnapshot: true });
    });

    it('reports the snapshot sequence as lastSeq when no update follows it', async () => {
      const source = new Y.Doc();
      const [seq] = await store.appendUpdates([{ documentId: 'doc', update: textUpdate(source, 'q') }]);
      await store.compact('doc', Y.encodeStateAsUpdate(source), seq ?? 0);
      const loaded = await store.load('doc');
      expect(loaded?.updates).toEqual([]);
      expect(loaded?.lastSeq).toBe(seq);
    });

    it('stores an empty batch as a no-op', async () => {
      expect(await store.appendUpdates([])).toEqual([]);
      expect(await store.listDocumentIds()).toEqual([]);
    });

    it('passes its health check while open', async () => {
      await expect(store.checkHealth()).resolves.toBeUndefined();
    });

    it('stores versions with their state, lists them oldest first, and keeps a tombstone of a deleted one', async () => {
      const source = new Y.Doc();
      textUpdate(source, 'day one');
      const first = Y.encodeStateAsUpdate(source);
      textUpdate(source, ', day two');
      const second = Y.encodeStateAsUpdate(source);
      const base = { documentId: 'doc', createdBy: null, name: null, kind: 'auto' as const };
      const saved = await store.saveVersion({ ...base, id: 'v1', createdAt: '2026-11-27T17:00:00.000Z' }, first);
      expect(saved).toMatchObject({ id: 'v1', bytes: first.length, deletedAt: null });
      await store.saveVersion(
        {
          ...base,
          id: 'v2',
          kind: 'named',
          name: 'End of day 1',
          createdBy: 'Amina',
          createdAt: '2026-11-27T18:00:00.000Z',
        },
        second,
      );
      await store.saveVersion(
        { ...base, id: 'other', documentId: 'doc2', createdAt: '2026-11-27T18:00:00.000Z' },
        first,
      );

      expect((await store.listVersions('doc')).map((v) => [v.id, v.kind, v.name, v.createdBy])).toEqual([
        ['v1', 'auto', null, null],
        ['v2', 'named', 'End of day 1', 'Amina'],
      ]);
      const loaded = await store.getVersion('v2');
      expect(materialise({ snapshot: loaded?.state ?? null, updates: [] })).toBe('day one, day two');

      await store.deleteVersion('v1', '2026-11-28T09:00:00.000Z');
      expect((await store.listVersions('doc')).map((v) => v.id)).toEqual(['v2']);
      expect(await store.getVersion('v1')).toMatchObject({
        record: { id: 'v1', deletedAt: '2026-11-28T09:00:00.000Z' },
        state: null,
      });
      expect(await store.getVersion('never')).toBeNull();
    });

    it('records client claims per document; the first claim of an id wins', async () => {
      await store.claimClients('doc', [
        { clientId: 7, participantId: 'p-ada' },
        { clientId: 4_294_967_295, participantId: 'p-ada' },
      ]);
      await store.claimClients('doc', [
        { clientId: 7, participantId: 'p-ben' },
        { clientId: 8, participantId: 'p-ben' },
      ]);
      await store.claimClients('other', [{ clientId: 7, participantId: 'p-ben' }]);
      expect(await store.clientClaims('doc')).toEqual(
        new Map([
          [7, 'p-ada'],
          [4_294_967_295, 'p-ada'],
          [8, 'p-ben'],
        ]),
      );
      expect(await store.clientClaims('other')).toEqual(new Map([[7, 'p-ben']]));
      expect(await store.clientClaims('never')).toEqual(new Map());
    });

    if (harness.reopen) {
      const reopen = harness.reopen;
      it('keeps client claims across a reopen', async () => {
        await store.claimClients('doc', [{ clientId: 7, participantId: 'p-ada' }]);
        store = await reopen(store);
        expect(await store.clientClaims('doc')).toEqual(new Map([[7, 'p-ada']]));
      });

      it('keeps appended and compacted data across a reopen', async () => {
        const source = new Y.Doc();
        const [seq] = await store.appendUpdates([{ documentId: 'doc', update: textUpdate(source, 'kept') }]);
        await store.compact('doc', Y.encodeStateAsUpdate(source), seq ?? 0);
        await store.appendUpdates([{ documentId: 'doc', update: textUpdate(source, ' too') }]);
        store = await reopen(store);
        expect(materialise((await store.load('doc')) ?? { snapshot: null, updates: [] })).toBe('kept too');
      });

      it('keeps versions across a reopen', async () => {
        const source = new Y.Doc();
        textUpdate(source, 'named');
        await store.saveVersion(
          {
            id: 'v',
            documentId: 'doc',
            kind: 'named',
            name: 'Plenary draft',
            createdBy: 'Ali',
            createdAt: '2026-11-28T10:00:00.000Z',
          },
          Y.encodeStateAsUpdate(source),
        );
        store = await reopen(store);
        const loaded = await store.getVersion('v');
        expect(loaded?.record.name).toBe('Plenary draft');
        expect(materialise({ snapshot: loaded?.state ?? null, updates: [] })).toBe('named');
      });
    }
  });
}
