import { parentPort } from 'node:worker_threads';
import type { ExportModel } from './exportModel';
import { renderDocx } from './renderDocx';

/** One DOCX job from DocxRenderer, answered with its bytes or the error's message. */
export interface DocxJob {
  id: number;
  model: ExportModel;
}

export type DocxAnswer = { id: number; bytes: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('docxWorker.ts runs only as a worker thread (see DocxRenderer)');
port.on('message', async ({ id, model }: DocxJob) => {
  try {
    const bytes = await renderDocx(model);
    port.postMessage({ id, bytes } satisfies DocxAnswer);
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies DocxAnswer);
  }
});
