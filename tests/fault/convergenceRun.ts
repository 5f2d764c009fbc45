import { expect, vi } from 'vitest';
import * as Y from 'yjs';
import { createDrafts } from '../support/collabDrafts';
import { applyRandomEdit, draftState } from '../support/draftContent';
import { between, chance, pick, seededRandom } from '../support/seededRandom';
import { type CollabClient, createProvider, loadFresh, waitSynced } from '../support/yClients';
import { type LatencyProxy, startLatencyProxy } from './latencyProxy';
import { RestartableServer, type RestartFigures, type StopKind } from './restartableServer';
import { hasPending, storedDoc } from './storedState';

/** Per operation: the chance the editing person's provider goes offline or comes back first. */
const TOGGLE_CHANCE = 0.03;
/** Per operation: the chance the network cuts one open connection (no close frame either way). */
const CUT_CHANCE = 0.01;
/** Per operation: the chance the person pauses before the next one (a typist's rhythm). */
const PAUSE_CHANCE = 0.3;

export interface ConvergenceBatch {
  readonly server: RestartableServer;
  readonly proxy: LatencyProxy;
  /** A session allowed to write every draft of the batch. */
  readonly token: string;
  /** One seed per draft, each run by its own clients at the same time. */
  readonly seeds: readonly number[];
  readonly documentIds: readonly string[];
  readonly clients: number;
  readonly operations: number;
  /** How the one restart of this batch stops the server. */
  readonly restart: StopKind;
}

export interface ConvergenceFigures {
  seeds: readonly number[];
  operations: number;
  /** Provider disconnects and reconnects, and connections cut by the network. */
  toggles: number;
  cuts: number;
  restart: RestartFigures;
  /** From the last operation to every client, the server and the data folder agreeing. */
  convergeMs: number;
  /** Where `convergeMs` went, so a slow batch says which step was slow. */
  phases: ConvergencePhases;
}

export interface ConvergencePhases {
  /** Waiting for the batch's restart to be ready (it began halfway through the edits). */
  restartMs: number;
  /** Until every provider was connected and synced again (the stock provider's back-off included). */
  reconnectMs: number;
  /** Until every client held the same content. */
  agreeMs: number;
  /** A newcomer's load and the data folder's read, checked against that content. */
  verifyMs: number;
}

/** A pause between two operations of one person: the workload's rhythm, not a wait for anything. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs every seed of the batch at once, each on its own draft with `clients` stock providers
 * behind the latency proxy: random edits, providers going offline and back, connections cut by
 * the network, and, when every seed is halfway, one restart of the server while they keep editing.
 * Then everyone must end identical to the server's memory and its data folder, with nothing
 * pending anywhere.
 */
export async function runConvergenceBatch(batch: ConvergenceBatch): Promise<ConvergenceFigures> {
  let toggles = 0;
  let cuts = 0;
  let arrived = 0;
  let restarting: Promise<RestartFigures> | undefined;
  let releaseHalfway!: () => void;
  const halfway = new Promise<void>((resolve) => {
    releaseHalfway = resolve;
  });
  const reachHalfway = () => {
    arrived += 1;
    if (arrived === batch.seeds.length) {
      restarting = batch.server.restart(batch.restart);
      // Awaited after the edits; until then a failed restart must not count as unhandled.
      restarting.catch(() => {});
      releaseHalfway();
    }
    return halfway;
  };

  const runSeed = async (seed: number, documentId: string): Promise<CollabClient[]> => {
    const random = seededRandom(seed);
    const people = Array.from({ length: batch.clients }, () =>
      createProvider(batch.proxy.wsUrl, documentId, { token: batch.token }),
    );
    await Promise.all(people.map((person) => waitSynced(person)));
    for (let operation = 0; operation < batch.operations; operation++) {
      if (operation === Math.floor(batch.operations / 2)) await reachHalfway();
      const person = pick(random, people);
      if (chance(random, TOGGLE_CHANCE)) {
        toggles += 1;
        if (person.provider.shouldConnect) person.provider.disconnect();
        else person.provider.connect();
      }
      if (chance(random, CUT_CHANCE) && batch.proxy.dropOne(random)) cuts += 1;
      applyRandomEdit(person.doc, random);
      if (chance(random, PAUSE_CHANCE)) await pause(between(random, 0, 4));
    }
    return people;
  };

  const everyone: CollabClient[][] = [];
  try {
    everyone.push(...(await Promise.all(batch.seeds.map((seed, index) => runSeed(seed, documentIdOf(batch, index))))));
  } catch (error) {
    await restarting?.catch(() => {});
    throw error;
  }
  const lastOperation = performance.now();
  const restart = await (restarting as Promise<RestartFigures>);
  const restartMs = performance.now() - lastOperation;
  const seedPhases: Omit<ConvergencePhases, 'restartMs'>[] = [];
  try {
    seedPhases.push(
      ...(await Promise.all(
        everyone.map((people, index) =>
          expectConverged(batch, people, batch.seeds[index] ?? 0, documentIdOf(batch, index)),
        ),
      )),
    );
  } finally {
    for (const person of everyone.flat()) person.destroy();
  }
  return {
    seeds: batch.seeds,
    operations: batch.operations,
    toggles,
    cuts,
    restart,
    convergeMs: Math.round(performance.now() - lastOperation),
    phases: {
      restartMs: Math.round(restartMs),
      // The batch's seeds converge side by side: each phase is as long as its slowest seed's.
      reconnectMs: Math.round(Math.max(0, ...seedPhases.map((phases) => phases.reconnectMs))),
      agreeMs: Math.round(Math.max(0, ...seedPhases.map((phases) => phases.agreeMs))),
      verifyMs: Math.round(Math.max(0, ...seedPhases.map((phases) => phases.verifyMs))),
    },
  };
}

