import { expect, vi } from 'vitest';
import { appendParagraph, clocksOf, draftState, paragraphTexts } from '../support/draftContent';
import { between, type Random } from '../support/seededRandom';
import type { ServerProcess } from '../support/serverProcess';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy';
import { createWorkshop } from '../support/workshopFixture';
import { type CollabClient, createProvider, loadFresh, waitSynced } from '../support/yClients';
import { RestartableServer } from './restartableServer';

/** The bound: with 1 000 stored documents the server answers /healthz within 5 s of starting. */
export const READY_WITHIN_MS = 5_000;
/**
 * Wall time to ready depends on what else the two cores are doing: in the main test run browsers
 * and other servers compete, so there the bound is on the process's own CPU time and wall time
 * only guards against a hang; `pnpm test:fault` runs files one by one and holds wall time to 5 s.
 */
export interface ReadyBounds {
  wallMs: number;
  cpuMs: number;
}
/** Paragraphs each reader must receive in a trial before the kill can come: we are mid-stream. */
const MIN_RECEIVED_PER_TRIAL = 20;
/** The kill comes after a random further number of received paragraphs, up to this. */
const MAX_EXTRA_BEFORE_KILL = 80;
/**
 * Reconnect backoff cap of the test's providers. The stock default (2.5 s) would only make each
 * trial wait longer; how fast a client retries is the client's policy, not the server's promise.
 */
const CLIENT_MAX_BACKOFF_MS = 250;

/**
 * A data folder holding `count` stored documents, made the way a facilitator makes them: groups in
 * workshops, each group's draft seeded with its template. Returns the operator's token (it may
 * write every draft) and the draft ids.
 */
export async function seedStoredDrafts(
  server: ServerProcess,
  count: number,
  perWorkshop = 100,
): Promise<{ token: string; documentIds: string[] }> {
  const documentIds: string[] = [];
  let token = '';
  for (let made = 0; made < count; made += perWorkshop) {
    const workshop = await createWorkshop(
      server,
      Math.min(perWorkshop, count - made),
      `Workshop ${made / perWorkshop + 1}`,
    );
    token = workshop.facilitatorToken;
    documentIds.push(...workshop.groups.map((group) => group.documentId));
  }
  return { token, documentIds };
}

interface Person {
  readonly name: string;
  readonly client: CollabClient;
  readonly documentId: string;
  /** Paragraphs this person typed, whether or not the server got them. */
  readonly written: string[];
}

interface Received {
  readonly person: Person;
  /** Per Yjs client other than the person's own: the operations received from the server. */
  readonly clocks: Record<string, number>;
  readonly paragraphs: string[];
}

export interface CrashTrialFigures {
  trials: number;
  storedDocuments: number;
  /** Paragraphs the readers had received in each trial when the kill came, summed over the trials. */
  receivedAtKill: number;
  /** Paragraphs typed in total (some while the server was down). */
  typed: number;
  worstReadyMs: number;
  meanReadyMs: number;
  worstReadyCpuMs: number;
  durationMs: number;
}

/**
 * SIGKILL trials: several people stream numbered paragraphs into two drafts of a data folder with
 * many stored documents (two new ones each trial); at a random moment the network is cut and the server killed. The restarted
 * server must be ready within 5 s and, checked before any client can resend a thing, hold every
 * operation any client had received from it, each paragraph once. Then the clients come back by
 * themselves and everything typed, during the outage too, arrives once.
 */
export class CrashTrials {
  private trialNumber = 0;
  private readonly readyTimes: number[] = [];
  private readonly readyCpuTimes: number[] = [];
  private receivedAtKill = 0;
  private typed = 0;
  private writing: NodeJS.Timeout | undefined;
  private people: Person[] = [];

  private constructor(
    private readonly server: RestartableServer,
    private readonly proxy: TcpProxy,
    private readonly token: string,
    private readonly documentIds: readonly string[],
    private readonly bounds: ReadyBounds,
  ) {}

