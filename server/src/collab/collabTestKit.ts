/**
 * Test support for the collab specs: a fake socket with the CollabSocket shape, a store whose
 * calls can be counted, held or failed, and client-side frame codecs built on y-protocols
 * directly (not on the server's own encoders), so the specs check the wire format.
 */
import { MessageType } from '@plenary/shared/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createLogger, type Logger } from '../logger';
import { MemoryDocumentStore } from '../storage/memory/MemoryDocumentStore';
import type { StoredDocument, UpdateToAppend } from '../storage/ports';
import { type CollabSocket, Connection, type ConnectionGrant, staticGrant } from './Connection';

export const silentLogger: Logger = createLogger('silent');

/** The Y.Text every spec edits; the real schema is irrelevant to the protocol. */
export const TEXT = 't';

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets `count` event-loop turns pass (setImmediate is never faked here), so commits can run. */
export async function turns(count = 5): Promise<void> {
  for (let i = 0; i < count; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Retries `assertion` across event-loop turns until it passes. Unlike vi.waitFor and
 * expect.poll it never advances fake timers, so a spec keeps full control of the clock.
 */
export async function eventually(assertion: () => unknown, maxTurns = 500): Promise<void> {
  let lastError: unknown;
  for (let i = 0; i < maxTurns; i += 1) {
    try {
      await assertion();
      return;
    } catch (error) {
      lastError = error;
    }
    await turns(1);
  }
  throw lastError;
}

type Hook<A extends unknown[]> = ((...args: A) => Promise<void> | void) | undefined;

/** A MemoryDocumentStore that records its calls and lets a spec delay or fail each kind. */
export class InstrumentedStore extends MemoryDocumentStore {
  readonly loadCalls: string[] = [];
  readonly appendCalls: UpdateToAppend[][] = [];
  readonly compactCalls: Array<{ documentId: string; throughSeq: number }> = [];
  /** Runs before a load reads; await a deferred to model a slow disk, throw to model a failing one. */
  beforeLoad: Hook<[documentId: string]>;
  beforeAppend: Hook<[updates: readonly UpdateToAppend[]]>;
  beforeCompact: Hook<[documentId: string]>;

  override async load(documentId: string): Promise<StoredDocument | null> {
    this.loadCalls.push(documentId);
    await this.beforeLoad?.(documentId);
    return super.load(documentId);
  }

  override async appendUpdates(updates: readonly UpdateToAppend[]): Promise<number[]> {
    this.appendCalls.push([...updates]);
    await this.beforeAppend?.(updates);
    return super.appendUpdates(updates);
  }

  override async compact(documentId: string, state: Uint8Array, throughSeq: number): Promise<void> {
    this.compactCalls.push({ documentId, throughSeq });
    await this.beforeCompact?.(documentId);
    return super.compact(documentId, state, throughSeq);
  }

  /** The text a fresh client would load from what is stored now. */
  async storedText(documentId: string): Promise<string> {
    const stored = await super.load(documentId);
    const doc = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
    const text = doc.getText(TEXT).toString();
    doc.destroy();
    return text;
  }
}

/** A frame the server sent, decoded. */
export type ServerFrame =
  | { kind: 'sync-step-1'; stateVector: Uint8Array }
  | { kind: 'sync-step-2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array };

export function readServerFrame(frame: Uint8Array): ServerFrame {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type === MessageType.Awareness) return { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
  if (type !== MessageType.Sync) throw new Error(`server sent message type ${type}`);
  const syncType = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  if (syncType === syncProtocol.messageYjsSyncStep1) return { kind: 'sync-step-1', stateVector: payload };
  if (syncType === syncProtocol.messageYjsSyncStep2) return { kind: 'sync-step-2', update: payload };
  if (syncType === syncProtocol.messageYjsUpdate) return { kind: 'update', update: payload };
  throw new Error(`server sent sync type ${syncType}`);
}

export function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const updateFrame = (update: Uint8Array) => syncFrame(syncProtocol.messageYjsUpdate, update);
export const syncStep2Frame = (update: Uint8Array) => syncFrame(syncProtocol.messageYjsSyncStep2, update);
export const syncStep1Frame = (doc: Y.Doc) => syncFrame(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(doc));

export function awarenessFrame(awareness: awarenessProtocol.Awareness, clientIds: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clientIds));
  return encoding.toUint8Array(encoder);
}

export function queryAwarenessFrame(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.QueryAwareness);
  return encoding.toUint8Array(encoder);
}

/** Inserts `text` at the end of the doc's text and returns the Yjs update it produced. */
export function typeInto(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | undefined;
  const capture = (update: Uint8Array) => {
    captured = update;
  };
  doc.on('update', capture);
  const ytext = doc.getText(TEXT);
  ytext.insert(ytext.length, text);
  doc.off('update', capture);
  if (!captured) throw new Error('the edit produced no update');
  return captured;
}

/** What a client builds from the server frames it received: the text it would show. */
export function textFromFrames(frames: readonly ServerFrame[]): string {
  const doc = new Y.Doc();
  for (const frame of frames) {
    if (frame.kind === 'sync-step-2' || frame.kind === 'update') Y.applyUpdate(doc, frame.update);
  }
  const text = doc.getText(TEXT).toString();
  doc.destroy();
  return text;
}

/** The awareness states a client would hold after applying the awareness frames it received. */
export function awarenessFromFrames(frames: readonly ServerFrame[]): Map<number, Record<string, unknown>> {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  for (const frame of frames) {
    if (frame.kind === 'awareness') awarenessProtocol.applyAwarenessUpdate(awareness, frame.update, 'server');
  }
  const states = new Map(awareness.getStates() as Map<number, Record<string, unknown>>);
  awareness.destroy();
  doc.destroy();
  return states;
}

const OPEN = 1;
const CLOSED = 3;

/** The smallest socket the collab layer accepts: records what is sent and how it was closed. */
export class FakeSocket implements CollabSocket {
  readyState = OPEN;
  bufferedAmount = 0;
  readonly sent: Uint8Array[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | undefined;
  terminated = false;

  send(data: Uint8Array): void {
    this.sent.push(data.slice());
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = CLOSED;
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = CLOSED;
  }

  frames(): ServerFrame[] {
    return this.sent.map(readServerFrame);
  }
}

/** One simulated client: its own Y.Doc and awareness, and a Connection over a FakeSocket. */
export class FakePeer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly socket = new FakeSocket();
  readonly connection: Connection;

  constructor(documentId: string, grant: ConnectionGrant = staticGrant(true)) {
    this.connection = new Connection(this.socket, documentId, grant, 1 << 20, () => {});
  }

  /** An update frame that appends `text` to this peer's copy. */
  type(text: string): Uint8Array {
    return updateFrame(typeInto(this.doc, text));
  }

  /** An awareness frame announcing `state` for this peer's client id. */
  announce(state: Record<string, unknown>): Uint8Array {
    this.awareness.setLocalState(state);
    return awarenessFrame(this.awareness, [this.doc.clientID]);
  }

  frames(): ServerFrame[] {
    return this.socket.frames();
  }

  /** The text this peer would show, built only from what the server sent it. */
  receivedText(): string {
    return textFromFrames(this.frames());
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}
