import { describe, expect, it } from 'vitest';
import { parseLinkInput } from './linkHref';

describe('parseLinkInput', () => {
  it.each([
    ['https://example.org/report', 'https://example.org/report'],
    ['http://example.org', 'http://example.org'],
    ['mailto:rapporteur@example.org', 'mailto:rapporteur@example.org'],
    ['  https://example.org  ', 'https://example.org'],
  ])('accepts %s as-is', (input, href) => {
    expect(parseLinkInput(input)).toEqual({ ok: true, href });
  });

  it('completes what people type without a scheme', () => {
    expect(parseLinkInput('www.fia.gov.pk/reports')).toEqual({ ok: true, href: 'https://www.fia.gov.pk/reports' });
    expect(parseLinkInput('example.org:8080/x')).toEqual({ ok: true, href: 'https://example.org:8080/x' });
    expect(parseLinkInput('rapporteur@example.org')).toEqual({ ok: true, href: 'mailto:rapporteur@example.org' });
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'ftp://example.org/file',
    '/relative/path',
    'just words',
  ])('refuses %s', (input) => {
    expect(parseLinkInput(input)).toEqual({ ok: false, reason: 'unsafe' });
  });

  it('asks for an address when the field is empty', () => {
    expect(parseLinkInput('   ')).toEqual({ ok: false, reason: 'empty' });
  });
});