  static async open(storedDocuments: number, bounds: ReadyBounds): Promise<CrashTrials> {
    const server = await RestartableServer.start({
      env: { SEED_DEMO: 'false', JOIN_RATE_LIMIT_PER_MINUTE: '100000', JOINS_PER_MINUTE: '100000' },
    });
    const { token, documentIds } = await seedStoredDrafts(server.current, storedDocuments);
    const proxy = await startTcpProxy(server.current.port);
    return new CrashTrials(server, proxy, token, documentIds, bounds);
  }

  /**
   * Seats everyone on the next two stored drafts: documents stay small, so checking them stays
   * cheap, and each restart has to load drafts it has never served.
   */
  private async seat(): Promise<void> {
    this.leave();
    const at = (2 * (this.trialNumber - 1)) % this.documentIds.length;
    const first = this.documentIds[at] as string;
    const second = this.documentIds[(at + 1) % this.documentIds.length] as string;
    const cast: Array<[string, string]> = [
      ['amina', first],
      ['bilal', first],
      ['rosa', first],
      ['chen', second],
      ['dara', second],
      ['ed', second],
    ];
    this.people = cast.map(([name, documentId]) => {
      const client = createProvider(this.proxy.wsUrl, documentId, { token: this.token });
      client.provider.maxBackoffTime = CLIENT_MAX_BACKOFF_MS;
      return { name, client, documentId, written: [] };
    });
    await Promise.all(this.people.map((person) => waitSynced(person.client)));
  }

  private leave(): void {
    for (const person of this.people) {
      this.typed += person.written.length;
      person.client.destroy();
    }
    this.people = [];
  }

  /** Writers type a numbered paragraph every 2 ms, taking turns; the rest only watch. */
  private startWriting(): void {
    const writers = this.people.filter((person) => ['amina', 'bilal', 'chen', 'dara'].includes(person.name));
    let turn = 0;
    this.writing = setInterval(() => {
      const writer = writers[turn++ % writers.length] as Person;
      const text = `${writer.name} t${this.trialNumber} #${writer.written.length}`;
      appendParagraph(writer.client.doc, text);
      writer.written.push(text);
    }, 2);
  }

  private stopWriting(): void {
    clearInterval(this.writing);
  }

  private readers(): Person[] {
    return this.people.filter((person) => ['rosa', 'ed'].includes(person.name));
  }

  /** One trial: stream, kill at a random moment, check the restarted server alone, let everyone back. */
  async trial(random: Random): Promise<void> {
    this.trialNumber += 1;
    const context = `trial ${this.trialNumber}`;
    await this.seat();
    const before = new Map(this.readers().map((reader) => [reader, paragraphTexts(reader.client.doc).length]));
    const killAfter = MIN_RECEIVED_PER_TRIAL + between(random, 0, MAX_EXTRA_BEFORE_KILL);
    this.startWriting();
    try {
      await vi.waitFor(
        () => {
          for (const [reader, count] of before) {
            expect(paragraphTexts(reader.client.doc).length - count, context).toBeGreaterThanOrEqual(killAfter);
          }
        },
        { timeout: 20_000, interval: 5 },
      );
      const closesBefore = this.people.map((person) => person.client.closeCodes.length);
      this.proxy.block();
      await this.server.stop('SIGKILL');
      // Writers keep typing through the outage, as people do.
      await vi.waitFor(
        () => {
          this.people.forEach((person, index) => {
            expect(person.client.closeCodes.length, `${context}: ${person.name} noticed`).toBeGreaterThan(
              closesBefore[index] ?? 0,
            );
          });
        },
        { timeout: 10_000, interval: 5 },
      );
    } finally {
      this.stopWriting();
    }
    // Nothing reaches any client now: what they hold from the server is exactly what they received.
    const received = this.people.map((person) => receivedFromServer(person));
    for (const [reader, count] of before) this.receivedAtKill += paragraphTexts(reader.client.doc).length - count;

    const { readyMs, readyCpuMs } = await this.server.startAgain();
    this.readyTimes.push(readyMs);
    this.readyCpuTimes.push(readyCpuMs);
    const ready = `${context}: ready with ${this.documentIds.length} stored documents`;
    expect(readyMs, `${ready} (wall time)`).toBeLessThanOrEqual(this.bounds.wallMs);
    expect(readyCpuMs, `${ready} (CPU time)`).toBeLessThanOrEqual(this.bounds.cpuMs);
    for (const documentId of new Set(this.people.map((person) => person.documentId))) {
      const recovered = await loadFresh(this.server.current.wsUrl, documentId, this.token, (doc) => ({
        clocks: clocksOf(doc),
        paragraphs: paragraphTexts(doc),
      }));
      expectEachOnce(recovered.paragraphs, `${context}: ${documentId} after the crash`);
      const kept = new Set(recovered.paragraphs);
      for (const seen of received.filter((r) => r.person.documentId === documentId)) {
        for (const [clientId, clock] of Object.entries(seen.clocks)) {
          expect(
            recovered.clocks[clientId] ?? 0,
            `${context}: operations of Yjs client ${clientId} that ${seen.person.name} had received`,
          ).toBeGreaterThanOrEqual(clock);
        }
        expect(
          seen.paragraphs.filter((paragraph) => !kept.has(paragraph)),
          `${context}: paragraphs ${seen.person.name} had seen`,
        ).toEqual([]);
      }
    }

    this.proxy.unblock();
    await this.expectEveryoneBack(context);
  }

