import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, COLLAB_PATH, isValidDocumentId, MessageType } from '@plenary/shared/protocol';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { clientAddress, type TrustProxy } from '../clientAddress';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { Connection, type ConnectionGrant } from './Connection';
import type { DocRoom } from './DocRoom';
import { ProtocolError } from './ProtocolError';
import { RateLimit } from './RateLimit';
import type { RoomRegistry } from './RoomRegistry';

/** The outcome of checking who may open a document: a grant, or a close code and reason. */
export type CollabAccess = { grant: ConnectionGrant } | { closeCode: number; reason: string };

/** Decides, per upgrade request, whether and how a connection may open a document. */
export type CollabAuthorizer = (request: IncomingMessage, documentId: string) => Promise<CollabAccess>;

export interface CollabServerOptions {
  maxMessageBytes: number;
  /** Open sockets allowed in total, per client address and per participant. */
  maxConnections?: number;
  maxConnectionsPerIp?: number;
  maxConnectionsPerParticipant?: number;
  /** Proxies whose X-Forwarded-For names the client (default: one on this machine). */
  trustProxy?: TrustProxy;
  /** Messages per second per socket (burst: twice this), and awareness messages per second. */
  messageRatePerSecond?: number;
  awarenessRatePerSecond?: number;
  metrics?: Metrics;
  /** A client with more than this many unsent bytes is closed instead of buffered. */
  maxBufferedBytes?: number;
  heartbeatMs?: number;
}

/** A socket silent this long is worth a ping when sockets run short… */
const QUIET_MS = 5_000;
/** …and is closed if it has not answered this long after. */
const PROBE_WAIT_MS = 2_000;

/**
 * Everything the server keeps for one open socket, in one object: sockets are many, and a set of
 * closures, their scope and two bucket objects per socket cost more than the fields they hold.
 */
class LiveSocket {
  alive = true;
  probing = false;
  /** When the peer last sent anything (a frame or a pong), in ms. */
  lastHeard = Date.now();
  /** The rate limits' state for this socket (see RateLimit). */
  messagesFullAt = RateLimit.FULL;
  awarenessFullAt = RateLimit.FULL;
  /** Frames that arrive while we authorise and load, kept in order and handled after. */
  early: Uint8Array[] | null = null;
  earlyBytes = 0;
  room: DocRoom | null = null;
  connection: Connection | null = null;

  constructor(
    readonly address: string,
    /** The document id as logged: '(invalid)' for a malformed one; the room's own string once open. */
    public loggedId: string,
  ) {}
}

/**
 * The y-websocket endpoint: upgrade routing under COLLAB_PATH, per-connection message handling
 * against the room registry, heartbeats and shutdown. Speaks the standard protocol, so the stock
 * WebsocketProvider connects unchanged.
 */
export class CollabServer {
  private readonly wss: WebSocketServer;
  private readonly live = new Map<WebSocket, LiveSocket>();
  private readonly perAddress = new Map<string, number>();
  /** Open connections per participant: everyone at a venue shares one address, not one person. */
  private readonly perParticipant = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly messageLimit: RateLimit;
  private readonly awarenessLimit: RateLimit;
  private closing = false;
  /**
   * Counts the times access ended for someone (a revoke, a sign-out, a removed document): a socket
   * whose access was checked before one of them is checked again before it joins its room.
   */
  private accessEnded = 0;

  constructor(
    private readonly registry: RoomRegistry,
    private readonly authorize: CollabAuthorizer,
    private readonly logger: Logger,
    private readonly options: CollabServerOptions,
  ) {
    // ws closes a connection whose frame exceeds maxPayload with 1009 (CloseCode.MessageTooBig).
    // `live` tracks every socket already; ws's own client set would be a second entry per socket.
    this.wss = new WebSocketServer({
      noServer: true,
      clientTracking: false,
      maxPayload: options.maxMessageBytes,
      perMessageDeflate: false,
    });
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    const messageRate = options.messageRatePerSecond ?? 300;
    const awarenessRate = options.awarenessRatePerSecond ?? 60;
    this.messageLimit = new RateLimit(messageRate, 2 * messageRate);
    this.awarenessLimit = new RateLimit(awarenessRate, 2 * awarenessRate);
    // ws calls a listener with the socket as `this`, so one function per event serves every socket.
    const server = this;
    this.socketMessage = function (this: WebSocket, data: RawData, isBinary: boolean) {
      server.receive(this, data, isBinary);
    };
    this.socketClosed = function (this: WebSocket, code: number) {
      server.closed(this, code);
    };
    this.socketPong = function (this: WebSocket) {
      const entry = server.live.get(this);
      if (!entry) return;
      entry.alive = true;
      entry.lastHeard = Date.now();
    };
    this.socketFailed = function (this: WebSocket, error: Error) {
      server.logger.warn({ err: error, documentId: server.live.get(this)?.loggedId }, 'socket error');
    };
  }

