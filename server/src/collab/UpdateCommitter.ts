import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { DocumentStore } from '../storage/ports';
import { safely } from './safely';

/** A document that hands updates to the committer and is told when they are durable. */
export interface CommitTarget {
  readonly documentId: string;
  /** Called once the updates are stored, in the order they were enqueued. */
  onCommitted(updates: readonly CommittedUpdate[], lastSeq: number): void;
  /** Called when storing failed: none of these updates may be shown to anyone. */
  onCommitFailed(error: unknown): void;
}

export interface CommittedUpdate {
  update: Uint8Array;
  origin: unknown;
}

/** Holds a turn's accepted updates and enqueues them just before the commit (DocRoom's batch). */
export interface BatchingTarget {
  releaseQueued(): void;
}

interface QueuedUpdate extends CommittedUpdate {
  target: CommitTarget;
}

/**
 * Group commit: every update accepted during one event-loop turn, across all documents, is
 * appended in one storage transaction; only then are they broadcast. This is what makes
 * "append before anyone else sees it" cheap: one commit per turn instead of one per update.
 */
export class UpdateCommitter {
  private queue: QueuedUpdate[] = [];
  private readonly toRelease = new Set<BatchingTarget>();
  private scheduled = false;
  /** Resolves when the batch being collected now is committed (or has failed). */
  private nextBatch: { promise: Promise<void>; resolve: () => void } | undefined;
  /** The chain of commits in flight; batches commit strictly in order. */
  private inFlight: Promise<void> = Promise.resolve();
  private inFlightCount = 0;

  constructor(
    private readonly store: DocumentStore,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
  ) {}

  /** Queues one update for the commit at the end of this event-loop turn. */
  enqueue(target: CommitTarget, update: Uint8Array, origin: unknown): void {
    this.queue.push({ target, update, origin });
    this.schedule();
  }

  /** Has `target` enqueue what it holds at the end of this turn, just before the commit. */
  releaseBeforeCommit(target: BatchingTarget): void {
    this.toRelease.add(target);
    this.schedule();
  }

  private schedule(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.commitQueued());
    }
  }

  private releaseWaiting(): void {
    if (this.toRelease.size === 0) return;
    const targets = [...this.toRelease];
    this.toRelease.clear();
    for (const target of targets) safely(this.logger, 'commit callback failed', () => target.releaseQueued());
  }

  /**
   * A promise for "everything enqueued so far is durable", or null when that is already true,
   * so callers can answer synchronously in the common case.
   */
  whenDurable(): Promise<void> | null {
    if (this.queue.length > 0 || this.toRelease.size > 0) {
      if (!this.nextBatch) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => {
          resolve = r;
        });
        this.nextBatch = { promise, resolve };
      }
      return this.nextBatch.promise;
    }
    return this.inFlightCount > 0 ? this.inFlight : null;
  }

  /**
   * Commits whatever is queued now and waits for every commit in flight (shutdown, unload), then
   * once more for what those commits' callbacks enqueued: DocRoom applies typing once it is sent,
   * and what applying makes (Yjs's formatting tidy) goes into the next commit.
   */
  async flush(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      if (this.queue.length > 0 || this.toRelease.size > 0) this.commitQueued();
      await this.inFlight;
    }
  }

  private commitQueued(): void {
    this.releaseWaiting();
    // Releasing enqueues the turn's updates: they are committed below, not in a turn of their own.
    this.scheduled = false;
    if (this.toRelease.size > 0) this.schedule();
    if (this.queue.length === 0) return;
    const batch = this.queue;
    const done = this.nextBatch;
    this.queue = [];
    this.nextBatch = undefined;
    this.inFlightCount += 1;
    this.inFlight = this.inFlight
      .then(() => this.commit(batch))
      .finally(() => {
        this.inFlightCount -= 1;
        done?.resolve();
      });
  }

  private async commit(batch: QueuedUpdate[]): Promise<void> {
    const byTarget = new Map<CommitTarget, { updates: CommittedUpdate[]; lastSeq: number }>();
    try {
      const started = performance.now();
      const seqs = await this.store.appendUpdates(
        batch.map(({ target, update }) => ({ documentId: target.documentId, update })),
      );
      this.metrics?.recordCommit(batch.length, (performance.now() - started) / 1000);
      batch.forEach((entry, index) => {
        let group = byTarget.get(entry.target);
        if (!group) {
          group = { updates: [], lastSeq: 0 };
          byTarget.set(entry.target, group);
        }
        group.updates.push({ update: entry.update, origin: entry.origin });
        group.lastSeq = Math.max(group.lastSeq, seqs[index] ?? 0);
      });
    } catch (error) {
      this.logger.error({ err: error, updates: batch.length }, 'storing updates failed');
      for (const target of new Set(batch.map((entry) => entry.target))) {
        safely(this.logger, 'commit callback failed', () => target.onCommitFailed(error));
      }
      return;
    }
    for (const [target, group] of byTarget) {
      safely(this.logger, 'commit callback failed', () => target.onCommitted(group.updates, group.lastSeq));
    }
  }
}
