import { rmSync } from 'node:fs';
import { CloseCode } from '@plenary/shared/protocol';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RawData, WebSocket } from 'ws';
import { createDrafts, type Drafts } from '../support/collabDrafts';
import { appendParagraph, applyRandomEdit, clocksOf, draftState, paragraphTexts } from '../support/draftContent';
import { pick, type Random, seededRandom, testSeed } from '../support/seededRandom';
import { type ServerProcess, startServer } from '../support/serverProcess';
import {
  closeAllRawClients,
  collabUrl,
  createProvider,
  destroyAllClients,
  letNetworkRun,
  openRawClient,
  type RawClient,
  type WebSocketClass,
  waitSynced,
} from '../support/yClients';
import { describeFrame, mutateFrame } from './frameMutations';

const MAX_MESSAGE_BYTES = 64 * 1024;
/** FUZZ_FRAMES=50000 for a longer hunt; the default keeps the file well under a minute. */
const FUZZ_FRAMES = Number.parseInt(process.env.FUZZ_FRAMES ?? '5000', 10);
/** How often, in fuzz frames, we check that the server still serves everyone else. */
const CHECK_EVERY = 500;
/** The close codes docs/protocol.md documents for a bad frame. */
const BAD_FRAME_CLOSE_CODES: readonly number[] = [CloseCode.BadMessage, CloseCode.MessageTooBig];

/** Which of the drafts created for this file each part uses. */
const DRAFT = { corpus: 0, fuzzTarget: 1, badInput: 2, oversized: 3 } as const;

let server: ServerProcess;
let drafts: Drafts;

beforeAll(async () => {
  server = await startServer({ env: { SEED_DEMO: 'false', MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } });
  drafts = await createDrafts(server, Object.keys(DRAFT).length);
});

afterEach(() => {
  destroyAllClients();
  closeAllRawClients();
});

afterAll(async () => {
  await server?.stop();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

/** A raw, signed-in connection to `documentId` once the server has loaded it and greeted us. */
async function openLoaded(documentId: string, token = drafts.token): Promise<RawClient> {
  const client = await openRawClient(collabUrl(server.wsUrl, documentId, token));
  await client.firstFrame();
  return client;
}

/** Two well-behaved people on `documentId`: Bilal writes, Chen reads. */
async function bystanders(documentId: string) {
  const bilal = createProvider(server.wsUrl, documentId, { token: drafts.token });
  const chen = createProvider(server.wsUrl, documentId, { token: drafts.token });
  await Promise.all([waitSynced(bilal), waitSynced(chen)]);
  let checks = 0;
  return {
    bilal,
    chen,
    /** The server answers /healthz and Bilal's next paragraph reaches Chen. */
    async expectStillEditingTogether(): Promise<void> {
      const health = await fetch(`${server.httpUrl}/healthz`);
      expect(health.status).toBe(200);
      const line = `still here ${++checks}`;
      appendParagraph(bilal.doc, line);
      await vi.waitFor(() => expect(paragraphTexts(chen.doc)).toContain(line), { timeout: 10_000, interval: 10 });
    },
  };
}

/** A stock provider whose WebSocket keeps a copy of every binary frame sent or received. */
function recordingWebSocketClass(frames: Uint8Array[]): WebSocketClass {
  return class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: RawData, isBinary: boolean) => {
        if (isBinary) frames.push(copyBytes(data));
      });
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      frames.push(copyBytes(data as RawData));
      Reflect.apply(WebSocket.prototype.send, this, [data, ...rest]);
    }
  };
}

/** Log lines at pino level error (50) or fatal (60). */
function serverErrors(output: string): string[] {
  return output.split('\n').filter((line) => {
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return false;
    }
  });
}

function copyBytes(data: RawData | Uint8Array): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data);
}

/**
 * Real traffic of two people editing and reconnecting: sync steps 1 and 2, updates, awareness
 * and query-awareness, as the stock client and the server put them on the wire.
 */
async function recordRealFrames(random: Random): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  const webSocketClass = recordingWebSocketClass(frames);
  const documentId = drafts.id(DRAFT.corpus);
  const amina = createProvider(server.wsUrl, documentId, { webSocketClass, token: drafts.token });
  const bilal = createProvider(server.wsUrl, documentId, { webSocketClass, token: drafts.token });
  amina.provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#1f77b4' });
  bilal.provider.awareness.setLocalStateField('user', { name: 'Bilal', color: '#ff7f0e' });
  await Promise.all([waitSynced(amina), waitSynced(bilal)]);
  for (let edit = 0; edit < 60; edit++) {
    applyRandomEdit(pick(random, [amina, bilal]).doc, random);
    if (edit % 5 === 0) await letNetworkRun();
  }
  // A reconnect with offline edits makes sync steps that carry content in both directions.
  bilal.provider.disconnect();
  applyRandomEdit(bilal.doc, random);
  bilal.provider.connect();
  await vi.waitFor(() => expect(draftState(bilal.doc)).toEqual(draftState(amina.doc)), { timeout: 10_000 });
  amina.destroy();
  bilal.destroy();
  return frames.filter((frame) => frame.length > 0);
}

