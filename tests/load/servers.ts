import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CloseCode, COLLAB_PATH } from '@plenary/shared/protocol';
import { freePort, REPO_ROOT, startServer, tempDataDir } from '../support/serverProcess';
import { BenchClient, ClosedBeforeSyncError } from './client';
import { PlenaryWorkspace } from './plenaryAccess';
import { cpuSeconds, descendantsOf, rssBytes } from './processStats';

/** The three servers every scenario runs against. */
export type ServerKind = 'plenary' | 'reference' | 'relay';

export const SERVER_LABELS: Record<ServerKind, string> = {
  plenary: 'Plenary',
  reference: 'y-websocket ref',
  relay: 'relay (floor)',
};

/** Memory of a server process: RSS from /proc, and V8's accounting right after a full GC. */
export interface MemorySample {
  rssBytes: number;
  /** heapUsed + external after a forced full GC: memory the process really still holds. */
  liveBytes: number;
}

/** A running server under test, measured from the outside. */
export interface BenchServer {
  readonly kind: ServerKind;
  readonly label: string;
  /** How the benchmark gets in and gets documents, for the report. */
  readonly access: string;
  /** New, never used documents (a server with access control creates them through its API). */
  createDocuments(label: string, count: number): Promise<string[]>;
  /** WebSocket URL of one document, with credentials when the server wants them. */
  documentUrl(documentId: string): string;
  /** CPU seconds used so far by the whole server process tree. */
  cpuSeconds(): number;
  memory(): Promise<MemorySample>;
  /** The server's console output, for diagnosing a failure. */
  output(): string;
  /** How the process ended ('exit code 1', 'signal SIGKILL'), or null while it runs. */
  ended(): string | null;
  stop(): Promise<void>;
}

const TESTS_ROOT = join(REPO_ROOT, 'tests');
const TSX_BIN = join(TESTS_ROOT, 'node_modules', '.bin', 'tsx');
const PROBE_MODULE = pathToFileURL(join(import.meta.dirname, 'memoryProbe.mjs')).href;
const PLENARY_ENTRY = join(REPO_ROOT, 'server', 'src', 'main.ts');
const OUTPUT_LIMIT = 64 * 1024;

/** Environment that loads the memory probe into a server process. */
function probeEnvironment(probeDir: string): Record<string, string> {
  const inherited = process.env.NODE_OPTIONS ?? '';
  return { BENCH_PROBE_DIR: probeDir, NODE_OPTIONS: `${inherited} --import ${PROBE_MODULE}`.trim() };
}

/** Whether Plenary's server entry point exists yet. */
export function plenaryAvailable(): boolean {
  return existsSync(PLENARY_ENTRY);
}

let documentCounter = 0;
const RUN_TAG = Date.now().toString(36);

/** A document id never used before in this run, so no scenario sees another's content. */
function freshDocumentId(label: string): string {
  documentCounter += 1;
  return `bench-${label}-${RUN_TAG}-${documentCounter}`;
}

/** How the benchmark gets documents on a server, and the query string its sockets need. */
interface DocumentSource {
  description: string;
  createDocuments(label: string, count: number): Promise<string[]>;
  query: string;
}

const OPEN_DOCUMENTS: DocumentSource = {
  description: 'any document id, no credentials',
  createDocuments: async (label, count) => Array.from({ length: count }, () => freshDocumentId(label)),
  query: '',
};

/**
 * Every benchmark client comes from 127.0.0.1 with one session: per-address and per-participant
 * connection limits meant for a venue's NAT and a person's tabs would refuse them, and per-socket
 * message limits would turn the ingest test into a test of the limiter. The other servers have
 * no such limits.
 */
const PLENARY_LIMITS_LIFTED: Record<string, string> = {
  MAX_CONNECTIONS: '1000000',
  MAX_CONNECTIONS_PER_IP: '1000000',
  MAX_CONNECTIONS_PER_PARTICIPANT: '1000000',
  MESSAGE_RATE_PER_SECOND: '1000000',
  AWARENESS_RATE_PER_SECOND: '1000000',
};

interface ProcessHandle {
  child: ChildProcess;
  rootPid: number;
  wsBase: string;
  documents: DocumentSource;
  output(): string;
  stop(): Promise<unknown>;
  kill(): Promise<unknown>;
}

