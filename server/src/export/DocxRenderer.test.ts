import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { DocxRenderer } from './DocxRenderer';
import { modelOf } from './exportTestKit';
import { largeBrief, urduBrief } from './fixtures/exportFixtures';
import { renderDocx } from './renderDocx';

const renderers: DocxRenderer[] = [];
afterEach(async () => {
  await Promise.all(renderers.splice(0).map((renderer) => renderer.close()));
});

function renderer(): DocxRenderer {
  const made = new DocxRenderer();
  renderers.push(made);
  return made;
}

/** The longest pause of a 5 ms timer while `work` runs: how long the event loop was blocked. */
async function longestPause(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work();
    // A loop blocked to the very end never ran the timer: count that last stretch too.
    return Math.max(longest, performance.now() - last);
  } finally {
    clearInterval(timer);
  }
}

describe('DocxRenderer', () => {
  it('makes the same document on its worker thread as on the main thread, and serves several jobs', async () => {
    const docx = renderer();
    const [urdu, large] = await Promise.all([docx.render(modelOf(urduBrief)), docx.render(modelOf(largeBrief(50)))]);
    const direct = unzipSync(await renderDocx(modelOf(urduBrief)));
    const threaded = unzipSync(urdu as Uint8Array);
    const documentXml = (files: Record<string, Uint8Array>) =>
      strFromU8(files['word/document.xml'] ?? new Uint8Array());
    expect(documentXml(threaded)).toBe(documentXml(direct));
    expect(Object.keys(unzipSync(large as Uint8Array))).toContain('word/document.xml');
  });

  it('leaves the event loop free while a large brief is built', async () => {
    const docx = renderer();
    await docx.render(modelOf(largeBrief(5))); // the worker's start-up is not what this measures
    const model = modelOf(largeBrief(500));
    const onMainThread = await longestPause(() => renderDocx(model));
    const onWorker = await longestPause(() => docx.render(model));
    // The main thread is blocked for most of a second or more; the worker version only copies.
    expect(onWorker, `longest pause on the worker ${onWorker} ms, on the main thread ${onMainThread} ms`).toBeLessThan(
      onMainThread / 3,
    );
  });

  it('refuses new work once closed, with a message a person can act on', async () => {
    const docx = renderer();
    await docx.close();
    await expect(docx.render(modelOf(urduBrief))).rejects.toThrow('shutting down');
  });
});
