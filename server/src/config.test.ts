import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Config, parseConfig } from './config';

const CLIENT_DIST = '/opt/plenary/client/dist';

function errorOf(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('parseConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    expect(parseConfig({}, CLIENT_DIST)).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: resolve('./data'),
      logLevel: 'info',
      maxMessageBytes: 8 * 1024 * 1024,
      unloadGraceMs: 5_000,
      compactAfterUpdates: 500,
      compactIdleMs: 10_000,
      autoVersionMs: 600_000,
      sqliteSynchronous: 'NORMAL',
      clientDist: CLIENT_DIST,
      seedDemo: true,
    } satisfies Partial<Config>);
  });

  it('reads PORT, HOST, DATA_DIR and LOG_LEVEL', () => {
    const config = parseConfig(
      { PORT: '3000', HOST: '127.0.0.1', DATA_DIR: '/var/lib/plenary', LOG_LEVEL: 'debug', SEED_DEMO: 'false' },
      CLIENT_DIST,
    );
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/var/lib/plenary',
      logLevel: 'debug',
      seedDemo: false,
    } satisfies Partial<Config>);
  });

  it.each(['eighty', '70000', '-1', '80.5'])('refuses PORT=%s with one readable error naming PORT', (port) => {
    // Pins fail-fast start-up: a typo in the environment must not start a server on a surprise port.
    const message = errorOf(() => parseConfig({ PORT: port }, CLIENT_DIST));
    expect(message).toMatch(/^Invalid configuration/);
    expect(message).toMatch(/PORT/);
  });

  it('trusts a proxy on this machine by default, and the list TRUST_PROXY gives (none with "none")', () => {
    expect(parseConfig({}, CLIENT_DIST).trustedProxies).toEqual(['loopback']);
    const containers = parseConfig({ TRUST_PROXY: 'loopback, 172.17.0.0/16' }, CLIENT_DIST);
    expect(containers.trustedProxies).toEqual(['loopback', '172.17.0.0/16']);
    expect(containers.trustProxy('172.17.0.1', 0)).toBe(true);
    expect(containers.trustProxy('203.0.113.9', 0)).toBe(false);
    const none = parseConfig({ TRUST_PROXY: 'none' }, CLIENT_DIST);
    expect(none.trustedProxies).toEqual([]);
    expect(none.trustProxy('127.0.0.1', 0)).toBe(false);
  });

  it('refuses a TRUST_PROXY entry that is not an address, a range or a known name', () => {
    const message = errorOf(() => parseConfig({ TRUST_PROXY: 'loopback, proxy.example' }, CLIENT_DIST));
    expect(message).toMatch(/TRUST_PROXY/);
    expect(message).toMatch(/proxy\.example/);
  });

  it('lists every bad variable in one error', () => {
    const message = errorOf(() =>
      parseConfig({ PORT: 'x', LOG_LEVEL: 'loud', MAX_MESSAGE_BYTES: '0', SEED_DEMO: 'yes' }, CLIENT_DIST),
    );
    for (const name of ['PORT', 'LOG_LEVEL', 'MAX_MESSAGE_BYTES', 'SEED_DEMO']) expect(message).toContain(name);
  });

  it('does not read an empty PORT as port 0 (a random port)', () => {
    // Pins `PORT=${PORT}` in compose files and scripts: an unset variable arrives as ''. Reading
    // it as unset or refusing it are both fine; listening on a random port is not.
    let config: Config;
    try {
      config = parseConfig({ PORT: '' }, CLIENT_DIST);
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      return;
    }
    expect(config.port).toBe(8080);
  });
});