/** Starts one server of the given kind and waits until it answers and its probe is up. */
export async function launchServer(kind: ServerKind, unloadGraceMs: number): Promise<BenchServer> {
  const probeDir = mkdtempSync(join(tmpdir(), `plenary-bench-probe-${kind}-`));
  const env = probeEnvironment(probeDir);
  const dataDir = tempDataDir('plenary-bench-data-');
  const removeTemporaryFolders = (): void => {
    rmSync(probeDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  let handle: ProcessHandle;
  let probe: { pid: number; port: number };
  try {
    handle = kind === 'plenary' ? await launchPlenary(env, dataDir, unloadGraceMs) : await launchScript(kind, env);
  } catch (error) {
    removeTemporaryFolders();
    throw error;
  }
  try {
    probe = await waitForProbe(probeDir, handle.rootPid);
  } catch (error) {
    await handle.kill();
    removeTemporaryFolders();
    throw error;
  }
  const tree = (): number[] => [handle.rootPid, ...descendantsOf(handle.rootPid)];
  return {
    kind,
    label: SERVER_LABELS[kind],
    access: handle.documents.description,
    createDocuments: (label, count) => handle.documents.createDocuments(label, count),
    documentUrl: (documentId) => `${handle.wsBase}/${documentId}${handle.documents.query}`,
    cpuSeconds: () => cpuSeconds(tree()),
    async memory() {
      const response = await fetch(`http://127.0.0.1:${probe.port}/memory`);
      const usage = (await response.json()) as NodeJS.MemoryUsage;
      return { rssBytes: rssBytes(probe.pid), liveBytes: usage.heapUsed + usage.external };
    },
    output: handle.output,
    ended: () => {
      const { exitCode, signalCode } = handle.child;
      if (signalCode !== null) return `signal ${signalCode}`;
      return exitCode === null ? null : `exit code ${exitCode}`;
    },
    async stop() {
      const stopped = handle.stop();
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
      if ((await Promise.race([stopped, timeout])) === 'timeout') await handle.kill();
      removeTemporaryFolders();
    },
  };
}

async function launchPlenary(
  env: Record<string, string>,
  dataDir: string,
  unloadGraceMs: number,
): Promise<ProcessHandle> {
  const server = await startServer({
    dataDir,
    // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where Plenary's time goes under load.
    nodeArgs: process.env.BENCH_PLENARY_NODE_ARGS?.split(' ').filter(Boolean),
    env: { ...env, ...PLENARY_LIMITS_LIFTED, UNLOAD_GRACE_MS: String(unloadGraceMs) },
  });
  const rootPid = server.child.pid;
  if (rootPid === undefined) throw new Error('Plenary server has no pid');
  let documents = OPEN_DOCUMENTS;
  try {
    documents = await plenaryDocumentSource(server);
  } catch (error) {
    await server.kill();
    throw error;
  }
  return {
    child: server.child,
    rootPid,
    wsBase: server.wsUrl,
    documents,
    output: server.output,
    stop: server.stop,
    kill: server.kill,
  };
}

/**
 * Plenary of issue 2 opens any well-formed document id; from issue 3 on, the endpoint wants a
 * session and a document that belongs to a workshop. Try the first, fall back to the second.
 */
async function plenaryDocumentSource(server: Awaited<ReturnType<typeof startServer>>): Promise<DocumentSource> {
  try {
    const { client } = await BenchClient.connect(`${server.wsUrl}/${freshDocumentId('probe')}`, { awareness: false });
    await client.close();
    return OPEN_DOCUMENTS;
  } catch (error) {
    if (!(error instanceof ClosedBeforeSyncError) || error.code !== CloseCode.Unauthorized) throw error;
  }
  const workspace = await PlenaryWorkspace.open(server);
  return {
    description: 'operator session token; each document is a group draft created through the API',
    createDocuments: (label, count) => workspace.createDocuments(label, count),
    query: `?token=${encodeURIComponent(workspace.token)}`,
  };
}

/** Spawns one of our launcher scripts the way `startServer` spawns Plenary: tsx, fresh port, /healthz. */
async function launchScript(kind: Exclude<ServerKind, 'plenary'>, env: Record<string, string>): Promise<ProcessHandle> {
  const script = join(import.meta.dirname, kind === 'reference' ? 'referenceServer.ts' : 'relayServer.ts');
  const port = await freePort();
  let output = '';
  const child = spawn(TSX_BIN, [script], {
    cwd: TESTS_ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForHealth(child, `http://127.0.0.1:${port}`, () => output);
  const rootPid = child.pid;
  if (rootPid === undefined) throw new Error(`${kind} server has no pid`);
  const signal = async (name: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return {
    child,
    rootPid,
    wsBase: `ws://127.0.0.1:${port}${COLLAB_PATH}`,
    documents: OPEN_DOCUMENTS,
    output: () => output,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
  };
}

async function waitForHealth(child: ChildProcess, httpUrl: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${httpUrl}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within 30 s:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The probe announces itself with a file named after its pid; take the one inside this server's tree. */
async function waitForProbe(probeDir: string, rootPid: number): Promise<{ pid: number; port: number }> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const tree = new Set([rootPid, ...descendantsOf(rootPid)]);
    for (const file of readdirSync(probeDir)) {
      try {
        const probe = JSON.parse(readFileSync(join(probeDir, file), 'utf8')) as { pid: number; port: number };
        if (tree.has(probe.pid) && probe.port > 0) return probe;
      } catch {
        // written but not complete yet
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`memory probe did not start in the server process (pid ${rootPid})`);
}
