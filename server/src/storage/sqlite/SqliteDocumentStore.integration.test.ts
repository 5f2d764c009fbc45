import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { describeDocumentStoreContract } from '../documentStoreContract';
import { MIGRATIONS } from './migrations';
import { DATABASE_FILE, openDatabase } from './openDatabase';
import { SqliteDocumentStore } from './SqliteDocumentStore';

let dataDir = '';

describeDocumentStoreContract('sqlite', {
  create: async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'plenary-store-'));
    return new SqliteDocumentStore(openDatabase(dataDir));
  },
  reopen: async (store) => {
    await store.close();
    return new SqliteDocumentStore(openDatabase(dataDir));
  },
  cleanup: async () => {
    rmSync(dataDir, { recursive: true, force: true });
  },
});

describe('openDatabase', () => {
  it('migrates a fresh data folder to the newest schema and is idempotent on reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-migrate-'));
    const first = openDatabase(dir);
    const newest = MIGRATIONS.at(-1)?.version;
    expect(first.pragma('user_version', { simple: true })).toBe(newest);
    expect(first.pragma('journal_mode', { simple: true })).toBe('wal');
    first.close();
    const second = openDatabase(dir);
    expect(second.pragma('user_version', { simple: true })).toBe(newest);
    second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves a data folder of schema 4 to the clustered update log without losing or renumbering an update', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-migrate-'));
    const old = new Database(join(dir, DATABASE_FILE));
    old.pragma('journal_mode = WAL');
    for (const migration of MIGRATIONS.filter((m) => m.version <= 4)) old.exec(migration.sql);
    old.pragma('user_version = 4');
    old
      .prepare('INSERT INTO documents (id, snapshot, snapshot_seq, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run('draft', Buffer.from([9]), 3, 1_000, 2_000);
    const insert = old.prepare('INSERT INTO document_updates (seq, document_id, data) VALUES (?, ?, ?)');
    insert.run(4, 'draft', Buffer.from([4]));
    insert.run(7, 'draft', Buffer.from([7]));
    old.close();

    const store = new SqliteDocumentStore(openDatabase(dir));
    expect(await store.load('draft')).toEqual({
      snapshot: new Uint8Array([9]),
      updates: [new Uint8Array([4]), new Uint8Array([7])],
      lastSeq: 7,
    });
    expect(await store.appendUpdates([{ documentId: 'draft', update: new Uint8Array([8]) }])).toEqual([8]);
    expect(Date.parse((await store.stats('draft')).updatedAt ?? '')).toBeGreaterThan(2_000);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('numbers updates after everything a snapshot covered, also when the log was compacted away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-seq-'));
    const first = new SqliteDocumentStore(openDatabase(dir));
    const seqs = await first.appendUpdates([1, 2, 3].map((n) => ({ documentId: 'a', update: new Uint8Array([n]) })));
    await first.compact('a', new Uint8Array([0]), seqs.at(-1) ?? 0);
    await first.close();
    const second = new SqliteDocumentStore(openDatabase(dir));
    expect(await second.appendUpdates([{ documentId: 'b', update: new Uint8Array([4]) }])).toEqual([4]);
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
