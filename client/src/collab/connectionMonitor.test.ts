import { CloseCode } from '@plenary/shared/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { ConnectionMonitor, type NetworkEnvironment } from './connectionMonitor';
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

function setup() {
  const doc = new Y.Doc();
  const network = new FakeNetwork();
  const localCopy = new FakeLocalCopy();
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
  /** Open the socket and run the handshake the way a standard server does. */
  const connectAndSync = (target = socket()) => {
    target.open();
    target.receive(syncFrame(0, Y.encodeStateVector(serverDoc)));
    target.receive(syncFrame(1, Y.encodeStateAsUpdate(serverDoc)));
  };
  const state = () => monitor.getSnapshot().state;
  cleanups.push(() => {
    monitor.destroy();
    provider.destroy();
    doc.destroy();
  });
  return { doc, network, localCopy, provider, monitor, socket, connectAndSync, state };
}

const cleanups: Array<() => void> = [];
// Fake timers: the flush polling and the provider's reconnect backoff run on timers, and a
// test that something does *not* happen advances the clock instead of sleeping.
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

  it('claims "saved" for a local edit only after the socket has flushed it', async () => {
    const { doc, socket, connectAndSync, state } = setup();
    connectAndSync();
    socket().bufferedAmount = 64; // the browser has not passed the frame to the network yet
    doc.getText('t').insert(0, 'typed ');
    expect(state()).toBe('connected');
    await vi.advanceTimersByTimeAsync(1000);
    expect(state()).toBe('connected');
    socket().bufferedAmount = 0;
    await vi.advanceTimersByTimeAsync(100);
    expect(state()).toBe('saved');
  });

  it('keeps edits made offline unsaved until the server asked for them after reconnecting', async () => {
    const { doc, network, socket, connectAndSync, state } = setup();
    connectAndSync();
    const first = socket();
    first.closeFromServer(1006);
    expect(state()).toBe('offline');
    doc.getText('t').insert(0, 'written offline ');
    expect(state()).toBe('offline');

    network.set(true); // the browser says we are back: reconnect now, not after the backoff
    const second = socket();
    expect(second).not.toBe(first);
    second.open();
    second.receive(syncFrame(1, Y.encodeStateAsUpdate(serverDoc)));
    // Synced, but the server has not yet asked for what it lacks: not saved.
    expect(state()).toBe('connected');

    second.receive(syncFrame(0, Y.encodeStateVector(serverDoc)));
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toBe('saved');
    // The answer that made it "saved" really carries the offline edit.
    const answer = second.sent.at(-1);
    if (!answer) throw new Error('no answer sent');
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.encodeStateAsUpdate(serverDoc));
    Y.applyUpdate(check, payloadOf(answer));
    expect(check.getText('t').toString()).toContain('written offline');
  });

  it('never says "saved" for changes sent into a locked draft; they count once sent after the unlock', async () => {
    const { doc, monitor, network, socket, connectAndSync, state } = setup();
    connectAndSync();
    socket().closeFromServer(1006);
    doc.getText('t').insert(0, 'written offline ');
    // The facilitator locked the draft meanwhile; the page learns it as it reconnects.
    monitor.setLocked(true);
    network.set(true);
    const second = socket();
    connectAndSync(second);
    await vi.advanceTimersByTimeAsync(0);
    // Sent (the server drops it while locked), not saved.
    expect(state()).toBe('locked-unsent');

    // Unlocked: the server asks again, and the answer counts.
    monitor.setLocked(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toBe('saved');
    const resent = second.sent.at(-1);
    if (!resent) throw new Error('nothing sent after the unlock');
    // What the server lacked, not the whole document again.
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.encodeStateAsUpdate(serverDoc));
    Y.applyUpdate(check, payloadOf(resent));
    expect(check.getText('t').toString()).toContain('written offline');
    const withoutServerText = new Y.Doc();
    Y.applyUpdate(withoutServerText, payloadOf(resent));
    expect(withoutServerText.getText('t').toString()).not.toContain('from the server');
  });

  it('takes back "saved" when it hears of a lock only after sending, until the server shows it has everything', async () => {
    const { doc, monitor, network, socket, connectAndSync, state } = setup();
    connectAndSync();
    socket().closeFromServer(1006);
    doc.getText('t').insert(0, 'written offline ');
    network.set(true);
    const second = socket();
    connectAndSync(second);
    await vi.advanceTimersByTimeAsync(0);
    // The server was locked already and dropped the answer, but the page did not know yet.
    expect(state()).toBe('saved');

    monitor.setLocked(true);
    expect(state()).not.toBe('saved');
    const third = socket();
    expect(third).not.toBe(second);
    connectAndSync(third);
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toBe('locked-unsent');
  });

  it('says "saved" in a locked draft when the server already holds everything this device has', async () => {
    const { monitor, socket, state } = setup();
    monitor.setLocked(true);
    socket().open();
    socket().receive(syncFrame(0, Y.encodeStateVector(serverDoc)));
    socket().receive(syncFrame(1, Y.encodeStateAsUpdate(serverDoc)));
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toBe('saved');
  });

  it('does not count a frame that was still buffered when the socket closed', async () => {
    const { doc, socket, connectAndSync, state } = setup();
    connectAndSync();
    socket().bufferedAmount = 10;
    doc.getText('t').insert(0, 'lost in flight ');
    socket().closeFromServer(1006);
    socket().bufferedAmount = 0;
    await vi.advanceTimersByTimeAsync(100);
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
});
