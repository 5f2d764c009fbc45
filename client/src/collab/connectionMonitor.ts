import { isTransientCloseCode } from '@plenary/shared/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { LocalCopyStatus } from './localCopy';

/**
 * What the status line shows; also the `data-state` test hook. "saving" means the server has not
 * yet shown that it holds every change of this device, "unsaved" that it answered several times
 * without them (it refused them; they stay on this device). Offline, "offline" means every change
 * is kept on this device and "offline-storing" that some are still being written there;
 * "locked-unsent" that the draft is locked and holds changes of this device the server does not
 * have (it drops them until the unlock, then asks for them again).
 */
export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'saving'
  | 'unsaved'
  | 'offline'
  | 'offline-storing'
  | 'saved'
  | 'locked-unsent';

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
/**
 * How long typing must pause before we ask the server whether it holds the changes, so the
 * status reads "Saving…" while someone types rather than flipping with every keystroke.
 */
export const CONFIRM_DELAY_MS = 750;
/** Typing that never pauses is asked about this long after its first unconfirmed change. */
export const MAX_ASK_WAIT_MS = 3_000;
/** A socket still opening after this long will not open: the network under it is gone. */
export const CONNECT_TIMEOUT_MS = 15_000;

/**
 * An open socket whose server does not answer in this time is dead, though the browser still
 * calls it open (the venue's Wi-Fi dropped without closing it): reconnect.
 */
export const CONFIRM_TIMEOUT_MS = 10_000;
/** Answers without our changes, in a row, before the status says they were not taken. */
const REFUSED_ANSWERS = 3;
const MAX_CONFIRM_DELAY_MS = 15_000;

/** A question in flight: does the server hold everything up to `seq`, which `stateVector` covers? */
interface Confirmation {
  seq: number;
  stateVector: Map<number, number>;
  timeout: ReturnType<typeof setTimeout>;
}

/**
 * Follows one provider's connection: stops retrying on close codes that retrying cannot fix,
 * follows the browser's online/offline events, and derives the status line, including an
 * honest "All changes saved".
 *
 * The y-websocket protocol has no acknowledgement, so "saved" rests on the server's own state
 * vector (sync step 1), the one proof that it holds what this device wrote:
 * - every local Yjs update (any transaction whose origin is not the provider — typing, undo,
 *   or offline edits loaded from IndexedDB) bumps `localSeq` and makes the state "saving";
 * - once typing pauses after a change was sent, we ask (a sync step 1 of our own). Plenary's server answers
 *   with what we lack, then with its state vector, taken once everything we sent before is
 *   stored (docs/protocol.md); the server also sends one when we connect and after an unlock;
 * - a state vector that covers ours at the time we asked makes everything up to then saved.
 *   One that does not makes the provider resend what is missing (its answer to any sync step 1),
 *   and we ask again, less often each time; after a few such answers the status says the changes
 *   were not taken;
 * - no answer within `CONFIRM_TIMEOUT_MS` means the connection is dead though the socket still
 *   looks open: we drop it and reconnect, and the status says offline (changes kept here).
 * A state vector does not show deletions: a change that only deletes counts as saved once an
 * answer to a later question arrives, which the server sends only after storing what came before.
 */
export class ConnectionMonitor {
  private localSeq = 0;
  private savedSeq = 0;
  private confirmation: Confirmation | null = null;
  private askTimer: ReturnType<typeof setTimeout> | null = null;
  private refusedAnswers = 0;
  /** When the first change not yet asked about was made (typing postpones the question). */
  private typingSince: number | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;

  private hasConnectionFailed = false;
  /** Set while the page drops the socket because the browser went offline. */
  private goingOffline = false;
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
    // The provider opened its first socket before we could hear it say so.
    if (provider.wsconnecting) this.watchOpening();
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
   * Whether the draft is locked now. While it is, the server drops every change we send, and
   * asks for them again once the draft is unlocked (a sync step 1, judged as any other).
   */
  setLocked(locked: boolean): void {
    if (locked === this.locked) return;
    this.locked = locked;
    this.refusedAnswers = 0;
    const socket = this.openSocket();
    if (locked) {
      // What we sent before we heard of the lock may have reached the server after it (typing
      // from offline, say, sent as we reconnected): ask now rather than trust an earlier answer.
      if (socket && this.localSeq > 0) {
        this.savedSeq = -1;
        this.ask(socket);
      }
    } else if (socket && this.savedSeq !== this.localSeq) {
      // The server's own request after the unlock may have come while we still thought the
      // draft locked: send what it lacked then once more (it stores only what it still lacks),
      // never the whole document, which could be past the frame size limit. Then ask.
      const since = this.lockedServerState;
      socket.send(syncStep2Frame(this.doc, since ? Y.encodeStateVector(since) : undefined));
      this.scheduleAsk();
    }
    this.lockedServerState = null;
    this.update();
  }

