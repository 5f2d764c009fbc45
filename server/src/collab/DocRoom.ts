import { AuthorRecord, readAuthors, unclaimedClients } from '@plenary/shared/domain';
import { AUTHORS_FIELD, CloseCode, MessageType } from '@plenary/shared/protocol';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { DocumentStore } from '../storage/ports';
import { MAX_AWARENESS_CLIENTS_PER_CONNECTION, stampAwarenessUpdate } from './awarenessStamp';
import type { Connection } from './Connection';
import type { DeadlineQueue } from './DeadlineQueue';
import { expireQuietAwareness } from './expireQuietAwareness';
import { flattenTypedText } from './flattenTypedText';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncStep2OfState, encodeUpdate } from './messages';
import { ProtocolError } from './ProtocolError';
import { safely } from './safely';
import { isServerClient } from './serverClientIds';
import type { BatchingTarget, CommitTarget, CommittedUpdate, UpdateCommitter } from './UpdateCommitter';
import { admitsUpdate } from './updateFilter';
import { type QueuedTurn, reachOf, type UpdateReach } from './updateReach';

/** y-protocols sync sub-message types. */
const SyncStep1 = 0;
const SyncStep2 = 1;
const SyncUpdate = 2;

export interface DocRoomOptions {
  /** Compact as soon as this many update rows follow the snapshot. */
  compactAfterUpdates: number;
  /** Otherwise compact once no update has been stored for this long. */
  compactIdleMs: number;
  /** Updates that would grow the stored document past this are refused (close 4413). */
  maxDocumentBytes?: number;
  /** Updates with more structs plus delete ranges than this are refused (close 1009). */
  maxUpdateEntries?: number;
}

export interface DocRoomDeps {
  store: DocumentStore;
  committer: UpdateCommitter;
  logger: Logger;
  options: DocRoomOptions;
  metrics?: Metrics;
  /** Told when the last connection left, so the registry can start the unload grace period. */
  onEmpty(room: DocRoom): void;
  /** Told when storing failed and the in-memory state can no longer be trusted. */
  onBroken(room: DocRoom): void;
  /** Told after updates of this document were stored (automatic versions count editing time). */
  onStored?(documentId: string): void;
  /**
   * Waits compactIdleMs after a room's last stored update, then has it compact: one queue and one
   * timer for every room (DeadlineQueue), since each room that is being edited is waiting.
   */
  idleCompaction: Pick<DeadlineQueue<DocRoom>, 'schedule' | 'cancel'>;
}

/** How long a loaded document's stored state may wait to be applied, for its first visitor's answer. */
const LOAD_AFTER_MS = 5;

/** What an awareness 'update' event reports. */
interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/** A writer's typing accepted this turn: stored with the turn's commit, applied after its broadcast. */
interface QueuedUpdate {
  connection: Connection;
  update: Uint8Array;
  /** What it reaches: its new clients, where each client's clock ends, which items sit in a map. */
  reach: UpdateReach;
}

/**
 * One loaded document: its Y.Doc, awareness and connections. Updates are handed to the committer,
 * broadcast only once stored, and applied to the doc (a turn's typing right after its broadcast;
 * anything that must be judged first, before it is stored).
 */
export class DocRoom implements CommitTarget, BatchingTarget, QueuedTurn {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  private lastSeq: number;
  private rowsSinceSnapshot: number;
  private compacting: Promise<void> | undefined;
  private destroyed = false;
  /** Updates sent by read-only connections and dropped; for tests and metrics. */
  droppedUpdates = 0;
  private queued: QueuedUpdate[] = [];
  /** The queued updates by the clients they write, while any are queued (see queuedMapEntryAt). */
  private queuedByClient: Map<number, QueuedUpdate[]> | null = null;
  /** Typing handed to the committer as received and not applied yet: applied once it is sent. */
  private storing: QueuedUpdate[] | null = null;
  /**
   * Per client, the clock after the last queued or storing struct (neither applied yet): the next
   * update builds on it. Made when a turn queues its first update and dropped once everything is
   * applied: an idle room keeps no map.
   */
  private queuedClocks: Map<number, number> | null = null;
  /**
   * Which participant each cursor client id announced in this document belongs to (first claim
   * wins), as stored (`DocumentStore.clientClaims`), so it holds after the people left, the room
   * was unloaded or the server restarted (see writesUnderOthersId). Read only once a connection
   * that may not write joins (loadClaims), since only such a connection's updates are checked
   * against it; every claim is stored as it is made either way.
   */
  private claims: Map<number, string> | null = null;
  private claimsLoading: Promise<void> | null = null;

