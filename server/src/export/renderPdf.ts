import type { Browser, BrowserContext } from 'playwright-core';
import type { Logger } from '../logger';
import { type ChromiumLocation, findChromium } from './chromiumExecutable';
import { ExportError } from './ExportError';
import { escapeHtml } from './renderHtml';

/** Flags for a headless Chromium that prints documents and talks to nobody. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface PdfRendererOptions {
  /** CHROMIUM_PATH, or null to look for one. */
  executablePath: string | null;
  /** The PATH to look for `chromium` on. */
  searchPath: string;
  logger: Logger;
  /** Pages printing at once; more wait their turn. */
  concurrency?: number;
  /** Jobs allowed to wait; beyond that an export is refused as busy. */
  maxQueued?: number;
  /** Longest one job may take (load and print), after its turn came. */
  jobTimeoutMs?: number;
  launchTimeoutMs?: number;
}

export interface PdfJob {
  /** A self-contained HTML document (renderHtml's output). */
  html: string;
  /** Printed in the footer of every page beside the page number. */
  footerLabel: string;
  /**
   * A tagged PDF with bookmarks (accessible, navigable), on by default. Tagging makes a PDF of
   * hundreds of recommendation tables five times larger, so very long documents leave it off.
   */
  tagged?: boolean;
  /**
   * Asked for by a visitor without a session (a published page's download): such jobs may wait
   * in half of the queue only, so a crowd of them never leaves signed-in people's exports without room.
   */
  anonymous?: boolean;
}

/**
 * Prints HTML to PDF with one warm Chromium: launched on first use, relaunched if it died, closed
 * on shutdown. Every page runs with JavaScript off and every network request refused; the HTML
 * carries its fonts, so it needs nothing.
 */
export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  /** The launched browser, once it is up: what 'disconnected' compares against. */
  private current: Browser | undefined;
  private location: ChromiumLocation | undefined;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private closed = false;
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly jobTimeoutMs: number;
  private readonly launchTimeoutMs: number;

  constructor(private readonly options: PdfRendererOptions) {
    this.concurrency = options.concurrency ?? 1;
    this.maxQueued = options.maxQueued ?? 16;
    this.jobTimeoutMs = options.jobTimeoutMs ?? 60_000;
    this.launchTimeoutMs = options.launchTimeoutMs ?? 30_000;
  }

  /** Prints one document. Rejects with an ExportError when busy, unavailable or too slow. */
  async render(job: PdfJob): Promise<Uint8Array> {
    if (this.closed) throw new ExportError('pdf_unavailable', 'The server is shutting down.');
    await this.turn(job.anonymous === true);
    try {
      return await this.print(job);
    } finally {
      this.release();
    }
  }

  /** Closes the browser; jobs still printing fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    const browser = this.browser;
    this.browser = undefined;
    this.current = undefined;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
  }

  private async turn(anonymous: boolean): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return;
    }
    if (this.waiting.length >= (anonymous ? Math.max(1, Math.floor(this.maxQueued / 2)) : this.maxQueued)) {
      throw new ExportError('export_busy', 'Too many PDF exports are running; try again in a moment.');
    }
    // release() hands its slot straight to the next waiter, so `running` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    // close() wakes waiters without a slot; the renderer is done, so the count no longer matters.
    if (this.closed) throw new ExportError('pdf_unavailable', 'The server is shutting down.');
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  private async print(job: PdfJob): Promise<Uint8Array> {
    const started = performance.now();
    const browser = await this.ensureBrowser();
    let context: BrowserContext;
    try {
      context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    } catch (error) {
      // The browser died since the last job: the next export starts a fresh one.
      this.forget(browser);
      this.options.logger.warn({ err: error }, 'chromium was gone; it starts again on the next export');
      throw new ExportError('pdf_failed', 'The PDF could not be printed; try again.');
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = (async () => {
        // Nothing may be fetched: the document carries its fonts as data URLs (not requests).
        await context.route('**/*', (route) => route.abort('blockedbyclient'));
        const page = await context.newPage();
        await page.setContent(job.html, { waitUntil: 'load', timeout: this.jobTimeoutMs });
        return page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: '<span></span>',
          footerTemplate: footerTemplate(job.footerLabel),
          margin: { top: '18mm', bottom: '20mm', left: '18mm', right: '18mm' },
          outline: job.tagged ?? true,
          tagged: job.tagged ?? true,
        });
      })();
      // Once the timeout wins, the abandoned print rejects when its context closes; nobody waits for it.
      work.catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new ExportError('export_timeout', 'The PDF took too long to print; try DOCX or HTML.')),
          this.jobTimeoutMs,
        );
      });
      const pdf = await Promise.race([work, timeout]);
      this.options.logger.debug({ ms: Math.round(performance.now() - started), bytes: pdf.length }, 'pdf printed');
      return pdf;
    } catch (error) {
      if (error instanceof ExportError) throw error;
      // A crash mid-print: forget the browser so the next job starts a fresh one.
      if (!browser.isConnected()) this.forget(browser);
      this.options.logger.warn({ err: error }, 'pdf print failed');
      throw new ExportError('pdf_failed', 'The PDF could not be printed.');
    } finally {
      clearTimeout(timer);
      await this.closeContext(context, browser);
    }
  }

  /** Closing the context stops a print that timed out; if even that hangs, the browser goes. */
  private async closeContext(context: BrowserContext, browser: Browser): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const closedInTime = await Promise.race([
      context.close().then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), 5_000);
      }),
    ]);
    clearTimeout(timer);
    if (!closedInTime) {
      this.options.logger.warn('a PDF page did not close; restarting Chromium');
      this.forget(browser);
      await browser.close().catch(() => undefined);
    }
  }

  private forget(browser: Browser): void {
    if (this.current === browser) {
      this.current = undefined;
      this.browser = undefined;
    }
  }

  private ensureBrowser(): Promise<Browser> {
    this.browser ??= this.launch();
    const current = this.browser;
    // A failed launch is not cached: the next export tries again.
    current.catch(() => {
      if (this.browser === current) this.browser = undefined;
    });
    return current;
  }

  private async launch(): Promise<Browser> {
    try {
      this.location ??= await findChromium(this.options.executablePath, this.options.searchPath);
    } catch (error) {
      throw new ExportError(
        'pdf_unavailable',
        `PDF export needs Chromium: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const started = performance.now();
    let browser: Browser;
    try {
      // Loaded with the first PDF, not at start: playwright-core alone took ~0.4 s of every start.
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: this.location.path,
        args: CHROMIUM_ARGS,
        headless: true,
        timeout: this.launchTimeoutMs,
      });
    } catch (error) {
      this.options.logger.error({ err: error, chromium: this.location }, 'chromium did not start');
      throw new ExportError('pdf_unavailable', 'PDF export is unavailable: Chromium did not start.');
    }
    this.current = browser;
    // A crashed or killed browser is replaced on the next export.
    browser.on('disconnected', () => this.forget(browser));
    this.options.logger.info(
      { chromium: this.location, ms: Math.round(performance.now() - started) },
      'chromium started for PDF export',
    );
    return browser;
  }
}

/** Chromium fills .pageNumber and .totalPages itself, without script; the label is escaped text. */
function footerTemplate(label: string): string {
  return (
    '<div style="width:100%;font-size:8px;color:#5b6673;padding:0 18mm;display:flex;justify-content:space-between;font-family:sans-serif">' +
    `<span dir="auto">${escapeHtml(label)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`
  );
}
