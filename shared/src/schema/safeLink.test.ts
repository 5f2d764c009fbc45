import { describe, expect, it } from 'vitest';
import { isSafeHref } from './safeLink';

describe('isSafeHref', () => {
  it.each(['https://fia.gov.pk', 'http://example.org/a?b=c', 'mailto:rapporteur@example.org', ' HTTPS://X.ORG '])(
    'accepts %s',
    (href) => expect(isSafeHref(href)).toBe(true),
  );
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,x',
    'vbscript:x',
    '/relative',
    'example.org',
    '',
  ])('refuses %s', (href) => expect(isSafeHref(href)).toBe(false));
});
