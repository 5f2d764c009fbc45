import { type BenchClient, closeAll, connectMany } from '../client';
import type { BenchConfig } from '../config';
import { openRooms, type Room } from '../rooms';
import type { BenchServer, MemorySample, ServerKind } from '../servers';
import { fixed, type ScenarioContext } from './context';

const KIB = 1024;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Sizes = BenchConfig['memory'];

/** Per-server outcome of one round, in bytes. */
interface RoundResult {
  perDocument: MemorySample;
  perConnection: MemorySample;
  held: MemorySample;
}

async function sampleAll(servers: readonly BenchServer[]): Promise<Map<ServerKind, MemorySample>> {
  const samples = new Map<ServerKind, MemorySample>();
  for (const server of servers) samples.set(server.kind, await server.memory());
  return samples;
}

function growth(
  after: Map<ServerKind, MemorySample>,
  before: Map<ServerKind, MemorySample>,
  kind: ServerKind,
  per: number,
): MemorySample {
  const a = after.get(kind);
  const b = before.get(kind);
  if (!a || !b) return { liveBytes: Number.NaN, rssBytes: Number.NaN };
  return { liveBytes: (a.liveBytes - b.liveBytes) / per, rssBytes: (a.rssBytes - b.rssBytes) / per };
}

/**
 * One round on every server, step by step (each step on all servers before the next): baseline,
 * load documents with edits, add connections, everyone leaves, wait, measure again.
 */
async function measureRound(
  servers: readonly BenchServer[],
  config: BenchConfig,
  sizes: Sizes,
): Promise<Map<ServerKind, RoundResult>> {
  const { documents, editsPerDocument, extraConnectionsPerDocument } = sizes;
  const documentIdsOf = new Map<ServerKind, string[]>();
  for (const server of servers) documentIdsOf.set(server.kind, await server.createDocuments('memory', documents));
  // Documents of earlier scenarios (and any touched while creating these) must have left
  // Plenary's memory before the baseline.
  await pause(config.afterLeaveWaitMs);
  const baseline = await sampleAll(servers);
  const roomsOf = new Map<ServerKind, Room[]>();
  const extrasOf = new Map<ServerKind, BenchClient[]>();
  const everyone = () => [
    ...[...roomsOf.values()].flat().flatMap((room) => room.clients),
    ...[...extrasOf.values()].flat(),
  ];
  try {
    const layout = { documents, clientsPerDocument: 1 };
    for (const server of servers) {
      const ids = documentIdsOf.get(server.kind);
      roomsOf.set(server.kind, await openRooms(server, 'memory', layout, config.connectConcurrency, ids));
    }
    // Plenary's drafts start with the draft template; the others start empty. Each of their
    // documents is first given that same opening state, so all three hold the same content and
    // the figure compares what a server keeps beside it.
    const opening = roomsOf.get('plenary')?.[0]?.clients[0]?.openingState ?? null;
    for (const server of servers) {
      const writers = (roomsOf.get(server.kind) ?? []).flatMap((room) => room.clients);
      if (server.kind !== 'plenary' && opening !== null) for (const writer of writers) writer.sendUpdate(opening);
      for (let edit = 0; edit < editsPerDocument; edit += 1) {
        for (const writer of writers) writer.edit();
      }
      // Frames of one connection are handled in order: the answer means every edit is in.
      await Promise.all(writers.map((writer) => writer.roundTrip()));
    }
    const loaded = await sampleAll(servers);
    for (const server of servers) {
      const rooms = roomsOf.get(server.kind) ?? [];
      const urls = rooms.flatMap((room) =>
        Array.from({ length: extraConnectionsPerDocument }, () => server.documentUrl(room.documentId)),
      );
      extrasOf.set(server.kind, await connectMany(urls, config.connectConcurrency));
    }
    const connected = await sampleAll(servers);
    await closeAll(everyone());
    await pause(config.afterLeaveWaitMs);
    const left = await sampleAll(servers);

    const results = new Map<ServerKind, RoundResult>();
    for (const server of servers) {
      results.set(server.kind, {
        perDocument: growth(loaded, baseline, server.kind, documents),
        perConnection: growth(connected, loaded, server.kind, documents * extraConnectionsPerDocument),
        held: growth(left, baseline, server.kind, 1),
      });
    }
    return results;
  } finally {
    await closeAll(everyone());
  }
}

/**
 * Memory per loaded document and per connection, and what is still held a few seconds after
 * every client left. Memory is read right after full GCs in the server process (live = V8 heap
 * used + external), with RSS alongside.
 */
export async function memoryFootprint({ servers, config, book, log }: ScenarioContext): Promise<void> {
  const sizes = config.memory;
  const scenario = `memory: ${sizes.documents} docs (same opening state everywhere) × ${sizes.editsPerDocument} edits, then ${sizes.extraConnectionsPerDocument} more connections each`;
  const recordDocLive = book.define({
    scenario,
    name: 'per loaded document (with its first connection), live',
    unit: 'KiB',
    better: 'lower',
    targetRatio: 1,
  });
  const recordDocRss = book.define({
    scenario,
    name: 'per loaded document (with its first connection), RSS',
    unit: 'KiB',
    better: 'lower',
  });
  const recordConnLive = book.define({
    scenario,
    name: 'per connection, live',
    unit: 'KiB',
    better: 'lower',
    targetRatio: 1,
  });
  const recordConnRss = book.define({ scenario, name: 'per connection, RSS', unit: 'KiB', better: 'lower' });
  const heldName = `still held ${config.afterLeaveWaitMs / 1000} s after all left`;
  const recordHeldLive = book.define({
    scenario,
    name: `${heldName}, live`,
    unit: 'KiB',
    better: 'lower',
    targetRatio: 0.1,
  });
  const recordHeldRss = book.define({ scenario, name: `${heldName}, RSS`, unit: 'KiB', better: 'lower' });

  // An unrecorded small round first: it compiles the code paths the rounds use and lets V8 drop
  // what earlier scenarios left behind, which would otherwise shrink memory during round one.
  // The smoke run skips it and lives with a noisier first round.
  if (!config.quick) await measureRound(servers, config, { ...sizes, documents: Math.min(10, sizes.documents) });

  for (let repetition = 1; repetition <= config.repetitions; repetition += 1) {
    const results = await measureRound(servers, config, sizes);
    for (const server of servers) {
      const result = results.get(server.kind);
      if (!result) continue;
      recordDocLive(server.kind, result.perDocument.liveBytes / KIB);
      recordDocRss(server.kind, result.perDocument.rssBytes / KIB);
      recordConnLive(server.kind, result.perConnection.liveBytes / KIB);
      recordConnRss(server.kind, result.perConnection.rssBytes / KIB);
      // GC noise can make "held" slightly negative; nothing held is zero.
      recordHeldLive(server.kind, Math.max(0, result.held.liveBytes) / KIB);
      recordHeldRss(server.kind, Math.max(0, result.held.rssBytes) / KIB);
      log(
        `memory #${repetition} ${server.label}: ${fixed(result.perDocument.liveBytes / KIB, 1)} KiB/doc, ` +
          `${fixed(result.perConnection.liveBytes / KIB, 1)} KiB/connection, ` +
          `${fixed(result.held.liveBytes / KIB, 0)} KiB held after leave (live)`,
      );
    }
  }
}