  /**
   * Loads a document from storage; an unknown id starts empty (nothing is written until an edit).
   * The stored state is applied to the Y.Doc right after the first visitor's answer (at most
   * LOAD_AFTER_MS later), or as soon as anything needs the doc: a first visitor who has nothing yet
   * is answered from the stored bytes meanwhile, so opening a long draft does not wait for Yjs to
   * build it and encode it again.
   */
  static async load(documentId: string, deps: DocRoomDeps): Promise<DocRoom> {
    const stored = await deps.store.load(documentId);
    const parts = stored ? (stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) : [];
    // One merged state is far cheaper to apply than replaying rows one by one.
    const state = parts.length === 0 ? null : parts.length === 1 ? (parts[0] as Uint8Array) : Y.mergeUpdates(parts);
    const bytes = stored
      ? (stored.snapshot?.byteLength ?? 0) + stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
      : 0;
    return new DocRoom(documentId, state, stored?.lastSeq ?? 0, stored?.updates.length ?? 0, deps, bytes);
  }

  /**
   * Rooms that sent a commit's typing and apply it once every room of that commit has sent: one
   * list and one microtask for all, where a callback per room would cost each room a closure.
   */
  private static sentUnapplied: DocRoom[] = [];

  private static applySentTyping(): void {
    const rooms = DocRoom.sentUnapplied;
    DocRoom.sentUnapplied = [];
    for (const room of rooms) {
      safely(room.deps.logger, 'applying sent typing failed', () => room.applyStoring(), {
        documentId: room.documentId,
      });
    }
  }

  private readonly ydoc = new Y.Doc();
  /** The stored state, until it is applied to the doc. */
  private unapplied: Uint8Array | null;
  /** The stored state as loaded, while the doc has not changed since: a whole answer for newcomers. */
  private pristine: Uint8Array | null;
  /** Connections that joined before the state was applied: greeted (sync step 1) once it is. */
  private ungreeted: Set<Connection> | null = null;
  private loadTimer: NodeJS.Timeout | undefined;
  private readonly handleDocUpdate: (update: Uint8Array, origin: unknown) => void;
  private readonly handleAwarenessUpdate: (changes: AwarenessChanges, origin: unknown) => void;
  private readonly recordTransaction: (transaction: Y.Transaction) => void;
  /** While applyUnannounced runs: the transactions it caused, in order. */
  private observed: Y.Transaction[] | null = null;

  private constructor(
    readonly documentId: string,
    state: Uint8Array | null,
    lastSeq: number,
    rowsSinceSnapshot: number,
    private readonly deps: DocRoomDeps,
    /** Bytes the document takes in storage (snapshot plus update rows), kept current on commit. */
    private storedBytes = 0,
  ) {
    this.unapplied = state;
    this.pristine = state;
    this.lastSeq = lastSeq;
    this.rowsSinceSnapshot = rowsSinceSnapshot;
    // Listeners are assigned here rather than as class fields: tsx keeps function names, and a
    // named class-field arrow gets its name defined at run time, which puts each room's function
    // in dictionary mode (~256 bytes more per room, per listener).
    this.handleDocUpdate = (update, origin) => this.docUpdated(update, origin);
    this.handleAwarenessUpdate = (changes, origin) => this.awarenessUpdated(changes, origin);
    this.recordTransaction = (transaction) => this.observed?.push(transaction);
    this.awareness = new awarenessProtocol.Awareness(this.ydoc);
    // Each Awareness runs a 3 s interval of its own to drop cursors nobody renewed; the registry
    // does that for every room on one timer (expireQuietCursors), ~200 bytes less per room.
    clearInterval(this.awareness._checkInterval);
    // A cleared timer is still an object while referenced; destroy() clears whatever is here.
    this.awareness._checkInterval = undefined;
    // The server has no cursor of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', this.handleDocUpdate);
    this.awareness.on('update', this.handleAwarenessUpdate);
    // The first visitor's sync step 1 is usually on its way: answer it before building the doc.
    if (state) this.loadTimer = setTimeout(() => this.loadNow(), LOAD_AFTER_MS);
  }

  private loadNow(): void {
    clearTimeout(this.loadTimer);
    this.loadTimer = undefined;
    try {
      this.ensureLoaded();
    } catch {
      // Already handled: the room is broken and its connections closed.
    }
  }

  /** The document, with its stored state and everything handed to the committer applied. */
  get doc(): Y.Doc {
    this.ensureLoaded();
    this.applyStoring();
    return this.ydoc;
  }

