/**
 * Storage ports. Collaboration and services depend only on these interfaces; main.ts picks the
 * adapter (SQLite today, PostgreSQL later). Every adapter passes documentStoreContract.ts.
 */

/** What is stored for one document: a compacted snapshot plus the updates appended after it. */
export interface StoredDocument {
  /** `Y.encodeStateAsUpdate` of everything up to `snapshotSeq`, or null before the first compaction. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Sequence number of the newest stored update (or of the snapshot when none follow); 0 when empty. */
  lastSeq: number;
}

/** One Yjs update to append to one document's log. */
export interface UpdateToAppend {
  documentId: string;
  update: Uint8Array;
}

/** Counts for tests, metrics and compaction decisions. */
export interface DocumentStorageStats {
  updateRows: number;
  hasSnapshot: boolean;
  bytes: number;
  /** When an update or snapshot was last written, or null for a document never stored. */
  updatedAt: string | null;
}

/** A saved state of a document (issue 7): automatic or named. Deleted ones stay as tombstones. */
export interface VersionRecord {
  id: string;
  documentId: string;
  kind: 'auto' | 'named';
  name: string | null;
  /** Display name of who named it; null for automatic versions. */
  createdBy: string | null;
  createdAt: string;
  /** Length of the stored state. */
  bytes: number;
  deletedAt: string | null;
}

/** Durable, append-only storage of Yjs documents. */
export interface DocumentStore {
  /** Loads a document, or null if nothing was ever stored under this id. */
  load(documentId: string): Promise<StoredDocument | null>;
  /**
   * Appends updates in order, all or nothing, durably before resolving: a caller may broadcast
   * them once this resolves. Returns the sequence number given to each update, in input order.
   */
  appendUpdates(updates: readonly UpdateToAppend[]): Promise<number[]>;
  /**
   * Replaces the snapshot and every update with seq ≤ `throughSeq` by `state`, in one transaction.
   * Updates appended after `throughSeq` are kept.
   */
  compact(documentId: string, state: Uint8Array, throughSeq: number): Promise<void>;
  /** Storage counters for one document. */
  stats(documentId: string): Promise<DocumentStorageStats>;
  /** Ids of every stored document. */
  listDocumentIds(): Promise<string[]>;
  /** Stores a version: `state` is a full `Y.encodeStateAsUpdate` of the document at that moment. */
  saveVersion(record: Omit<VersionRecord, 'bytes' | 'deletedAt'>, state: Uint8Array): Promise<VersionRecord>;
  /** A document's versions that are not deleted, oldest first, without their states. */
  listVersions(documentId: string): Promise<VersionRecord[]>;
  /** One version with its state (null once deleted), or null for an id never stored. */
  getVersion(id: string): Promise<{ record: VersionRecord; state: Uint8Array | null } | null>;
  /** Drops a version's state and marks it deleted; later reads of it say when it was deleted. */
  deleteVersion(id: string, at: string): Promise<void>;
  /**
   * Records which participant each Yjs client id of a document belongs to (a cursor they
   * announced); the first claim of an id wins and later ones are ignored.
   */
  claimClients(documentId: string, claims: ReadonlyArray<{ clientId: number; participantId: string }>): Promise<void>;
  /** Every claim recorded for a document: client id → participant id. */
  clientClaims(documentId: string): Promise<Map<number, string>>;
  /** Throws if the store cannot serve requests (see trackWriteHealth for failing writes). */
  checkHealth(): Promise<void>;
  /** Releases the underlying resources; pending calls settle first. */
  close(): Promise<void>;
}

/** Row shapes of the workshop model; timestamps are ISO strings. */
export interface WorkshopRecord {
  id: string;
  title: string;
  venue: string;
  startsOn: string | null;
  endsOn: string | null;
  audiences: string[];
  timerEndsAt: string | null;
  timerLabel: string | null;
  createdAt: string;
}

export interface GroupRecord {
  id: string;
  workshopId: string;
  name: string;
  focusAudience: string | null;
  documentId: string;
  locked: boolean;
  position: number;
  createdAt: string;
}

export interface BriefRecord {
  id: string;
  workshopId: string;
  title: string;
  documentId: string;
  createdAt: string;
}

export interface InviteRecord {
  id: string;
  /** null: the operator's link, which spans every workshop. */
  workshopId: string | null;
  role: 'facilitator' | 'rapporteur' | 'member' | 'reader';
  groupId: string | null;
  /** SHA-256 of the secret in the link; the secret itself is never stored. */
  secretHash: string;
  revokedAt: string | null;
  createdAt: string;
}

export interface ParticipantRecord {
  id: string;
  inviteId: string;
  workshopId: string | null;
  role: InviteRecord['role'];
  groupId: string | null;
  displayName: string;
  /** Caret and authorship colour; null for participants who joined before colours were stored. */
  color: string | null;
  createdAt: string;
}

export interface SessionRecord {
  id: string;
  participantId: string;
  createdAt: string;
  expiresAt: string;
}

