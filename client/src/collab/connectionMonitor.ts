import { isTransientCloseCode } from '@plenary/shared/protocol';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { LocalCopyStatus } from './localCopy';

/**
 * What the status line shows; also the `data-state` test hook. Offline, "offline" means every
 * change is kept on this device and "offline-storing" that some are still being written there;
 * "locked-unsent" that the draft is locked and holds changes of this device the server does not
 * have (it drops them until the unlock, then asks for them again).
 */
export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'offline-storing' | 'saved' | 'locked-unsent';

/** A snapshot for React: a new object only when something visible changed. */
export interface ConnectionSnapshot {
  state: ConnectionState;
  /** Set when the server closed the connection with a code that retrying cannot fix. */
  terminalCloseCode: number | null;
}

/** The browser facts the monitor reads; injectable so tests need no real `window`. */
export interface NetworkEnvironment {
  isOnline(): boolean;
  onOnlineChange(listener: () => void): () => void;
}

const browserNetwork: NetworkEnvironment = {
  isOnline: () => navigator.onLine,
  onOnlineChange(listener) {
    window.addEventListener('online', listener);
    window.addEventListener('offline', listener);
    return () => {
      window.removeEventListener('online', listener);
      window.removeEventListener('offline', listener);
    };
  },
};

const SYNC_MESSAGE = 0;
const SYNC_STEP_1 = 0;
const FLUSH_POLL_MS = 50;

/**
 * Follows one provider's connection: stops retrying on close codes that retrying cannot fix,
 * follows the browser's online/offline events, and derives the status line, including an
 * honest "All changes saved".
 *
 * The y-websocket protocol has no acknowledgement, so "saved" means the best evidence the
 * client can have that the server holds every local change:
 * - every local Yjs update (any transaction whose origin is not the provider — typing, undo,
 *   or offline edits loaded from IndexedDB) bumps `localSeq` and makes the state "unsaved";
 * - an update counts as handed over when the provider wrote it to an OPEN socket (the provider's
 *   own update listener runs before ours and sends synchronously), or when we answered the
 *   server's sync step 1 — that reply (sync step 2) carries every change the server lacks, which
 *   is how edits made offline reach it after a reconnect;
 * - it counts as saved once that same socket reports `bufferedAmount === 0`, i.e. the browser
 *   passed the bytes to the network, and the provider is still connected and synced. If the
 *   socket closes first, nothing is marked saved; the next sync step 2 resends the changes.
 * This is not an acknowledgement: a server crash in that instant can still miss the frame. Then
 * the change is still in IndexedDB and in the Y.Doc, and the next sync step 2 delivers it; a frame
 * the server refuses closes the connection, which this monitor reports.
 */
export class ConnectionMonitor {
  private localSeq = 0;
  private savedSeq = 0;
  private handedOver: { seq: number; socket: WebSocket } | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private hasConnectionFailed = false;
  /** The draft is locked: the server drops every change we send (see setLocked). */
  private locked = false;
  /** The state vector of the server's last sync step 1 on the current socket while locked. */
  private lockedServerState: Map<number, number> | null = null;
  private terminalCloseCode: number | null = null;
  private snapshot: ConnectionSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: Array<() => void> = [];

  constructor(
    private readonly provider: WebsocketProvider,
    private readonly doc: Y.Doc,
    private readonly localCopy: LocalCopyStatus,
    private readonly network: NetworkEnvironment = browserNetwork,
  ) {
    this.snapshot = { state: this.computeState(), terminalCloseCode: null };
    this.cleanups.push(localCopy.subscribe(() => this.update()));
    this.watchProvider();
    this.watchServerSyncStep1();
    this.watchLocalUpdates();
    this.cleanups.push(network.onOnlineChange(this.handleOnlineChange));
  }

  /** The current snapshot (stable identity until it changes). */
  getSnapshot = (): ConnectionSnapshot => this.snapshot;

