import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDocumentStoreContract } from '../documentStoreContract';
import { MIGRATIONS } from './migrations';
import { openDatabase } from './openDatabase';
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
});
