import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { backupDataFolder } from './backupDataFolder';
import { openDatabase } from './openDatabase';
import { SqliteDocumentStore } from './SqliteDocumentStore';

describe('backupDataFolder', () => {
  it('copies a database that is open and being written, with the key, into a folder that restores', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plenary-live-'));
    writeFileSync(join(dataDir, 'secret.key'), 'key-material');
    const store = new SqliteDocumentStore(openDatabase(dataDir));
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 200; i++) doc.getText('t').insert(0, `${i} `);
    // Written while the store stays open: the backup must see committed rows, WAL included.
    await store.appendUpdates(updates.map((update) => ({ documentId: 'draft-1', update })));

    const target = join(mkdtempSync(join(tmpdir(), 'plenary-backup-')), 'copy');
    await backupDataFolder(dataDir, target);
    await store.close();

    expect(readFileSync(join(target, 'secret.key'), 'utf8')).toBe('key-material');
    const restored = new SqliteDocumentStore(openDatabase(target));
    const loaded = await restored.load('draft-1');
    const copy = new Y.Doc();
    for (const update of loaded?.updates ?? []) Y.applyUpdate(copy, update);
    expect(copy.getText('t').toString()).toBe(doc.getText('t').toString());
    await restored.close();
  });

  it('refuses to write into a folder that already has files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'plenary-live-'));
    openDatabase(dataDir).close();
    const target = mkdtempSync(join(tmpdir(), 'plenary-full-'));
    writeFileSync(join(target, 'something'), 'x');
    await expect(backupDataFolder(dataDir, target)).rejects.toThrow(/not empty/);
  });
});