describe('a client sending garbage', () => {
  it(`survives ${FUZZ_FRAMES} random and mutated frames while others keep editing`, async () => {
    const seed = testSeed();
    const random = seededRandom(seed);
    const corpus = await recordRealFrames(random);
    expect(corpus.length).toBeGreaterThan(50);
    const documentId = drafts.id(DRAFT.fuzzTarget);
    const others = await bystanders(documentId);
    // A person of their own, so the server cannot mistake the fuzzer for a bystander reconnecting.
    const mallory = await drafts.signIn('Mallory');

    const closesByCode = new Map<number, number>();
    let fuzzer = await openLoaded(documentId, mallory);
    for (let sent = 1; sent <= FUZZ_FRAMES; sent++) {
      const { mutation, frame } = mutateFrame(random, corpus);
      fuzzer.send(frame);
      const closeCode = await fuzzer.settle();
      if (closeCode !== null) {
        expect(BAD_FRAME_CLOSE_CODES, `frame ${sent} (${mutation}, ${describeFrame(frame)})`).toContain(closeCode);
        closesByCode.set(closeCode, (closesByCode.get(closeCode) ?? 0) + 1);
        fuzzer = await openLoaded(documentId, mallory);
      }
      if (sent % CHECK_EVERY === 0) await others.expectStillEditingTogether();
    }

    // Both outcomes happened: frames were refused, and frames got through to the decoder.
    const closes = [...closesByCode.values()].reduce((sum, count) => sum + count, 0);
    expect(closesByCode.get(CloseCode.BadMessage) ?? 0).toBeGreaterThan(FUZZ_FRAMES / 10);
    expect(closes).toBeLessThan(FUZZ_FRAMES);
    await others.expectStillEditingTogether();
    // Replayed real updates reached the document (the fuzz got past the envelope), and neither
    // bystander was ever disconnected along the way.
    expect(Object.keys(clocksOf(others.chen.doc)).length).toBeGreaterThan(1);
    expect([...others.bilal.closeCodes, ...others.chen.closeCodes]).toEqual([]);
    // Bad frames are the client's fault: none may surface as a server error.
    expect(serverErrors(server.output())).toEqual([]);
  });

  describe('closes the offending connection with the documented code', () => {
    it('4400 for a text frame', async () => {
      const client = await openLoaded(drafts.id(DRAFT.badInput));
      client.send('{"type":"sync"}');
      await expect.poll(() => client.closeCode, { timeout: 5_000 }).toBe(CloseCode.BadMessage);
    });

    it('4400 for an unknown message type or sync step', async () => {
      const unknownType = await openLoaded(drafts.id(DRAFT.badInput));
      unknownType.send(Uint8Array.of(9, 0, 0));
      const unknownStep = await openLoaded(drafts.id(DRAFT.badInput));
      unknownStep.send(Uint8Array.of(0, 7, 0));
      await expect.poll(() => unknownType.closeCode, { timeout: 5_000 }).toBe(CloseCode.BadMessage);
      await expect.poll(() => unknownStep.closeCode, { timeout: 5_000 }).toBe(CloseCode.BadMessage);
    });

    it('4400 for a truncated update', async () => {
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 0);
      encoding.writeVarUint(update, 2);
      encoding.writeVarUint(update, 200);
      encoding.writeUint8Array(update, new Uint8Array(20));
      const client = await openLoaded(drafts.id(DRAFT.badInput));
      client.send(encoding.toUint8Array(update));
      await expect.poll(() => client.closeCode, { timeout: 5_000 }).toBe(CloseCode.BadMessage);
    });

    it.each([
      { name: 'with a space', id: 'bad%20id' },
      { name: 'of 200 characters', id: 'a'.repeat(200) },
      { name: 'with a path', id: '..%2Fplenary.sqlite' },
      { name: 'that names no document', id: 'draft-nosuchgroup' },
    ])('4404 for a document id $name', async ({ id }) => {
      const client = await openRawClient(collabUrl(server.wsUrl, id, drafts.token));
      await expect.poll(() => client.closeCode, { timeout: 5_000 }).toBe(CloseCode.DocumentNotFound);
      expect(client.received).toEqual([]);
    });

    it('1009 for a frame over MAX_MESSAGE_BYTES, while a large paste under it syncs', async () => {
      const documentId = drafts.id(DRAFT.oversized);
      const others = await bystanders(documentId);
      const oversized = new Uint8Array(MAX_MESSAGE_BYTES + 1);
      oversized.set([0, 2]);
      const client = await openLoaded(documentId);
      client.send(oversized);
      await expect.poll(() => client.closeCode, { timeout: 5_000 }).toBe(CloseCode.MessageTooBig);

      const paste = 'x'.repeat(MAX_MESSAGE_BYTES - 1_024);
      appendParagraph(others.bilal.doc, paste);
      await vi.waitFor(() => expect(paragraphTexts(others.chen.doc)).toContain(paste), { timeout: 5_000 });
      await others.expectStillEditingTogether();
    });
  });
});