function documentIdOf(batch: ConvergenceBatch, index: number): string {
  const documentId = batch.documentIds[index];
  if (!documentId) throw new Error(`no draft for seed ${index} of the batch`);
  return documentId;
}

async function expectConverged(
  batch: ConvergenceBatch,
  people: CollabClient[],
  seed: number,
  documentId: string,
): Promise<Omit<ConvergencePhases, 'restartMs'>> {
  const context = `seed ${seed} (replay with TEST_SEED), draft ${documentId}`;
  const started = performance.now();
  for (const person of people) person.provider.connect();
  await Promise.all(people.map((person) => waitSynced(person, 30_000)));
  const synced = performance.now();
  const reference = people[0] as CollabClient;
  await vi.waitFor(
    () => {
      for (const person of people) expect(draftState(person.doc), context).toEqual(draftState(reference.doc));
    },
    { timeout: 30_000, interval: 50 },
  );
  const agreed = performance.now();
  const expected = draftState(reference.doc);
  for (const person of people) expect(hasPending(person.doc), `${context}: a client has pending structs`).toBe(false);

  // The server's memory, as a newcomer loads it directly (not through the slow network).
  const server = batch.server.current;
  const fresh = await loadFresh(server.wsUrl, documentId, batch.token, (doc) => ({
    state: draftState(doc),
    pending: hasPending(doc),
  }));
  expect(fresh.state, `${context}: the server's document`).toEqual(expected);
  expect(fresh.pending, `${context}: the server has pending structs`).toBe(false);

  // The data folder: what a restart would load.
  const stored = storedDoc(server.dataDir, documentId);
  try {
    expect(draftState(stored), `${context}: the stored document`).toEqual(expected);
    expect(hasPending(stored), `${context}: the stored document has gaps`).toBe(false);
  } finally {
    stored.destroy();
  }
  // Every operation each person made is in it, offline ones included.
  for (const person of people) {
    const { clientID } = person.doc;
    expect(expected.clocks[clientID], context).toBe(Y.getState(person.doc.store, clientID));
  }
  return { reconnectMs: synced - started, agreeMs: agreed - synced, verifyMs: performance.now() - agreed };
}

export interface ConvergenceCampaign {
  /** The first seed; seed i of the campaign is `firstSeed + i`. */
  firstSeed: number;
  seeds: number;
  operations: number;
  clients: number;
  /** Seeds run at once, sharing one restart. */
  batchSize: number;
}

export interface CampaignFigures {
  firstSeed: number;
  seeds: number;
  operations: number;
  clients: number;
  restarts: { SIGTERM: number; SIGKILL: number };
  toggles: number;
  cuts: number;
  worstReadyMs: number;
  worstConvergeMs: number;
  /** The phases of the batch that took `worstConvergeMs`. */
  worstConvergePhases: ConvergencePhases | null;
  durationMs: number;
}

/**
 * A whole campaign on one server behind a latency proxy (0–25 ms per chunk): batches of seeds,
 * each batch with one restart, alternating a graceful stop and a crash.
 */
export async function runConvergenceCampaign(campaign: ConvergenceCampaign): Promise<CampaignFigures> {
  const started = performance.now();
  const server = await RestartableServer.start({ env: { SEED_DEMO: 'false' } });
  const proxy = await startLatencyProxy(server.current.port, {
    random: seededRandom(campaign.firstSeed),
    minDelayMs: 0,
    maxDelayMs: 25,
  });
  const figures: CampaignFigures = {
    firstSeed: campaign.firstSeed,
    seeds: campaign.seeds,
    operations: campaign.operations,
    clients: campaign.clients,
    restarts: { SIGTERM: 0, SIGKILL: 0 },
    toggles: 0,
    cuts: 0,
    worstReadyMs: 0,
    worstConvergeMs: 0,
    worstConvergePhases: null,
    durationMs: 0,
  };
  try {
    const drafts = await createDrafts(server.current, campaign.seeds);
    for (let first = 0; first < campaign.seeds; first += campaign.batchSize) {
      const indexes = Array.from({ length: Math.min(campaign.batchSize, campaign.seeds - first) }, (_, i) => first + i);
      const restart: StopKind = (first / campaign.batchSize) % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
      const batch = await runConvergenceBatch({
        server,
        proxy,
        token: drafts.token,
        seeds: indexes.map((index) => campaign.firstSeed + index),
        documentIds: indexes.map((index) => drafts.id(index)),
        clients: campaign.clients,
        operations: campaign.operations,
        restart,
      });
      if (restart === 'SIGTERM') expect(batch.restart.exitCode, 'a graceful stop exits with 0').toBe(0);
      figures.restarts[restart] += 1;
      figures.toggles += batch.toggles;
      figures.cuts += batch.cuts;
      figures.worstReadyMs = Math.max(figures.worstReadyMs, batch.restart.readyMs);
      if (batch.convergeMs >= figures.worstConvergeMs) {
        figures.worstConvergeMs = batch.convergeMs;
        figures.worstConvergePhases = batch.phases;
      }
    }
  } finally {
    await proxy.close();
    await server.dispose();
  }
  figures.durationMs = Math.round(performance.now() - started);
  return figures;
}
