import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { V1_DOCUMENT_ID, V1_PARAGRAPHS } from '../fixtures/makeDataV1';
import { createDrafts, type Drafts } from '../support/collabDrafts';
import { appendParagraph, draftState, paragraphTexts } from '../support/draftContent';
import { REPO_ROOT, type ServerProcess, type ServerProcessOptions, startServer } from '../support/serverProcess';
import { storedDocumentBytes } from '../support/storedDocument';
import { api, createWorkshop } from '../support/workshopFixture';
import { type CollabClient, createProvider, destroyAllClients, loadFresh, waitSynced } from '../support/yClients';
import { recordFigures } from './faultFigures';
import { scrapeMetrics } from './reconnectStorm';
import { hasPending } from './storedState';

const FIXTURE_V1 = join(REPO_ROOT, 'tests', 'fixtures', 'data-v1', 'plenary.sqlite');

/**
 * The documented operator command, run as the README says:
 * `pnpm --filter @plenary/server run cli <args>`. Asynchronous, so clients keep typing meanwhile.
 */
function runCli(args: readonly string[], dataDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['-y', 'pnpm@10.34.9', '--filter', '@plenary/server', 'run', 'cli', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** docs/operations.md's restore: the backup's two files in an empty folder. */
function restore(backup: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'plenary-restored-'));
  for (const file of ['plenary.sqlite', 'secret.key']) copyFileSync(join(backup, file), join(folder, file));
  return folder;
}

function userVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

function tableNames(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((row) => row.name);
  } finally {
    db.close();
  }
}

/** For each writer, the numbers of its paragraphs present: a consistent copy holds 0..k, no gaps. */
function expectPrefixOfEachWriter(paragraphs: readonly string[], writers: readonly string[], context: string): number {
  let total = 0;
  for (const writer of writers) {
    const numbers = paragraphs
      .filter((paragraph) => paragraph.startsWith(`${writer} #`))
      .map((paragraph) => Number(paragraph.slice(writer.length + 2)))
      .sort((a, b) => a - b);
    expect(numbers, `${context}: ${writer}'s paragraphs`).toEqual(numbers.map((_, index) => index));
    total += numbers.length;
  }
  return total;
}

