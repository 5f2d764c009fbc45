import { isSafeHref } from '@plenary/shared/schema';

/** The outcome of checking what someone typed into the link field. */
export type LinkHrefResult = { ok: true; href: string } | { ok: false; reason: 'empty' | 'unsafe' };

// "scheme:" but not "host:port" (a digit after the colon is a port, not an opaque scheme part).
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;
const LOOKS_LIKE_EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const LOOKS_LIKE_HOST = /^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$/;

/**
 * Turns link-field input into an href, or says why not. People type "example.org" or
 * "name@example.org" without a scheme, so those get https: / mailto:. Anything else with a
 * scheme must pass `isSafeHref` (http, https, mailto only) — the same check the schema applies.
 */
export function parseLinkInput(raw: string): LinkHrefResult {
  const input = raw.trim();
  if (input === '') return { ok: false, reason: 'empty' };
  let href = input;
  if (!HAS_SCHEME.test(input)) {
    if (LOOKS_LIKE_EMAIL.test(input)) href = `mailto:${input}`;
    else if (LOOKS_LIKE_HOST.test(input)) href = `https://${input}`;
  }
  return isSafeHref(href) ? { ok: true, href } : { ok: false, reason: 'unsafe' };
}
