import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread running the module `name` next to `callerUrl`, with the caller's own
 * extension: compiled JavaScript loads as is; TypeScript run through tsx (as `npm start` does)
 * needs tsx registered inside the worker too, since a worker does not inherit the loader hooks of
 * its parent on Node 20.
 */
export function startModuleWorker(callerUrl: string, name: string, workerData?: unknown): Worker {
  const extension = extname(fileURLToPath(callerUrl));
  const entry = new URL(`./${name}${extension}`, callerUrl);
  if (extension !== '.ts') return new Worker(entry, { workerData });
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * The ES module build of `tsx/esm/api` (its CommonJS build cannot register the hooks). Read from
 * tsx's own exports map, because `require.resolve` picks the CommonJS entry.
 */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    exports: { './esm/api': { import: { default: string } } };
  };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api'].import.default)).href;
}