describe('operations', () => {
  const started: ServerProcess[] = [];
  const folders: string[] = [];

  async function start(options: ServerProcessOptions): Promise<ServerProcess> {
    const server = await startServer(options);
    started.push(server);
    folders.push(server.dataDir);
    return server;
  }

  afterEach(async () => {
    destroyAllClients();
    await Promise.all(started.splice(0).map((server) => server.kill()));
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('backup while people write, restore into a fresh folder: consistent, then identical content, and old sessions still work', async () => {
    const live = await start({ env: { SEED_DEMO: 'false', METRICS: 'true' } });
    const drafts: Drafts = await createDrafts(live, 2);
    const names = ['amina', 'bilal'];
    const writers = names.map((name, index) => ({
      name,
      client: createProvider(live.wsUrl, drafts.id(index), { token: drafts.token }),
      written: 0,
    }));
    await Promise.all(writers.map((writer) => waitSynced(writer.client)));
    const typing = setInterval(() => {
      for (const writer of writers) appendParagraph(writer.client.doc, `${writer.name} #${writer.written++}`);
    }, 3);

    const duringWrites = join(mkdtempSync(join(tmpdir(), 'plenary-backup-')), 'backup');
    folders.push(duringWrites);
    let backedUpWhileTyping: { code: number | null; output: string };
    try {
      await vi.waitFor(() => {
        for (const writer of writers) expect(writer.written).toBeGreaterThan(50);
      });
      backedUpWhileTyping = await runCli(['backup', duringWrites], live.dataDir);
      expect(writers.every((writer) => writer.written > 50)).toBe(true);
    } finally {
      clearInterval(typing);
    }
    expect(backedUpWhileTyping.code, backedUpWhileTyping.output).toBe(0);
    expect(readdirSync(duringWrites).sort()).toEqual(['plenary.sqlite', 'secret.key']);
    expect(statSync(join(duringWrites, 'secret.key')).mode & 0o777).toBe(0o600);

    // A copy taken mid-stream is a consistent cut: each writer's paragraphs up to some point.
    const cut = await start({ dataDir: restore(duringWrites), env: { SEED_DEMO: 'false' } });
    let copiedWhileTyping = 0;
    for (const [index, writer] of writers.entries()) {
      const restored = await loadFresh(cut.wsUrl, drafts.id(index), drafts.token, (doc) => ({
        paragraphs: paragraphTexts(doc),
        pending: hasPending(doc),
      }));
      expect(restored.pending).toBe(false);
      copiedWhileTyping += expectPrefixOfEachWriter(restored.paragraphs, [writer.name], 'backup taken while typing');
    }
    expect(copiedWhileTyping).toBeGreaterThan(0);
    await cut.kill();

    // Once the typing has stopped and everyone has it, a backup restores to exactly what was served.
    const liveStates = await Promise.all(
      drafts.documentIds.map((documentId) => loadFresh(live.wsUrl, documentId, drafts.token, draftState)),
    );
    const quiet = join(mkdtempSync(join(tmpdir(), 'plenary-backup-')), 'backup');
    folders.push(quiet);
    const backedUp = await runCli(['backup', quiet], live.dataDir);
    expect(backedUp.code, backedUp.output).toBe(0);
    const metrics = await scrapeMetrics(live.httpUrl);
    await live.stop();

    const restored = await start({ dataDir: restore(quiet), env: { SEED_DEMO: 'false' } });
    for (const [index, documentId] of drafts.documentIds.entries()) {
      // The session made before the backup opens the restored server's documents.
      expect(await loadFresh(restored.wsUrl, documentId, drafts.token, draftState)).toEqual(liveStates[index]);
    }
    const session = await api<{ participant: { displayName: string } }>(restored, 'GET', '/api/session', {
      token: drafts.token,
    });
    expect(session.status).toBe(200);
    // And the restored server takes new edits from an old session.
    const back: CollabClient = createProvider(restored.wsUrl, drafts.id(0), { token: drafts.token });
    await waitSynced(back);
    appendParagraph(back.doc, 'after the restore');
    await vi.waitFor(async () => {
      const texts = await loadFresh(restored.wsUrl, drafts.id(0), drafts.token, paragraphTexts);
      expect(texts).toContain('after the restore');
    });
    recordFigures('backup and restore', {
      typedWhileBackingUp: writers.map((writer) => writer.written),
      copiedWhileTyping,
      updatesStored: metrics.plenary_updates_stored_total,
    });
  }, 120_000);

  it('a data folder of schema version 1 is migrated at start; its document survives and is served', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'plenary-v1-'));
    folders.push(folder);
    const database = join(folder, 'plenary.sqlite');
    copyFileSync(FIXTURE_V1, database);
    expect(userVersion(database)).toBe(1);
    const before = storedDocumentBytes(folder, V1_DOCUMENT_ID);

    const first = await start({ dataDir: folder, env: { SEED_DEMO: 'false', LOG_LEVEL: 'info' } });
    const health = (await (await fetch(`${first.httpUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', storage: 'ok' });
    expect(userVersion(database)).toBeGreaterThan(1);
    expect(tableNames(database)).toEqual(
      expect.arrayContaining([
        'documents',
        'document_updates',
        'workshops',
        'groups',
        'briefs',
        'invites',
        'sessions',
        'document_versions',
      ]),
    );
    expect(storedDocumentBytes(folder, V1_DOCUMENT_ID).equals(before)).toBe(true);

    // Before workshops existed no group owned the draft; give a new group that draft, the way a
    // migration of group data would, and it opens like any other.
    const workshop = await createWorkshop(first, 1, 'Migrated workshop');
    const groupId = workshop.groups[0]?.id as string;
    await first.stop();
    const db = new Database(database);
    db.prepare('UPDATE groups SET document_id = ? WHERE id = ?').run(V1_DOCUMENT_ID, groupId);
    db.close();

    const second = await start({ dataDir: folder, env: { SEED_DEMO: 'false' } });
    const served = await loadFresh(second.wsUrl, V1_DOCUMENT_ID, workshop.facilitatorToken, (doc) => ({
      paragraphs: paragraphTexts(doc),
      pending: hasPending(doc),
    }));
    expect(served).toEqual({ paragraphs: [...V1_PARAGRAPHS], pending: false });
    // The fixture itself is never touched: the test ran on a copy.
    expect(userVersion(FIXTURE_V1)).toBe(1);
  });

  it('/healthz reports storage; /metrics is off by default and Prometheus text when METRICS=true', async () => {
    const [plain, measured] = await Promise.all([
      start({ env: { SEED_DEMO: 'false' } }),
      start({ env: { SEED_DEMO: 'false', METRICS: 'true' } }),
    ]);
    for (const server of [plain, measured]) {
      const health = await fetch(`${server.httpUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', version: expect.any(String), storage: 'ok' });
    }

    const off = await fetch(`${plain.httpUrl}/metrics`);
    expect(await off.text()).not.toMatch(/plenary_/);

    const drafts = await createDrafts(measured, 1);
    const writer = createProvider(measured.wsUrl, drafts.id(0), { token: drafts.token });
    await waitSynced(writer);
    for (let i = 0; i < 10; i++) appendParagraph(writer.doc, `counted ${i}`);
    const on = await fetch(`${measured.httpUrl}/metrics`);
    expect(on.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await on.text();
    for (const [name, type] of [
      ['plenary_updates_stored_total', 'counter'],
      ['plenary_store_commits_total', 'counter'],
      ['plenary_store_seconds_total', 'counter'],
      ['plenary_connections_refused_total', 'counter'],
      ['plenary_documents_loaded', 'gauge'],
      ['plenary_connections', 'gauge'],
    ]) {
      expect(text).toContain(`# TYPE ${name} ${type}`);
      expect(text).toMatch(new RegExp(`^${name} \\d+(\\.\\d+)?(e-?\\d+)?$`, 'm'));
    }
    await vi.waitFor(async () => {
      const values = await scrapeMetrics(measured.httpUrl);
      expect(values.plenary_updates_stored_total).toBeGreaterThanOrEqual(10);
      expect(values.plenary_connections).toBe(1);
      expect(values.plenary_documents_loaded).toBe(1);
    });
  });
});