  /**
   * Applies the stored state (without storing it again). If Yjs cannot read it, the room is
   * dropped and its connections closed, as a failed load always was: nothing is ever stored on
   * top of a document that did not load.
   */
  private ensureLoaded(): void {
    const state = this.unapplied;
    if (state === null || this.destroyed) return;
    this.unapplied = null;
    try {
      const { followUps } = this.applyUnannounced(() => Y.applyUpdate(this.ydoc, state), null);
      for (const followUp of followUps) this.storeFollowUp(followUp);
    } catch (error) {
      this.pristine = null;
      this.deps.logger.error({ err: error, documentId: this.documentId }, 'the stored document could not be read');
      for (const connection of this.connections) {
        connection.close(CloseCode.StorageFailure, 'could not load the document');
      }
      this.connections.clear();
      this.ungreeted = null;
      this.deps.onBroken(this);
      throw new ProtocolError('could not load the document', CloseCode.StorageFailure);
    }
    const ungreeted = this.ungreeted;
    this.ungreeted = null;
    if (ungreeted) for (const connection of ungreeted) connection.send(encodeSyncStep1(this.ydoc));
  }

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Number of update rows stored after the last snapshot. */
  get pendingRows(): number {
    return this.rowsSinceSnapshot;
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection);
    // Our state vector: the client answers with everything we lack (its offline edits).
    if (this.unapplied) {
      this.ungreeted ??= new Set();
      this.ungreeted.add(connection);
    } else {
      connection.send(encodeSyncStep1(this.ydoc));
    }
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(encodeAwareness(this.awareness, states));
  }

  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    this.ungreeted?.delete(connection);
    if (connection.awarenessClientIds.length > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessClientIds], null);
    }
    if (this.connections.size === 0) this.deps.onEmpty(this);
  }

  /** Handles one binary frame; throws ProtocolError for anything malformed. */
  receive(connection: Connection, frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    try {
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MessageType.Sync:
          this.receiveSync(connection, decoder);
          break;
        case MessageType.Awareness:
          this.receiveAwareness(connection, decoding.readVarUint8Array(decoder));
          break;
        case MessageType.QueryAwareness:
          connection.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
          break;
        default:
          throw new ProtocolError(`unknown message type ${type}`);
      }
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      throw new ProtocolError(`malformed frame: ${(error as Error).message}`);
    }
  }

  private receiveSync(connection: Connection, decoder: decoding.Decoder): void {
    const syncType = decoding.readVarUint(decoder);
    switch (syncType) {
      case SyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        // Validate before encoding: a bad state vector must not be mistaken for a server fault.
        const known = Y.decodeStateVector(stateVector);
        this.integrateQueued();
        const firstVisit = known.size === 0 ? this.pristine : null;
        const reply = firstVisit ? encodeSyncStep2OfState(firstVisit) : encodeSyncStep2(this.doc, stateVector);
        // Then our own state vector, as it stands once everything this connection sent before is
        // stored: a client that asks after sending its changes learns whether we hold them, the
        // acknowledgement the protocol lacks (docs/protocol.md). Not for a connection's first step
        // 1, which its greeting already answers (or will, once the document is built).
        const ours = connection.askedBefore && !firstVisit ? encodeSyncStep1(this.doc) : null;
        connection.askedBefore = true;
        // The reply may contain updates accepted this turn but not yet stored: hold it until
        // they are, so nobody ever sees an edit that a crash could still lose.
        const durable = this.deps.committer.whenDurable();
        if (durable) void durable.then(() => this.answerStep1(connection, reply, ours));
        else this.answerStep1(connection, reply, ours);
        if (this.unapplied) setImmediate(() => this.loadNow());
        break;
      }
      case SyncStep2:
      case SyncUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        const limit = this.deps.options.maxDocumentBytes;
        // Counted, checked for empty items and read for what it reaches before Yjs spends any time
        // on it, for every sender: a reaction from a reader can carry a poisoned item too.
        const maxEntries = this.deps.options.maxUpdateEntries ?? Number.POSITIVE_INFINITY;
        let reach = reachOf(this.doc, update, maxEntries, this);
        if (reach.undecided) {
          // A backstop (queued updates say where their items sit): apply the turn so far, then the doc tells.
          this.integrateQueued();
          reach = reachOf(this.doc, update, maxEntries, this);
        }
        if (limit !== undefined && this.storedBytes + update.byteLength > limit) {
          if (this.storedBytes + this.growthOf(update, reach) > limit) {
            throw new ProtocolError('the document has reached its size limit', CloseCode.DocumentTooLarge);
          }
        }
        if (reach.waitsForMissing) {
          this.refuseGapped(connection, update, limit);
          return;
        }
        if (reach.bringsOnlyNew && !reach.touchesGuarded && !connection.readOnly) {
          this.queue(connection, update, reach);
          return;
        }
        // Anything else is judged against, and applied after, everything accepted before it.
        this.integrateQueued();
        if (connection.readOnly && this.claims === null) {
          // Read-only without the claims read (it turned read-only after joining, which only a lock
          // does, and a lock refuses everything): judge nothing unread, read them for next time.
          this.loadClaims().catch(() => {});
          this.countDropped();
          return;
        }
        if (
          (connection.readOnly && this.writesUnderOthersId(connection, reach.newClients)) ||
          !this.admits(connection, update, reach.touchesGuarded)
        ) {
          this.countDropped();
          return;
        }
        Y.applyUpdate(this.doc, update, connection);
        connection.gappedBytes = 0;
        this.recordAuthors(connection, reach.newClients);
        if (connection.readOnly) return;
        this.limitPendingUpdates(limit);
        this.requestMissingUpdates(connection);
        break;
      }
      default:
        throw new ProtocolError(`unknown sync message type ${syncType}`);
    }
  }

  /**
   * How many bytes `update` would add to storage. An update that brings only new structs is
   * stored as received; any other is stored as the part the document lacks, and a client's sync
   * step 2 often repeats what it already sent (it answers the state vector it was greeted with),
   * so only that part counts against the size limit.
   */
  private growthOf(update: Uint8Array, reach: UpdateReach): number {
    if (reach.bringsOnlyNew) return update.byteLength;
    this.integrateQueued();
    return Y.diffUpdate(update, Y.encodeStateVector(this.doc)).byteLength;
  }

  /**
   * Typing (an update from a writer that brings only structs the document lacks, nothing for
   * the guarded maps) waits for the end of the turn and is applied there with every other such
   * update in one Yjs transaction: Yjs's per-transaction bookkeeping (state vectors over every
   * client that ever wrote, merging, the update event) is paid once per turn, not per update,
   * which is what a document with hundreds of past sessions under a burst of edits needs. The
   * bytes as received are what is stored and forwarded, each to all but its sender.
   */
  private queue(connection: Connection, update: Uint8Array, reach: UpdateReach): void {
    connection.gappedBytes = 0;
    connection.resyncRequested = false;
    const entry = { connection, update, reach };
    this.queued.push(entry);
    for (const client of reach.ends.keys()) {
      this.queuedByClient ??= new Map();
      const ofClient = this.queuedByClient.get(client);
      if (ofClient) ofClient.push(entry);
      else this.queuedByClient.set(client, [entry]);
    }
    for (const [client, end] of reach.ends) {
      this.queuedClocks ??= new Map();
      if (end > (this.queuedClocks.get(client) ?? 0)) this.queuedClocks.set(client, end);
    }
    if (this.queued.length === 1) this.deps.committer.releaseBeforeCommit(this);
  }

  queuedClockOf(client: number): number | undefined {
    return this.queuedClocks?.get(client);
  }

  queuedMapEntryAt(client: number, clock: number): boolean | null {
    const entries = this.queuedByClient?.get(client) ?? [];
    for (let index = entries.length - 1; index >= 0; index--) {
      const answer = entries[index]?.reach.mapEntryAt(client, clock);
      if (answer !== undefined) return answer;
    }
    return null;
  }

  /**
   * At the end of the turn, just before the commit: hands the turn's typing to the committer as
   * received (with the record of any new author) and applies it only once it has been sent
   * (onCommitted). The first frame to the
   * others then goes out without waiting for Yjs, and nothing is lost by it: the update is stored
   * first, and scanUpdate has refused everything Yjs could throw on. A commit still in flight with
   * typing not yet applied (a store that commits asynchronously) has this turn's applied first.
   */
  releaseQueued(): void {
    if (this.queued.length === 0 || this.destroyed) return;
    if (this.storing !== null) {
      this.integrateQueued();
      return;
    }
    const entries = this.queued;
    this.queued = [];
    this.queuedByClient = null;
    this.pristine = null;
    this.storing = entries;
    for (const entry of entries) this.deps.committer.enqueue(this, entry.update, entry.connection);
    // In the same commit as the typing it credits (it needs only the authors map), so a crash
    // between two commits cannot leave text stored without its author.
    this.recordAuthorsOf(entries);
  }

  /** Applies everything accepted so far: typing being stored, then this turn's, which it hands to the committer. */
  integrateQueued(): void {
    this.applyStoring();
    if (this.queued.length === 0 || this.destroyed) return;
    const entries = this.queued;
    this.queued = [];
    this.queuedByClient = null;
    this.pristine = null;
    const { failed, before } = this.applyTyping(entries);
    if (failed) {
      // Whatever Yjs did integrate (and tidied after) is stored and sent instead of the received
      // bytes, so memory and storage never disagree.
      this.storeChangesSince(before, this);
    } else {
      for (const entry of entries) this.deps.committer.enqueue(this, entry.update, entry.connection);
    }
    this.recordAuthorsOf(entries);
  }

  /**
   * Applies the typing handed to the committer (after its broadcast, or earlier when something
   * needs the doc). scanUpdate makes a failure here impossible as far as we know; should one
   * happen anyway, the stored log holds bytes Yjs refuses, so the room compacts at once, which
   * replaces the log with what the doc holds.
   */
  private applyStoring(): void {
    const entries = this.storing;
    if (entries === null || this.destroyed) return;
    this.storing = null;
    const { failed } = this.applyTyping(entries);
    if (failed) {
      this.deps.logger.error({ documentId: this.documentId }, 'stored typing could not be applied; compacting');
      void this.compact();
    }
  }

  /**
   * Applies typing in one transaction; closes the sender of any update Yjs refuses. Yjs's own
   * follow-up transactions (a formatting tidy) are stored and sent unless something failed, in
   * which case the caller decides what to store.
   */
  private applyTyping(entries: readonly QueuedUpdate[]): { failed: boolean; before: Map<number, number> } {
    if (this.queued.length === 0 && this.storing === null) this.queuedClocks = null;
    let failed = false;
    const doc = this.ydoc;
    const { before, followUps } = this.applyUnannounced(() => {
      for (const entry of entries) {
        try {
          Y.applyUpdate(doc, entry.update, entry.connection);
        } catch (error) {
          failed = true;
          this.deps.logger.warn({ err: error, connection: entry.connection.id }, 'closing connection: bad update');
          entry.connection.close(CloseCode.BadMessage, 'malformed message');
        }
      }
    }, this);
    // Otherwise nothing reads the typed text until the next compaction (see flattenTypedText).
    const writers =
      entries.length === 1 ? entries[0]?.reach.ends.keys() : new Set(entries.flatMap((e) => [...e.reach.ends.keys()]));
    if (writers) flattenTypedText(doc, before, writers);
    if (!failed) for (const followUp of followUps) this.storeFollowUp(followUp);
    return { failed, before };
  }

  private recordAuthorsOf(entries: readonly QueuedUpdate[]): void {
    for (const entry of entries) this.recordAuthors(entry.connection, entry.reach.newClients);
  }

  /**
   * Whether to apply an update. A writer's typing goes straight in; anything touching comments
   * or authors, and everything from a read-only connection (a reader of another group's draft
   * may still react and comment, as themself), is judged on a copy first.
   */
  private admits(connection: Connection, update: Uint8Array, touchesGuarded: boolean): boolean {
    const text = !connection.readOnly;
    const { grant } = connection;
    if (text && !touchesGuarded) return true;
    const reactions = grant.canReact();
    const comments = grant.canComment();
    if (!text && !reactions && !comments) return false;
    const participantId = connection.identity?.participantId ?? null;
    return admitsUpdate(this.doc, update, { participantId, text, reactions, comments });
  }

  /**
   * Records who is behind each Yjs client id the first time the server accepts new items of it
   * (only new ones: a reloaded page replays everything it has, the template and others' text
   * included), so the text can be coloured by author (first claim wins: a later sender of the same
   * items cannot take them over). Written by the server into the document, so it is stored,
   * synced and compacted like everything else, and no client may write it.
   */
  private recordAuthors(connection: Connection, clients: number[]): void {
    const identity = connection.identity;
    if (!identity || clients.length === 0) return;
    const authors = this.ydoc.getMap(AUTHORS_FIELD);
    const fresh = unclaimedClients(authors, clients).filter((client) => !isServerClient(this.ydoc, client));
    if (fresh.length === 0) return;
    const record = { participantId: identity.participantId, name: identity.name, color: identity.color };
    const renamed = staleNames(authors, identity.participantId, identity.name);
    this.ydoc.transact(() => {
      for (const client of fresh) authors.set(String(client), record);
      // One name per person in a document: records made under an earlier name take this one.
      for (const [client, old] of renamed) authors.set(client, { ...old, name: identity.name });
    }, this);
  }

  /**
   * Writes a participant's new name into their authors records, the names shown beside what they
   * wrote (their comments and endorsements carry the name they had; the authors map says who they
   * are). Done in the documents they have open; the others keep the name until they next rename.
   */
  renameAuthor(participantId: string, name: string): void {
    if (this.destroyed) return;
    // `doc`, not `ydoc`: right after a load the stored records may not be applied yet.
    const doc = this.doc;
    const authors = doc.getMap(AUTHORS_FIELD);
    const stale = staleNames(authors, participantId, name);
    if (stale.length === 0) return;
    doc.transact(() => {
      for (const [client, record] of stale) authors.set(client, { ...record, name });
    }, this);
  }

  /**
   * An update that depends on operations the document lacks (edits dropped while the draft was
   * locked, or lost with a broken room) is refused rather than held: Yjs would keep it in memory,
   * unjudged, and apply it whenever the missing part came. The sender is asked once for everything
   * we lack (sync step 1), which then arrives whole and is judged. A sender that keeps sending
   * such updates past the document size limit is closed.
   */
  private refuseGapped(connection: Connection, update: Uint8Array, limit: number | undefined): void {
    this.countDropped();
    connection.gappedBytes += update.byteLength;
    if (limit !== undefined && connection.gappedBytes > limit) {
      throw new ProtocolError('updates wait for edits that never came', CloseCode.DocumentTooLarge);
    }
    this.askOnceForMissing(connection);
  }

  private countDropped(): void {
    this.droppedUpdates += 1;
    if (this.deps.metrics) this.deps.metrics.updatesDropped += 1;
  }

  /**
   * Asks every connection that may write now for whatever it holds that the document lacks (sync
   * step 1): after an unlock, what someone typed while the draft was locked (offline, or as the
   * lock arrived) was dropped, and would otherwise wait for their next keystroke or reload.
   */
  askWritersForMissing(): void {
    let step1: Uint8Array | undefined;
    for (const connection of this.connections) {
      if (connection.readOnly) continue;
      step1 ??= encodeSyncStep1(this.doc);
      connection.send(step1);
    }
  }

  private answerStep1(connection: Connection, reply: Uint8Array, ours: Uint8Array | null): void {
    connection.send(reply);
    if (ours) connection.send(ours);
  }

  /** Sends our state vector (sync step 1) so the client resends all we lack; once until it has. */
  private askOnceForMissing(connection: Connection): void {
    if (connection.resyncRequested) return;
    connection.resyncRequested = true;
    connection.send(encodeSyncStep1(this.doc));
  }

  /**
   * Backstop: `reachOf` refuses updates that wait for missing operations before Yjs sees them, so
   * nothing should be left pending. Should one slip through on this path (judged updates), it is
   * neither stored nor forwarded; past the document size limit it is dropped and the sender
   * closed. Typing is stored and sent as received: one whose items wait on each other in a cycle
   * (no client writes that) stays pending on the server as on every client and after a reload.
   */
  private limitPendingUpdates(limit: number | undefined): void {
    if (limit === undefined) return;
    const { store } = this.doc;
    const pending = (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
    if (this.storedBytes + pending <= limit) return;
    store.pendingStructs = null;
    store.pendingDs = null;
    throw new ProtocolError('updates wait for edits that never came', CloseCode.DocumentTooLarge);
  }

  /** Backstop as above: whatever is left pending is asked for once; a clean apply re-arms the ask. */
  private requestMissingUpdates(connection: Connection): void {
    const pending = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null;
    if (pending) this.askOnceForMissing(connection);
    else connection.resyncRequested = false;
  }

  private receiveAwareness(connection: Connection, update: Uint8Array): void {
    const { update: stamped, renewed } = stampAwarenessUpdate(
      update,
      connection.identity,
      (clientId, clock) => this.isOwnedByOther(clientId, connection, clock),
      connection.awarenessClientIds,
      this.awareness,
    );
    awarenessProtocol.applyAwarenessUpdate(this.awareness, stamped, connection);
    if (renewed) connection.send(encodeAwareness(this.awareness, renewed));
  }

  /**
   * Whether an update brings new items under a client id that is someone else's: credited to
   * another participant in the authors map, announced as another participant's cursor in this
   * document (now, or before, as stored), or the server's own. Yjs takes a client id to be one
   * writer's, so an item written under someone's id at their next clock makes Yjs skip their own
   * offline work when it arrives, and what they type after lands in the impostor's item. Checked for read-only
   * connections: their only items are their own reactions and comments, under their own id
   * (whatever else they send is dropped anyway); writers may change the text as it is.
   */
  private writesUnderOthersId(connection: Connection, clients: readonly number[]): boolean {
    const me = connection.identity?.participantId;
    if (me === undefined || clients.length === 0) return false;
    const authors = this.ydoc.getMap(AUTHORS_FIELD);
    for (const client of clients) {
      if (isServerClient(this.ydoc, client)) return true;
      const credited = AuthorRecord.safeParse(authors.get(String(client)));
      if (credited.success && credited.data.participantId !== me) return true;
      if (this.claimedBeforeByOther(client, connection) || this.announcedByOther(client, connection)) return true;
    }
    return false;
  }

  /** Reads the stored cursor claims (see `claims`); once per room, before its first read-only connection joins. */
  loadClaims(): Promise<void> {
    this.claimsLoading ??= this.readClaims().catch((error: unknown) => {
      this.claimsLoading = null;
      this.claims = null;
      throw error;
    });
    return this.claimsLoading;
  }

  private async readClaims(): Promise<void> {
    // Claims made while the read is under way land in this map too; the stored ones are older, so they win.
    const claims = new Map<number, string>();
    this.claims = claims;
    for (const [clientId, participantId] of await this.deps.store.clientClaims(this.documentId)) {
      claims.set(clientId, participantId);
    }
  }

  /** Whether another participant claimed `clientId` as their cursor (now or before, as stored). */
  private claimedBeforeByOther(clientId: number, connection: Connection): boolean {
    const claimed = this.claims?.get(clientId);
    return claimed !== undefined && claimed !== connection.identity?.participantId;
  }

  /** Stores a connection's newly announced cursor ids as its participant's (first claim wins). */
  private recordClaims(connection: Connection, clientIds: readonly number[]): void {
    const participantId = connection.identity?.participantId;
    if (participantId === undefined || clientIds.length === 0) return;
    // A tab announces one id for as long as it is open; a connection cycling through fresh ids
    // would otherwise add stored rows without end.
    const room = MAX_AWARENESS_CLIENTS_PER_CONNECTION - connection.claimsRecorded;
    const fresh = clientIds.filter((clientId) => !this.claims?.has(clientId)).slice(0, Math.max(0, room));
    if (fresh.length === 0) return;
    connection.claimsRecorded += fresh.length;
    for (const clientId of fresh) this.claims?.set(clientId, participantId);
    this.deps.store
      .claimClients(
        this.documentId,
        fresh.map((clientId) => ({ clientId, participantId })),
      )
      .catch((error: unknown) =>
        this.deps.logger.warn({ err: error, documentId: this.documentId }, 'cursor claim not stored'),
      );
  }

  /** Whether a live connection of another participant announces `clientId` as its cursor. */
  private announcedByOther(clientId: number, connection: Connection): boolean {
    for (const other of this.connections) {
      if (other === connection || !other.announcedAwarenessOf(clientId)) continue;
      if (other.identity?.participantId !== connection.identity?.participantId) return true;
    }
    return false;
  }

  private isOwnedByOther(clientId: number, connection: Connection, clock: number): boolean {
    if (this.claimedBeforeByOther(clientId, connection)) return true;
    for (const other of this.connections) {
      if (other === connection || !other.announcedAwarenessOf(clientId)) continue;
      // The same participant reconnecting takes its cursor over from the socket not yet seen dead:
      // the tab announces it anew, at a newer clock. A stock provider also sends back every cursor
      // it hears of, at the clock it heard: that echo from the participant's other tab must not
      // take this tab's cursor over, or closing this tab would leave it behind for everyone.
      if (other.identity && other.identity.participantId === connection.identity?.participantId) {
        if (clock <= (this.awareness.meta.get(clientId)?.clock ?? -1)) return true;
        other.releaseAwarenessClient(clientId);
        continue;
      }
      return true;
    }
    return false;
  }

  /**
   * Runs `apply` in one transaction with no 'update' listener, for changes whose bytes are stored
   * already (the load) or as received (a batch): with a listener, Yjs encodes every transaction's
   * update again, about half the cost of applying one keystroke. Applying an update makes the
   * transaction remote, so Yjs may then tidy formatting (doubled bold marks, say) in transactions
   * of its own, run before this returns: those are returned, to be stored and sent like any change.
   */
  private applyUnannounced(
    apply: () => void,
    origin: unknown,
  ): { before: Map<number, number>; followUps: Y.Transaction[] } {
    const observed: Y.Transaction[] = [];
    this.observed = observed;
    // Listening only meanwhile: an idle room then keeps one event entry on its doc, not two.
    this.ydoc.off('update', this.handleDocUpdate);
    this.ydoc.on('afterTransaction', this.recordTransaction);
    try {
      Y.transact(this.ydoc, apply, origin, true);
    } finally {
      this.observed = null;
      this.ydoc.off('afterTransaction', this.recordTransaction);
      this.ydoc.on('update', this.handleDocUpdate);
    }
    const [applied, ...followUps] = observed;
    return { before: applied?.beforeState ?? new Map(), followUps };
  }

  /** Stores and sends a transaction the doc made on its own, if it changed anything. */
  private storeFollowUp(transaction: Y.Transaction): void {
    const changed =
      transaction.deleteSet.clients.size > 0 ||
      [...transaction.afterState].some(([client, clock]) => transaction.beforeState.get(client) !== clock);
    if (changed) this.storeChangesSince(transaction.beforeState, transaction.origin);
  }

  /**
   * Stores and sends everything the doc gained since `before`. Yjs's encoding of one transaction
   * is not public; the structs since then and the whole delete set are a superset that applies
   * the same.
   */
  private storeChangesSince(before: Map<number, number>, origin: unknown): void {
    this.docUpdated(Y.encodeStateAsUpdate(this.ydoc, Y.encodeStateVector(before)), origin);
  }

  private docUpdated(update: Uint8Array, origin: unknown): void {
    this.pristine = null;
    this.deps.committer.enqueue(this, update, origin);
  }

  private awarenessUpdated({ added, updated, removed }: AwarenessChanges, origin: unknown): void {
    const changed = [...added, ...updated, ...removed];
    const from = this.isOwnConnection(origin) ? origin : undefined;
    if (from) {
      this.recordClaims(from, added);
      for (const id of added) from.claimAwarenessClient(id);
      for (const id of updated) from.claimAwarenessClient(id);
      for (const id of removed) from.releaseAwarenessClient(id);
    }
    const frame = encodeAwareness(this.awareness, changed);
    for (const connection of this.connections) {
      if (connection !== from) connection.send(frame);
    }
  }

  onCommitted(updates: readonly CommittedUpdate[], lastSeq: number): void {
    if (this.destroyed) return;
    this.lastSeq = Math.max(this.lastSeq, lastSeq);
    this.rowsSinceSnapshot += updates.length;
    for (const { update } of updates) this.storedBytes += update.byteLength;
    try {
      this.broadcast(updates);
    } finally {
      // Once the commit's other documents have sent theirs too (they are told in the same loop).
      if (this.storing !== null && DocRoom.sentUnapplied.push(this) === 1) queueMicrotask(DocRoom.applySentTyping);
      this.scheduleCompaction();
      this.deps.onStored?.(this.documentId);
    }
  }

  /**
   * Sends what a commit stored, never echoing an update to the connection it came from. Several
   * updates of one turn go out as one merged update to everyone who sent none of them: in a big
   * room a frame per update per person is most of the server's work, and a turn often holds a few.
   * Their senders get the others' updates one by one, as before.
   */
  private broadcast(updates: readonly CommittedUpdate[]): void {
    const singles = updates.map(({ update }) => encodeUpdate(update));
    const origins = new Set(updates.map(({ origin }) => origin));
    let merged: Uint8Array | undefined;
    if (updates.length > 1 && this.connections.size > origins.size) {
      try {
        merged = encodeUpdate(Y.mergeUpdates(updates.map(({ update }) => update)));
      } catch (error) {
        // One update Yjs cannot read (which scanUpdate should have refused) must not keep the
        // turn's others from everyone: they go out one by one instead.
        this.deps.logger.error({ err: error, documentId: this.documentId }, 'could not merge a turn for sending');
      }
    }
    for (const connection of this.connections) {
      if (merged && !origins.has(connection)) {
        connection.send(merged);
        continue;
      }
      updates.forEach(({ origin }, index) => {
        if (connection !== origin) connection.send(singles[index] as Uint8Array);
      });
    }
  }

  onCommitFailed(error: unknown): void {
    if (this.destroyed) return;
    this.queued = [];
    this.queuedByClient = null;
    this.storing = null;
    this.queuedClocks = null;
    this.deps.logger.error({ err: error, documentId: this.documentId }, 'document updates were not stored');
    // The in-memory doc now holds edits that are not durable; drop it. Clients keep their
    // edits and send them again after reconnecting (StorageFailure is a transient code).
    for (const connection of this.connections) {
      connection.close(CloseCode.StorageFailure, 'could not store changes; reconnect to retry');
    }
    this.connections.clear();
    this.deps.onBroken(this);
  }

  private scheduleCompaction(): void {
    if (this.rowsSinceSnapshot >= this.deps.options.compactAfterUpdates) {
      void this.compact();
      return;
    }
    this.deps.idleCompaction.schedule(this);
  }

  /**
   * Merges the stored update log into one snapshot. The doc already contains every committed
   * update, so its full state covers every row up to lastSeq.
   */
  compact(): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.rowsSinceSnapshot === 0 || this.destroyed) return Promise.resolve();
    // Typing sent but not applied yet belongs in the snapshot; applying it can itself start a
    // compaction (see applyStoring), which this one then is.
    const doc = this.doc;
    if (this.compacting) return this.compacting;
    this.deps.idleCompaction.cancel(this);
    const throughSeq = this.lastSeq;
    const covered = this.rowsSinceSnapshot;
    const coveredBytes = this.storedBytes;
    const state = Y.encodeStateAsUpdate(doc);
    this.compacting = this.deps.store
      .compact(this.documentId, state, throughSeq)
      .then(() => {
        this.rowsSinceSnapshot -= covered;
        this.storedBytes = state.byteLength + (this.storedBytes - coveredBytes);
        if (this.rowsSinceSnapshot > 0 && !this.destroyed) this.deps.idleCompaction.schedule(this);
      })
      .catch((error: unknown) => {
        // The rows are still there, so nothing is lost; the next commit retries.
        this.deps.logger.error({ err: error, documentId: this.documentId }, 'compaction failed');
      })
      .finally(() => {
        this.compacting = undefined;
      });
    return this.compacting;
  }

  private isOwnConnection(origin: unknown): origin is Connection {
    return this.connections.has(origin as Connection);
  }

  /** Drops cursors whose clients stopped renewing them (see expireQuietAwareness). */
  expireQuietCursors(now: number): void {
    if (!this.destroyed) expireQuietAwareness(this.awareness, now);
  }

  /** Frees the doc and awareness; call only after pending writes have settled. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.loadTimer);
    this.deps.idleCompaction.cancel(this);
    this.unapplied = null;
    this.pristine = null;
    this.ydoc.off('update', this.handleDocUpdate);
    this.awareness.off('update', this.handleAwarenessUpdate);
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}

/** A participant's authors records that carry another name than `name`, by client id key. */
function staleNames(authors: Y.Map<unknown>, participantId: string, name: string): Array<[string, AuthorRecord]> {
  const stale: Array<[string, AuthorRecord]> = [];
  for (const [client, record] of readAuthors(authors.entries())) {
    if (record.participantId === participantId && record.name !== name) stale.push([String(client), record]);
  }
  return stale;
}
