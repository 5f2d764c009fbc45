import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../collab/collabTestKit';
import { DATABASE_FILE, openDatabase } from './openDatabase';
import { SqliteDocumentStore } from './SqliteDocumentStore';
import { WalCheckpointer } from './WalCheckpointer';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function openStore() {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-checkpoint-'));
  folders.push(dir);
  const db = openDatabase(dir);
  const walBytes = () => statSync(join(dir, `${DATABASE_FILE}-wal`)).size;
  return { dir, db, store: new SqliteDocumentStore(db), walBytes };
}

/** 2 000 commits of one small update each, as a busy workshop makes them. */
async function typeCommits(store: SqliteDocumentStore, commits = 2_000) {
  for (let index = 0; index < commits; index++) {
    await store.appendUpdates([{ documentId: `draft-${index % 10}`, update: new Uint8Array(60).fill(index % 256) }]);
    if (index % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

describe('WalCheckpointer', () => {
  it('keeps the log short from its own thread while the server connection never checkpoints', async () => {
    const { db, store, walBytes } = openStore();
    const checkpointer = new WalCheckpointer(db, silentLogger, 20);
    let copied = 0;
    checkpointer.onCheckpoint((report) => {
      copied += report.checkpointed;
    });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // The thread takes a moment to start; a log grown before that stays that size on disk.
    await store.appendUpdates([{ documentId: 'draft-0', update: new Uint8Array([1]) }]);
    await vi.waitFor(() => expect(copied).toBeGreaterThan(0), { timeout: 10_000 });
    await typeCommits(store);
    await vi.waitFor(() => expect(copied).toBeGreaterThan(1_000), { timeout: 10_000 });
    // Without checkpoints 2 000 commits of three pages each would leave ~24 MB of log.
    expect(walBytes()).toBeLessThan(8 * 1024 * 1024);
    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    const rows = await store.stats('draft-3');
    expect(rows.updateRows).toBe(200);
    expect((await store.stats('draft-0')).updateRows).toBe(201);
    await store.close();
  });

  it('hands checkpointing back to the server connection when its thread dies', async () => {
    const { db, store } = openStore();
    const checkpointer = new WalCheckpointer(db, silentLogger, 20);
    let copied = 0;
    checkpointer.onCheckpoint((report) => {
      copied += report.checkpointed;
    });
    await store.appendUpdates([{ documentId: 'draft', update: new Uint8Array([1]) }]);
    await vi.waitFor(() => expect(copied).toBeGreaterThan(0), { timeout: 10_000 });
    await checkpointer.kill();
    await vi.waitFor(() => expect(checkpointer.running).toBe(false), { timeout: 5_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await store.appendUpdates([{ documentId: 'draft', update: new Uint8Array([1, 2, 3]) }]);
    expect((await store.stats('draft')).updateRows).toBe(2);
    await store.close();
  });
});
