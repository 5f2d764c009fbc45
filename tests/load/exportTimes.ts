/**
 * `pnpm bench` (second part): time to export a brief of 300 recommendations in each format,
 * measured end to end over HTTP against a real server (render + transfer), median of 5 after one
 * warm-up. Targets (issue 6): DOCX, HTML and Markdown under 1 s, PDF under 3 s on 2 cores.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { startServer } from '../support/serverProcess';
import { api, createWorkshop } from '../support/workshopFixture';
import { createProvider, destroyAllClients, waitSynced } from '../support/yClients';

const RECOMMENDATIONS = Number(process.env.EXPORT_BENCH_RECOMMENDATIONS ?? 300);
const RUNS = 5;
const FORMATS = ['md', 'html', 'docx', 'pdf'] as const;
const TARGET_MS: Record<(typeof FORMATS)[number], number> = { md: 1000, html: 1000, docx: 1000, pdf: 3000 };
const AUDIENCES = ['Parliamentarians', 'Policy makers', 'Law enforcement agencies (police, FIA)', 'Judiciary'];
const PRIORITIES = ['high', 'medium', 'low'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const server = await startServer({ env: { SEED_DEMO: 'false', LOG_LEVEL: 'warn' } });
  try {
    const workshop = await createWorkshop(server, 1, 'Export benchmark');
    const token = workshop.facilitatorToken;
    const brief = await api<{ id: string; documentId: string }>(
      server,
      'POST',
      `/api/workshops/${workshop.workshop.id}/briefs`,
      {
        token,
        body: { title: 'Benchmark brief' },
      },
    );
    const client = createProvider(server.wsUrl, brief.body.documentId, { token });
    await waitSynced(client);
    const body = client.doc.getXmlFragment('default');
    client.doc.transact(() => {
      for (let i = 0; i < RECOMMENDATIONS; i++) {
        const element = new Y.XmlElement('recommendation');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [
          new Y.XmlText(
            `Recommendation ${i + 1}: provincial police and the FIA should share one case register and refer every identified victim to shelter and legal aid within 48 hours.`,
          ),
        ]);
        element.insert(0, [paragraph]);
        body.push([element]);
        element.setAttribute('id', `bench-${i}`);
        element.setAttribute('audiences', [AUDIENCES[i % AUDIENCES.length]] as unknown as string);
        element.setAttribute('priority', PRIORITIES[i % 3] as string);
        element.setAttribute('responsibleBody', 'FIA');
        element.setAttribute('timeframe', 'within_6_months');
        element.setAttribute('legalReference', 'Prevention of Trafficking in Persons Act, 2018');
      }
    });
    // Wait until the server holds all of them.
    for (;;) {
      const reply = await fetch(`${server.httpUrl}/api/documents/${brief.body.documentId}/export?format=md`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const text = await reply.text();
      if ((text.match(/### Recommendation/g) ?? []).length >= RECOMMENDATIONS) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    destroyAllClients();

    const rows: Array<{ format: string; medianMs: number; minMs: number; bytes: number; targetMs: number }> = [];
    for (const format of FORMATS) {
      const times: number[] = [];
      let bytes = 0;
      for (let run = 0; run <= RUNS; run++) {
        const started = performance.now();
        const reply = await fetch(`${server.httpUrl}/api/documents/${brief.body.documentId}/export?format=${format}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const buffer = await reply.arrayBuffer();
        if (!reply.ok) throw new Error(`${format}: ${reply.status} ${Buffer.from(buffer).toString().slice(0, 200)}`);
        // The first run warms up (fonts, Chromium launch) and is not counted.
        if (run > 0) times.push(performance.now() - started);
        bytes = buffer.byteLength;
      }
      rows.push({ format, medianMs: median(times), minMs: Math.min(...times), bytes, targetMs: TARGET_MS[format] });
    }
    console.log(`\nExport of a brief with ${RECOMMENDATIONS} recommendations (median of ${RUNS}, after one warm-up)`);
    console.log('format     median ms   min ms   size KiB   target ms   verdict');
    for (const row of rows) {
      console.log(
        `${row.format.padEnd(10)} ${row.medianMs.toFixed(0).padStart(9)} ${row.minMs.toFixed(0).padStart(8)} ${(row.bytes / 1024).toFixed(0).padStart(10)} ${String(row.targetMs).padStart(11)}   ${row.medianMs <= row.targetMs ? 'met' : 'missed'}`,
      );
    }
    const dir = join(import.meta.dirname, 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'export.json'),
      JSON.stringify({ at: new Date().toISOString(), recommendations: RECOMMENDATIONS, rows }, null, 2),
    );
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
