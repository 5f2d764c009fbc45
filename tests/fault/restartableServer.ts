import { rmSync } from 'node:fs';
import { type ServerProcess, type ServerProcessOptions, startServer } from '../support/serverProcess';
import { cpuMillis } from './serverProbe';

/** How a server goes down: a graceful stop (SIGTERM, as a supervisor restarts it) or a crash. */
export type StopKind = 'SIGTERM' | 'SIGKILL';

/** What one restart cost: how the old process ended and how long the new one took to be ready. */
export interface RestartFigures {
  kind: StopKind;
  /** Exit code of a graceful stop; null for a crash. */
  exitCode: number | null;
  stopMs: number;
  /** From spawning the new process to its first 200 on /healthz. */
  readyMs: number;
  /** CPU time the new process had used by then: its own start-up cost, whatever else the machine runs. */
  readyCpuMs: number;
}

/** How long a start took: wall time to the first healthy answer, and the process's CPU time by then. */
export interface ReadyFigures {
  readyMs: number;
  readyCpuMs: number;
}

/**
 * One server that keeps its port and data folder across restarts, so clients (directly or through
 * a proxy) find it again by themselves. Every process it started is killed by `dispose()`.
 */
export class RestartableServer {
  private constructor(
    private server: ServerProcess,
    private readonly options: ServerProcessOptions,
  ) {}

  static async start(options: ServerProcessOptions = {}): Promise<RestartableServer> {
    return new RestartableServer(await startServer(options), options);
  }

  get current(): ServerProcess {
    return this.server;
  }

  /** Stops the process (`kind`), then starts a new one on the same port and data folder. */
  async restart(kind: StopKind, env: Record<string, string> = {}): Promise<RestartFigures> {
    const stopped = performance.now();
    const exitCode = await this.stop(kind);
    const stopMs = performance.now() - stopped;
    const ready = await this.startAgain(env);
    return { kind, exitCode, stopMs: Math.round(stopMs), ...ready };
  }

  /** Stops the process without starting a new one; resolves with the exit code (null after SIGKILL). */
  async stop(kind: StopKind): Promise<number | null> {
    if (kind === 'SIGKILL') {
      await this.server.kill();
      return null;
    }
    return this.server.stop();
  }

  /** Starts the server again after `stop()`, on the same port and data folder. */
  async startAgain(env: Record<string, string> = {}): Promise<ReadyFigures> {
    const spawned = performance.now();
    this.server = await startServer({
      ...this.options,
      env: { ...this.options.env, ...env },
      port: this.server.port,
      dataDir: this.server.dataDir,
    });
    const readyMs = Math.round(performance.now() - spawned);
    return { readyMs, readyCpuMs: cpuMillis(this.server.child.pid as number) };
  }

  /** Kills the process and, unless told to keep it, removes the data folder. */
  async dispose(keepData = false): Promise<void> {
    await this.server.kill();
    if (!keepData) rmSync(this.server.dataDir, { recursive: true, force: true });
  }
}
