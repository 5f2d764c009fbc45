import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { DocumentStore } from '../storage/ports';
import { DeadlineQueue } from './DeadlineQueue';
import { DocRoom, type DocRoomDeps, type DocRoomOptions } from './DocRoom';
import { AWARENESS_SWEEP_MS } from './expireQuietAwareness';
import { safely } from './safely';
import type { UpdateCommitter } from './UpdateCommitter';

export interface RoomRegistryOptions extends DocRoomOptions {
  /** How long a document with no connections stays loaded. */
  unloadGraceMs: number;
  /** Told after updates of a document were stored. */
  onStored?(documentId: string): void;
}

/**
 * The loaded documents of one server. Concurrent first connections share one load (a map of
 * promises); a failed load rejects every waiter and stores nothing; an unused document is
 * unloaded after a grace period, once its writes have settled.
 */
export class RoomRegistry {
  private readonly loading = new Map<string, Promise<DocRoom>>();
  private readonly rooms = new Map<string, DocRoom>();
  private readonly unloading = new Map<string, Promise<void>>();
  /** Rooms nobody is connected to, unloaded once the grace period has passed. */
  private readonly unloadsDue: DeadlineQueue<DocRoom>;
  /** Completed loads, for tests and metrics ("each document is loaded once"). */
  loadCount = 0;

  /** Drops quiet cursors in every loaded room (see expireQuietAwareness). */
  private readonly cursorSweep: NodeJS.Timeout;

  /** What every room is given: one object for all of them, not one per loaded document. */
  private readonly roomDeps: DocRoomDeps;

  constructor(
    store: DocumentStore,
    private readonly committer: UpdateCommitter,
    private readonly logger: Logger,
    private readonly options: RoomRegistryOptions,
    metrics?: Metrics,
  ) {
    this.roomDeps = {
      store,
      committer,
      logger,
      options,
      ...(metrics ? { metrics } : {}),
      onEmpty: (emptied) => this.scheduleUnload(emptied),
      onBroken: (broken) => this.discard(broken),
      onStored: (id) => this.options.onStored?.(id),
      idleCompaction: new DeadlineQueue(options.compactIdleMs, (room: DocRoom) => this.compactIdle(room)),
    };
    this.unloadsDue = new DeadlineQueue(options.unloadGraceMs, (room: DocRoom) => void this.unload(room));
    this.cursorSweep = setInterval(() => this.expireQuietCursors(), AWARENESS_SWEEP_MS);
    this.cursorSweep.unref();
  }

  /** The loaded room for `documentId`, loading it if needed. */
  async acquire(documentId: string): Promise<DocRoom> {
    const loaded = this.rooms.get(documentId);
    if (loaded) {
      this.unloadsDue.cancel(loaded);
      return loaded;
    }
    const inProgress = this.loading.get(documentId);
    if (inProgress) return inProgress;
    const load = this.load(documentId);
    this.loading.set(documentId, load);
    try {
      return await load;
    } finally {
      this.loading.delete(documentId);
    }
  }

  /** The room if it is loaded now (no load is started). */
  peek(documentId: string): DocRoom | undefined {
    return this.rooms.get(documentId);
  }

  /** Starts the grace period for a room that was loaded but never got a connection. */
  releaseIfUnused(room: DocRoom): void {
    if (room.connections.size === 0 && this.rooms.get(room.documentId) === room) this.scheduleUnload(room);
  }

  /** Resolves once every update accepted so far is stored. */
  async whenDurable(): Promise<void> {
    await this.committer.whenDurable();
  }

  get loadedCount(): number {
    return this.rooms.size;
  }

  private expireQuietCursors(): void {
    const now = Date.now();
    for (const room of this.rooms.values()) {
      safely(this.logger, 'expiring quiet cursors failed', () => room.expireQuietCursors(now), {
        documentId: room.documentId,
      });
    }
  }

  private compactIdle(room: DocRoom): void {
    // compact() reports its own failures; this guards the shared timer against a synchronous one.
    safely(this.logger, 'compaction failed', () => void room.compact(), { documentId: room.documentId });
  }

  private async load(documentId: string): Promise<DocRoom> {
    // A document being unloaded must finish writing before it is read again.
    await this.unloading.get(documentId);
    const room = await DocRoom.load(documentId, this.roomDeps);
    this.rooms.set(documentId, room);
    this.loadCount += 1;
    this.logger.debug({ documentId }, 'document loaded');
    return room;
  }

  private scheduleUnload(room: DocRoom): void {
    this.unloadsDue.schedule(room);
  }

  private unload(room: DocRoom, force = false): Promise<void> {
    const existing = this.unloading.get(room.documentId);
    if (existing) return existing;
    if (this.rooms.get(room.documentId) !== room) return Promise.resolve();
    // On shutdown a peer that never answered the close handshake must not keep its room from being
    // flushed and compacted.
    if (room.connections.size > 0 && !force) return Promise.resolve();
    // Leave the map first so a new connection loads afresh (after this promise) instead of
    // joining a room that is about to be destroyed.
    this.rooms.delete(room.documentId);
    const done = (async () => {
      try {
        await this.committer.flush();
        await room.compact();
      } catch (error) {
        this.logger.error({ err: error, documentId: room.documentId }, 'unload flush failed');
      } finally {
        room.destroy();
        this.unloading.delete(room.documentId);
        this.logger.debug({ documentId: room.documentId }, 'document unloaded');
      }
    })();
    this.unloading.set(room.documentId, done);
    return done;
  }

  private discard(room: DocRoom): void {
    if (this.rooms.get(room.documentId) === room) this.rooms.delete(room.documentId);
    this.unloadsDue.cancel(room);
    room.destroy();
  }

  /** Flushes and unloads every room (shutdown). Connections must be closed first. */
  async closeAll(): Promise<void> {
    clearInterval(this.cursorSweep);
    this.unloadsDue.clear();
    await Promise.allSettled([...this.loading.values()]);
    await this.committer.flush();
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room, true)));
    await Promise.all([...this.unloading.values()]);
  }
}
