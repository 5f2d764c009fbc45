import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocxAnswer, DocxJob } from './docxWorker';
import { ExportError } from './ExportError';
import type { ExportModel } from './exportModel';

interface Pending {
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * Renders DOCX on one worker thread, started on first use and kept for the next export. Building a
 * large document took ~1.5 s of CPU per 1 000 recommendations on the event loop, where it paused
 * every live editing session on the server; on the worker, editing goes on. If the worker dies,
 * the jobs it held fail and the next export starts a new one.
 */
export class DocxRenderer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  async render(model: ExportModel): Promise<Uint8Array> {
    if (this.closed) throw new ExportError('export_unavailable', 'The server is shutting down.');
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Held only while it has work, so an idle worker never keeps the process alive.
      worker.ref();
      worker.postMessage({ id, model } satisfies DocxJob);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll('The server is shutting down.');
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker();
    worker.unref();
    worker.on('message', (answer: DocxAnswer) => {
      const job = this.pending.get(answer.id);
      if (!job) return;
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if ('bytes' in answer) job.resolve(answer.bytes);
      else job.reject(new ExportError('export_failed', 'The DOCX file could not be made; try again.'));
    });
    const onGone = () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll('The DOCX file could not be made; try again.');
    };
    worker.on('error', onGone);
    worker.on('exit', onGone);
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    for (const job of this.pending.values()) job.reject(new ExportError('export_failed', message));
    this.pending.clear();
  }
}

/**
 * The worker runs docxWorker with this module's own extension: compiled JavaScript loads as is;
 * TypeScript run through tsx (as `npm start` does) needs tsx registered inside the worker too, since
 * a worker does not inherit the loader hooks of its parent on Node 20.
 */
function startWorker(): Worker {
  const extension = extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./docxWorker${extension}`, import.meta.url);
  if (extension !== '.ts') return new Worker(entry);
  const bootstrap = `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true });
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
