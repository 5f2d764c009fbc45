import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPersonContext } from '../support/browser';
import {
  caretLabels,
  connectionState,
  type DraftAddress,
  editorText,
  headerName,
  openDraft,
  presenceText,
  reloadDraft,
  reportPageErrors,
  signInWithToken,
  typeInEditor,
  typeParagraph,
  waitForOfflineShell,
} from '../support/editorPage';
import { type ServerProcess, startServer } from '../support/serverProcess';
import { startTcpProxy } from '../support/tcpProxy';
import { api, createWorkshop, type WorkshopFixture } from '../support/workshopFixture';

// Generous: a 2-core CI machine runs Chromium, the server and vitest at once.
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** A group's draft, with the group its members join. */
type Draft = DraftAddress & { groupId: string };

const AMINA_OPENING = 'Provincial police need a dedicated anti-trafficking desk.';
const BILAL_REPLY = 'Judges ask for victim-witness protection in every district court.';
const AMINA_OFFLINE = 'Written on the train with no signal: fund shelters through the FIA budget.';
const BILAL_MEANWHILE = 'Meanwhile: border posts share watch lists within 24 hours.';
const AMINA_PRIVATE = 'A note she decided to drop: name the officers in the Karachi case.';

describe('two people co-writing one draft in their browsers', () => {
  let server: ServerProcess;
  let browser: Browser;
  let workshop: WorkshopFixture;
  let contexts: BrowserContext[] = [];
  let nextGroup = 0;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // One group per test, so each test starts from its own fresh draft.
    workshop = await createWorkshop(server, 10);
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

  /**
   * A member of the draft's group, joined through an invite link, in a separate browser profile
   * (as on their own laptop) that carries the session cookie.
   */
  async function member(draft: Draft, name: string): Promise<BrowserContext> {
    const { token } = await workshop.participant('member', name, draft.groupId);
    const context = await newPersonContext(browser);
    contexts.push(context);
    await signInWithToken(context, server.httpUrl, token);
    return context;
  }

  function nextGroupDraft(): Draft {
    const index = nextGroup++;
    const group = workshop.groups[index];
    if (!group) throw new Error(`the fixture has no group ${index}`);
    return { workshopId: workshop.workshop.id, documentId: group.documentId, groupId: group.id };
  }

  it("shows each person the other's words, named caret and presence, and keeps them across a reload", async () => {
    const draft = nextGroupDraft();
    const amina = await openDraft(await member(draft, 'Amina'), server.httpUrl, draft, { who: 'Amina' });
    const bilal = await openDraft(await member(draft, 'Bilal'), server.httpUrl, draft, { who: 'Bilal' });

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
    expect(await headerName(bilal), 'the session survives a reload').toBe('Bilal');
    await eventually(() => editorText(bilal)).toContain(AMINA_OPENING);
    await eventually(() => editorText(bilal)).toContain(BILAL_REPLY);
    await eventually(() => presenceText(amina)).toContain('Bilal');
  });

  it('keeps what a person writes offline, also across an offline reload, and merges it when the connection returns', async () => {
    const draft = nextGroupDraft();
    const aminaContext = await member(draft, 'Amina');
    const amina = await openDraft(aminaContext, server.httpUrl, draft, { who: 'Amina' });
    const bilal = await openDraft(await member(draft, 'Bilal'), server.httpUrl, draft, { who: 'Bilal' });
    await typeInEditor(amina, AMINA_OPENING);
    await eventually(() => editorText(bilal)).toContain(AMINA_OPENING);
    await eventually(() => connectionState(amina)).toBe('saved');
    await waitForOfflineShell(amina);

    await aminaContext.setOffline(true);
    // "Offline — changes kept on this device" only once IndexedDB holds every change: a reload
    // before that would abort the writes still in flight.
    await eventually(() => connectionState(amina)).toBe('offline');
    // The app shell, the session and the draft all come from this device now.
    await reloadDraft(amina);
    await eventually(() => editorText(amina)).toContain(AMINA_OPENING);
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
    const newcomer = await openDraft(await member(draft, 'Chen'), server.httpUrl, draft, { who: 'Chen' });
    for (const text of [AMINA_OPENING, AMINA_OFFLINE, BILAL_MEANWHILE]) {
      await eventually(() => editorText(newcomer)).toContain(text);
    }
  });

  it('never says "saved" for words typed offline into a draft locked meanwhile, and delivers them at the unlock', async () => {
    const draft = nextGroupDraft();
    const aminaContext = await member(draft, 'Amina');
    const amina = await openDraft(aminaContext, server.httpUrl, draft, { who: 'Amina' });
    const bilal = await openDraft(await member(draft, 'Bilal'), server.httpUrl, draft, { who: 'Bilal' });
    await typeInEditor(amina, AMINA_OPENING);
    await eventually(() => editorText(bilal)).toContain(AMINA_OPENING);
    await eventually(() => connectionState(amina)).toBe('saved');

    await aminaContext.setOffline(true);
    await eventually(() => connectionState(amina)).toBe('offline');
    await typeParagraph(amina, AMINA_OFFLINE);
    await eventually(() => connectionState(amina)).toBe('offline');
    // End of the breakout while her Wi-Fi is down.
    const lock = (locked: boolean) =>
      api(server, 'PUT', `/api/workshops/${workshop.workshop.id}/groups/${draft.groupId}/lock`, {
        token: workshop.facilitatorToken,
        body: { locked },
      });
    expect((await lock(true)).status).toBe(200);
    await aminaContext.setOffline(false);

    // Her words are still on her device, and the status says they have not reached anyone.
    await eventually(() => connectionState(amina)).toBe('locked-unsent');
    expect(await amina.getByTestId('connection-status').textContent()).toBe(
      'Locked — your changes are kept on this device and will be sent when the draft is unlocked',
    );
    expect(await editorText(amina)).toContain(AMINA_OFFLINE);
    expect(await editorText(bilal)).not.toContain(AMINA_OFFLINE);

    // Unlocked: they arrive for everyone without her typing again.
    expect((await lock(false)).status).toBe(200);
    await eventually(() => editorText(bilal)).toContain(AMINA_OFFLINE);
    await eventually(() => connectionState(amina)).toBe('saved');
  });

  it('never says "saved" while the Wi-Fi is silently gone, says offline instead, and delivers once it is back', async () => {
    const draft = nextGroupDraft();
    // Amina reaches the server through a relay that can go quiet without closing anything.
    const wifi = await startTcpProxy(server.port);
    try {
      const amina = await openDraft(await member(draft, 'Amina'), wifi.httpUrl, draft, { who: 'Amina' });
      const bilal = await openDraft(await member(draft, 'Bilal'), server.httpUrl, draft, { who: 'Bilal' });
      await typeInEditor(amina, AMINA_OPENING);
      await eventually(() => editorText(bilal)).toContain(AMINA_OPENING);
      await eventually(() => connectionState(amina)).toBe('saved');

      wifi.stall();
      await typeParagraph(amina, AMINA_OFFLINE);
      const states = new Set<string | null>();
      for (const stop = Date.now() + 4_000; Date.now() < stop; ) {
        states.add(await connectionState(amina));
        await amina.waitForTimeout(100);
      }
      expect([...states], 'her words never reached the server').not.toContain('saved');
      // No answer to the page's question: it gives the socket up and says where the words are.
      await eventually(() => connectionState(amina)).toBe('offline');
      expect(await editorText(bilal)).not.toContain(AMINA_OFFLINE);

      wifi.resume();
      await eventually(() => editorText(bilal)).toContain(AMINA_OFFLINE);
      await eventually(() => connectionState(amina)).toBe('saved');
    } finally {
      await wifi.close();
    }
  });

  /** The draft's sections: each heading with the letters of the blocks under it, sorted, carets left out. */
  const lettersBySection = (page: Page) =>
    page.evaluate(() => {
      const result: Record<string, string> = {};
      let heading = '';
      for (const block of document.querySelectorAll('[data-testid=editor] .ProseMirror > *')) {
        const copy = block.cloneNode(true) as HTMLElement;
        for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
        if (/^H[1-6]$/.test(block.tagName)) heading = copy.textContent ?? '';
        else result[heading] = `${result[heading] ?? ''}${copy.textContent ?? ''}`;
      }
      return Object.fromEntries(
        Object.entries(result).map(([name, text]) => [name, [...text.replace(/[^A-Za-z]/g, '')].sort().join('')]),
      );
    });
  const letters = (text: string) => [...text.replace(/[^A-Za-z]/g, '')].sort().join('');

  /** Puts the caret in the template's empty paragraph under `heading`. */
  async function caretUnder(page: Page, heading: string): Promise<void> {
    await page.locator('[data-testid=editor] .ProseMirror h2', { hasText: heading }).click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowDown');
  }

  it('keeps two people typing at once into the same empty paragraph in that paragraph', async () => {
    const draft = nextGroupDraft();
    const amina = await openDraft(await member(draft, 'Amina'), server.httpUrl, draft, { who: 'Amina' });
    const bilal = await openDraft(await member(draft, 'Bilal'), server.httpUrl, draft, { who: 'Bilal' });
    for (const page of [amina, bilal]) await caretUnder(page, 'Context');
    await Promise.all([
      amina.keyboard.type(AMINA_OPENING, { delay: 15 }),
      (async () => {
        await bilal.waitForTimeout(300);
        await bilal.keyboard.type(BILAL_REPLY, { delay: 15 });
      })(),
    ]);
    // Typed at the same spot at once, the two may interleave (Yjs orders concurrent inserts), but
    // every letter of both belongs under "Context", and nothing went under the other headings.
    const expected = { Context: letters(AMINA_OPENING + BILAL_REPLY), 'Key issues': '', Recommendations: '' };
    await eventually(() => lettersBySection(amina)).toEqual(expected);
    expect(await lettersBySection(bilal)).toEqual(expected);
  });

  it("keeps a caret waiting in one section's empty paragraph there while another section's fills up", async () => {
    const draft = nextGroupDraft();
    const amina = await openDraft(await member(draft, 'Amina'), server.httpUrl, draft, { who: 'Amina' });
    const bilal = await openDraft(await member(draft, 'Bilal'), server.httpUrl, draft, { who: 'Bilal' });
    await caretUnder(amina, 'Context');
    await caretUnder(bilal, 'Key issues');
    await amina.keyboard.type(AMINA_OPENING, { delay: 15 });
    await eventually(() => editorText(bilal)).toContain(AMINA_OPENING);
    await bilal.keyboard.type(BILAL_REPLY, { delay: 15 });
    const expected = { Context: letters(AMINA_OPENING), 'Key issues': letters(BILAL_REPLY), Recommendations: '' };
    await eventually(() => lettersBySection(amina)).toEqual(expected);
    expect(await lettersBySection(bilal)).toEqual(expected);
  });

  /** The local copies of drafts this browser profile keeps (y-indexeddb databases). */
  const localCopies = (page: Page) =>
    page.evaluate(async () =>
      (await indexedDB.databases()).flatMap((db) => (db.name?.startsWith('plenary:') ? [db.name] : [])),
    );

  /** Types `text` into the draft offline, then closes the tab with the words only on this device. */
  async function leaveOfflineWords(context: BrowserContext, draft: Draft, text: string): Promise<void> {
    const page = await openDraft(context, server.httpUrl, draft, { who: 'Amina' });
    await eventually(() => connectionState(page)).toBe('saved');
    await context.setOffline(true);
    await eventually(() => connectionState(page)).toBe('offline');
    await typeParagraph(page, text);
    await eventually(() => connectionState(page)).toBe('offline');
    await page.close();
    await context.setOffline(false);
  }

  async function openWorkshopHome(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    reportPageErrors(page, 'Amina');
    await page.goto(`${server.httpUrl}/w/${encodeURIComponent(workshop.workshop.id)}`);
    await page.getByTestId('sign-out').waitFor();
    return page;
  }

  describe('signing out of a shared laptop', () => {
    it('warns before deleting words the server never got, and deletes every local copy once they are sent', async () => {
      const draft = nextGroupDraft();
      const aminaContext = await member(draft, 'Amina');
      const bilal = await openDraft(await member(draft, 'Bilal'), server.httpUrl, draft, { who: 'Bilal' });
      await leaveOfflineWords(aminaContext, draft, AMINA_OFFLINE);

      const home = await openWorkshopHome(aminaContext);
      await home.getByTestId('sign-out').click();
      const warning = home.getByTestId('sign-out-anyway').locator('xpath=ancestor::fieldset');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('One draft holds changes you made on this device');
      await home.getByRole('button', { name: 'Stay signed in' }).click();
      expect(await home.getByTestId('sign-out-anyway').count()).toBe(0);
      expect(await headerName(home), 'still signed in').toBe('Amina');

      // Opening the draft delivers the words; then nothing is left to warn about.
      const draftPage = await openDraft(aminaContext, server.httpUrl, draft, { who: 'Amina' });
      await eventually(() => editorText(bilal)).toContain(AMINA_OFFLINE);
      await eventually(() => connectionState(draftPage)).toBe('saved');
      expect(await localCopies(draftPage)).not.toEqual([]);
      await home.close();
      await draftPage.getByTestId('sign-out').click();
      await draftPage.waitForURL((url) => url.pathname === '/');
      expect(await draftPage.getByTestId('sign-out-anyway').count()).toBe(0);
      await eventually(() => localCopies(draftPage)).toEqual([]);
    });

    it('deletes unsent words when the person confirms, so the next person on the laptop never sees them', async () => {
      const draft = nextGroupDraft();
      const laptop = await member(draft, 'Amina');
      await leaveOfflineWords(laptop, draft, AMINA_PRIVATE);

      const home = await openWorkshopHome(laptop);
      await home.getByTestId('sign-out').click();
      await home.getByTestId('sign-out-anyway').click();
      await home.waitForURL((url) => url.pathname === '/');
      await eventually(() => localCopies(home)).toEqual([]);

      // Bilal, of the same group, signs in on the same laptop.
      const { token } = await workshop.participant('member', 'Bilal', draft.groupId);
      await signInWithToken(laptop, server.httpUrl, token);
      const bilal = await openDraft(laptop, server.httpUrl, draft, { who: 'Bilal' });
      await eventually(() => connectionState(bilal)).toBe('saved');
      expect(await editorText(bilal)).not.toContain(AMINA_PRIVATE);
    });
  });
  describe('when the session ends with words only on this device', () => {
    it('says the words are kept after a revoked link, offers them as text, and sends them once the person joins again', async () => {
      const draft = nextGroupDraft();
      const { token, invite } = await workshop.participant('member', 'Amina', draft.groupId);
      const laptop = await newPersonContext(browser);
      contexts.push(laptop);
      await signInWithToken(laptop, server.httpUrl, token);
      await leaveOfflineWords(laptop, draft, AMINA_OFFLINE);
      const revoked = await api(server, 'POST', `/api/workshops/${draft.workshopId}/invites/${invite.id}/revoke`, {
        token: workshop.facilitatorToken,
      });
      expect(revoked.status).toBe(200);

      const page = await laptop.newPage();
      reportPageErrors(page, 'Amina');
      await page.goto(`${server.httpUrl}/w/${encodeURIComponent(draft.workshopId)}`);
      const notice = page.getByTestId('unsent-notice');
      await notice.waitFor();
      expect(await page.getByTestId('session-ended').textContent()).toContain('Your link was revoked');
      expect(await notice.textContent()).toContain(
        'join again on this device with the new link the facilitator gives you',
      );
      expect(await keptText(page)).toContain(AMINA_OFFLINE);

      // A new link for her group, on the same laptop: opening the draft sends what it kept.
      const bilal = await openDraft(await member(draft, 'Bilal'), server.httpUrl, draft, { who: 'Bilal' });
      expect(await editorText(bilal)).not.toContain(AMINA_OFFLINE);
      const again = await workshop.participant('member', 'Amina', draft.groupId);
      await signInWithToken(laptop, server.httpUrl, again.token);
      const amina = await openDraft(laptop, server.httpUrl, draft, { who: 'Amina' });
      await eventually(() => editorText(bilal)).toContain(AMINA_OFFLINE);
      await eventually(() => connectionState(amina)).toBe('saved');
    });

    it('offers the words of a deleted group’s draft as text, since they can no longer be sent', async () => {
      const draft = nextGroupDraft();
      const laptop = await member(draft, 'Amina');
      await leaveOfflineWords(laptop, draft, AMINA_PRIVATE);
      const deleted = await api(server, 'DELETE', `/api/workshops/${draft.workshopId}/groups/${draft.groupId}`, {
        token: workshop.facilitatorToken,
      });
      expect(deleted.status).toBe(204);

      const page = await laptop.newPage();
      reportPageErrors(page, 'Amina');
      await page.goto(`${server.httpUrl}/w/${encodeURIComponent(draft.workshopId)}`);
      const notice = page.getByTestId('unsent-notice');
      await notice.waitFor();
      expect(await page.getByTestId('session-ended').textContent()).toContain('Your group was deleted');
      expect(await notice.textContent()).toContain('never reached the server, and cannot any more');
      const text = await keptText(page);
      expect(text).toContain(AMINA_PRIVATE);
      expect(text, 'the draft as the device had it').toContain('Recommendations');
    });

    /** Clicks "Download the text kept on this device" and returns the file's text. */
    async function keptText(page: Page): Promise<string> {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-kept').click()]);
      expect(download.suggestedFilename()).toBe('plenary-unsent-words.txt');
      const path = await download.path();
      return readFile(path, 'utf8');
    }
  });
});