  /** Removes every listener and timer this monitor installed; the provider and doc stay usable. */
  destroy(): void {
    this.dropConfirmation();
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.listeners.clear();
  }

  private watchProvider(): void {
    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connecting') this.watchOpening();
      this.update();
    };
    const onSync = () => {
      // A question due before the handshake ended found no synced socket: ask now it is.
      if (!this.locked && this.savedSeq !== this.localSeq && this.openSocket()) this.scheduleAsk();
      this.update();
    };
    const onConnectionClose = (event: CloseEvent | null) => {
      this.dropConfirmation();
      // `null` means the page closed the socket: the provider's watchdog (nothing heard for 30 s)
      // is a failure like any other, going offline on purpose is not.
      if (event !== null || !this.goingOffline) this.hasConnectionFailed = true;
      if (event !== null) {
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

  /** Judges every state vector the server sends (sync step 1) against what this device holds. */
  private watchServerSyncStep1(): void {
    const handlers = this.provider.messageHandlers;
    const original = handlers[SYNC_MESSAGE];
    if (original === undefined) return;
    handlers[SYNC_MESSAGE] = (encoder, decoder, provider, emitSynced, messageType) => {
      const serverState = stateVectorOfStep1(decoder);
      // The provider answers a sync step 1 with everything the server lacks, right after this.
      original(encoder, decoder, provider, emitSynced, messageType);
      // `emitSynced` is false for frames from other tabs (BroadcastChannel), which prove nothing.
      if (serverState !== null && emitSynced) this.judge(serverState);
    };
    this.cleanups.push(() => {
      handlers[SYNC_MESSAGE] = original;
    });
  }

  private judge(serverState: Map<number, number>): void {
    if (this.locked) this.lockedServerState = serverState;
    const asked = this.confirmation;
    if (!covers(serverState, this.stateVector())) {
      if (asked !== null && covers(serverState, asked.stateVector)) {
        // Everything up to the question is stored; what was typed since is still on its way.
        this.savedSeq = Math.max(this.savedSeq, asked.seq);
        this.refusedAnswers = 0;
      } else if (asked !== null && !this.locked) {
        this.refusedAnswers += 1;
      }
      this.dropConfirmation();
      // The provider is resending what is missing: ask again once that had time to arrive.
      if (!this.locked) this.scheduleAsk();
    } else {
      this.savedSeq = this.localSeq;
      this.refusedAnswers = 0;
      this.dropConfirmation();
    }
    this.update();
  }

  private watchLocalUpdates(): void {
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      this.localSeq += 1;
      // The provider's own listener (registered first) has just sent it, if it could.
      if (!this.locked && this.openSocket()) this.askAfterTyping();
      this.update();
    };
    this.doc.on('update', onUpdate);
    this.cleanups.push(() => this.doc.off('update', onUpdate));
  }

  /** The provider's socket when it is open and synced, or null. */
  private openSocket(): WebSocket | null {
    const socket = this.provider.ws;
    if (!this.provider.wsconnected || !this.provider.synced || socket === null) return null;
    return socket.readyState === socket.OPEN ? socket : null;
  }

  private stateVector(): Map<number, number> {
    return Y.decodeStateVector(Y.encodeStateVector(this.doc));
  }

  /** Postpones the question while typing goes on, up to `MAX_ASK_WAIT_MS` after its start. */
  private askAfterTyping(): void {
    if (this.confirmation !== null) return; // its answer asks again if need be
    const now = Date.now();
    this.typingSince ??= now;
    if (this.askTimer !== null) {
      // After refused answers the wait is a backoff, not a pause in typing: keep it.
      if (this.refusedAnswers > 0 || now - this.typingSince >= MAX_ASK_WAIT_MS) return;
      clearTimeout(this.askTimer);
      this.askTimer = null;
    }
    this.scheduleAsk();
  }

  /** Asks after a pause (typing goes on meanwhile), later after each answer without our changes. */
  private scheduleAsk(): void {
    if (this.askTimer !== null || this.confirmation !== null) return;
    const delay = Math.min(CONFIRM_DELAY_MS * 4 ** this.refusedAnswers, MAX_CONFIRM_DELAY_MS);
    this.askTimer = setTimeout(() => {
      this.askTimer = null;
      const socket = this.openSocket();
      if (socket && this.savedSeq !== this.localSeq) this.ask(socket);
    }, delay);
  }

  private ask(socket: WebSocket): void {
    this.dropConfirmation();
    this.typingSince = null;
    const stateVector = this.stateVector();
    socket.send(syncStep1Frame(this.doc));
    const timeout = setTimeout(() => this.giveUpOn(socket), CONFIRM_TIMEOUT_MS);
    this.confirmation = { seq: this.localSeq, stateVector, timeout };
  }

  /** No answer on a socket the browser still calls open: the network under it is gone. */
  private giveUpOn(socket: WebSocket): void {
    this.confirmation = null;
    if (socket === this.provider.ws) this.reconnect();
  }

  /** Drops the current socket as failed and opens a new one at once. */
  private reconnect(): void {
    this.hasConnectionFailed = true;
    this.provider.disconnect();
    this.provider.connect();
    this.update();
  }

  private dropConfirmation(): void {
    if (this.confirmation !== null) clearTimeout(this.confirmation.timeout);
    this.confirmation = null;
    if (this.askTimer !== null) clearTimeout(this.askTimer);
    this.askTimer = null;
  }

  /** A socket stuck opening (its handshake lost on a network gone quiet) is given up and retried. */
  private watchOpening(): void {
    if (this.connectTimer !== null) clearTimeout(this.connectTimer);
    const socket = this.provider.ws;
    this.connectTimer = setTimeout(() => {
      this.connectTimer = null;
      if (socket !== null && socket === this.provider.ws && socket.readyState === socket.CONNECTING) this.reconnect();
    }, CONNECT_TIMEOUT_MS);
  }

  private handleOnlineChange = (): void => {
    if (this.terminalCloseCode === null) {
      if (this.network.isOnline()) {
        // Back online: try now rather than waiting out the provider's reconnect backoff.
        this.provider.connect();
      } else {
        // Without a network the socket is dead even if the browser has not noticed yet (the
        // provider's own watchdog needs 30 s): drop it now, so remote carets and the presence
        // list stop showing people we can no longer hear from.
        this.goingOffline = true;
        this.provider.disconnect();
        this.goingOffline = false;
      }
    }
    this.update();
  };

  private computeState(): ConnectionState {
    if (this.terminalCloseCode !== null || !this.network.isOnline()) return this.offlineState();
    if (this.provider.wsconnected) {
      if (!this.provider.synced) return 'connected';
      if (this.savedSeq === this.localSeq) return 'saved';
      if (this.locked) return 'locked-unsent';
      return this.refusedAnswers >= REFUSED_ANSWERS ? 'unsaved' : 'saving';
    }
    // After the first failure every further attempt is a retry: say we are offline and that
    // the changes are safe, rather than flickering "Connecting…" with each backoff step.
    return this.hasConnectionFailed ? this.offlineState() : 'connecting';
  }

  private offlineState(): ConnectionState {
    // Exact, though it flips with each keystroke's write: "kept on this device" is what makes
    // closing the tab safe, so it is never said a moment early.
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

/** Whether a state vector `held` includes every item `wanted` lists. */
function covers(held: Map<number, number>, wanted: Map<number, number>): boolean {
  for (const [client, clock] of wanted) {
    if (clock > (held.get(client) ?? 0)) return false;
  }
  return true;
}

/** The state vector of a sync step 1 at the decoder's position (not consumed), or null. */
function stateVectorOfStep1(decoder: decoding.Decoder): Map<number, number> | null {
  try {
    const peek = decoding.createDecoder(decoder.arr.subarray(decoder.pos));
    if (decoding.readVarUint(peek) !== SYNC_STEP_1) return null;
    return Y.decodeStateVector(decoding.readVarUint8Array(peek));
  } catch {
    return null;
  }
}

/** A sync step 1 frame asking the server for its state vector (and what we lack). */
function syncStep1Frame(doc: Y.Doc): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC_MESSAGE);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}

/** A sync step 2 frame carrying what a peer with `stateVector` lacks. */
function syncStep2Frame(doc: Y.Doc, stateVector: Uint8Array | undefined): Uint8Array<ArrayBuffer> {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC_MESSAGE);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}
