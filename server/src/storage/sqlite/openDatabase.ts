import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export interface OpenDatabaseOptions {
  /** NORMAL (default) survives a process crash; FULL also survives a power cut, at an fsync per commit. */
  synchronous?: 'NORMAL' | 'FULL';
}

/** The database file inside a data folder. */
export const DATABASE_FILE = 'plenary.sqlite';

/** Opens (creating if needed) the data folder's database in WAL mode and migrates it. */
export function openDatabase(dataDir: string, options: OpenDatabaseOptions = {}): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