  /** Calls `listener` after every snapshot change; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Whether the draft is locked now. While it is, a change sent is not a change saved: the server
   * drops it, and asks for it again once the draft is unlocked (a sync step 1, which counts as
   * below). So only the server's own state vector can tell that nothing of ours is missing.
   */
  setLocked(locked: boolean): void {
    if (locked === this.locked) return;
    this.locked = locked;
    if (locked && this.provider.wsconnected && this.localSeq > 0) {
      // What we sent before we heard of the lock may have reached the server after it (typing
      // from offline, say, sent as we reconnected): only its state vector can tell. Reconnecting
      // makes it send one (sync step 1), judged above; until then nothing counts as saved.
      this.savedSeq = -1;
      this.provider.disconnect();
      this.provider.connect();
    }
    const socket = this.provider.ws;
    const open = socket !== null && socket.readyState === socket.OPEN && this.provider.synced;
    if (!locked && open && this.savedSeq !== this.localSeq) {
      // The server's own request after the unlock may have come while we still thought the
      // draft locked: send what it lacked then once more (it stores only what it still lacks),
      // never the whole document, which could be past the frame size limit.
      const since = this.lockedServerState;
      socket.send(syncStep2Frame(Y.encodeStateAsUpdate(this.doc, since ? Y.encodeStateVector(since) : undefined)));
      this.handOver(socket);
    }
    this.lockedServerState = null;
    this.update();
  }

  /** Removes every listener this monitor installed; the provider and doc stay usable. */
  destroy(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.listeners.clear();
  }

  private watchProvider(): void {
    const onStatus = () => this.update();
    const onSync = () => this.update();
    const onConnectionClose = (event: CloseEvent | null) => {
      this.handedOver = null;
      // `null` means we closed the socket ourselves (disconnect, watchdog): not a failure.
      if (event !== null) {
        this.hasConnectionFailed = true;
        if (!isTransientCloseCode(event.code)) {
          this.terminalCloseCode = event.code;
          // Retrying cannot fix this (no access, bad link, change too large): stop, and let the
          // page say why. Deferred because the provider is still inside its close handling,
          // where a nested disconnect() would run that handling a second time.
          queueMicrotask(() => this.provider.disconnect());
        }
      }
      this.update();
    };
    this.provider.on('status', onStatus);
    this.provider.on('sync', onSync);
    this.provider.on('connection-close', onConnectionClose);
    this.cleanups.push(() => {
      this.provider.off('status', onStatus);
      this.provider.off('sync', onSync);
      this.provider.off('connection-close', onConnectionClose);
    });
  }

  /**
   * Notices when the provider answers the server's sync step 1 on the socket: its answer is
   * the diff of everything the server lacks, so all local changes so far are handed over.
   */
  private watchServerSyncStep1(): void {
    const handlers = this.provider.messageHandlers;
    const original = handlers[SYNC_MESSAGE];
    if (original === undefined) return;
    handlers[SYNC_MESSAGE] = (encoder, decoder, provider, emitSynced, messageType) => {
      // The sync sub-type is a one-byte varint right after the message type.
      const isStep1 = decoder.arr[decoder.pos] === SYNC_STEP_1;
      const serverState = isStep1 && this.locked ? stateVectorOfStep1(decoder.arr, decoder.pos + 1) : null;
      if (serverState !== null) this.lockedServerState = serverState;
      original(encoder, decoder, provider, emitSynced, messageType);
      // `emitSynced` is false for frames from other tabs (BroadcastChannel), which prove nothing.
      const socket = this.provider.ws;
      if (!isStep1 || !emitSynced || socket === null) return;
      if (!this.locked) {
        // The provider sends the reply right after this handler returns, hence the async check.
        this.handOver(socket);
      } else if (serverState !== null && !this.holdsMoreThan(serverState)) {
        // Locked, and the server already has everything this device holds: nothing waits.
        this.savedSeq = this.localSeq;
        this.update();
      }
    };
    this.cleanups.push(() => {
      handlers[SYNC_MESSAGE] = original;
    });
  }