  /** Clients reconnect on their own and converge; everything anyone typed is there, once. */
  private async expectEveryoneBack(context: string): Promise<void> {
    await Promise.all(this.people.map((person) => waitSynced(person.client, 30_000)));
    for (const documentId of new Set(this.people.map((person) => person.documentId))) {
      const here = this.people.filter((person) => person.documentId === documentId);
      const reference = here[0] as Person;
      await vi.waitFor(
        () => {
          for (const person of here) {
            expect(draftState(person.client.doc), context).toEqual(draftState(reference.client.doc));
          }
        },
        { timeout: 30_000, interval: 20 },
      );
      const final = paragraphTexts(reference.client.doc);
      expectEachOnce(final, `${context}: ${documentId} after everyone came back`);
      const present = new Set(final);
      for (const person of here) {
        expect(
          person.written.filter((paragraph) => !present.has(paragraph)),
          `${context}: typed by ${person.name}`,
        ).toEqual([]);
      }
    }
  }

  figures(durationMs: number): CrashTrialFigures {
    return {
      trials: this.trialNumber,
      storedDocuments: this.documentIds.length,
      receivedAtKill: this.receivedAtKill,
      typed: this.typed + this.people.reduce((sum, person) => sum + person.written.length, 0),
      worstReadyMs: Math.max(...this.readyTimes),
      meanReadyMs: Math.round(this.readyTimes.reduce((sum, ms) => sum + ms, 0) / this.readyTimes.length),
      worstReadyCpuMs: Math.max(...this.readyCpuTimes),
      durationMs,
    };
  }

  async close(): Promise<void> {
    this.stopWriting();
    this.leave();
    await this.proxy.close();
    await this.server.dispose();
  }
}

/** What `person` holds that came from the server: every operation but its own, and the text. */
function receivedFromServer(person: Person): Received {
  const own = String(person.client.doc.clientID);
  const clocks = Object.fromEntries(Object.entries(clocksOf(person.client.doc)).filter(([id]) => id !== own));
  // A writer's own paragraphs may not have reached the server; only a reader's text is all received.
  const paragraphs = person.written.length === 0 ? paragraphTexts(person.client.doc) : [];
  return { person, clocks, paragraphs };
}

/** Numbered paragraphs appear once each: a crash and the resends after it duplicate nothing. */
function expectEachOnce(paragraphs: readonly string[], context: string): void {
  const seen = new Set<string>();
  const doubled = paragraphs.filter((paragraph) => {
    if (!paragraph.includes(' #')) return false;
    if (seen.has(paragraph)) return true;
    seen.add(paragraph);
    return false;
  });
  expect(doubled, `${context}: duplicated paragraphs`).toEqual([]);
}
