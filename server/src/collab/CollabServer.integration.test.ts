import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CloseCode } from '@plenary/shared/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { type CollabAccess, type CollabAuthorizer, CollabServer } from './CollabServer';
import { staticGrant } from './Connection';
import {
  awarenessFromFrames,
  deferred,
  FakePeer,
  InstrumentedStore,
  queryAwarenessFrame,
  readServerFrame,
  type ServerFrame,
  silentLogger,
  syncStep1Frame,
  textFromFrames,
} from './collabTestKit';
import { RoomRegistry } from './RoomRegistry';
import { UpdateCommitter } from './UpdateCommitter';

const WAIT = { timeout: 5_000, interval: 10 };
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Harness {
  port: number;
  store: InstrumentedStore;
  registry: RoomRegistry;
  authorize: ReturnType<typeof vi.fn<CollabAuthorizer>>;
  collab: CollabServer;
  /** What handleUpgrade answered, per request path. */
  upgrades: Array<{ url: string; handled: boolean }>;
  /** Bytes the server socket has received, per request path (to know early frames arrived). */
  bytesReceived: Map<string, number>;
}

async function startCollab(
  options: {
    store?: InstrumentedStore;
    access?: (request: IncomingMessage) => CollabAccess;
    maxMessageBytes?: number;
    heartbeatMs?: number;
  } = {},
): Promise<Harness> {
  const store = options.store ?? new InstrumentedStore();
  const committer = new UpdateCommitter(store, silentLogger);
  const registry = new RoomRegistry(store, committer, silentLogger, {
    unloadGraceMs: 60_000,
    compactAfterUpdates: 1_000,
    compactIdleMs: 60_000,
  });
  const access = options.access ?? (() => ({ grant: staticGrant(true) }));
  const authorize = vi.fn<CollabAuthorizer>(async (request) => access(request));
  const collab = new CollabServer(registry, authorize, silentLogger, {
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024,
    heartbeatMs: options.heartbeatMs,
  });
  const upgrades: Harness['upgrades'] = [];
  const bytesReceived = new Map<string, number>();
  const server: Server = createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) => {
    const url = request.url ?? '';
    const handled = collab.handleUpgrade(request, socket, head);
    upgrades.push({ url, handled });
    if (!handled) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    socket.on('data', (chunk: Buffer) => bytesReceived.set(url, (bytesReceived.get(url) ?? 0) + chunk.length));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await collab.close();
    await registry.closeAll();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    port: (server.address() as AddressInfo).port,
    store,
    registry,
    authorize,
    collab,
    upgrades,
    bytesReceived,
  };
}

/** A raw y-protocols client over a real socket: records every frame and how it ended. */
class WireClient {
  readonly ws: WebSocket;
  readonly frames: ServerFrame[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Set when the HTTP upgrade itself was refused. */
  refusal: string | undefined;

  constructor(port: number, path: string, options: { autoPong?: boolean } = {}) {
    this.ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, options);
    this.ws.on('message', (data: Buffer) => this.frames.push(readServerFrame(new Uint8Array(data))));
    this.opened = new Promise((resolve) => this.ws.once('open', () => resolve()));
    this.closed = new Promise((resolve) =>
      this.ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
    );
    this.ws.on('error', (error) => {
      this.refusal = error.message;
    });
    cleanups.push(() => this.ws.terminate());
  }

  send(frame: Uint8Array): void {
    this.ws.send(frame);
  }

  text(): string {
    return textFromFrames(this.frames);
  }

  kinds(): string[] {
    return this.frames.map((f) => f.kind);
  }
}

function peer(): FakePeer {
  const created = new FakePeer('unused');
  cleanups.push(() => created.destroy());
  return created;
}

/** Bytes a masked client frame with `payload` bytes occupies on the wire. */
function wireSize(payload: number): number {
  const lengthBytes = payload < 126 ? 0 : payload < 65_536 ? 2 : 8;
  return 2 + lengthBytes + 4 + payload;
}

