import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Repository root, from tests/support. */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

const SERVER_ENTRY = join(REPO_ROOT, 'server', 'src', 'main.ts');
// The tsx CLI runs the script in a grandchild process, so a SIGKILL to the CLI would leave the
// server running; loading tsx as a loader into our own child makes the signals reach the server.
const TSX_LOADER = pathToFileURL(createRequire(join(REPO_ROOT, 'server', 'package.json')).resolve('tsx')).href;
const READY_PROBE_TIMEOUT_MS = 2_000;

/** Servers still running when the test process exits are killed, so no run leaks a process. */
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

/** A free TCP port on loopback, chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** A fresh, empty data folder for one test server. */
export function tempDataDir(prefix = 'plenary-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface ServerProcessOptions {
  dataDir?: string;
  port?: number;
  env?: Record<string, string>;
  /** Extra flags for node itself, before the entry point (e.g. `--inspect` for a memory probe). */
  nodeArgs?: string[];
}

/** A real Plenary server process (the same entry point `npm start` runs). */
export interface ServerProcess {
  readonly port: number;
  readonly dataDir: string;
  readonly httpUrl: string;
  readonly wsUrl: string;
  readonly child: ChildProcess;
  /** Everything the process printed, for assertions and for debugging a failure. */
  output(): string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit, as a crash or power cut would. */
  kill(): Promise<void>;
}

/** Starts a server process and resolves once `GET /healthz` answers 200. */
export async function startServer(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDataDir();
  let output = '';
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', TSX_LOADER, SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      // Synthetic clients send thousands of updates a second, far past what a person types, and
      // many of them share one session; the limits have their own tests (fault/limits), which
      // set them explicitly.
      MESSAGE_RATE_PER_SECOND: '1000000',
      AWARENESS_RATE_PER_SECOND: '1000000',
      MAX_CONNECTIONS_PER_PARTICIPANT: '1000000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  liveChildren.add(child);
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      liveChildren.delete(child);
      resolveExit(code);
    });
  });
  const httpUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output}`);
    }
    try {
      // A server that accepts but never answers must not stall the wait past the deadline.
      const response = await fetch(`${httpUrl}/healthz`, {
        signal: AbortSignal.timeout(READY_PROBE_TIMEOUT_MS),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    dataDir,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
