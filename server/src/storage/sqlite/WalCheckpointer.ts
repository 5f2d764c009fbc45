import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../../logger';
import { startModuleWorker } from '../../threads/startModuleWorker';
import type { CheckpointReport, CheckpointWorkerData } from './walCheckpointWorker';

/** SQLite's own default: checkpoint on commit once the log holds this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000;

/**
 * Moves WAL checkpoints off the event loop. With SQLite's automatic checkpoint, every ~1 000 pages
 * one commit copies the log back into the database and fsyncs both files: a 4–5 ms pause of every
 * live document on this server, many times a minute while a workshop types. Here the server's
 * connection never checkpoints; a worker thread with its own connection does, every `intervalMs`.
 * Commits are as durable as before (a commit is in the log before it returns; the checkpoint only
 * moves it). If the worker dies, the server's connection checkpoints by itself again.
 */
export class WalCheckpointer {
  private worker: Worker | null;
  private readonly listeners = new Set<(report: CheckpointReport) => void>();

  constructor(
    private readonly db: Database.Database,
    private readonly logger: Logger,
    intervalMs = 250,
  ) {
    db.pragma('wal_autocheckpoint = 0');
    const worker = startModuleWorker(import.meta.url, 'walCheckpointWorker', {
      file: db.name,
      intervalMs,
    } satisfies CheckpointWorkerData);
    worker.unref();
    worker.on('message', (report: CheckpointReport) => {
      for (const listener of this.listeners) listener(report);
    });
    const onGone = (error?: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.logger.error({ err: error }, 'the checkpoint thread stopped; the server checkpoints by itself again');
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    };
    worker.on('error', onGone);
    worker.on('exit', () => onGone());
    this.worker = worker;
  }

  /** Whether the checkpoint thread is running (false after it died or was stopped). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Calls `listener` after each checkpoint that found frames in the log; returns an unsubscribe. */
  onCheckpoint(listener: (report: CheckpointReport) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the thread and hands checkpointing back to the connection (closing it checkpoints). */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    await worker?.terminate();
  }

  /** For tests: ends the thread as a crash would. */
  async kill(): Promise<void> {
    await this.worker?.terminate();
  }
}
