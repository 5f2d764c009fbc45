import { MessageType } from '@plenary/shared/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { forEachMarker, markerText } from './markers';
import { Typist } from './typist';

/** Frames queued in the socket beyond this are a sign the server is not reading: skip an edit. */
const PACED_SEND_LIMIT_BYTES = 256 * 1024;
/** Bulk senders wait for the socket to drain below this before queueing more. */
const BULK_SEND_LIMIT_BYTES = 1024 * 1024;

/** Called for every edit marker found in an incoming update from someone else. */
export type EditListener = (sender: number, seq: number, sentAtMs: number, receivedAtMs: number) => void;

export interface BenchClientOptions {
  /** The person typing through this connection; a fresh one when omitted. */
  typist?: Typist;
  /** Milliseconds to wait for the socket to open and sync step 2 to arrive. */
  timeoutMs?: number;
  /** Announce a user in awareness on connect, as every editor does. */
  awareness?: boolean;
}

/** The server closed the connection before it was synced (refused, or failed to load). */
export class ClosedBeforeSyncError extends Error {
  constructor(
    readonly code: number,
    url: string,
  ) {
    super(`closed with ${code} before sync: ${url}`);
  }
}

/** How a connection went from socket creation to synced. */
export interface JoinTiming {
  /** `new WebSocket` to `open`: TCP connect and the HTTP upgrade. */
  connectMs: number;
  /** `open` (sync step 1 sent) to sync step 2 received. */
  syncMs: number;
  /** Size of the sync step 2 frame. */
  step2Bytes: number;
}

/**
 * A raw y-websocket client: sync step 1/2 with `y-protocols`, awareness announce, updates out.
 * Incoming updates are not applied; they are scanned for edit markers so latency can be
 * measured across hundreds of clients in one process.
 */
export class BenchClient {
  readonly id: number;
  readonly typist: Typist;
  onEdit: EditListener | null = null;
  /** The update in the server's first sync step 2: what the document held when this client joined. */
  openingState: Uint8Array | null = null;
  private readonly step2Waiters: Array<(bytes: number) => void> = [];
  private closed: Promise<void>;
  /** The close code once the socket closed, for reports; null while it is open. */
  closeCode: number | null = null;

  private constructor(
    private readonly socket: WebSocket,
    typist: Typist,
  ) {
    this.typist = typist;
    this.id = typist.id;
    this.closed = new Promise((resolve) =>
      socket.once('close', (code) => {
        this.closeCode = code;
        resolve();
      }),
    );
    socket.on('message', (data, isBinary) => {
      if (isBinary && Buffer.isBuffer(data)) this.receive(data);
    });
  }

