import { resolve } from 'node:path';
import { InProcessEventBus } from './events/EventBus';
import { AccessService } from './services/AccessService';
import { SecretKeeper } from './services/SecretKeeper';
import { backupDataFolder } from './storage/sqlite/backupDataFolder';
import { openDatabase } from './storage/sqlite/openDatabase';
import { SqliteWorkshopStore } from './storage/sqlite/SqliteWorkshopStore';

const USAGE = `Usage: plenary <command>

Commands:
  operator-link   Print a new operator link (a facilitator link that can create workshops).
                  Use it when the one printed at first start is lost. Reads DATA_DIR and PUBLIC_URL.
  backup <folder> Copy the data folder consistently into <folder> (created; must be empty), while the
                  server runs: SQLite's online backup of plenary.sqlite, plus secret.key.`;

/** Operator commands that work on the data folder directly (safe while the server runs: SQLite WAL). */
async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  const dataDir = resolve(process.env.INIT_CWD || process.cwd(), process.env.DATA_DIR ?? './data');
  const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 8080}`).replace(/\/+$/, '');
  switch (command) {
    case 'operator-link': {
      const db = openDatabase(dataDir);
      const access = new AccessService(
        new SqliteWorkshopStore(db),
        SecretKeeper.open(dataDir),
        new InProcessEventBus(),
      );
      console.log(`${publicUrl}${await access.issueOperatorLink()}`);
      db.close();
      return 0;
    }
    case 'backup': {
      const target = argv[1];
      if (!target) {
        console.error(USAGE);
        return 2;
      }
      const written = await backupDataFolder(dataDir, resolve(process.env.INIT_CWD || process.cwd(), target));
      console.log(`Backed up ${dataDir} to ${written}`);
      return 0;
    }
    default:
      console.error(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
