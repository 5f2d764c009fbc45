/**
 * `pnpm bench`: runs every scenario against Plenary, the reference y-websocket server and a
 * no-Yjs relay, interleaved (A B C, A B C, …), and prints medians with Plenary / reference.
 * BENCH_QUICK=1 for a smoke run; BENCH_SERVERS and BENCH_SCENARIOS (comma lists) to narrow it.
 */
import { join } from 'node:path';
import { benchConfig } from './config';
import { renderTable, summarize, writeJson } from './report';
import { MetricBook } from './results';
import { closeRooms, DeliveryTracker, openRooms, typeLikePeople } from './rooms';
import type { ScenarioContext } from './scenarios/context';
import { fanOutLatency } from './scenarios/fanOutLatency';
import { historyScenarios } from './scenarios/history';
import { memoryFootprint } from './scenarios/memoryFootprint';
import { sustainedRate } from './scenarios/sustainedRate';
import { type BenchServer, launchServer, plenaryAvailable, type ServerKind } from './servers';

const RESULTS_PATH = join(import.meta.dirname, 'results', 'latest.json');
/** Hard stop: the benchmark must end by itself even if a server wedges. */
const WATCHDOG_MS = 30 * 60_000;

const SCENARIOS: Record<string, (context: ScenarioContext) => Promise<void>> = {
  latency: fanOutLatency,
  sustained: sustainedRate,
  history: historyScenarios,
  memory: memoryFootprint,
};

function listFromEnv(name: string, allowed: readonly string[]): string[] {
  const raw = process.env[name];
  if (!raw) return [...allowed];
  const chosen = raw.split(',').map((item) => item.trim());
  const unknown = chosen.filter((item) => !allowed.includes(item));
  if (unknown.length > 0) throw new Error(`${name}: unknown ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
  return chosen;
}

const startedAt = new Date();
const log = (line: string): void => {
  const seconds = ((Date.now() - startedAt.getTime()) / 1000).toFixed(1).padStart(6);
  console.log(`[${seconds}s] ${line}`);
};

async function startServers(kinds: readonly ServerKind[], unloadGraceMs: number, status: Record<string, string>) {
  const servers: BenchServer[] = [];
  for (const kind of kinds) {
    if (kind === 'plenary' && !plenaryAvailable()) {
      status[kind] = 'not run: server/src/main.ts does not exist yet';
      log(`Plenary ${status[kind]}`);
      continue;
    }
    try {
      const server = await launchServer(kind, unloadGraceMs);
      servers.push(server);
      status[kind] = `measured (${server.access})`;
      log(`${server.label} started: ${server.access}`);
    } catch (error) {
      status[kind] =
        `not run: failed to start (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
      log(`${kind} ${status[kind]}`);
      if (error instanceof Error) console.error(error.message);
    }
  }
  return servers;
}

/** A short untimed round on every server so JIT warm-up is not charged to the first scenario. */
async function warmUp(servers: readonly BenchServer[], context: ScenarioContext): Promise<void> {
  for (const server of servers) {
    const rooms = await openRooms(
      server,
      'warmup',
      { documents: 2, clientsPerDocument: 10 },
      context.config.connectConcurrency,
    );
    const tracker = new DeliveryTracker(rooms);
    await typeLikePeople(rooms, tracker, 1_000, 20, 40);
    await tracker.drain(5_000);
    tracker.detach();
    await closeRooms(rooms);
  }
}

async function main(): Promise<void> {
  const config = benchConfig();
  const kinds = listFromEnv('BENCH_SERVERS', ['plenary', 'reference', 'relay']) as ServerKind[];
  const scenarioNames = listFromEnv('BENCH_SCENARIOS', Object.keys(SCENARIOS));
  log(
    `${config.quick ? 'quick' : 'full'} run, ${config.repetitions} interleaved repetitions, scenarios: ${scenarioNames.join(', ')}`,
  );

  const serverStatus: Record<string, string> = {};
  const servers = await startServers(kinds, config.unloadGraceMs, serverStatus);
  if (servers.length === 0) throw new Error('no server could be started');
  const book = new MetricBook();
  const context: ScenarioContext = { servers, config, book, log };
  try {
    await warmUp(servers, context);
    for (const name of scenarioNames) {
      log(`— ${name}`);
      await SCENARIOS[name]?.(context);
    }
  } catch (error) {
    for (const server of servers) {
      const ended = server.ended();
      if (ended) console.error(`${server.label} is no longer running (${ended})`);
      const output = server.output().trim();
      if (output) console.error(`--- last output of ${server.label} ---\n${output.slice(-4_000)}`);
    }
    throw error;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }

  const summaries = book.metrics.map(summarize);
  const measuredKinds = servers.map((server) => server.kind);
  console.log('');
  console.log(
    `Medians of ${config.repetitions} interleaved repetitions${config.quick ? ' (BENCH_QUICK smoke run: small counts)' : ''}`,
  );
  console.log(renderTable(summaries, measuredKinds));
  for (const [kind, status] of Object.entries(serverStatus)) {
    if (status.startsWith('not run')) console.log(`${kind}: ${status}`);
  }
  writeJson(
    RESULTS_PATH,
    {
      config,
      command: `${config.quick ? 'BENCH_QUICK=1 ' : ''}npx -y pnpm@10.34.9 bench`,
      startedAt,
      durationS: (Date.now() - startedAt.getTime()) / 1000,
      servers: serverStatus,
    },
    summaries,
  );
  log(`results written to ${RESULTS_PATH}`);
}

const watchdog = setTimeout(() => {
  console.error('benchmark watchdog: still running after 30 minutes, giving up');
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

main()
  .then(
    () => {
      process.exitCode = 0;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  )
  .finally(() => {
    // Everything is closed by now; if some socket still lingers, do not let it hold the run open.
    setTimeout(() => {
      console.error('benchmark: handles still open 5 s after the end; exiting');
      process.exit(process.exitCode ?? 0);
    }, 5_000).unref();
  });
