import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order at start-up, each in its own transaction. Append new ones;
 * never edit one that has shipped, or existing data folders would diverge from new ones.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'documents',
    sql: `
      CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        snapshot BLOB,
        snapshot_seq INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE document_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES documents(id),
        data BLOB NOT NULL
      ) STRICT;
      CREATE INDEX document_updates_by_document ON document_updates(document_id, seq);
    `,
  },
  {
    version: 2,
    name: 'workshops',
    sql: `
      CREATE TABLE workshops (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        venue TEXT NOT NULL DEFAULT '',
        starts_on TEXT,
        ends_on TEXT,
        audiences TEXT NOT NULL,
        timer_ends_at TEXT,
        timer_label TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE groups (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id),
        name TEXT NOT NULL,
        focus_audience TEXT,
        document_id TEXT NOT NULL UNIQUE,
        locked INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX groups_by_workshop ON groups(workshop_id, position);
      CREATE TABLE briefs (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id),
        title TEXT NOT NULL,
        document_id TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX briefs_by_workshop ON briefs(workshop_id, created_at);
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        workshop_id TEXT REFERENCES workshops(id),
        role TEXT NOT NULL CHECK (role IN ('facilitator', 'rapporteur', 'member', 'reader')),
        group_id TEXT REFERENCES groups(id),
        secret_hash TEXT NOT NULL UNIQUE,
        revoked_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX invites_by_workshop ON invites(workshop_id, created_at);
      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        invite_id TEXT NOT NULL REFERENCES invites(id),
        workshop_id TEXT REFERENCES workshops(id),
        role TEXT NOT NULL,
        group_id TEXT REFERENCES groups(id),
        display_name TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        participant_id TEXT NOT NULL REFERENCES participants(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    `,
  },
  {
    version: 3,
    name: 'publications',
    sql: `
      CREATE TABLE publications (
        id TEXT PRIMARY KEY,
        workshop_id TEXT NOT NULL REFERENCES workshops(id),
        brief_id TEXT NOT NULL REFERENCES briefs(id),
        slug TEXT NOT NULL,
        version INTEGER NOT NULL,
        title TEXT NOT NULL,
        content TEXT NOT NULL,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        UNIQUE (slug, version)
      ) STRICT;
      CREATE INDEX publications_by_brief ON publications(brief_id, version);
    `,
  },
  {
    version: 4,
    name: 'document versions',
    sql: `
      CREATE TABLE document_versions (
        id TEXT PRIMARY KEY,
        document_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('auto', 'named')),
        name TEXT,
        created_by TEXT,
        created_at TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        state BLOB,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX document_versions_by_document ON document_versions(document_id, created_at);
    `,
  },
  {
    // One b-tree clustered by document instead of a rowid table plus an index: a commit writes one
    // page less, about a third of its cost. Each row carries its time, so appending no longer
    // rewrites the document's row (and its snapshot) just to move updated_at.
    version: 5,
    name: 'update log clustered by document',
    sql: `
      CREATE TABLE document_updates_v5 (
        document_id TEXT NOT NULL REFERENCES documents(id),
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (document_id, seq)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO document_updates_v5 (document_id, seq, at, data)
        SELECT u.document_id, u.seq, d.updated_at, u.data
        FROM document_updates u JOIN documents d ON d.id = u.document_id;
      DROP TABLE document_updates;
      ALTER TABLE document_updates_v5 RENAME TO document_updates;
    `,
  },
  {
    // A deleted group keeps its row: its participants and links point at it, and a brief's
    // provenance still names where a recommendation came from.
    version: 6,
    name: 'deleted groups',
    sql: `ALTER TABLE groups ADD COLUMN deleted_at TEXT;`,
  },
  {
    // What surrounded a brief when it was published (workshop details, group names), so a later
    // rename never changes a published version. Versions published before this have none.
    version: 7,
    name: 'publication context',
    sql: `ALTER TABLE publications ADD COLUMN context TEXT;`,
  },
  {
    // Which participant each Yjs client id of a document belongs to, from the cursors they
    // announced: Yjs trusts an id to be one writer's, so nobody else may write under it, also
    // after the document was unloaded or the server restarted (DocRoom.writesUnderOthersId).
    version: 8,
    name: 'client claims',
    sql: `CREATE TABLE client_claims (
      document_id TEXT NOT NULL,
      client_id INTEGER NOT NULL,
      participant_id TEXT NOT NULL,
      PRIMARY KEY (document_id, client_id)
    ) WITHOUT ROWID;`,
  },
  {
    // A deleted brief keeps its row (and its document's data), as a deleted group does: only
    // unpublished briefs may be deleted, so no published page ever points at a missing one.
    version: 9,
    name: 'deleted briefs',
    sql: `ALTER TABLE briefs ADD COLUMN deleted_at TEXT;`,
  },
  {
    // A participant's caret and authorship colour, chosen at join among those their group does
    // not use yet. Participants who joined before have none: theirs is derived from their id.
    version: 10,
    name: 'participant colours',
    sql: `ALTER TABLE participants ADD COLUMN color TEXT;
      CREATE INDEX participants_by_group ON participants (workshop_id, group_id);`,
  },
];

/** Applies every migration newer than the database's `user_version`. */
export function migrate(db: Database.Database): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.filter((migration) => migration.version > current);
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return pending.length;
}