/** A frozen, numbered publication of a brief: its content as ProseMirror JSON, never changed after. */
export interface PublicationRecord {
  id: string;
  workshopId: string;
  briefId: string;
  /** Shared by every version of one brief: `/p/<slug>` is the newest, `/p/<slug>/v/<n>` one version. */
  slug: string;
  version: number;
  title: string;
  /** ProseMirror JSON of the brief's body at publication. */
  content: string;
  publishedAt: string;
  /** Display name of who published it. */
  publishedBy: string;
  /**
   * JSON of what surrounded the brief at publication (workshop details, group names), so the
   * version reads the same after a rename; null for versions published before it was kept.
   */
  context: string | null;
}

/** Which workshop object owns a collaborative document. */
export interface DocumentOwner {
  kind: 'draft' | 'brief';
  workshopId: string;
  groupId: string | null;
  briefId: string | null;
}

export type WorkshopPatch = Partial<
  Pick<WorkshopRecord, 'title' | 'venue' | 'startsOn' | 'endsOn' | 'audiences' | 'timerEndsAt' | 'timerLabel'>
>;
export type GroupPatch = Partial<Pick<GroupRecord, 'name' | 'focusAudience' | 'locked'>>;

/** Workshops, groups, briefs, invites, participants and sessions. */
export interface WorkshopStore {
  createWorkshop(record: WorkshopRecord): Promise<void>;
  getWorkshop(id: string): Promise<WorkshopRecord | null>;
  listWorkshops(): Promise<WorkshopRecord[]>;
  /**
   * A patch of `audiences` also takes the focus off every group whose focus audience the new list
   * lacks, in the same transaction: a group never points at an audience its workshop no longer has.
   */
  updateWorkshop(id: string, patch: WorkshopPatch): Promise<WorkshopRecord | null>;

  createGroup(record: GroupRecord): Promise<void>;
  getGroup(id: string): Promise<GroupRecord | null>;
  listGroups(workshopId: string): Promise<GroupRecord[]>;
  updateGroup(id: string, patch: GroupPatch): Promise<GroupRecord | null>;
  /**
   * From now on the group is neither listed nor found, and its draft belongs to no workshop; the
   * row stays for the participants and links that name it. Its links still working are revoked
   * in the same transaction (a half-deleted group would leave links nobody can see); returns
   * their ids.
   */
  deleteGroup(id: string, at: string): Promise<string[]>;
  /**
   * Every group the workshop ever had, deleted ones included: what a brief took from a deleted
   * group is still credited to it, under its last name.
   */
  listEveryGroup(workshopId: string): Promise<GroupRecord[]>;

  createBrief(record: BriefRecord): Promise<void>;
  /** A brief that was not deleted. */
  getBrief(id: string): Promise<BriefRecord | null>;
  listBriefs(workshopId: string): Promise<BriefRecord[]>;
  /**
   * Gives the brief a new title, answering the record as it was and as it is now (in one step, so
   * of two renames at once each learns the title the other left); null when there is no such
   * brief (or it was deleted).
   */
  renameBrief(id: string, title: string): Promise<{ before: BriefRecord; after: BriefRecord } | null>;
  /**
   * From now on the brief is neither listed nor found, and its document belongs to no workshop;
   * the row and the document's data stay in the data folder. Only a brief never published is
   * deleted, checked in the same step as the delete (a publication cannot slip in between):
   * false when it was published (or is gone).
   */
  deleteBrief(id: string, at: string): Promise<boolean>;

  /** The group or brief whose document this is, or null for a document outside every workshop. */
  findDocumentOwner(documentId: string): Promise<DocumentOwner | null>;

  createInvite(record: InviteRecord): Promise<void>;
  getInvite(id: string): Promise<InviteRecord | null>;
  findInviteBySecretHash(secretHash: string): Promise<InviteRecord | null>;
  /** Invites of one workshop, or the operator's invites when `workshopId` is null. */
  listInvites(workshopId: string | null): Promise<InviteRecord[]>;
  /** True when this call revoked the link; false when it was revoked already (one write decides). */
  revokeInvite(id: string, at: string): Promise<boolean>;

  createParticipant(record: ParticipantRecord): Promise<void>;
  /**
   * Who may be writing beside a newcomer: the workshop's participants of the same group (`null`:
   * facilitators and rapporteurs) whose link still works; readers write nothing, so they are left out.
   */
  listGroupMates(
    workshopId: string | null,
    groupId: string | null,
  ): Promise<Array<Pick<ParticipantRecord, 'id' | 'color'>>>;
  getParticipant(id: string): Promise<ParticipantRecord | null>;
  renameParticipant(id: string, displayName: string): Promise<void>;

  createSession(record: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  deleteSession(id: string): Promise<void>;

  createPublication(record: PublicationRecord): Promise<void>;
  /** Every version of one brief's publications, oldest first. */
  listPublications(briefId: string): Promise<PublicationRecord[]>;
  /** One version by slug, or the newest when `version` is omitted. */
  getPublication(slug: string, version?: number): Promise<PublicationRecord | null>;
  /** Versions published under a slug (numbers and dates only), newest first. */
  listPublicationVersions(slug: string): Promise<Array<Pick<PublicationRecord, 'version' | 'publishedAt' | 'title'>>>;

  /** Small key/value facts about this data folder (e.g. whether the operator link was printed). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}
