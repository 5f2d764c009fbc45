/** Sizes and durations of every scenario: the full run, or a ~2 minute smoke run with BENCH_QUICK=1. */

export interface RoomLayout {
  documents: number;
  clientsPerDocument: number;
}

export interface BenchConfig {
  quick: boolean;
  /** Interleaved repetitions per scenario; figures are their medians. */
  repetitions: number;
  /** Repetitions of the first-join scenario: one cold sample each, so it takes more. */
  joinRepetitions: number;
  /** How long Plenary keeps an idle document in memory (its UNLOAD_GRACE_MS). */
  unloadGraceMs: number;
  /** How long to wait after the last client left before measuring what a server still holds. */
  afterLeaveWaitMs: number;
  connectConcurrency: number;
  latency: { layouts: RoomLayout[]; durationMs: number; minIntervalMs: number; maxIntervalMs: number };
  sustained: {
    layout: RoomLayout;
    /** Total edits per second across all rooms, stepped up until p99 passes the limit. */
    rates: number[];
    windowMs: number;
    p99LimitMs: number;
    /** The fixed rate at which CPU per delivered update is measured. */
    cpuRate: number;
    cpuWindowMs: number;
  };
  history: { sessions: number; editsPerSession: number; concurrency: number };
  ingest: { senders: number; editsPerSender: number };
  memory: { documents: number; editsPerDocument: number; extraConnectionsPerDocument: number };
}

const FULL: BenchConfig = {
  quick: false,
  repetitions: 3,
  joinRepetitions: 5,
  unloadGraceMs: 2_000,
  afterLeaveWaitMs: 5_000,
  connectConcurrency: 20,
  latency: {
    layouts: [
      { documents: 1, clientsPerDocument: 10 },
      { documents: 1, clientsPerDocument: 100 },
      { documents: 20, clientsPerDocument: 10 },
    ],
    durationMs: 4_000,
    minIntervalMs: 200,
    maxIntervalMs: 300,
  },
  sustained: {
    layout: { documents: 10, clientsPerDocument: 10 },
    // Up to where the relay (no Yjs at all) fails too: there the load generator, not a server, is
    // the limit on 2 cores (each step's log line shows the generator's CPU).
    rates: [1_000, 2_000, 4_000, 6_000, 8_000, 10_000, 12_000, 14_000, 16_000],
    windowMs: 2_000,
    p99LimitMs: 50,
    cpuRate: 1_000,
    cpuWindowMs: 3_000,
  },
  history: { sessions: 500, editsPerSession: 200, concurrency: 10 },
  ingest: { senders: 10, editsPerSender: 500 },
  memory: { documents: 200, editsPerDocument: 40, extraConnectionsPerDocument: 5 },
};

const QUICK: BenchConfig = {
  ...FULL,
  quick: true,
  joinRepetitions: 3,
  afterLeaveWaitMs: 3_000,
  latency: {
    ...FULL.latency,
    layouts: [
      { documents: 1, clientsPerDocument: 10 },
      { documents: 1, clientsPerDocument: 50 },
      { documents: 10, clientsPerDocument: 10 },
    ],
    durationMs: 600,
  },
  sustained: { ...FULL.sustained, rates: [1_000, 3_000], windowMs: 500, cpuRate: 500, cpuWindowMs: 600 },
  history: { sessions: 100, editsPerSession: 50, concurrency: 10 },
  ingest: { senders: 4, editsPerSender: 500 },
  memory: { documents: 30, editsPerDocument: 20, extraConnectionsPerDocument: 4 },
};

/** The configuration chosen by the environment (BENCH_QUICK=1, BENCH_REPS=n, BENCH_SUSTAINED_RATES=a,b,…). */
export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const base = env.BENCH_QUICK === '1' ? QUICK : FULL;
  const rates = env.BENCH_SUSTAINED_RATES?.split(',').map(Number);
  const sustained =
    rates && rates.length > 0 && rates.every((rate) => Number.isInteger(rate) && rate > 0)
      ? { ...base.sustained, rates }
      : base.sustained;
  const repetitions = Number(env.BENCH_REPS ?? base.repetitions);
  if (!Number.isInteger(repetitions) || repetitions < 1) return { ...base, sustained };
  // Fewer repetitions than the default is a quick look; more, and the join gets at least as many.
  const joinRepetitions = repetitions < base.repetitions ? repetitions : Math.max(repetitions, base.joinRepetitions);
  return { ...base, repetitions, joinRepetitions, sustained };
}
