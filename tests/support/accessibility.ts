import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** An interface language as the browser announces it: Urdu visitors get Urdu by default. */
export type InterfaceLanguage = 'en' | 'ur';

/** A fresh device whose browser prefers `language` (navigator.languages), as a visitor's would. */
export async function contextInLanguage(
  browser: Browser,
  language: InterfaceLanguage,
  options: { width?: number; height?: number; hasTouch?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    locale: language === 'ur' ? 'ur-PK' : 'en-GB',
    hasTouch: options.hasTouch ?? false,
    isMobile: options.hasTouch ?? false,
  });
}

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/**
 * The serious and critical WCAG 2.x A/AA problems axe-core finds on the page as it is now, each
 * with the elements it concerns, so a failing test says what to fix.
 */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental'])
    // WCAG 2.5.3 (label in name): a button's name starts with what it shows, so speech input
    // ("click H1") works. axe ships this check as experimental.
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  // A page axe could not read (nothing rendered, injection refused) must not pass as clean.
  if (results.passes.length === 0) throw new Error(`axe checked nothing on ${page.url()}`);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}
