import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from './openDatabase';

const KEY_FILE = 'secret.key';

/**
 * Copies a data folder into `target` while a server may be writing to it: SQLite's online backup
 * API gives a consistent snapshot of the database (WAL included), and the key file is copied as
 * is. Restore = put both files into an empty DATA_DIR.
 */
export async function backupDataFolder(dataDir: string, target: string): Promise<string> {
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty`);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(join(target, DATABASE_FILE));
  } finally {
    db.close();
  }
  if (existsSync(join(dataDir, KEY_FILE))) copyFileSync(join(dataDir, KEY_FILE), join(target, KEY_FILE));
  return target;
}
