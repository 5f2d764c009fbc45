import { closeRooms, DeliveryTracker, openRooms, typeLikePeople } from '../rooms';
import { fixed, type ScenarioContext } from './context';

const DRAIN_TIMEOUT_MS = 5_000;

/**
 * Fan-out latency at typing rate: every client types one small edit every 200–300 ms; each
 * delivery to another client of the room is timed from its send.
 */
export async function fanOutLatency({ servers, config, book, log }: ScenarioContext): Promise<void> {
  const { layouts, durationMs, minIntervalMs, maxIntervalMs } = config.latency;
  for (const layout of layouts) {
    const shape = `${layout.documents} doc${layout.documents === 1 ? '' : 's'} × ${layout.clientsPerDocument} clients`;
    const scenario = `fan-out latency, ${shape}`;
    const recordP50 = book.define({
      scenario,
      name: 'p50',
      unit: 'ms',
      better: 'lower',
      targetRatio: 1,
      relayGapTarget: 0.3,
    });
    const recordP99 = book.define({ scenario, name: 'p99', unit: 'ms', better: 'lower', targetRatio: 1 });
    const recordLost = book.define({ scenario, name: 'deliveries missing', unit: '%', better: 'lower' });
    for (let repetition = 1; repetition <= config.repetitions; repetition += 1) {
      for (const server of servers) {
        const rooms = await openRooms(server, 'latency', layout, config.connectConcurrency);
        const tracker = new DeliveryTracker(rooms);
        await typeLikePeople(rooms, tracker, durationMs, minIntervalMs, maxIntervalMs);
        await tracker.drain(DRAIN_TIMEOUT_MS);
        tracker.detach();
        await closeRooms(rooms);
        const { p50, p99, count } = tracker.latencies.summary();
        const missing = tracker.expected === 0 ? 0 : (100 * (tracker.expected - tracker.delivered)) / tracker.expected;
        recordP50(server.kind, p50);
        recordP99(server.kind, p99);
        recordLost(server.kind, missing);
        log(
          `${scenario} #${repetition} ${server.label}: p50 ${fixed(p50)} ms, p99 ${fixed(p99)} ms, ${count} deliveries, ${fixed(missing)}% missing`,
        );
      }
    }
  }
}
