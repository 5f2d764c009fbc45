import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** What WalCheckpointer hands the worker. */
export interface CheckpointWorkerData {
  file: string;
  intervalMs: number;
}

/** One checkpoint's outcome as SQLite reports it: frames in the log, and frames copied back. */
export interface CheckpointReport {
  log: number;
  checkpointed: number;
}

const port = parentPort;
if (!port) throw new Error('walCheckpointWorker.ts runs only as a worker thread (see WalCheckpointer)');
const { file, intervalMs } = workerData as CheckpointWorkerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
setInterval(() => {
  // PASSIVE never waits for the server's connection: it copies what it can and tries again later.
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  if (row && row.log > 0) port.postMessage({ log: row.log, checkpointed: row.checkpointed } satisfies CheckpointReport);
}, intervalMs);
