import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** A stock y-websocket client in Node: its doc, its provider and what the server did to it. */
export interface CollabClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Codes of the connections that ended other than by `provider.disconnect()`, oldest first. */
  readonly closeCodes: readonly number[];
  destroy(): void;
}

/** What the provider needs of a WebSocket class: it only ever calls `new`. */
export type WebSocketClass = new (url: string, protocols?: string | string[]) => WebSocket;

export interface ProviderOptions {
  /** Open the connection right away (default true). */
  connect?: boolean;
  /** A `ws` subclass, e.g. one that records frames. */
  webSocketClass?: WebSocketClass;
  /** Session token, sent as the `token` URL parameter (docs/protocol.md). */
  token?: string;
}

const openClients = new Set<CollabClient>();

// Each stock provider adds a process 'exit' listener; the reconnect storms open hundreds at once.
process.setMaxListeners(1_000);

/**
 * A stock `WebsocketProvider` for `documentId` on `wsUrl` (`ws://host:port/collab`). Every client
 * made here is destroyed by `destroyAllClients()`, which each test file runs after each test.
 */
export function createProvider(wsUrl: string, documentId: string, options: ProviderOptions = {}): CollabClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, documentId, doc, {
    connect: options.connect ?? true,
    params: options.token === undefined ? {} : { token: options.token },
    WebSocketPolyfill: (options.webSocketClass ?? WebSocket) as unknown as typeof globalThis.WebSocket,
    // Node 20 has a global BroadcastChannel: providers in one process would otherwise exchange
    // updates through it, around the server under test.
    disableBc: true,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code);
  });
  const client: CollabClient = {
    doc,
    provider,
    closeCodes,
    destroy() {
      openClients.delete(client);
      provider.destroy();
      doc.destroy();
    },
  };
  openClients.add(client);
  return client;
}

/** Destroys every client `createProvider` made and has not been destroyed yet. */
export function destroyAllClients(): void {
  for (const client of [...openClients]) client.destroy();
}

/** Resolves once the provider has the server's state (sync step 2 received). */
export function waitSynced(client: Pick<CollabClient, 'provider'>, timeoutMs = 15_000): Promise<void> {
  const { provider } = client;
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.off('sync', onSync);
      reject(new Error(`not synced with ${provider.url} within ${timeoutMs} ms`));
    }, timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
}

/** A fresh client that loads `documentId`, waits until synced, and is then destroyed. */
export async function loadFresh<T>(
  wsUrl: string,
  documentId: string,
  token: string | undefined,
  read: (doc: Y.Doc) => T,
): Promise<T> {
  const client = createProvider(wsUrl, documentId, { token });
  try {
    await waitSynced(client);
    return read(client.doc);
  } finally {
    client.destroy();
  }
}

/** A bare WebSocket speaking frames of our choosing, for protocol-level tests. */
export interface RawClient {
  readonly socket: WebSocket;
  /** Every binary frame the server sent, oldest first. */
  readonly received: readonly Uint8Array[];
  /** The close code once the connection has ended, else null. */
  readonly closeCode: number | null;
  /** Resolves with the close code when the connection ends. */
  readonly closed: Promise<number>;
  send(frame: Uint8Array | string): void;
  /** Resolves with the first frame from the server (sent once the document is loaded). */
  firstFrame(timeoutMs?: number): Promise<Uint8Array>;
  /**
   * Resolves once the server has handled everything sent so far: null if the connection is still
   * open (our ping was answered after those frames), else the close code. Rejects if neither
   * happens in time, which would mean the server stalled.
   */
  settle(timeoutMs?: number): Promise<number | null>;
  close(): void;
}

const openRawClients = new Set<RawClient>();

/** The endpoint URL of `documentId`, with the session token when given. */
export function collabUrl(wsUrl: string, documentId: string, token?: string): string {
  const query = token === undefined ? '' : `?token=${encodeURIComponent(token)}`;
  return `${wsUrl}/${documentId}${query}`;
}

/** Opens a raw connection to `url` and resolves once the WebSocket handshake is done. */
export async function openRawClient(url: string): Promise<RawClient> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  const received: Uint8Array[] = [];
  let closeCode: number | null = null;
  const closed = new Promise<number>((resolve) => {
    socket.once('close', (code) => {
      closeCode = code;
      openRawClients.delete(client);
      resolve(code);
    });
  });
  socket.on('message', (data, isBinary) => {
    if (isBinary) received.push(new Uint8Array(data as Buffer));
  });
  // An error is always followed by 'close'; the listener keeps it from becoming an uncaught throw.
  socket.on('error', () => {});

  const client: RawClient = {
    socket,
    received,
    get closeCode() {
      return closeCode;
    },
    closed,
    send(frame) {
      socket.send(frame);
    },
    firstFrame(timeoutMs = 10_000) {
      const first = received[0];
      if (first) return Promise.resolve(first);
      return withTimeout(
        new Promise<Uint8Array>((resolve, reject) => {
          socket.once('message', (data) => resolve(new Uint8Array(data as Buffer)));
          void closed.then((code) => reject(new Error(`closed with ${code} before the first frame`)));
        }),
        timeoutMs,
        'first frame',
      );
    },
    settle(timeoutMs = 10_000) {
      if (closeCode !== null) return Promise.resolve(closeCode);
      return withTimeout(
        new Promise<number | null>((resolve) => {
          const onPong = () => {
            socket.off('close', onClose);
            resolve(null);
          };
          const onClose = (code: number) => {
            socket.off('pong', onPong);
            resolve(code);
          };
          socket.once('pong', onPong);
          socket.once('close', onClose);
          socket.ping();
        }),
        timeoutMs,
        'the server to answer a ping',
      );
    },
    close() {
      socket.close();
    },
  };
  openRawClients.add(client);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    void closed.then((code) => reject(new Error(`closed with ${code} during the handshake`)));
  });
  return client;
}

/** Terminates every raw connection still open. */
export function closeAllRawClients(): void {
  for (const client of [...openRawClients]) client.socket.terminate();
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Yields one event-loop turn so queued socket reads and writes happen between edits. Not a wait
 * for anything: it only lets edits from several clients interleave on the wire.
 */
export function letNetworkRun(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
