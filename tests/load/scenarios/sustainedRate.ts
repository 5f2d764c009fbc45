import { closeRooms, DeliveryTracker, openRooms, type Room, typeAtRate } from '../rooms';
import type { BenchServer, ServerKind } from '../servers';
import { fixed, type ScenarioContext } from './context';

/** A window whose deliveries have not all arrived by then counts as overloaded. */
const DRAIN_TIMEOUT_MS = 10_000;

interface WindowResult {
  p99: number;
  delivered: number;
  complete: boolean;
  skipped: number;
  cpuSeconds: number;
  /** The load generator's (this process's) CPU over the window's wall time: near 1, it is the limit. */
  generatorLoad: number;
}

async function runWindow(
  server: BenchServer,
  rooms: readonly Room[],
  rate: number,
  durationMs: number,
): Promise<WindowResult> {
  const tracker = new DeliveryTracker(rooms);
  const cpuBefore = server.cpuSeconds();
  const generatorBefore = process.cpuUsage();
  const startedAt = performance.now();
  await typeAtRate(rooms, tracker, rate, durationMs);
  const complete = await tracker.drain(DRAIN_TIMEOUT_MS);
  const cpuSeconds = server.cpuSeconds() - cpuBefore;
  const generatorCpu = process.cpuUsage(generatorBefore);
  const generatorLoad = (generatorCpu.user + generatorCpu.system) / 1000 / (performance.now() - startedAt);
  tracker.detach();
  return {
    p99: tracker.latencies.summary().p99,
    delivered: tracker.delivered,
    complete,
    skipped: tracker.skipped,
    cpuSeconds,
    generatorLoad,
  };
}

/**
 * Sustained edit rate in 10-client rooms: the total edit rate is stepped up, every server taking
 * each step in turn, until p99 fan-out latency passes the limit (or deliveries go missing, or
 * senders back up). Also CPU per delivered update at one fixed rate every server sustains.
 */
export async function sustainedRate({ servers, config, book, log }: ScenarioContext): Promise<void> {
  const { layout, rates, windowMs, p99LimitMs, cpuRate, cpuWindowMs } = config.sustained;
  const shape = `${layout.documents} docs × ${layout.clientsPerDocument} clients`;
  const topRate = rates[rates.length - 1] ?? 0;
  const recordRate = book.define({
    scenario: `sustained edit rate, ${shape}`,
    name: `edits/s with p99 ≤ ${p99LimitMs} ms`,
    unit: 'edits/s',
    better: 'higher',
    targetRatio: 1.5,
    note: `steps ${rates.join(', ')} edits/s of ${windowMs} ms, a failed step tried twice; ${topRate} means it passed every step`,
  });
  const recordCpu = book.define({
    scenario: `server CPU at ${cpuRate} edits/s, ${shape}`,
    name: 'CPU per delivered update',
    unit: 'µs',
    better: 'lower',
    targetRatio: 0.65,
  });
  for (let repetition = 1; repetition <= config.repetitions; repetition += 1) {
    const roomsOf = new Map<ServerKind, Room[]>();
    try {
      for (const server of servers)
        roomsOf.set(server.kind, await openRooms(server, 'rate', layout, config.connectConcurrency));
      for (const server of servers) {
        const result = await runWindow(server, roomsOf.get(server.kind) ?? [], cpuRate, cpuWindowMs);
        const perUpdate = (result.cpuSeconds * 1e6) / result.delivered;
        recordCpu(server.kind, perUpdate);
        log(
          `CPU #${repetition} ${server.label}: ${fixed(perUpdate)} µs per delivered update (${result.delivered} deliveries, ${fixed(result.cpuSeconds)} s CPU)`,
        );
      }
      const sustained = new Map<ServerKind, number>();
      let climbing = [...servers];
      for (const rate of rates) {
        for (const server of climbing) {
          // A shared machine has hiccups: a step counts as failed only when a second try fails too.
          let passed = false;
          for (let attempt = 1; attempt <= 2 && !passed; attempt += 1) {
            const result = await runWindow(server, roomsOf.get(server.kind) ?? [], rate, windowMs);
            passed = result.complete && result.skipped === 0 && result.p99 <= p99LimitMs;
            log(
              `rate #${repetition} ${server.label} ${rate}/s${attempt > 1 ? ' (again)' : ''}: p99 ${fixed(result.p99)} ms` +
                ` (load generator ${Math.round(result.generatorLoad * 100)} % of a core)` +
                `${result.complete ? '' : ', deliveries missing'}${result.skipped ? `, ${result.skipped} edits held back` : ''}` +
                ` → ${passed ? 'pass' : 'over the limit'}`,
            );
          }
          if (passed) sustained.set(server.kind, rate);
          else climbing = climbing.filter((candidate) => candidate !== server);
        }
        if (climbing.length === 0) break;
      }
      for (const server of servers) recordRate(server.kind, sustained.get(server.kind) ?? 0);
    } finally {
      await closeRooms([...roomsOf.values()].flat());
    }
  }
}
