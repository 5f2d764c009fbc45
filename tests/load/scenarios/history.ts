import { BenchClient, type JoinTiming } from '../client';
import { markerText } from '../markers';
import type { BenchServer, ServerKind } from '../servers';
import { median } from '../stats';
import { Typist } from '../typist';
import { fixed, type ScenarioContext } from './context';

const SESSION_ACK_TIMEOUT_MS = 60_000;
const INGEST_TIMEOUT_MS = 120_000;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz ';
/** Joins right after the first one, to separate loading a document from sending it. */
const LOADED_JOINS = 5;

/** One editing session's edits, made up front so generating them costs nothing while measuring. */
interface RecordedSession {
  author: number;
  frames: Uint8Array[];
}

/** Sessions typing one character per edit; the last edit carries a marker so its arrival can be confirmed. */
function recordTypingSessions(sessions: number, editsPerSession: number): RecordedSession[] {
  return Array.from({ length: sessions }, () => {
    const typist = new Typist();
    const frames: Uint8Array[] = [];
    for (let edit = 1; edit < editsPerSession; edit += 1) {
      frames.push(typist.type(LETTERS[(edit * 7) % LETTERS.length] ?? 'a'));
    }
    frames.push(typist.type(markerText(typist.id, editsPerSession)));
    return { author: typist.id, frames };
  });
}

/** Sessions whose every edit is marked, so an observer can count them. */
function recordMarkedSessions(sessions: number, editsPerSession: number): RecordedSession[] {
  return Array.from({ length: sessions }, () => {
    const typist = new Typist();
    const frames = Array.from({ length: editsPerSession }, (_, edit) => typist.type(markerText(typist.id, edit + 1)));
    return { author: typist.id, frames };
  });
}

/** A client that stays on a document and reports which authors' markers it has seen. */
class Observer {
  private readonly seen = new Map<number, number>();
  private readonly waiters = new Map<number, () => void>();
  total = 0;

  private constructor(readonly client: BenchClient) {
    client.onEdit = (sender) => {
      this.total += 1;
      this.seen.set(sender, (this.seen.get(sender) ?? 0) + 1);
      this.waiters.get(sender)?.();
    };
  }

  static async join(url: string): Promise<Observer> {
    const { client } = await BenchClient.connect(url, { timeoutMs: 60_000 });
    return new Observer(client);
  }

