import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';
import { REPO_ROOT } from './serverProcess';

/** Written by tests/support/ensureTestTools.mjs, which `npm test` runs before vitest. */
const CHROMIUM_PATH_FILE = join(REPO_ROOT, '.cache', 'chromium-path');
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless Chromium running as root in a container, with no calls home. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** An explicit CHROMIUM_PATH wins over the recorded one, so a developer can switch browsers. */
export function resolveChromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync(CHROMIUM_PATH_FILE)) {
    const recorded = readFileSync(CHROMIUM_PATH_FILE, 'utf8').trim();
    if (recorded && existsSync(recorded)) return recorded;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error(
    'No Chromium found: run `node tests/support/ensureTestTools.mjs` (npm test does) or set CHROMIUM_PATH',
  );
}

/** Launches headless Chromium; call `newContext()` per simulated person (each is a fresh profile). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: resolveChromiumPath(),
    args: [...CHROMIUM_FLAGS],
    headless: true,
  });
}

/** A fresh, isolated profile (own cookies, localStorage and IndexedDB), as a person on their own device. */
export async function newPersonContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 800 } });
}
