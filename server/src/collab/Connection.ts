import { CloseCode } from '@plenary/shared/protocol';
import type { WebSocket } from 'ws';

/** What the collaboration layer needs from a socket; tests pass a fake with the same shape. */
export interface CollabSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
}

const OPEN = 1;

let nextConnectionId = 1;
const NONE_ANNOUNCED: readonly number[] = Object.freeze([]);

/** Who is behind a connection, as the server knows it (never as the client claims). */
export interface ConnectionIdentity {
  readonly participantId: string;
  readonly inviteId: string;
  /** Updated when the participant renames themself, so the next awareness stamp carries it. */
  name: string;
  readonly color: string;
}

/** What a connection may do; `canWrite` is asked again for every update, so a lock applies at once. */
export interface ConnectionGrant {
  canWrite(): boolean;
  /** May add or withdraw its own endorsements and positions even while it may not write the text. */
  canReact(): boolean;
  /** May add threads and replies under their own name, and resolve or reopen threads. */
  canComment(): boolean;
  identity: ConnectionIdentity | null;
}

/** A grant for tests and tools: fixed write access, no identity. */
export function staticGrant(writable: boolean): ConnectionGrant {
  return { canWrite: () => writable, canReact: () => false, canComment: () => false, identity: null };
}

/** One client's connection to one document. */
export class Connection {
  readonly id = nextConnectionId++;
  /**
   * Awareness client ids this connection announced, removed from everyone's view when it leaves.
   * A tab has one (a few while reloading), and every connection keeps this: an exact-size array
   * replaced on change costs a fraction of a Set.
   */
  private announced: readonly number[] = NONE_ANNOUNCED;
  /** A sync step 1 was sent because this connection's updates left gaps; not sent again until filled. */
  resyncRequested = false;
  /** Bytes of updates refused since the last applied one because they wait for missing edits. */
  gappedBytes = 0;
  /**
   * This connection has sent a sync step 1 before. Its first one (the provider's own, on open) is
   * answered without our state vector: the greeting already sent it, and a stock provider would
   * answer it twice, uploading its offline edits twice.
   */
  askedBefore = false;
  /** Cursor ids this connection has had stored as its participant's (DocRoom.recordClaims): a few at most. */
  claimsRecorded = 0;
  private closed = false;

  constructor(
    readonly socket: CollabSocket,
    readonly documentId: string,
    /** Read-only connections are answered but every update they send is dropped. */
    grant: ConnectionGrant | boolean,
    private readonly maxBufferedBytes: number,
    private readonly onSendError: (connection: Connection, error: Error) => void,
  ) {
    this.grant = typeof grant === 'boolean' ? staticGrant(!grant) : grant;
  }

  readonly grant: ConnectionGrant;

  /** Whether updates from this connection are dropped right now. */
  get readOnly(): boolean {
    return !this.grant.canWrite();
  }

  get identity(): ConnectionIdentity | null {
    return this.grant.identity;
  }

  get awarenessClientIds(): readonly number[] {
    return this.announced;
  }

  announcedAwarenessOf(clientId: number): boolean {
    return this.announced.includes(clientId);
  }

  claimAwarenessClient(clientId: number): void {
    // concat and slice allocate exactly what they hold; spread and filter leave spare capacity.
    if (!this.announced.includes(clientId)) this.announced = this.announced.concat(clientId);
  }

  releaseAwarenessClient(clientId: number): void {
    const index = this.announced.indexOf(clientId);
    if (index === -1) return;
    const rest = this.announced.slice();
    rest.splice(index, 1);
    this.announced = rest;
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === OPEN;
  }

  /** Sends a frame; a client that stopped reading is closed rather than buffered without end. */
  send(frame: Uint8Array): void {
    if (!this.isOpen) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.close(CloseCode.TryAgainLater, 'client is not reading fast enough');
      return;
    }
    try {
      // No write callback: a failed write also errors the socket, which is logged and closed there.
      this.socket.send(frame);
    } catch (error) {
      this.onSendError(this, error as Error);
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
  }

  /** Marks the connection closed after the peer went away (no close frame to send). */
  markClosed(): void {
    this.closed = true;
  }
}

/** The ws socket type satisfies CollabSocket. */
export type WsSocket = WebSocket;