  private watchLocalUpdates(): void {
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      this.localSeq += 1;
      const socket = this.provider.ws;
      // Same condition under which the provider's own listener (registered first) sent it.
      if (!this.locked && this.provider.wsconnected && socket !== null && socket.readyState === socket.OPEN) {
        this.handOver(socket);
      }
      this.update();
    };
    this.doc.on('update', onUpdate);
    this.cleanups.push(() => this.doc.off('update', onUpdate));
  }

  /** Whether this device holds items the server's state vector `serverState` does not cover. */
  private holdsMoreThan(serverState: Map<number, number>): boolean {
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) {
      if (clock > (serverState.get(client) ?? 0)) return true;
    }
    return false;
  }

  private handOver(socket: WebSocket): void {
    this.handedOver = { seq: this.localSeq, socket };
    this.scheduleFlushCheck();
  }

  private scheduleFlushCheck(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = setTimeout(this.checkFlushed, 0);
  }

  private checkFlushed = (): void => {
    this.flushTimer = null;
    const pending = this.handedOver;
    if (pending === null) return;
    const { socket } = pending;
    if (socket !== this.provider.ws || socket.readyState !== socket.OPEN) {
      this.handedOver = null;
      return;
    }
    if (socket.bufferedAmount > 0) {
      this.flushTimer = setTimeout(this.checkFlushed, FLUSH_POLL_MS);
      return;
    }
    this.savedSeq = Math.max(this.savedSeq, pending.seq);
    if (this.handedOver === pending) this.handedOver = null;
    this.update();
  };

  private handleOnlineChange = (): void => {
    if (this.terminalCloseCode === null) {
      if (this.network.isOnline()) {
        // Back online: try now rather than waiting out the provider's reconnect backoff.
        this.provider.connect();
      } else {
        // Without a network the socket is dead even if the browser has not noticed yet (the
        // provider's own watchdog needs 30 s): drop it now, so remote carets and the presence
        // list stop showing people we can no longer hear from.
        this.provider.disconnect();
      }
    }
    this.update();
  };

  private computeState(): ConnectionState {
    if (this.terminalCloseCode !== null || !this.network.isOnline()) return this.offlineState();
    if (this.provider.wsconnected) {
      if (this.provider.synced && this.savedSeq === this.localSeq) return 'saved';
      return this.locked && this.provider.synced ? 'locked-unsent' : 'connected';
    }
    // After the first failure every further attempt is a retry: say we are offline and that
    // the changes are safe, rather than flickering "Connecting…" with each backoff step.
    return this.hasConnectionFailed ? this.offlineState() : 'connecting';
  }

  private offlineState(): ConnectionState {
    return this.localCopy.isStored() ? 'offline' : 'offline-storing';
  }

  private update(): void {
    const state = this.computeState();
    const { terminalCloseCode } = this;
    if (state === this.snapshot.state && terminalCloseCode === this.snapshot.terminalCloseCode) return;
    this.snapshot = { state, terminalCloseCode };
    for (const listener of this.listeners) listener();
  }
}

/** The state vector a sync step 1 frame carries from `start` (its length-prefixed payload), or null. */
function stateVectorOfStep1(frame: Uint8Array, start: number): Map<number, number> | null {
  let pos = start;
  let length = 0;
  for (let shift = 0; pos < frame.length; shift += 7) {
    const byte = frame[pos++] ?? 0;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  try {
    return Y.decodeStateVector(frame.subarray(pos, pos + length));
  } catch {
    return null;
  }
}

/** A sync step 2 frame (message type 0, sub-type 1) carrying `update`. */
function syncStep2Frame(update: Uint8Array): Uint8Array<ArrayBuffer> {
  const length: number[] = [];
  let rest = update.length;
  while (rest > 0x7f) {
    length.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  length.push(rest);
  const frame = new Uint8Array(2 + length.length + update.length);
  frame.set([0, 1, ...length]);
  frame.set(update, 2 + length.length);
  return frame;
}
