import { CloseCode } from '@plenary/shared/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  CONFIRM_DELAY_MS,
  CONFIRM_TIMEOUT_MS,
  CONNECT_TIMEOUT_MS,
  ConnectionMonitor,
  type NetworkEnvironment,
} from './connectionMonitor';
import { FakeSocket, payloadOf, syncFrame } from './fakeSocket.testSupport';
import type { LocalCopyStatus } from './localCopy';

class FakeNetwork implements NetworkEnvironment {
  online = true;
  private listeners = new Set<() => void>();
  isOnline = () => this.online;
  onOnlineChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(online: boolean) {
    this.online = online;
    for (const listener of this.listeners) listener();
  }
}

class FakeLocalCopy implements LocalCopyStatus {
  stored = true;
  private listeners = new Set<() => void>();
  isStored = () => this.stored;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(stored: boolean) {
    this.stored = stored;
    for (const listener of this.listeners) listener();
  }
}

const serverDoc = new Y.Doc();
serverDoc.getText('t').insert(0, 'from the server');

/**
 * Plays Plenary's server on one fake socket: applies the updates the client sends (unless it
 * drops them, as for a locked draft), answers a sync step 1 with what the client lacks and then
 * its own state vector, or says nothing at all (a connection dead under an open socket).
 */
class FakeServer {
  readonly doc = new Y.Doc();
  dropsUpdates = false;
  silent = false;
  private readonly seen = new Map<FakeSocket, number>();

  constructor() {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(serverDoc));
  }

  /** Greets a socket as it opens (our state vector), then answers the client's own sync step 1. */
  greet(socket: FakeSocket): void {
    socket.receive(syncFrame(0, Y.encodeStateVector(this.doc)));
    this.serve(socket);
  }

  /** Handles what the client sent since the last call. */
  serve(socket: FakeSocket): void {
    const from = this.seen.get(socket) ?? 0;
    this.seen.set(socket, socket.sent.length);
    if (this.silent) return;
    for (const frame of socket.sent.slice(from)) {
      if (frame[0] !== 0) continue;
      if (frame[1] === 0) {
        socket.receive(syncFrame(1, Y.encodeStateAsUpdate(this.doc, payloadOf(frame))));
        socket.receive(syncFrame(0, Y.encodeStateVector(this.doc)));
      } else if (!this.dropsUpdates) {
        Y.applyUpdate(this.doc, payloadOf(frame));
      }
    }
  }

  text(): string {
    return this.doc.getText('t').toString();
  }
}

function setup() {
  const doc = new Y.Doc();
  const network = new FakeNetwork();
  const localCopy = new FakeLocalCopy();
  const server = new FakeServer();
  const provider = new WebsocketProvider('ws://plenary.test/collab', 'demo', doc, {
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
    disableBc: true,
    shouldReconnect: () => true,
  });
  const monitor = new ConnectionMonitor(provider, doc, localCopy, network);
  const socket = () => {
    const last = FakeSocket.instances.at(-1);
    if (!last) throw new Error('the provider opened no socket');
    return last;
  };
  /** Opens the socket and runs the handshake. */
  const connectAndSync = (target = socket()) => {
    target.open();
    server.greet(target);
  };
  /** Lets `ms` pass while the server answers whatever the client sends. */
  const exchange = async (ms = CONFIRM_DELAY_MS * 2) => {
    for (let passed = 0; passed <= ms; passed += 50) {
      const current = FakeSocket.instances.at(-1);
      if (current && current.readyState === FakeSocket.OPEN) server.serve(current);
      await vi.advanceTimersByTimeAsync(50);
    }
  };
  const state = () => monitor.getSnapshot().state;
  cleanups.push(() => {
    monitor.destroy();
    provider.destroy();
    doc.destroy();
  });
  return { doc, network, localCopy, server, provider, monitor, socket, connectAndSync, exchange, state };
}

const cleanups: Array<() => void> = [];
// Fake timers: the questions, their time-outs and the provider's reconnect backoff run on
// timers, and a test that something does *not* happen advances the clock instead of sleeping.
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  FakeSocket.instances = [];
  vi.useRealTimers();
});