  private readonly socketMessage: (this: WebSocket, data: RawData, isBinary: boolean) => void;
  private readonly socketClosed: (this: WebSocket, code: number) => void;
  private readonly socketPong: (this: WebSocket) => void;
  private readonly socketFailed: (this: WebSocket, error: Error) => void;

  // Listeners that outlive the upgrade are made once: a closure made inside handleUpgrade would keep
  // its request (headers and all) alive for as long as the socket is open.
  private readonly upgradeSocketFailed = (error: Error): void => {
    this.logger.debug({ err: error }, 'upgrade socket error');
  };

  private readonly sendFailed = (connection: Connection, error: Error): void => {
    this.logger.warn({ err: error, documentId: connection.documentId, connection: connection.id }, 'send failed');
  };

  /** Number of open collaboration sockets. */
  get connectionCount(): number {
    return this.live.size;
  }

  /** Handles an HTTP upgrade; returns false when the path is not ours (the caller answers 404). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== COLLAB_PATH && !url.pathname.startsWith(`${COLLAB_PATH}/`)) return false;
    socket.on('error', this.upgradeSocketFailed);
    if (this.closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return true;
    }
    let documentId = url.pathname.slice(COLLAB_PATH.length + 1);
    try {
      documentId = decodeURIComponent(documentId);
    } catch {
      documentId = '';
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      // ws has its own error listener on the socket from here on; ours would only make the
      // socket keep a list of two for as long as it is open.
      socket.off('error', this.upgradeSocketFailed);
      void this.accept(ws, request, documentId);
    });
    return true;
  }

  private async accept(ws: WebSocket, request: IncomingMessage, documentId: string): Promise<void> {
    const address = clientAddress(request, this.options.trustProxy);
    // Fields, not a child logger per connection: log lines are rare, connections are many.
    const entry = new LiveSocket(address, isValidDocumentId(documentId) ? documentId : '(invalid)');
    this.live.set(ws, entry);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    ws.on('error', this.socketFailed);
    ws.on('pong', this.socketPong);
    ws.on('message', this.socketMessage);
    ws.on('close', this.socketClosed);

    const overAddress =
      (this.perAddress.get(address) ?? 0) > (this.options.maxConnectionsPerIp ?? Number.POSITIVE_INFINITY);
    if (this.live.size > (this.options.maxConnections ?? Number.POSITIVE_INFINITY) || overAddress) {
      // After a venue's Wi-Fi drops, everyone comes back while their old sockets still look open:
      // probe the quiet ones now rather than refusing people until the next heartbeat finds them.
      this.probeQuietSockets(overAddress ? address : null);
      this.refuse(ws, 'too many connections; try again shortly');
      return;
    }

    if (!isValidDocumentId(documentId)) {
      this.logger.info({ documentId: entry.loggedId }, 'refused: malformed document id');
      ws.close(CloseCode.DocumentNotFound, 'malformed document id');
      return;
    }

    let checkedAt = this.accessEnded;
    let access = await this.checkAccess(ws, request, documentId);
    if (!access) return;

    let loaded: DocRoom;
    try {
      loaded = await this.registry.acquire(documentId);
    } catch (error) {
      this.logger.error({ err: error, documentId }, 'document load failed');
      ws.close(CloseCode.StorageFailure, 'could not load the document');
      return;
    }
    if (!access.grant.canWrite()) {
      // Its updates are checked against every cursor claim of the document (DocRoom.writesUnderOthersId).
      try {
        await loaded.loadClaims();
      } catch (error) {
        this.logger.error({ err: error, documentId }, 'cursor claims could not be read');
        this.registry.releaseIfUnused(loaded);
        ws.close(CloseCode.StorageFailure, 'could not load the document');
        return;
      }
    }
    // Access that ended while the room loaded (a revoke, a sign-out) found no connection to close.
    while (access && checkedAt !== this.accessEnded && ws.readyState === ws.OPEN) {
      checkedAt = this.accessEnded;
      access = await this.checkAccess(ws, request, documentId);
    }
    if (!access || ws.readyState !== ws.OPEN) {
      this.registry.releaseIfUnused(loaded);
      return;
    }
    if (loaded.isDestroyed) {
      // Broken (storage failed) while the access was checked again: joining it would store nothing.
      ws.close(CloseCode.StorageFailure, 'could not load the document');
      return;
    }
    const participantId = access.grant.identity?.participantId;
    if (participantId !== undefined) {
      const open = this.perParticipant.get(participantId) ?? 0;
      if (open >= (this.options.maxConnectionsPerParticipant ?? Number.POSITIVE_INFINITY)) {
        this.registry.releaseIfUnused(loaded);
        this.refuse(ws, 'too many connections of yours; close a tab');
        return;
      }
      this.perParticipant.set(participantId, open + 1);
    }
    // The room's id string, not the one decoded from this request: one copy per document.
    const connection = new Connection(
      ws,
      loaded.documentId,
      access.grant,
      this.options.maxBufferedBytes ?? 64 * 1024 * 1024,
      this.sendFailed,
    );
    entry.loggedId = loaded.documentId;
    entry.connection = connection;
    entry.room = loaded;
    loaded.addConnection(connection);
    const early = entry.early;
    entry.early = null;
    entry.earlyBytes = 0;
    if (early) for (const frame of early) this.deliver(loaded, connection, frame);
  }

  private receive(ws: WebSocket, data: RawData, isBinary: boolean): void {
    const entry = this.live.get(ws);
    if (!entry) return;
    if (!isBinary) {
      ws.close(CloseCode.BadMessage, 'text frames are not part of the protocol');
      return;
    }
    entry.lastHeard = Date.now();
    const frame = toUint8Array(data);
    const messages = this.messageLimit.take(entry.messagesFullAt);
    // Awareness frames, and queries for it (each answered with every cursor in the room), get
    // their own, tighter budget.
    const awareness =
      frame[0] === MessageType.Awareness || frame[0] === MessageType.QueryAwareness
        ? this.awarenessLimit.take(entry.awarenessFullAt)
        : entry.awarenessFullAt;
    if (messages < 0 || awareness < 0) {
      this.refuse(ws, 'too many messages; slow down');
      return;
    }
    entry.messagesFullAt = messages;
    entry.awarenessFullAt = awareness;
    if (entry.room && entry.connection) {
      this.deliver(entry.room, entry.connection, frame);
      return;
    }
    entry.earlyBytes += frame.byteLength;
    // Before access is checked and the document loaded, a client may not queue more than one
    // maximum-size frame's worth of data.
    if (entry.earlyBytes > this.options.maxMessageBytes) {
      ws.close(CloseCode.MessageTooBig, 'too much data before the document was ready');
      return;
    }
    if (entry.early) entry.early.push(frame);
    else entry.early = [frame];
  }

  private closed(ws: WebSocket, code: number): void {
    const entry = this.live.get(ws);
    if (!entry) return;
    this.live.delete(ws);
    countDown(this.perAddress, entry.address);
    if (entry.connection) {
      const participantId = entry.connection.identity?.participantId;
      if (participantId !== undefined) countDown(this.perParticipant, participantId);
      entry.connection.markClosed();
      entry.room?.removeConnection(entry.connection);
    }
    entry.early = null;
    this.logger.debug({ documentId: entry.loggedId, code }, 'connection closed');
  }

  private deliver(room: DocRoom, connection: Connection, frame: Uint8Array): void {
    if (!connection.isOpen) return;
    try {
      room.receive(connection, frame);
    } catch (error) {
      const code = error instanceof ProtocolError ? error.closeCode : CloseCode.BadMessage;
      this.logger.warn(
        { documentId: connection.documentId, connection: connection.id, code, reason: (error as Error).message },
        'closing connection: bad frame',
      );
      connection.close(code, 'malformed message');
    }
  }

  private refuse(ws: WebSocket, reason: string): void {
    if (this.options.metrics) this.options.metrics.connectionsRefused += 1;
    ws.close(CloseCode.RateLimited, reason);
  }

  /** Pings sockets (of one address, or all) silent for a few seconds; those still silent soon after are closed. */
  private probeQuietSockets(address: string | null): void {
    const now = Date.now();
    for (const [ws, entry] of this.live) {
      if ((address !== null && entry.address !== address) || now - entry.lastHeard < QUIET_MS) continue;
      if (entry.probing) continue;
      entry.probing = true;
      try {
        ws.ping();
      } catch {
        ws.terminate();
        continue;
      }
      setTimeout(() => {
        entry.probing = false;
        if (Date.now() - entry.lastHeard >= QUIET_MS + PROBE_WAIT_MS) ws.terminate();
      }, PROBE_WAIT_MS).unref();
    }
  }

