import { resolve } from 'node:path';
import { parseConfig } from './config';
import { categoryLogger, createLogger } from './logger';
import { startPlenary } from './startPlenary';
import { SERVER_VERSION } from './version';

/** Process entry: config from the environment, start, and stop cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = parseConfig(process.env, resolve(import.meta.dirname, '..', '..', 'client', 'dist'));
  const root = createLogger(config.logLevel);
  const lifecycle = categoryLogger(root, 'lifecycle');

  // A stray rejection or throw in one connection's path must not take everyone else down.
  process.on('unhandledRejection', (reason) => lifecycle.error({ err: reason }, 'unhandled rejection'));
  process.on('uncaughtException', (error) => lifecycle.error({ err: error }, 'uncaught exception'));

  const plenary = await startPlenary(config, root);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  lifecycle.info(
    { port: plenary.port, host: config.host, dataDir: config.dataDir, version: SERVER_VERSION },
    `Plenary is listening on http://${shownHost}:${plenary.port}`,
  );

  // Printed, not logged: the operator needs these whatever LOG_LEVEL says, and logs never hold secrets.
  if (plenary.links.operator) {
    console.log(`\nOperator link (shown once; it can create workshops): ${plenary.links.operator}`);
  }
  if (plenary.links.demoFacilitator) {
    console.log(`Demo workshop facilitator link: ${plenary.links.demoFacilitator}\n`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    lifecycle.info({ signal }, 'shutting down');
    const deadline = setTimeout(() => {
      lifecycle.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    deadline.unref();
    await plenary.stop();
    lifecycle.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
