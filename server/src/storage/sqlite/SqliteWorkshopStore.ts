import type Database from 'better-sqlite3';
import type {
  BriefRecord,
  DocumentOwner,
  GroupPatch,
  GroupRecord,
  InviteRecord,
  ParticipantRecord,
  PublicationRecord,
  SessionRecord,
  WorkshopPatch,
  WorkshopRecord,
  WorkshopStore,
} from '../ports';

type Row = Record<string, unknown>;

const str = (value: unknown): string => String(value);
const strOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function toWorkshop(row: Row): WorkshopRecord {
  return {
    id: str(row.id),
    title: str(row.title),
    venue: str(row.venue),
    startsOn: strOrNull(row.starts_on),
    endsOn: strOrNull(row.ends_on),
    audiences: JSON.parse(str(row.audiences)) as string[],
    timerEndsAt: strOrNull(row.timer_ends_at),
    timerLabel: strOrNull(row.timer_label),
    createdAt: str(row.created_at),
  };
}

function toGroup(row: Row): GroupRecord {
  return {
    id: str(row.id),
    workshopId: str(row.workshop_id),
    name: str(row.name),
    focusAudience: strOrNull(row.focus_audience),
    documentId: str(row.document_id),
    locked: row.locked === 1,
    position: Number(row.position),
    createdAt: str(row.created_at),
  };
}

function toBrief(row: Row): BriefRecord {
  return {
    id: str(row.id),
    workshopId: str(row.workshop_id),
    title: str(row.title),
    documentId: str(row.document_id),
    createdAt: str(row.created_at),
  };
}

function toInvite(row: Row): InviteRecord {
  return {
    id: str(row.id),
    workshopId: strOrNull(row.workshop_id),
    role: str(row.role) as InviteRecord['role'],
    groupId: strOrNull(row.group_id),
    secretHash: str(row.secret_hash),
    revokedAt: strOrNull(row.revoked_at),
    createdAt: str(row.created_at),
  };
}

function toParticipant(row: Row): ParticipantRecord {
  return {
    id: str(row.id),
    inviteId: str(row.invite_id),
    workshopId: strOrNull(row.workshop_id),
    role: str(row.role) as ParticipantRecord['role'],
    groupId: strOrNull(row.group_id),
    displayName: str(row.display_name),
    color: strOrNull(row.color),
    createdAt: str(row.created_at),
  };
}

function toPublication(row: Row): PublicationRecord {
  return {
    id: str(row.id),
    workshopId: str(row.workshop_id),
    briefId: str(row.brief_id),
    slug: str(row.slug),
    version: Number(row.version),
    title: str(row.title),
    content: str(row.content),
    publishedAt: str(row.published_at),
    publishedBy: str(row.published_by),
    context: strOrNull(row.context),
  };
}

const WORKSHOP_COLUMNS: Record<keyof WorkshopPatch, string> = {
  title: 'title',
  venue: 'venue',
  startsOn: 'starts_on',
  endsOn: 'ends_on',
  audiences: 'audiences',
  timerEndsAt: 'timer_ends_at',
  timerLabel: 'timer_label',
};

const GROUP_COLUMNS: Record<keyof GroupPatch, string> = {
  name: 'name',
  focusAudience: 'focus_audience',
  locked: 'locked',
};

/** Builds `SET a = @a, …` from the keys present in a patch (column names come from a fixed table). */
function setClause<K extends string>(patch: Partial<Record<K, unknown>>, columns: Record<K, string>) {
  const keys = (Object.keys(patch) as K[]).filter((key) => patch[key] !== undefined && key in columns);
  const params: Record<string, unknown> = {};
  for (const key of keys) {
    const value = patch[key];
    params[key] = Array.isArray(value) ? JSON.stringify(value) : typeof value === 'boolean' ? Number(value) : value;
  }
  return { sql: keys.map((key) => `${columns[key]} = @${key}`).join(', '), params };
}

/** WorkshopStore on the same SQLite database as the documents. */
export class SqliteWorkshopStore implements WorkshopStore {
  constructor(private readonly db: Database.Database) {}

