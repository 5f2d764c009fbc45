import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_TRUSTED_PROXIES, type TrustProxy, trustProxies } from './clientAddress';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: LogLevel.default('info'),
  /** Largest WebSocket frame accepted; bigger frames close the connection with 1009. */
  MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  /** How long a document with no connections stays in memory before it is unloaded. */
  UNLOAD_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
  /** Compact a document's update log once it holds this many rows… */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().positive().default(500),
  /** …or once it has been idle this long after a write. */
  COMPACT_IDLE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Keep an automatic version of a document after this much editing (0: never). */
  AUTO_VERSION_MS: z.coerce.number().int().min(0).default(600_000),
  /** SQLite `synchronous`: NORMAL survives a process crash; FULL also survives a power cut. */
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  /** Folder of the built client (default: client/dist of this checkout). */
  CLIENT_DIST: z.string().default(''),
  /** The address people use to reach this server; printed invite links start with it. */
  PUBLIC_URL: z.url().optional(),
  /**
   * Proxies whose X-Forwarded-For names the client (comma list of addresses, CIDR ranges or
   * loopback/linklocal/uniquelocal; `none` for no proxy). Checked here, so a typo stops the start.
   */
  TRUST_PROXY: z
    .string()
    .default(DEFAULT_TRUSTED_PROXIES.join(','))
    .transform((value, context) => {
      const list = value.trim() === 'none' ? [] : value.split(',').map((entry) => entry.trim());
      try {
        return { list, trust: trustProxies(list) };
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Failed join and invite-preview attempts (what guessing looks like) per minute and client address. */
  JOIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Join and invite-preview attempts of any outcome per minute and client address: a room behind one NAT. */
  JOINS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Open collaboration sockets allowed in total, and from one address (a venue's NAT shares one). */
  MAX_CONNECTIONS: z.coerce.number().int().positive().default(5_000),
  MAX_CONNECTIONS_PER_IP: z.coerce.number().int().positive().default(500),
  /** Open collaboration sockets allowed per participant (a socket per open tab). */
  MAX_CONNECTIONS_PER_PARTICIPANT: z.coerce.number().int().positive().default(32),
  /** Messages per second one socket may send (a burst of twice this is allowed). */
  MESSAGE_RATE_PER_SECOND: z.coerce.number().positive().default(300),
  /** Awareness (cursor) messages per second one socket may send. */
  AWARENESS_RATE_PER_SECOND: z.coerce.number().positive().default(60),
  /** A document may not grow past this many stored bytes; bigger updates are refused. */
  MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  /**
   * Structs plus delete ranges one update may carry (close 1009 beyond). The server decodes an
   * update once to judge it and Yjs again to integrate it, about 3 µs of CPU per struct in all
   * (50 000 random-position inserts: ~155 ms), so this bounds the time one frame can take.
   */
  MAX_UPDATE_ENTRIES: z.coerce.number().int().positive().default(50_000),
  /** Serve Prometheus metrics at /metrics. */
  METRICS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /** Chromium for PDF export; unset: /usr/bin/chromium, `chromium` on PATH, else the npm-shipped one. */
  CHROMIUM_PATH: z.string().optional(),
  PATH: z.string().default(''),
  /** Seed the demo workshop into an empty data folder. */
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
});

/** The server's configuration: parsed from the environment once, in main.ts. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: z.infer<typeof LogLevel>;
  maxMessageBytes: number;
  unloadGraceMs: number;
  compactAfterUpdates: number;
  compactIdleMs: number;
  autoVersionMs: number;
  sqliteSynchronous: 'NORMAL' | 'FULL';
  clientDist: string;
  seedDemo: boolean;
  publicUrl: string;
  /** Failed join and invite-preview attempts per minute and address. */
  joinRateLimitPerMinute: number;
  /** Join and invite-preview requests of any outcome per minute and address. */
  joinsPerMinute: number;
  /** TRUST_PROXY as listed, and compiled for express and the collaboration endpoint. */
  trustedProxies: readonly string[];
  trustProxy: TrustProxy;
  maxConnections: number;
  maxConnectionsPerIp: number;
  maxConnectionsPerParticipant: number;
  messageRatePerSecond: number;
  awarenessRatePerSecond: number;
  maxDocumentBytes: number;
  maxUpdateEntries: number;
  metrics: boolean;
  /** CHROMIUM_PATH, or null to look for a Chromium for PDF export. */
  chromiumPath: string | null;
  /** The PATH searched for `chromium`. */
  searchPath: string;
}

/**
 * Parses `env`; throws one readable error listing every bad variable. Relative paths are taken
 * from the folder the command was run in (INIT_CWD, set by npm and pnpm), not the server package.
 */
export function parseConfig(env: NodeJS.ProcessEnv, defaultClientDist: string): Config {
  const base = env.INIT_CWD || process.cwd();
  const result = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const parsed = result.data;
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    dataDir: resolve(base, parsed.DATA_DIR),
    logLevel: parsed.LOG_LEVEL,
    maxMessageBytes: parsed.MAX_MESSAGE_BYTES,
    unloadGraceMs: parsed.UNLOAD_GRACE_MS,
    compactAfterUpdates: parsed.COMPACT_AFTER_UPDATES,
    compactIdleMs: parsed.COMPACT_IDLE_MS,
    autoVersionMs: parsed.AUTO_VERSION_MS,
    sqliteSynchronous: parsed.SQLITE_SYNCHRONOUS,
    clientDist: parsed.CLIENT_DIST === '' ? defaultClientDist : resolve(base, parsed.CLIENT_DIST),
    seedDemo: parsed.SEED_DEMO,
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`).replace(/\/+$/, ''),
    joinRateLimitPerMinute: parsed.JOIN_RATE_LIMIT_PER_MINUTE,
    joinsPerMinute: parsed.JOINS_PER_MINUTE,
    trustedProxies: parsed.TRUST_PROXY.list,
    trustProxy: parsed.TRUST_PROXY.trust,
    maxConnections: parsed.MAX_CONNECTIONS,
    maxConnectionsPerIp: parsed.MAX_CONNECTIONS_PER_IP,
    maxConnectionsPerParticipant: parsed.MAX_CONNECTIONS_PER_PARTICIPANT,
    messageRatePerSecond: parsed.MESSAGE_RATE_PER_SECOND,
    awarenessRatePerSecond: parsed.AWARENESS_RATE_PER_SECOND,
    maxDocumentBytes: parsed.MAX_DOCUMENT_BYTES,
    maxUpdateEntries: parsed.MAX_UPDATE_ENTRIES,
    metrics: parsed.METRICS,
    chromiumPath: parsed.CHROMIUM_PATH ? resolve(base, parsed.CHROMIUM_PATH) : null,
    searchPath: parsed.PATH,
  };
}
