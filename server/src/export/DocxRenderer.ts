import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../threads/startModuleWorker';
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

function startWorker(): Worker {
  return startModuleWorker(import.meta.url, 'docxWorker');
}