  private one(sql: string, ...params: unknown[]): Row | undefined {
    return this.db.prepare(sql).get(...params) as Row | undefined;
  }

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.db.prepare(sql).all(...params) as Row[];
  }

  async createWorkshop(w: WorkshopRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO workshops (id, title, venue, starts_on, ends_on, audiences, timer_ends_at, timer_label, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        w.id,
        w.title,
        w.venue,
        w.startsOn,
        w.endsOn,
        JSON.stringify(w.audiences),
        w.timerEndsAt,
        w.timerLabel,
        w.createdAt,
      );
  }

  async getWorkshop(id: string): Promise<WorkshopRecord | null> {
    const row = this.one('SELECT * FROM workshops WHERE id = ?', id);
    return row ? toWorkshop(row) : null;
  }

  async listWorkshops(): Promise<WorkshopRecord[]> {
    return this.all('SELECT * FROM workshops ORDER BY created_at DESC, id').map(toWorkshop);
  }

  async updateWorkshop(id: string, patch: WorkshopPatch): Promise<WorkshopRecord | null> {
    const { sql, params } = setClause(patch, WORKSHOP_COLUMNS);
    if (sql) {
      this.db.transaction(() => {
        this.db.prepare(`UPDATE workshops SET ${sql} WHERE id = @id`).run({ ...params, id });
        if (patch.audiences) {
          this.db
            .prepare(
              `UPDATE groups SET focus_audience = NULL
               WHERE workshop_id = ? AND focus_audience NOT IN (SELECT value FROM json_each(?))`,
            )
            .run(id, JSON.stringify(patch.audiences));
        }
      })();
    }
    return this.getWorkshop(id);
  }

  async createGroup(g: GroupRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO groups (id, workshop_id, name, focus_audience, document_id, locked, position, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(g.id, g.workshopId, g.name, g.focusAudience, g.documentId, Number(g.locked), g.position, g.createdAt);
  }

  async getGroup(id: string): Promise<GroupRecord | null> {
    const row = this.one('SELECT * FROM groups WHERE id = ? AND deleted_at IS NULL', id);
    return row ? toGroup(row) : null;
  }

  async listGroups(workshopId: string): Promise<GroupRecord[]> {
    return this.all(
      'SELECT * FROM groups WHERE workshop_id = ? AND deleted_at IS NULL ORDER BY position, created_at',
      workshopId,
    ).map(toGroup);
  }

  async updateGroup(id: string, patch: GroupPatch): Promise<GroupRecord | null> {
    const { sql, params } = setClause(patch, GROUP_COLUMNS);
    if (sql) this.db.prepare(`UPDATE groups SET ${sql} WHERE id = @id`).run({ ...params, id });
    return this.getGroup(id);
  }

  async deleteGroup(id: string, at: string): Promise<string[]> {
    return this.db.transaction(() => {
      this.db.prepare('UPDATE groups SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at, id);
      return this.db
        .prepare<[string, string], { id: string }>(
          'UPDATE invites SET revoked_at = ? WHERE group_id = ? AND revoked_at IS NULL RETURNING id',
        )
        .all(at, id)
        .map((row) => row.id);
    })();
  }

  async listEveryGroup(workshopId: string): Promise<GroupRecord[]> {
    return this.all('SELECT * FROM groups WHERE workshop_id = ? ORDER BY position, created_at', workshopId).map(
      toGroup,
    );
  }

  async createBrief(b: BriefRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO briefs (id, workshop_id, title, document_id, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(b.id, b.workshopId, b.title, b.documentId, b.createdAt);
  }

  async getBrief(id: string): Promise<BriefRecord | null> {
    const row = this.one('SELECT * FROM briefs WHERE id = ? AND deleted_at IS NULL', id);
    return row ? toBrief(row) : null;
  }

  async listBriefs(workshopId: string): Promise<BriefRecord[]> {
    return this.all(
      'SELECT * FROM briefs WHERE workshop_id = ? AND deleted_at IS NULL ORDER BY created_at, id',
      workshopId,
    ).map(toBrief);
  }

  async renameBrief(id: string, title: string): Promise<{ before: BriefRecord; after: BriefRecord } | null> {
    return this.db.transaction(() => {
      const row = this.one('SELECT * FROM briefs WHERE id = ? AND deleted_at IS NULL', id);
      if (!row) return null;
      this.db.prepare('UPDATE briefs SET title = ? WHERE id = ?').run(title, id);
      const before = toBrief(row);
      return { before, after: { ...before, title } };
    })();
  }

  async deleteBrief(id: string, at: string): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `UPDATE briefs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM publications WHERE brief_id = briefs.id)`,
      )
      .run(at, id);
    return changes === 1;
  }

  async findDocumentOwner(documentId: string): Promise<DocumentOwner | null> {
    const group = this.one(
      'SELECT id, workshop_id FROM groups WHERE document_id = ? AND deleted_at IS NULL',
      documentId,
    );
    if (group) return { kind: 'draft', workshopId: str(group.workshop_id), groupId: str(group.id), briefId: null };
    const brief = this.one(
      'SELECT id, workshop_id FROM briefs WHERE document_id = ? AND deleted_at IS NULL',
      documentId,
    );
    if (brief) return { kind: 'brief', workshopId: str(brief.workshop_id), groupId: null, briefId: str(brief.id) };
    return null;
  }

  async createInvite(i: InviteRecord): Promise<void> {
    this.db
      .prepare(
        'INSERT INTO invites (id, workshop_id, role, group_id, secret_hash, revoked_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(i.id, i.workshopId, i.role, i.groupId, i.secretHash, i.revokedAt, i.createdAt);
  }

  async getInvite(id: string): Promise<InviteRecord | null> {
    const row = this.one('SELECT * FROM invites WHERE id = ?', id);
    return row ? toInvite(row) : null;
  }

  async findInviteBySecretHash(secretHash: string): Promise<InviteRecord | null> {
    const row = this.one('SELECT * FROM invites WHERE secret_hash = ?', secretHash);
    return row ? toInvite(row) : null;
  }

  async listInvites(workshopId: string | null): Promise<InviteRecord[]> {
    const rows =
      workshopId === null
        ? this.all('SELECT * FROM invites WHERE workshop_id IS NULL ORDER BY created_at, id')
        : this.all('SELECT * FROM invites WHERE workshop_id = ? ORDER BY created_at, id', workshopId);
    return rows.map(toInvite);
  }

  async revokeInvite(id: string, at: string): Promise<boolean> {
    return (
      this.db.prepare('UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id).changes > 0
    );
  }

  async createParticipant(p: ParticipantRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO participants (id, invite_id, workshop_id, role, group_id, display_name, color, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.id, p.inviteId, p.workshopId, p.role, p.groupId, p.displayName, p.color, p.createdAt);
  }

  async listGroupMates(
    workshopId: string | null,
    groupId: string | null,
  ): Promise<Array<Pick<ParticipantRecord, 'id' | 'color'>>> {
    const rows = this.all(
      `SELECT p.id, p.color FROM participants p JOIN invites i ON i.id = p.invite_id
       WHERE p.workshop_id IS ? AND p.group_id IS ? AND i.revoked_at IS NULL AND p.role <> 'reader'`,
      workshopId,
      groupId,
    );
    return rows.map((row) => ({ id: str(row.id), color: strOrNull(row.color) }));
  }

  async getParticipant(id: string): Promise<ParticipantRecord | null> {
    const row = this.one('SELECT * FROM participants WHERE id = ?', id);
    return row ? toParticipant(row) : null;
  }

  async renameParticipant(id: string, displayName: string): Promise<void> {
    this.db.prepare('UPDATE participants SET display_name = ? WHERE id = ?').run(displayName, id);
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.db
      .prepare('INSERT INTO sessions (id, participant_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(s.id, s.participantId, s.createdAt, s.expiresAt);
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const row = this.one('SELECT * FROM sessions WHERE id = ?', id);
    return row
      ? {
          id: str(row.id),
          participantId: str(row.participant_id),
          createdAt: str(row.created_at),
          expiresAt: str(row.expires_at),
        }
      : null;
  }

  async deleteSession(id: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
  }

  async createPublication(p: PublicationRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO publications (id, workshop_id, brief_id, slug, version, title, content, published_at, published_by, context)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.id,
        p.workshopId,
        p.briefId,
        p.slug,
        p.version,
        p.title,
        p.content,
        p.publishedAt,
        p.publishedBy,
        p.context,
      );
  }

  async listPublications(briefId: string): Promise<PublicationRecord[]> {
    return this.all('SELECT * FROM publications WHERE brief_id = ? ORDER BY version', briefId).map(toPublication);
  }

  async getPublication(slug: string, version?: number): Promise<PublicationRecord | null> {
    const row =
      version === undefined
        ? this.one('SELECT * FROM publications WHERE slug = ? ORDER BY version DESC LIMIT 1', slug)
        : this.one('SELECT * FROM publications WHERE slug = ? AND version = ?', slug, version);
    return row ? toPublication(row) : null;
  }

  async listPublicationVersions(
    slug: string,
  ): Promise<Array<Pick<PublicationRecord, 'version' | 'publishedAt' | 'title'>>> {
    return this.all(
      'SELECT version, published_at, title FROM publications WHERE slug = ? ORDER BY version DESC',
      slug,
    ).map((row) => ({ version: Number(row.version), publishedAt: str(row.published_at), title: str(row.title) }));
  }

  async getMeta(key: string): Promise<string | null> {
    const row = this.one('SELECT value FROM meta WHERE key = ?', key);
    return row ? str(row.value) : null;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.db
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }
}