describe('CollabServer', () => {
  it('handles upgrades under /collab only and leaves every other path to the caller', async () => {
    // Pins the prefix check: /collaborate must not be mistaken for /collab.
    const { port, upgrades } = await startCollab();
    for (const path of ['/other/doc', '/collaborate/doc', '/']) {
      const client = new WireClient(port, path);
      await client.closed;
      expect(client.refusal).toMatch(/404/);
    }
    const ok = new WireClient(port, '/collab/doc');
    await ok.opened;

    expect(upgrades).toEqual([
      { url: '/other/doc', handled: false },
      { url: '/collaborate/doc', handled: false },
      { url: '/', handled: false },
      { url: '/collab/doc', handled: true },
    ]);
  });

  it.each([
    '/collab',
    '/collab/',
    '/collab/bad.id',
    '/collab/a%2Fb',
    '/collab/doc/extra',
    `/collab/${'x'.repeat(129)}`,
    '/collab/%E0%A4%A',
  ])('closes %s with DocumentNotFound (4404) before any access check or load', async (path) => {
    // Pins id validation first: a malformed id must never reach storage or the authorizer.
    const { port, store, authorize } = await startCollab();
    const client = new WireClient(port, path);
    expect((await client.closed).code).toBe(CloseCode.DocumentNotFound);
    expect(authorize).not.toHaveBeenCalled();
    expect(store.loadCalls).toEqual([]);
  });

  it('keeps no upgrade request alive while its connection is open (headers are not per-connection memory)', async () => {
    let request: WeakRef<IncomingMessage> | undefined;
    const { port, authorize } = await startCollab({
      access: (upgrade) => {
        request = new WeakRef(upgrade);
        return { grant: staticGrant(true) };
      },
    });
    const client = new WireClient(port, '/collab/doc');
    await vi.waitFor(() => expect(client.kinds()).toContain('sync-step-1'), WAIT);
    authorize.mockClear(); // the mock's record of calls would keep the request itself
    // A WeakRef holds its target until the current job ends: collect on later turns.
    for (let pass = 0; pass < 3; pass += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      collectGarbage();
    }
    expect(request?.deref()).toBeUndefined();
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('keeps a quiet client that answers pings, and drops one that stopped answering', async () => {
    // Long enough that a loaded CI machine still answers a ping within one period.
    const heartbeatMs = 250;
    const { port } = await startCollab({ heartbeatMs });
    const answering = new WireClient(port, '/collab/heartbeat');
    const gone = new WireClient(port, '/collab/heartbeat', { autoPong: false });
    await Promise.all([answering.opened, gone.opened]);
    // The silent one is closed at the second heartbeat after its first unanswered ping.
    const { code } = await gone.closed;
    expect(code).toBe(1006);
    await new Promise((resolve) => setTimeout(resolve, 4 * heartbeatMs));
    expect(answering.ws.readyState).toBe(WebSocket.OPEN);
  });

  it("closes with the authorizer's code and reason, without loading the document", async () => {
    const { port, store, authorize } = await startCollab({
      access: () => ({ closeCode: CloseCode.Forbidden, reason: 'not your group' }),
    });
    const client = new WireClient(port, '/collab/group-2?token=abc');

    expect(await client.closed).toEqual({ code: CloseCode.Forbidden, reason: 'not your group' });
    expect(authorize).toHaveBeenCalledWith(expect.objectContaining({ url: '/collab/group-2?token=abc' }), 'group-2');
    expect(store.loadCalls).toEqual([]);
  });

  it('closes with StorageFailure (transient) when the access check itself fails', async () => {
    const { port } = await startCollab({
      access: () => {
        throw new Error('session store down');
      },
    });
    const client = new WireClient(port, '/collab/doc');
    expect((await client.closed).code).toBe(CloseCode.StorageFailure);
  });

  it('checks access again for a socket whose document was loading when someone’s access ended', async () => {
    // Pins the window between the access check and joining the room, which a revoke's sweep of
    // open connections cannot see.
    const store = new InstrumentedStore();
    const slowLoad = deferred();
    store.beforeLoad = () => slowLoad.promise;
    let revoked = false;
    const { port, collab, authorize } = await startCollab({
      store,
      access: () => (revoked ? { closeCode: CloseCode.Unauthorized, reason: 'revoked' } : { grant: staticGrant(true) }),
    });
    const client = new WireClient(port, '/collab/doc');
    await vi.waitFor(() => expect(store.loadCalls).toHaveLength(1), WAIT);
    revoked = true;
    expect(collab.closeConnectionsOfInvite('the-link', CloseCode.Unauthorized, 'revoked')).toBe(0);
    slowLoad.resolve();
    expect(await client.closed).toEqual({ code: CloseCode.Unauthorized, reason: 'revoked' });
    expect(client.frames).toEqual([]);
    expect(authorize).toHaveBeenCalledTimes(2);

    // Without such an event in between, one check is all a connection costs.
    const next = new WireClient(port, '/collab/other');
    revoked = false;
    await vi.waitFor(() => expect(next.kinds()).toContain('sync-step-1'), WAIT);
    expect(authorize).toHaveBeenCalledTimes(3);
  });

  it("drops a read-only connection's updates and still syncs it", async () => {
    // Pins read-only enforcement end to end: a reader's edit reaches neither storage nor anyone.
    const { port, store, registry } = await startCollab({
      access: (request) => ({ grant: staticGrant(!request.url?.includes('readonly')) }),
    });
    const writer = new WireClient(port, '/collab/doc');
    const reader = new WireClient(port, '/collab/doc?readonly');
    await vi.waitFor(() => expect(writer.kinds()).toContain('sync-step-1'), WAIT);
    await vi.waitFor(() => expect(reader.kinds()).toContain('sync-step-1'), WAIT);

    const readerDoc = peer();
    reader.send(readerDoc.type('forged'));
    // Frames are handled in order, so this reply proves the forged update was handled first.
    reader.send(syncStep1Frame(new Y.Doc()));
    await vi.waitFor(() => expect(reader.kinds()).toContain('sync-step-2'), WAIT);
    expect(reader.text()).toBe('');

    const writerDoc = peer();
    writer.send(writerDoc.type('real'));
    await vi.waitFor(() => expect(reader.text()).toBe('real'), WAIT);

    expect(writer.text()).toBe('');
    expect(store.appendCalls.flat()).toHaveLength(1);
    expect(await store.storedText('doc')).toBe('real');
    expect(registry.peek('doc')?.droppedUpdates).toBe(1);
  });

  it('processes frames sent before the document finished loading, in the order they were sent', async () => {
    // Pins the early-frame buffer: a client talks as soon as the socket opens, not when we are ready.
    const store = new InstrumentedStore();
    const slowLoad = deferred();
    store.beforeLoad = () => slowLoad.promise;
    const { port, bytesReceived } = await startCollab({ store });
    const client = new WireClient(port, '/collab/doc');
    await client.opened;

    const local = peer();
    const frames = [
      local.type('hello'),
      syncStep1Frame(new Y.Doc()),
      local.announce({ user: { name: 'Ada', color: '#f00' } }),
      queryAwarenessFrame(),
    ];
    for (const frame of frames) client.send(frame);
    const expectedBytes = frames.reduce((sum, frame) => sum + wireSize(frame.length), 0);
    await vi.waitFor(() => expect(bytesReceived.get('/collab/doc')).toBeGreaterThanOrEqual(expectedBytes), WAIT);
    expect(client.frames).toEqual([]);

    slowLoad.resolve();
    await vi.waitFor(() => expect(client.kinds()).toContain('sync-step-2'), WAIT);
    // The sync step 2 reply holds "hello" only if the update was applied before the step 1.
    expect(client.text()).toBe('hello');
    // The query reply holds our state only if the awareness frame was applied before the query.
    expect(awarenessFromFrames(client.frames).get(local.doc.clientID)).toEqual({
      user: { name: 'Ada', color: '#f00' },
    });
    expect(await store.storedText('doc')).toBe('hello');
  });

  it('closes only the sender of a malformed frame; the others keep editing', async () => {
    // Pins isolation: bad input from one client must not stall or corrupt the document for others.
    const { port, store } = await startCollab();
    const bad = new WireClient(port, '/collab/doc');
    const good = new WireClient(port, '/collab/doc');
    await vi.waitFor(() => expect(bad.kinds()).toContain('sync-step-1'), WAIT);
    await vi.waitFor(() => expect(good.kinds()).toContain('sync-step-1'), WAIT);

    bad.send(new Uint8Array([7]));
    expect((await bad.closed).code).toBe(CloseCode.BadMessage);

    good.send(peer().type('still here'));
    await vi.waitFor(async () => expect(await store.storedText('doc')).toBe('still here'), WAIT);
    const late = new WireClient(port, '/collab/doc');
    await late.opened;
    late.send(syncStep1Frame(new Y.Doc()));
    await vi.waitFor(() => expect(late.text()).toBe('still here'), WAIT);
    expect(good.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('closes a client that sends a text frame with BadMessage', async () => {
    const { port } = await startCollab();
    const client = new WireClient(port, '/collab/doc');
    await client.opened;
    client.ws.send('hello');
    expect((await client.closed).code).toBe(CloseCode.BadMessage);
  });

  it('closes a client whose frame exceeds maxMessageBytes with MessageTooBig (1009)', async () => {
    const { port } = await startCollab({ maxMessageBytes: 1024 });
    const client = new WireClient(port, '/collab/doc');
    await client.opened;
    client.send(new Uint8Array(2048));
    expect((await client.closed).code).toBe(CloseCode.MessageTooBig);
  });
});
