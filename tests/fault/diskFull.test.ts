import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CloseCode } from '@plenary/shared/protocol';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createDrafts } from '../support/collabDrafts';
import { appendParagraph, clocksOf, draftState, paragraphTexts } from '../support/draftContent';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { type CollabClient, createProvider, destroyAllClients, loadFresh, waitSynced } from '../support/yClients';
import { recordFigures } from './faultFigures';
import { errorLogLines } from './serverProbe';
import { mountSizeLimitedFolder, type SizeLimitedFolder } from './sizeLimitedFolder';
import { storedDoc } from './storedState';

/** A small disk: the database and a filler file share it. */
const DISK_BYTES = 8 * 1024 * 1024;
/** What the filler leaves free: room for a little editing before the disk is full. */
const LEFT_FREE_BYTES = 256 * 1024;
/** Each paragraph carries this much text, so the disk fills in a second or two. */
const PARAGRAPH_PADDING = 'x'.repeat(1_000);

interface Writer {
  readonly client: CollabClient;
  readonly name: string;
  readonly written: string[];
}

describe('the data folder runs out of space', () => {
  let disk: SizeLimitedFolder | undefined;
  let server: ServerProcess | undefined;

  afterEach(async () => {
    destroyAllClients();
    await server?.kill();
  });

  afterAll(() => {
    disk?.remove();
  });

  it('writes fail with a logged error, clients are told 4500, nothing unstored is shown; after space is freed all converge with no loss', async (context) => {
    const mounted = mountSizeLimitedFolder(DISK_BYTES);
    if ('unavailable' in mounted) return context.skip(mounted.unavailable);
    disk = mounted;
    server = await startServer({ dataDir: join(disk.path, 'data'), env: { SEED_DEMO: 'false', LOG_LEVEL: 'warn' } });
    const running = server;
    const drafts = await createDrafts(running, 1);
    const documentId = drafts.id(0);
    const open = () => createProvider(running.wsUrl, documentId, { token: drafts.token });
    const writers: Writer[] = ['amina', 'bilal'].map((name) => ({ client: open(), name, written: [] }));
    const reader = open();
    const everyone = [...writers.map((writer) => writer.client), reader];
    await Promise.all(everyone.map((client) => waitSynced(client)));
    const filler = disk.fillLeaving('filler', LEFT_FREE_BYTES);

    const typing = setInterval(() => {
      for (const writer of writers) {
        const text = `${writer.name} #${writer.written.length}`;
        appendParagraph(writer.client.doc, `${text} ${PARAGRAPH_PADDING}`);
        writer.written.push(text);
      }
    }, 5);
    try {
      await vi.waitFor(
        () => {
          for (const client of everyone) expect(client.closeCodes).toContain(CloseCode.StorageFailure);
        },
        { timeout: 30_000, interval: 20 },
      );
      const failures = errorLogLines(running.output());
      expect(failures.join('\n')).toMatch(/disk is full|SQLITE_FULL/i);
      expect(running.child.exitCode, 'the server stays up').toBeNull();

      // Disk still full: whatever anyone received from the server is in the data folder.
      const stored = storedDoc(running.dataDir, documentId);
      const storedClocks = clocksOf(stored);
      const storedParagraphs = new Set(paragraphTexts(stored).map(withoutPadding));
      stored.destroy();
      const shown = paragraphTexts(reader.doc).map(withoutPadding);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.filter((paragraph) => !storedParagraphs.has(paragraph))).toEqual([]);
      for (const client of everyone) {
        const own = String(client.doc.clientID);
        for (const [clientId, clock] of Object.entries(clocksOf(client.doc))) {
          if (clientId !== own) expect(storedClocks[clientId] ?? 0).toBeGreaterThanOrEqual(clock);
        }
      }
      const healthResponse = await fetch(`${running.httpUrl}/healthz`);
      const health = (await healthResponse.json()) as Record<string, unknown>;
      expect(healthResponse.status, 'an operator polling /healthz sees the failing writes').toBe(503);
      expect(health).toMatchObject({ status: 'degraded', storage: 'failing' });
      expect(String(health.reason)).toMatch(/SQLITE_FULL/);
      recordFigures('disk full', {
        filesystem: disk.kind,
        typedWhenFull: writers.map((writer) => writer.written.length),
        shownWhenFull: shown.length,
        healthWhenFull: health,
      });
    } finally {
      clearInterval(typing);
    }

    // Space comes back; the clients, still retrying on their own, resend what was refused.
    rmSync(filler);
    await Promise.all(everyone.map((client) => waitSynced(client, 30_000)));
    await vi.waitFor(
      () => {
        for (const client of everyone) expect(draftState(client.doc)).toEqual(draftState(reader.doc));
      },
      { timeout: 30_000, interval: 50 },
    );
    const served = await loadFresh(running.wsUrl, documentId, drafts.token, (doc) => ({
      state: draftState(doc),
      paragraphs: paragraphTexts(doc).map(withoutPadding),
    }));
    expect(served.state).toEqual(draftState(reader.doc));
    const typed = writers.flatMap((writer) => writer.written);
    expect(typed.filter((paragraph) => !served.paragraphs.includes(paragraph))).toEqual([]);
    expect(served.paragraphs.filter((paragraph) => paragraph.includes(' #'))).toHaveLength(typed.length);
    const healthAfter = await fetch(`${running.httpUrl}/healthz`);
    expect(await healthAfter.json()).toMatchObject({ status: 'ok', storage: 'ok' });
  });
});

function withoutPadding(paragraph: string): string {
  return paragraph.replace(` ${PARAGRAPH_PADDING}`, '');
}