describe('ConnectionMonitor', () => {
  it('says "connecting" until the first handshake, then "saved" when nothing local is pending', () => {
    const { connectAndSync, state } = setup();
    expect(state()).toBe('connecting');
    connectAndSync();
    expect(state()).toBe('saved');
  });

  it('says "saved" for a local edit only once the server\'s state vector shows it holds it', async () => {
    const { doc, server, socket, connectAndSync, exchange, state } = setup();
    connectAndSync();
    doc.getText('t').insert(0, 'typed ');
    expect(state()).toBe('saving');
    // Sent, and the socket flushed it: still not saved until the server answers.
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS * 2);
    expect(state()).toBe('saving');
    const question = socket().sent.at(-1);
    expect(question?.slice(0, 2), 'a sync step 1 asks the server').toEqual(Uint8Array.from([0, 0]));

    await exchange();
    expect(state()).toBe('saved');
    expect(server.text()).toContain('typed');
  });

  it('asks once the handshake ends when the question fell due before it', async () => {
    const { doc, server, socket, exchange, state } = setup();
    doc.getText('t').insert(0, 'typed before the connection ');
    socket().open();
    socket().receive(syncFrame(0, Y.encodeStateVector(server.doc))); // the greeting lacks it
    // The server is slow to send the rest of the handshake: the question falls due unsynced.
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS * 2);
    expect(state()).toBe('connected');
    // Then the rest arrives, with no state vector after it (as from a stock server), and what
    // the page sent so far is lost on the way.
    socket().receive(syncFrame(1, Y.encodeStateAsUpdate(server.doc)));
    server.silent = true;
    server.serve(socket());
    server.silent = false;
    expect(state()).toBe('saving');
    await exchange(6_000);
    expect(state()).toBe('saved');
    expect(server.text()).toContain('typed before the connection');
  });

  it('keeps typing that went on after the question "saving" until a later answer covers it', async () => {
    const { doc, server, socket, connectAndSync, exchange, state } = setup();
    connectAndSync();
    doc.getText('t').insert(0, 'first ');
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS + 10);
    doc.getText('t').insert(0, 'second ');
    server.serve(socket()); // answers the question, which was asked before "second"
    expect(state()).toBe('saving');
    await exchange();
    expect(state()).toBe('saved');
    expect(server.text()).toContain('second first');
  });

  it('never says "saved" on a connection dead under an open socket; reconnects and delivers once the network is back', async () => {
    const { doc, server, socket, connectAndSync, exchange, state } = setup();
    connectAndSync();
    const dead = socket();
    server.silent = true; // the venue's Wi-Fi dropped: no close, no answers
    doc.getText('t').insert(0, 'typed into the void ');
    await exchange(CONFIRM_TIMEOUT_MS - CONFIRM_DELAY_MS * 2);
    expect(state()).toBe('saving');

    await exchange(CONFIRM_DELAY_MS * 4);
    expect(state(), 'after the time-out: offline, kept on this device').toBe('offline');
    const fresh = socket();
    expect(fresh).not.toBe(dead);

    server.silent = false;
    connectAndSync(fresh);
    await exchange();
    expect(state()).toBe('saved');
    expect(server.text()).toContain('typed into the void');
  });

  it('says the changes were not taken when the server keeps answering without them, and "saved" once it takes them', async () => {
    const { doc, server, connectAndSync, exchange, state } = setup();
    connectAndSync();
    server.dropsUpdates = true;
    doc.getText('t').insert(0, 'refused ');
    await exchange(CONFIRM_DELAY_MS * 30);
    expect(state()).toBe('unsaved');

    server.dropsUpdates = false; // each answer makes the provider resend what is missing
    await exchange(40_000);
    expect(state()).toBe('saved');
    expect(server.text()).toContain('refused');
  });

  it('keeps edits made offline "saving" after reconnecting until the server shows it has them', async () => {
    const { doc, network, server, socket, connectAndSync, exchange, state } = setup();
    connectAndSync();
    const first = socket();
    first.closeFromServer(1006);
    expect(state()).toBe('offline');
    doc.getText('t').insert(0, 'written offline ');
    expect(state()).toBe('offline');

    network.set(true); // the browser says we are back: reconnect now, not after the backoff
    const second = socket();
    expect(second).not.toBe(first);
    connectAndSync(second);
    // The greeting's state vector predates our answer to it.
    expect(state()).toBe('saving');
    await exchange();
    expect(state()).toBe('saved');
    expect(server.text()).toContain('written offline');
  });

  it('never says "saved" for changes sent into a locked draft; they count once sent after the unlock', async () => {
    const { doc, monitor, network, server, socket, connectAndSync, exchange, state } = setup();
    connectAndSync();
    socket().closeFromServer(1006);
    doc.getText('t').insert(0, 'written offline ');
    // The facilitator locked the draft meanwhile; the page learns it as it reconnects.
    monitor.setLocked(true);
    server.dropsUpdates = true;
    network.set(true);
    const second = socket();
    connectAndSync(second);
    await exchange(CONFIRM_TIMEOUT_MS);
    // Sent (the server drops it while locked), not saved.
    expect(state()).toBe('locked-unsent');

    // Unlocked: what the server lacked is sent again, and the answer counts.
    server.dropsUpdates = false;
    const before = second.sent.length;
    monitor.setLocked(false);
    const resent = second.sent[before];
    if (!resent) throw new Error('nothing sent after the unlock');
    await exchange();
    expect(state()).toBe('saved');
    expect(server.text()).toContain('written offline');
    // What the server lacked, not the whole document again.
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.encodeStateAsUpdate(serverDoc));
    Y.applyUpdate(check, payloadOf(resent));
    expect(check.getText('t').toString()).toContain('written offline');
    const withoutServerText = new Y.Doc();
    Y.applyUpdate(withoutServerText, payloadOf(resent));
    expect(withoutServerText.getText('t').toString()).not.toContain('from the server');
  });

  it('never says "saved" when the server dropped our changes before the page heard of the lock', async () => {
    const { doc, monitor, network, server, socket, connectAndSync, exchange, state } = setup();
    connectAndSync();
    socket().closeFromServer(1006);
    doc.getText('t').insert(0, 'written offline ');
    server.dropsUpdates = true; // locked already, but the page does not know yet
    network.set(true);
    connectAndSync(socket());
    await exchange();
    expect(state()).toBe('saving');

    monitor.setLocked(true);
    await exchange();
    expect(state()).toBe('locked-unsent');
  });

  it('says "saved" in a locked draft when the server already holds everything this device has', async () => {
    const { monitor, socket, server, state } = setup();
    monitor.setLocked(true);
    socket().open();
    server.greet(socket());
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toBe('saved');
  });

  it('says offline, not "connecting", once the provider drops a socket that went quiet', async () => {
    const { provider, connectAndSync, state } = setup();
    connectAndSync();
    // Nothing heard for the provider's 30 s (its clock is lib0's, bound to the real Date.now):
    // its watchdog closes the socket at its next check, and retries.
    provider.wsLastMessageReceived = Date.now() - 31_000;
    await vi.advanceTimersByTimeAsync(3_500);
    expect(FakeSocket.instances.length).toBeGreaterThan(1);
    expect(state()).toBe('offline');
  });

  it('does not count an answer on a socket that closed meanwhile', async () => {
    const { doc, socket, connectAndSync, state } = setup();
    connectAndSync();
    doc.getText('t').insert(0, 'lost in flight ');
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS * 2);
    socket().closeFromServer(1006);
    await vi.advanceTimersByTimeAsync(CONFIRM_TIMEOUT_MS);
    expect(state()).toBe('offline');
  });

  it.each([CloseCode.Unauthorized, CloseCode.Forbidden, CloseCode.DocumentNotFound, CloseCode.MessageTooBig])(
    'stops retrying after close code %i and reports it',
    async (code) => {
      const { provider, socket, connectAndSync, monitor } = setup();
      connectAndSync();
      socket().closeFromServer(code);
      expect(monitor.getSnapshot()).toEqual({ state: 'offline', terminalCloseCode: code });
      await vi.advanceTimersByTimeAsync(10_000); // far beyond the longest reconnect backoff
      expect(provider.shouldConnect).toBe(false);
      expect(FakeSocket.instances).toHaveLength(1);
    },
  );

  it('retries by itself after a transient close such as a server restart', async () => {
    const { socket, connectAndSync, monitor } = setup();
    connectAndSync();
    socket().closeFromServer(CloseCode.ServiceRestart);
    expect(monitor.getSnapshot()).toEqual({ state: 'offline', terminalCloseCode: null });
    await vi.advanceTimersByTimeAsync(2500); // the provider's longest backoff step
    expect(FakeSocket.instances).toHaveLength(2);
  });

  it('goes offline with the browser, dropping the socket, and comes back when it is online', () => {
    const { network, provider, socket, connectAndSync, state } = setup();
    connectAndSync();
    network.set(false);
    expect(state()).toBe('offline');
    expect(provider.wsconnected).toBe(false);
    network.set(true);
    expect(state()).toBe('connecting');
    connectAndSync(socket());
    expect(state()).toBe('saved');
  });

  it('says offline changes are kept on this device only once the local copy holds them', () => {
    const { network, localCopy, connectAndSync, state } = setup();
    connectAndSync();
    network.set(false);
    localCopy.set(false);
    expect(state()).toBe('offline-storing');
    localCopy.set(true);
    expect(state()).toBe('offline');
  });

  it('gives up on a socket still opening after the connect time-out, and tries again', async () => {
    const { provider, socket, state } = setup();
    const stuck = socket();
    await vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS + 100);
    expect(socket()).not.toBe(stuck);
    expect(provider.ws).toBe(socket());
    expect(state()).toBe('offline');
  });

  it('does not flip with every keystroke of continuous typing, asks every few seconds, and "saved" once it pauses', async () => {
    const { doc, server, socket, connectAndSync, monitor, state } = setup();
    connectAndSync();
    let changes = 0;
    monitor.subscribe(() => {
      changes += 1;
    });
    const questions = () => socket().sent.filter((frame) => frame[0] === 0 && frame[1] === 0).length;
    const before = questions();
    for (let key = 0; key < 40; key++) {
      doc.getText('t').insert(0, 'k');
      await vi.advanceTimersByTimeAsync(150); // a brisk typist, 6 s in all
      server.serve(socket()); // a fast link: every answer is back before the next key
    }
    // "Saving…" from the first key; "saved" for a moment when an answer beats the next key.
    expect(changes).toBeLessThanOrEqual(5);
    expect(questions() - before, 'asked while typing went on, not per keystroke').toBeGreaterThanOrEqual(1);
    expect(questions() - before).toBeLessThanOrEqual(3);
    await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS + 10);
    server.serve(socket());
    expect(state()).toBe('saved');
  });
});
