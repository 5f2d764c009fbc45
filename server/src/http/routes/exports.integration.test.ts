import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Group, Invite, JoinResponse, Workshop, WorkshopHome } from '@plenary/shared/api';
import { addReply, addThread, setThreadResolved } from '@plenary/shared/domain';
import { COMMENTS_FIELD, DOCUMENT_FIELD } from '@plenary/shared/protocol';
import { getDocumentSchema, proseMirrorJsonToUpdate, rangeToAnchor } from '@plenary/shared/schema';
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { strFromU8, unzipSync } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseConfig } from '../../config';
import { largeBrief } from '../../export/fixtures/exportFixtures';
import { createLogger } from '../../logger';
import { type PlenaryInstance, startPlenary } from '../../startPlenary';

let plenary: PlenaryInstance;
let dataDir: string;
let base: string;
/** The demo workshop's facilitator (who can read everything in that workshop only). */
let facilitator: string;
let demo: WorkshopHome;
/** The operator: facilitator of every workshop. */
let operator: string;
/** A document of another workshop. */
let otherDraft: string;

async function call(path: string, token?: string): Promise<Response> {
  return fetch(`${base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

async function json<T>(method: string, path: string, token: string | undefined, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const secretOf = (url: string | null) => url?.split('/join/')[1] ?? '';
const join_ = async (secret: string, displayName: string) =>
  (await json<JoinResponse>('POST', '/api/join', undefined, { secret, displayName })).token;

const exportPath = (documentId: string, query: string) => `/api/documents/${documentId}/export?${query}`;
const groupNamed = (prefix: string): Group => {
  const group = demo.groups.find((g) => g.name.startsWith(prefix));
  if (!group) throw new Error(`no group ${prefix}`);
  return group;
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'plenary-export-'));
  const config = parseConfig(
    { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', SEED_DEMO: 'true', PATH: process.env.PATH },
    join(dataDir, 'no-client'),
  );
  plenary = await startPlenary({ ...config, chromiumPath: process.env.CHROMIUM_PATH || null }, createLogger('silent'));
  base = `http://127.0.0.1:${plenary.port}`;
  operator = await join_(secretOf(plenary.links.operator), 'Operator');
  facilitator = await join_(secretOf(plenary.links.demoFacilitator), 'Farah Facilitator');
  const [demoWorkshop] = await json<Workshop[]>('GET', '/api/workshops', facilitator);
  demo = await json<WorkshopHome>('GET', `/api/workshops/${demoWorkshop?.id}`, facilitator);
  const other = await json<Workshop>('POST', '/api/workshops', operator, { title: 'Other workshop', venue: 'Lahore' });
  const group = await json<Group>('POST', `/api/workshops/${other.id}/groups`, operator, {
    name: 'Other group',
    focusAudience: null,
  });
  otherDraft = group.documentId;
});

