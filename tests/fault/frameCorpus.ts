import { expect, vi } from 'vitest';
import { type RawData, WebSocket } from 'ws';
import { applyRandomEdit, draftState } from '../support/draftContent';
import { pick, type Random } from '../support/seededRandom';
import { createProvider, letNetworkRun, type WebSocketClass, waitSynced } from '../support/yClients';

/** A stock provider's WebSocket that keeps a copy of every binary frame sent or received. */
function recordingSocket(frames: Uint8Array[]): WebSocketClass {
  return class RecordingSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: RawData, isBinary: boolean) => {
        if (isBinary) frames.push(copyFrame(data));
      });
    }

    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      frames.push(copyFrame(data as RawData));
      Reflect.apply(WebSocket.prototype.send, this, [data, ...rest]);
    }
  };
}

function copyFrame(data: RawData | Uint8Array): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data);
}

/**
 * Real wire traffic to mutate: two people editing `documentId` (sync steps, updates, awareness,
 * query-awareness in both directions), one of them reconnecting with offline edits so that sync
 * steps carry content both ways. Seeded, so a replay records the same edits.
 */
export async function recordFrames(
  wsUrl: string,
  documentId: string,
  token: string,
  random: Random,
  edits = 80,
): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  const webSocketClass = recordingSocket(frames);
  const amina = createProvider(wsUrl, documentId, { webSocketClass, token });
  const bilal = createProvider(wsUrl, documentId, { webSocketClass, token });
  try {
    amina.provider.awareness.setLocalStateField('user', { name: 'Amina', color: '#1f77b4' });
    bilal.provider.awareness.setLocalStateField('user', { name: 'Bilal', color: '#ff7f0e' });
    await Promise.all([waitSynced(amina), waitSynced(bilal)]);
    for (let edit = 0; edit < edits; edit++) {
      applyRandomEdit(pick(random, [amina, bilal]).doc, random);
      if (edit % 5 === 0) await letNetworkRun();
    }
    bilal.provider.disconnect();
    applyRandomEdit(bilal.doc, random);
    bilal.provider.connect();
    await vi.waitFor(() => expect(draftState(bilal.doc)).toEqual(draftState(amina.doc)), { timeout: 10_000 });
  } finally {
    amina.destroy();
    bilal.destroy();
  }
  return frames.filter((frame) => frame.length > 0);
}