  /** Opens a connection and resolves once the server's sync step 2 has arrived. */
  static async connect(
    url: string,
    options: BenchClientOptions = {},
  ): Promise<{ client: BenchClient; timing: JoinTiming }> {
    const typist = options.typist ?? new Typist();
    const timeoutMs = options.timeoutMs ?? 20_000;
    const createdAt = performance.now();
    const socket = new WebSocket(url);
    const client = new BenchClient(socket, typist);
    // An error before open is reported through the promise below; later ones end in 'close'.
    socket.on('error', () => {});
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no sync within ${timeoutMs} ms: ${url}`)), timeoutMs);
        socket.once('close', (code) => reject(new ClosedBeforeSyncError(code, url)));
        socket.once('open', () => {
          const openedAt = performance.now();
          client.step2Waiters.push((step2Bytes) => {
            resolve({
              client,
              timing: { connectMs: openedAt - createdAt, syncMs: performance.now() - openedAt, step2Bytes },
            });
          });
          client.sendStep1();
          if (options.awareness ?? true) client.announce();
        });
      });
    } catch (error) {
      socket.terminate();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Makes one marked edit and sends it; false when the socket is backed up and the edit was skipped. */
  edit(): boolean {
    if (this.socket.bufferedAmount > PACED_SEND_LIMIT_BYTES) return false;
    const frame = this.typist.type(markerText(this.id, this.typist.editCount + 1));
    this.socket.send(frame);
    return true;
  }

  /** Sends one Yjs update made elsewhere (not by this client's typist). */
  sendUpdate(update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, update);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  /** Sends pre-built frames as fast as the socket drains. */
  async sendAll(frames: readonly Uint8Array[]): Promise<void> {
    for (const frame of frames) {
      while (this.socket.bufferedAmount > BULK_SEND_LIMIT_BYTES) {
        if (this.socket.readyState !== WebSocket.OPEN) throw new Error('socket closed while sending');
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      this.socket.send(frame);
    }
  }

  /**
   * Sends sync step 1 and waits for the answering step 2. Servers handle one connection's
   * frames in order, so this also confirms that everything sent before has been taken in.
   */
  async roundTrip(): Promise<number> {
    const answered = new Promise<number>((resolve) => this.step2Waiters.push(resolve));
    this.sendStep1();
    return answered;
  }

  /** Closes the socket and waits until it is closed (terminating it if the close handshake stalls). */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    this.socket.close();
    const stalled = setTimeout(() => this.socket.terminate(), 2_000);
    await this.closed;
    clearTimeout(stalled);
  }

  private sendStep1(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep1(encoder, this.typist.doc);
    this.socket.send(encoding.toUint8Array(encoder));
  }

  private announce(): void {
    const state = JSON.stringify({ user: { name: `bench ${this.id}`, color: '#3366cc' } });
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.typist.doc.clientID);
    encoding.writeVarUint(update, 1);
    encoding.writeVarString(update, state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
    this.socket.send(encoding.toUint8Array(encoder));
  }

  private receive(frame: Buffer): void {
    const receivedAt = performance.now();
    // Message and sync types are varints below 128, so each is a single byte.
    if (frame[0] !== MessageType.Sync) return;
    switch (frame[1]) {
      case syncProtocol.messageYjsSyncStep1:
        this.answerStep1(frame);
        break;
      case syncProtocol.messageYjsSyncStep2:
        if (this.openingState === null) this.openingState = readSyncPayload(frame);
        this.step2Waiters.shift()?.(frame.length);
        break;
      case syncProtocol.messageYjsUpdate: {
        const listener = this.onEdit;
        if (listener === null) break;
        forEachMarker(frame, 2, (sender, seq, sentAtMs) => {
          // The reference server echoes every update to its sender; that is not a delivery.
          if (sender !== this.id) listener(sender, seq, sentAtMs, receivedAt);
        });
        break;
      }
    }
  }

  private answerStep1(frame: Buffer): void {
    const stateVector = readSyncPayload(frame);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeSyncStep2(encoder, this.typist.doc, stateVector);
    this.socket.send(encoding.toUint8Array(encoder));
  }
}

/** The byte array a sync message carries after its two type varints (a state vector or an update). */
function readSyncPayload(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

/** Connects many clients with bounded concurrency, in order. */
export async function connectMany(
  urls: readonly string[],
  concurrency: number,
  options: (index: number) => BenchClientOptions = () => ({}),
): Promise<BenchClient[]> {
  const clients = new Array<BenchClient>(urls.length);
  let next = 0;
  const opened: BenchClient[] = [];
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < urls.length && !failed) {
      const index = next;
      next += 1;
      const url = urls[index];
      if (url === undefined) continue;
      try {
        const { client } = await BenchClient.connect(url, options(index));
        opened.push(client);
        clients[index] = client;
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(concurrency, urls.length) }, worker));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure !== undefined) {
    await closeAll(opened);
    throw failure.reason;
  }
  return clients;
}

/** Closes every client and waits for all sockets to be closed. */
export async function closeAll(clients: readonly BenchClient[]): Promise<void> {
  await Promise.all(clients.map((client) => client.close()));
}
