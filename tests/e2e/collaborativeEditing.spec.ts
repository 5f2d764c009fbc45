import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPersonContext } from '../support/browser';
import {
  caretLabels,
  connectionState,
  editorText,
  isAskingForName,
  openDraft,
  presenceText,
  reloadDraft,
  typeInEditor,
  typeParagraph,
} from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';

// Generous: a 2-core CI machine runs Chromium, the server and vitest at once.
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

const AMINA_OPENING = 'Provincial police need a dedicated anti-trafficking desk.';
const BILAL_REPLY = 'Judges ask for victim-witness protection in every district court.';
const AMINA_OFFLINE = 'Written on the train with no signal: fund shelters through the FIA budget.';
const BILAL_MEANWHILE = 'Meanwhile: border posts share watch lists within 24 hours.';

describe('two people co-writing one draft in their browsers', () => {
  let server: ServerProcess;
  let browser: Browser;
  let contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });

  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  afterAll(async () => {
    await browser?.close();
    const exitCode = await server?.stop();
    // A crash on shutdown would lose the edits still in flight.
    expect(exitCode, server?.output()).toBe(0);
  });

  /** A separate browser profile per person, as on separate laptops. */
  async function person(): Promise<BrowserContext> {
    const context = await newPersonContext(browser);
    contexts.push(context);
    return context;
  }

  function newDraftId(): string {
    return `e2e-${randomUUID()}`;
  }

  it("shows each person the other's words, named caret and presence, and keeps them across a reload", async () => {
    const draft = newDraftId();
    const amina = await openDraft(await person(), server.httpUrl, draft, { name: 'Amina' });
    const bilal = await openDraft(await person(), server.httpUrl, draft, { name: 'Bilal' });

    await typeInEditor(amina, AMINA_OPENING);
    await eventually(() => editorText(bilal)).toContain(AMINA_OPENING);
    await typeParagraph(bilal, BILAL_REPLY);
    await eventually(() => editorText(amina)).toContain(BILAL_REPLY);

    await eventually(() => caretLabels(amina)).toContain('Bilal');
    await eventually(() => caretLabels(bilal)).toContain('Amina');
    for (const page of [amina, bilal]) {
      await eventually(() => presenceText(page)).toContain('Amina');
      await eventually(() => presenceText(page)).toContain('Bilal');
    }

    await reloadDraft(bilal);
    expect(await isAskingForName(bilal), 'the display name is asked only once').toBe(false);
    await eventually(() => editorText(bilal)).toContain(AMINA_OPENING);
    await eventually(() => editorText(bilal)).toContain(BILAL_REPLY);
    await eventually(() => presenceText(amina)).toContain('Bilal');
  });

  it('keeps what a person writes offline and merges it with the others when the connection returns', async () => {
    const draft = newDraftId();
    const aminaContext = await person();
    const amina = await openDraft(aminaContext, server.httpUrl, draft, { name: 'Amina' });
    const bilal = await openDraft(await person(), server.httpUrl, draft, { name: 'Bilal' });
    await typeInEditor(amina, AMINA_OPENING);
    await eventually(() => editorText(bilal)).toContain(AMINA_OPENING);

    await aminaContext.setOffline(true);
    await eventually(() => connectionState(amina)).toBe('offline');
    await typeParagraph(amina, AMINA_OFFLINE);
    await typeParagraph(bilal, BILAL_MEANWHILE);
    await eventually(() => editorText(amina)).toContain(AMINA_OFFLINE);
    await aminaContext.setOffline(false);

    for (const page of [amina, bilal]) {
      for (const text of [AMINA_OPENING, AMINA_OFFLINE, BILAL_MEANWHILE]) {
        await eventually(() => editorText(page)).toContain(text);
      }
      await eventually(() => connectionState(page)).toBe('saved');
    }

    // A newcomer has nothing cached, so what they see came from the server.
    const newcomer = await openDraft(await person(), server.httpUrl, draft, { name: 'Chen' });
    for (const text of [AMINA_OPENING, AMINA_OFFLINE, BILAL_MEANWHILE]) {
      await eventually(() => editorText(newcomer)).toContain(text);
    }
  });
});