  /** Resolves once a marker from `author` arrived. */
  async sawFrom(author: number, timeoutMs: number): Promise<void> {
    if (this.seen.has(author)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const socket = this.client.closeCode === null ? 'still open' : `closed with code ${this.client.closeCode}`;
        const seen = `it saw ${this.total} edits from ${this.seen.size} sessions`;
        reject(new Error(`no edit from session ${author} within ${timeoutMs} ms (observer ${socket}; ${seen})`));
      }, timeoutMs);
      this.waiters.set(author, () => {
        clearTimeout(timer);
        this.waiters.delete(author);
        resolve();
      });
    });
  }

  async sawTotal(count: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (this.total < count) {
      if (performance.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return true;
  }
}

/** Replays sessions one connection each, `concurrency` at a time; each waits until its last edit was broadcast. */
async function replaySessions(
  server: BenchServer,
  documentId: string,
  observer: Observer,
  sessions: readonly RecordedSession[],
  concurrency: number,
) {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let session = sessions[next++]; session !== undefined; session = sessions[next++]) {
      const { client } = await BenchClient.connect(server.documentUrl(documentId), { timeoutMs: 60_000 });
      try {
        await client.sendAll(session.frames);
        await observer.sawFrom(session.author, SESSION_ACK_TIMEOUT_MS).catch((error: Error) => {
          throw new Error(`${server.kind}: ${error.message}`);
        });
      } finally {
        await client.close();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The long-lived document: 500 sessions of 200 one-character edits each build its history on
 * every server. Then ingest (updates/s accepted into it while loaded) and the first join after
 * everyone left (Plenary has unloaded it by then; the reference still holds it in memory).
 */
export async function historyScenarios({ servers, config, book, log }: ScenarioContext): Promise<void> {
  const { sessions, editsPerSession, concurrency } = config.history;
  const pastEdits = sessions * editsPerSession;
  const { senders, editsPerSender } = config.ingest;
  const ingestTotal = senders * editsPerSender;
  const historyLabel = `${pastEdits.toLocaleString('en')} past edits from ${sessions} sessions`;

  const recordBuild = book.define({
    scenario: `building the history: ${historyLabel}`,
    name: 'edits accepted per second (sessions in sequence)',
    unit: 'edits/s',
    better: 'higher',
    note: `${concurrency} sessions at a time, each connects, sends its edits, waits for the broadcast, leaves; measured once`,
  });
  const recordIngest = book.define({
    scenario: `ingest into the document with ${historyLabel}`,
    name: `updates/s accepted (${senders} sessions × ${editsPerSender})`,
    unit: 'updates/s',
    better: 'higher',
    targetRatio: 3,
  });
  const recordJoin = book.define({
    scenario: 'first join of that document (Plenary: after unload; reference: held in memory)',
    name: 'socket open → sync step 2 received',
    unit: 'ms',
    better: 'lower',
    targetRatio: 1.5,
  });
  const recordServerPart = book.define({
    scenario: 'first join of that document (Plenary: after unload; reference: held in memory)',
    name: 'server part (first join − relay join)',
    unit: 'ms',
    better: 'lower',
    plenaryMax: 100,
  });
  const recordLoadedJoin = book.define({
    scenario: 'first join of that document (Plenary: after unload; reference: held in memory)',
    name: `join once loaded everywhere (median of ${LOADED_JOINS})`,
    unit: 'ms',
    better: 'lower',
  });
  const recordStep2Size = book.define({
    scenario: 'first join of that document (Plenary: after unload; reference: held in memory)',
    name: 'sync step 2 size',
    unit: 'KiB',
    better: 'lower',
  });

  log(`recording ${pastEdits} history edits`);
  const history = recordTypingSessions(sessions, editsPerSession);
  const documentOf = new Map<ServerKind, string>();
  const observerOf = new Map<ServerKind, Observer>();
  try {
    for (const server of servers) {
      const [documentId = ''] = await server.createDocuments('history', 1);
      documentOf.set(server.kind, documentId);
      const observer = await Observer.join(server.documentUrl(documentId));
      observerOf.set(server.kind, observer);
      const startedAt = performance.now();
      await replaySessions(server, documentId, observer, history, concurrency);
      const seconds = (performance.now() - startedAt) / 1000;
      recordBuild(server.kind, pastEdits / seconds);
      log(`history on ${server.label}: ${fixed(seconds, 1)} s (${fixed(pastEdits / seconds, 0)} edits/s)`);
    }

    for (let repetition = 1; repetition <= config.repetitions; repetition += 1) {
      const batch = recordMarkedSessions(senders, editsPerSender);
      for (const server of servers) {
        const observer = observerOf.get(server.kind);
        const documentId = documentOf.get(server.kind);
        if (!observer || !documentId) continue;
        const clients = await Promise.all(
          batch.map(
            async () => (await BenchClient.connect(server.documentUrl(documentId), { timeoutMs: 60_000 })).client,
          ),
        );
        const before = observer.total;
        const startedAt = performance.now();
        await Promise.all(batch.map((session, index) => clients[index]?.sendAll(session.frames)));
        const complete = await observer.sawTotal(before + ingestTotal, INGEST_TIMEOUT_MS);
        const seconds = (performance.now() - startedAt) / 1000;
        await Promise.all(clients.map((client) => client.close()));
        const rate = complete ? ingestTotal / seconds : Number.NaN;
        recordIngest(server.kind, rate);
        log(
          `ingest #${repetition} ${server.label}: ${complete ? `${fixed(rate, 0)} updates/s` : 'incomplete within the timeout'}`,
        );
      }
    }
  } finally {
    await Promise.all([...observerOf.values()].map((observer) => observer.client.close()));
  }

  for (let repetition = 1; repetition <= config.joinRepetitions; repetition += 1) {
    // Everyone has left; give Plenary its grace period and time to settle, then join cold.
    await pause(config.afterLeaveWaitMs);
    const firstJoinMs = new Map<ServerKind, number>();
    const loadedJoinMs = new Map<ServerKind, number>();
    for (const server of servers) {
      const documentId = documentOf.get(server.kind);
      if (!documentId) continue;
      const first = await joinOnce(server, documentId);
      firstJoinMs.set(server.kind, first.syncMs);
      recordJoin(server.kind, first.syncMs);
      recordStep2Size(server.kind, first.step2Bytes / 1024);
      // Right after, the document is loaded everywhere: the same join without the load.
      const again: number[] = [];
      for (let join = 0; join < LOADED_JOINS; join += 1) again.push((await joinOnce(server, documentId)).syncMs);
      loadedJoinMs.set(server.kind, median(again));
      recordLoadedJoin(server.kind, median(again));
      log(
        `join #${repetition} ${server.label}: ${fixed(first.syncMs)} ms to sync step 2 ` +
          `(${fixed(first.step2Bytes / 1024, 1)} KiB, connect ${fixed(first.connectMs)} ms); ` +
          `${fixed(median(again))} ms once loaded`,
      );
    }
    // The relay answers at once: its join time is the transport's share of a join.
    const transportMs = loadedJoinMs.get('relay');
    if (transportMs !== undefined) {
      for (const [kind, syncMs] of firstJoinMs) recordServerPart(kind, Math.max(0, syncMs - transportMs));
    }
  }
}

async function joinOnce(server: BenchServer, documentId: string): Promise<JoinTiming> {
  const { client, timing } = await BenchClient.connect(server.documentUrl(documentId), { timeoutMs: 60_000 });
  await client.close();
  return timing;
}
