import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { renewAwarenessOnConnect } from './awarenessRenewal';
import { awarenessFrame, awarenessPayloadOf, FakeSocket } from './fakeSocket.testSupport';

const cleanups: Array<() => void> = [];
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  FakeSocket.instances = [];
  vi.useRealTimers();
});

/** A client whose awareness frames reach a server-side Awareness, as they do through the collab server. */
function setup({ renew }: { renew: boolean }) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider('ws://plenary.test/collab', 'demo', doc, {
    WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
    disableBc: true,
    shouldReconnect: () => true,
  });
  const stop = renew ? renewAwarenessOnConnect(provider) : () => {};
  provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#1a5fb4' });
  const server = new Awareness(new Y.Doc());
  server.setLocalState(null);
  const delivered = new WeakMap<FakeSocket, number>();
  /** Applies every awareness frame `socket` sent since the last call to the server's awareness. */
  const deliver = (socket: FakeSocket) => {
    const from = delivered.get(socket) ?? 0;
    for (const frame of socket.sent.slice(from)) {
      const update = awarenessPayloadOf(frame);
      if (update !== null) applyAwarenessUpdate(server, update, 'client');
    }
    delivered.set(socket, socket.sent.length);
  };
  const latestSocket = () => {
    const socket = FakeSocket.instances.at(-1);
    if (!socket) throw new Error('no socket');
    return socket;
  };
  const serverSees = () =>
    (server.getStates().get(doc.clientID) as { user?: { name: string } } | undefined)?.user?.name;
  cleanups.push(() => {
    stop();
    provider.destroy();
  });
  return { doc, provider, server, deliver, latestSocket, serverSees };
}

/** The server notices the old socket is gone: it removes the entry, as the collab server does. */
async function dropAndReconnect({ doc, server, deliver, latestSocket }: ReturnType<typeof setup>) {
  const first = latestSocket();
  removeAwarenessStates(server, [doc.clientID], null);
  first.closeFromServer(1006);
  await vi.advanceTimersByTimeAsync(2_500); // the provider's reconnect backoff
  const second = latestSocket();
  expect(second).not.toBe(first);
  second.open();
  deliver(second);
}

describe('renewAwarenessOnConnect', () => {
  it('is what makes the others see us again at once after a reconnect', async () => {
    const without = setup({ renew: false });
    without.latestSocket().open();
    without.deliver(without.latestSocket());
    expect(without.serverSees()).toBe('Amina');
    await dropAndReconnect(without);
    // The bug this module exists for: the re-announced state is older than the removal.
    expect(without.serverSees()).toBeUndefined();

    const renewed = setup({ renew: true });
    renewed.latestSocket().open();
    renewed.deliver(renewed.latestSocket());
    await dropAndReconnect(renewed);
    expect(renewed.serverSees()).toBe('Amina');
  });

  it('lets us see the others again at once after a reconnect, from the server’s greeting', async () => {
    const client = setup({ renew: true });
    const provider = client.provider;
    client.latestSocket().open();
    // Bilal's cursor, as the server sends it when we connect, and again after we reconnect: the
    // same state at the same clock, since he was idle meanwhile.
    const bilal = new Awareness(new Y.Doc());
    bilal.setLocalState({ user: { name: 'Bilal', color: '#26a269' } });
    const greeting = awarenessFrame(encodeAwarenessUpdate(bilal, [bilal.clientID]));
    client.latestSocket().receive(greeting);
    expect(provider.awareness.getStates().has(bilal.clientID)).toBe(true);

    client.latestSocket().closeFromServer(1006);
    expect(provider.awareness.getStates().has(bilal.clientID)).toBe(false);
    await vi.advanceTimersByTimeAsync(2_500);
    client.latestSocket().open();
    client.latestSocket().receive(greeting);
    expect(provider.awareness.getStates().get(bilal.clientID)).toEqual({ user: { name: 'Bilal', color: '#26a269' } });
    bilal.destroy();
  });

  it('also wins when the server had not yet seen the old socket close', async () => {
    const client = setup({ renew: true });
    client.latestSocket().open();
    client.deliver(client.latestSocket());
    client.latestSocket().closeFromServer(1006);
    await vi.advanceTimersByTimeAsync(2_500);
    client.latestSocket().open();
    client.deliver(client.latestSocket());
    expect(client.serverSees()).toBe('Amina');
  });
});
