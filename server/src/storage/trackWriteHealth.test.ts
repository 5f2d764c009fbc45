import { describe, expect, it, vi } from 'vitest';
import { MemoryDocumentStore } from './memory/MemoryDocumentStore';
import { StorageUnhealthyError, trackWriteHealth } from './trackWriteHealth';

const update = { documentId: 'doc-1', update: new Uint8Array([0, 0]) };

describe('trackWriteHealth', () => {
  it('is unhealthy from a failed write until the next write succeeds, naming the SQLite code', async () => {
    const inner = new MemoryDocumentStore();
    const store = trackWriteHealth(inner);
    await store.appendUpdates([update]);
    await expect(store.checkHealth()).resolves.toBeUndefined();

    const diskFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    vi.spyOn(inner, 'appendUpdates').mockRejectedValueOnce(diskFull);
    await expect(store.appendUpdates([update])).rejects.toBe(diskFull);
    const unhealthy = await store.checkHealth().catch((error: unknown) => error);
    expect(unhealthy).toBeInstanceOf(StorageUnhealthyError);
    expect((unhealthy as Error).message).toBe('the last write failed (SQLITE_FULL)');
    // Reads still work, and do not count as recovery.
    await store.load('doc-1');
    await expect(store.checkHealth()).rejects.toBeInstanceOf(StorageUnhealthyError);

    await store.appendUpdates([update]);
    await expect(store.checkHealth()).resolves.toBeUndefined();
    expect((await store.load('doc-1'))?.updates).toHaveLength(2);
  });

  it('counts a failed compaction as a failed write too', async () => {
    const inner = new MemoryDocumentStore();
    const store = trackWriteHealth(inner);
    vi.spyOn(inner, 'compact').mockRejectedValueOnce(new Error('I/O error'));
    await expect(store.compact('doc-1', new Uint8Array([0, 0]), 0)).rejects.toThrow('I/O error');
    await expect(store.checkHealth()).rejects.toThrow('the last write failed');
  });

  it('still reports a store that cannot answer at all', async () => {
    const inner = new MemoryDocumentStore();
    const store = trackWriteHealth(inner);
    await store.close();
    await expect(store.checkHealth()).rejects.not.toBeInstanceOf(StorageUnhealthyError);
  });
});