  private checkHeartbeats(): void {
    for (const [ws, entry] of this.live) {
      if (!entry.alive) {
        ws.terminate();
        continue;
      }
      entry.alive = false;
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }

  /** The socket's grant for `documentId`, or null once the socket is closed with the refusal's code. */
  private async checkAccess(
    ws: WebSocket,
    request: IncomingMessage,
    documentId: string,
  ): Promise<{ grant: ConnectionGrant } | null> {
    let access: CollabAccess;
    try {
      // The loaded room's id string, not this request's copy: the grant keeps it while connected.
      access = await this.authorize(request, this.registry.peek(documentId)?.documentId ?? documentId);
    } catch (error) {
      this.logger.error({ err: error, documentId }, 'authorisation failed');
      ws.close(CloseCode.StorageFailure, 'could not check access');
      return null;
    }
    if ('closeCode' in access) {
      this.logger.info({ documentId, code: access.closeCode }, 'refused');
      ws.close(access.closeCode, access.reason);
      return null;
    }
    return access;
  }

  /** Closes the connections of participants who joined through `inviteId` (the link was revoked). */
  closeConnectionsOfInvite(inviteId: string, code: number, reason: string): number {
    return this.closeConnectionsWhere((connection) => connection.identity?.inviteId === inviteId, code, reason);
  }

  /** Closes the connections of one participant (they signed out); returns how many. */
  closeConnectionsOfParticipant(participantId: string, code: number, reason: string): number {
    return this.closeConnectionsWhere(
      (connection) => connection.identity?.participantId === participantId,
      code,
      reason,
    );
  }

  /** Closes every connection to `documentId` (it was removed); returns how many. */
  closeConnectionsOfDocument(documentId: string, code: number, reason: string): number {
    return this.closeConnectionsWhere((connection) => connection.documentId === documentId, code, reason);
  }

  private closeConnectionsWhere(ended: (connection: Connection) => boolean, code: number, reason: string): number {
    // Sockets between their access check and their room are checked again before they join (accept).
    this.accessEnded += 1;
    let closed = 0;
    for (const entry of this.live.values()) {
      if (entry.connection && ended(entry.connection)) {
        entry.connection.close(code, reason);
        closed += 1;
      }
    }
    return closed;
  }

  /** A document became writable again (unlocked): its writers are asked for what they typed meanwhile. */
  documentUnlocked(documentId: string): void {
    this.registry.peek(documentId)?.askWritersForMissing();
  }

  /** Stamps a participant's new display name on their open connections from now on. */
  renameParticipant(participantId: string, displayName: string): void {
    const rooms = new Set<DocRoom>();
    for (const entry of this.live.values()) {
      const identity = entry.connection?.identity;
      if (identity?.participantId !== participantId) continue;
      identity.name = displayName;
      if (entry.room) rooms.add(entry.room);
    }
    // The names shown beside their comments and endorsements are those of the authors map.
    for (const room of rooms) room.renameAuthor(participantId, displayName);
  }

  /** Closes every connection with `code` (clients reconnect on ServiceRestart) and stops accepting. */
  async close(code: number = CloseCode.ServiceRestart, reason = 'server restarting'): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    const closed = [...this.live.keys()].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once('close', () => resolve());
          ws.close(code, reason);
          // A peer that never answers the close handshake must not hold up shutdown.
          setTimeout(() => {
            ws.terminate();
            resolve();
          }, 2_000).unref();
        }),
    );
    await Promise.all(closed);
    this.wss.close();
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** One fewer under `key`; a count that reaches zero leaves the map. */
function countDown(counts: Map<string, number>, key: string): void {
  const remaining = (counts.get(key) ?? 1) - 1;
  if (remaining > 0) counts.set(key, remaining);
  else counts.delete(key);
}