afterAll(async () => {
  await plenary?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GET /api/documents/:documentId/export', () => {
  it('answers 401 without a session', async () => {
    const response = await call(exportPath(groupNamed('Group 3').documentId, 'format=md'));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('answers 404 for another workshop’s document, exactly as for one that does not exist', async () => {
    for (const documentId of [otherDraft, 'draft-NoSuchThing_0123456789']) {
      const response = await call(exportPath(documentId, 'format=pdf'), facilitator);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'document_not_found' } });
    }
  });

  it('answers 403 to a reader, whose role cannot open drafts', async () => {
    const invite = await json<Invite>('POST', `/api/workshops/${demo.workshop.id}/invites`, facilitator, {
      role: 'reader',
      groupId: null,
    });
    const reader = await join_(secretOf(invite.url), 'Rashid Reader');
    const response = await call(exportPath(groupNamed('Group 3').documentId, 'format=md'), reader);
    expect(response.status).toBe(403);
  });

  it.each([
    ['a format it does not know', 'format=exe', 'invalid_request'],
    ['no format', '', 'invalid_request'],
    ['an empty audience', 'format=md&audience=', 'invalid_request'],
    ['an audience neither the workshop nor the document has', 'format=md&audience=Martians', 'unknown_audience'],
  ])('answers 400 for %s', async (_why, query, code) => {
    const response = await call(exportPath(groupNamed('Group 3').documentId, query), facilitator);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it.each([
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['pdf', 'application/pdf'],
    ['html', 'text/html; charset=utf-8'],
    ['md', 'text/markdown; charset=utf-8'],
  ])('serves %s as a named attachment', async (format, contentType) => {
    const response = await call(exportPath(groupNamed('Group 3').documentId, `format=${format}`), facilitator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    const today = new Date().toISOString().slice(0, 10);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="combating-trafficking-in-persons-group-3-law-enforcement-agencies-${today}.${format}"`,
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const body = new Uint8Array(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(body.length);
    const text = strFromU8(body);
    switch (format) {
      case 'docx':
        expect(strFromU8(unzipSync(body)['word/document.xml'] ?? new Uint8Array())).toContain(
          'Set up a joint FIA–provincial police anti-trafficking desk',
        );
        break;
      case 'pdf':
        expect(text.startsWith('%PDF-')).toBe(true);
        break;
      case 'html':
        expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none';.*; sandbox$/);
        expect(text).toContain('<h3 dir="ltr">Recommendation 2 — Law enforcement agencies (police, FIA)</h3>');
        // Printed once, under its first audience; named and linked under the Judiciary.
        expect(text).not.toContain('Recommendation 2 — Judiciary');
        expect(text).toMatch(
          /printed in full under its first audience:<\/p><ul><li><a href="#rec-2-\d+" dir="ltr">Recommendation 2: [^<]+<\/a>/,
        );
        break;
      case 'md':
        expect(text).toContain('### Recommendation 1 — Law enforcement agencies (police, FIA)');
        break;
    }
  });

  it('limits an export to the audiences asked for, keeping the draft’s numbering', async () => {
    const response = await call(
      exportPath(groupNamed('Group 3').documentId, 'format=md&audience=Judiciary'),
      facilitator,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/-judiciary-\d{4}-\d{2}-\d{2}\.md"$/);
    const markdown = await response.text();
    expect(markdown).toContain('### Recommendation 2 — Judiciary');
    expect(markdown).not.toContain('Recommendation 1');
    expect(markdown).toContain('Audience edition: Judiciary. Numbering follows the full draft.');

    // A printed page of the edition says which one it belongs to, at its foot.
    const pdf = await call(exportPath(groupNamed('Group 3').documentId, 'format=pdf&audience=Judiciary'), facilitator);
    expect(pdf.status).toBe(200);
    const document = await getDocument({ data: new Uint8Array(await pdf.arrayBuffer()), verbosity: 0 }).promise;
    const secondPage = await (await document.getPage(2)).getTextContent();
    const text = secondPage.items.map((item) => ('str' in item ? item.str : '')).join(' ');
    expect(text).toContain('Group 3 — Law enforcement agencies · Edition for Judiciary');
    expect(text).toMatch(/Page 2 of \d/);
  });

  it('exports a brief with its provenance annex: which group each imported recommendation came from', async () => {
    const brief = demo.briefs[0];
    if (!brief) throw new Error('the demo has no brief');
    const imports = `/api/workshops/${demo.workshop.id}/briefs/${brief.id}/imports`;
    await json('POST', imports, facilitator, {
      documentId: groupNamed('Group 1').documentId,
      recommendationIds: ['demo-parl-1'],
    });
    await json('POST', imports, facilitator, {
      documentId: groupNamed('Group 3').documentId,
      recommendationIds: ['demo-lea-1', 'demo-lea-2'],
    });
    const response = await call(exportPath(brief.documentId, 'format=md'), facilitator);
    expect(response.status).toBe(200);
    const markdown = await response.text();
    expect(markdown).toMatch(/^# Plenary brief: recommendations to end trafficking in persons\n/);
    const annex = markdown.slice(markdown.indexOf('## Annex: contributing groups'));
    expect(annex).toContain('| Group | Recommendation numbers |');
    expect(annex).toContain('| Group 1 — Parliamentarians | 1 |');
    expect(annex).toContain('| Group 3 — Law enforcement agencies | 2, 3 |');
  });

  it('re-checks links that reached the document through a raw update, not the editor', async () => {
    const documentId = groupNamed('Group 2').documentId;
    // What a hostile client could send: a paragraph whose link mark points at script.
    const doc = new Y.Doc();
    const stored = await plenary.store.load(documentId);
    Y.applyUpdate(doc, Y.mergeUpdates([...(stored?.snapshot ? [stored.snapshot] : []), ...(stored?.updates ?? [])]));
    const before = Y.encodeStateVector(doc);
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    doc.getXmlFragment(DOCUMENT_FIELD).insert(1, [paragraph]);
    text.insert(0, 'click for details', { link: { href: 'javascript:alert(document.cookie)' } });
    await plenary.store.appendUpdates([{ documentId, update: Y.encodeStateAsUpdate(doc, before) }]);

    for (const format of ['html', 'md']) {
      const exported = await (await call(exportPath(documentId, `format=${format}`), facilitator)).text();
      expect(exported).toContain('click for details');
      expect(exported).not.toContain('javascript:');
    }
  });

  it('leaves comments out unless asked for, then prints them with their replies as an appendix', async () => {
    const documentId = groupNamed('Group 3').documentId;
    const doc = new Y.Doc();
    const stored = await plenary.store.load(documentId);
    Y.applyUpdate(doc, Y.mergeUpdates([...(stored?.snapshot ? [stored.snapshot] : []), ...(stored?.updates ?? [])]));
    const before = Y.encodeStateVector(doc);
    const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
    const { doc: pm, mapping } = initProseMirrorDoc(fragment, getDocumentSchema());
    // The first heading's text (the draft's title) is what the comment is about.
    const to = pm.firstChild ? 1 + pm.firstChild.content.size : 1;
    const quote = pm.textBetween(1, to);
    const comments = doc.getMap<unknown>(COMMENTS_FIELD);
    const author = { id: 'p-1', name: 'Zara Reviewer' };
    addThread(comments, {
      id: 't1',
      anchor: rangeToAnchor(doc, fragment, mapping, 1, to),
      quote,
      text: 'Name the ministry here.',
      author,
      now: Date.UTC(2026, 10, 27, 9, 30),
    });
    addReply(comments, {
      threadId: 't1',
      id: 'r1',
      text: 'Ministry of Interior.',
      author,
      now: Date.UTC(2026, 10, 27, 9, 45),
    });
    setThreadResolved(comments, 't1', true, author, Date.UTC(2026, 10, 27, 10));
    await plenary.store.appendUpdates([{ documentId, update: Y.encodeStateAsUpdate(doc, before) }]);

    for (const format of ['html', 'md']) {
      const plain = await (await call(exportPath(documentId, `format=${format}`), facilitator)).text();
      expect(plain).not.toContain('Name the ministry here.');
      const withComments = await (
        await call(exportPath(documentId, `format=${format}&comments=true`), facilitator)
      ).text();
      expect(withComments).toContain('Comments');
      expect(withComments).toContain('Name the ministry here.');
      expect(withComments).toContain('Ministry of Interior.');
      expect(withComments).toContain('Zara Reviewer');
      expect(withComments).toContain('Resolved');
      expect(withComments).toContain('27 November 2026, 09:30 UTC');
    }
    const docx = await call(exportPath(documentId, 'format=docx&comments=true'), facilitator);
    const xml = strFromU8(unzipSync(new Uint8Array(await docx.arrayBuffer()))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('Ministry of Interior.');
    const refused = await call(exportPath(documentId, 'format=md&comments=yes'), facilitator);
    expect(refused.status).toBe(400);
  });

  it('exports 5 000 recommendations as Markdown, and refuses DOCX for them with a clear message', async () => {
    await plenary.store.appendUpdates([
      { documentId: otherDraft, update: proseMirrorJsonToUpdate(largeBrief(5_000).doc) },
    ]);
    const markdown = await call(exportPath(otherDraft, 'format=md'), operator);
    expect(markdown.status).toBe(200);
    expect(await markdown.text()).toContain('### Recommendation 5000 — Judiciary');
    const docx = await call(exportPath(otherDraft, 'format=docx'), operator);
    expect(docx.status).toBe(413);
    expect(await docx.json()).toEqual({
      error: {
        code: 'export_too_large',
        message: 'This document has 5000 recommendations; DOCX export stops at 2000. Export HTML or Markdown instead.',
      },
    });
  });
});
