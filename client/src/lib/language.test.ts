import { afterEach, describe, expect, it } from 'vitest';
import { activeLanguage, activeLocale, directionOf, switchLanguage } from './language';
import { formatRelativeTime } from './relativeTime';
import { strings } from './strings';
import { formatWorkshopDates } from './workshopDates';

describe('switchLanguage', () => {
  afterEach(() => switchLanguage('en'));

  it('swaps the strings every call site reads, the direction and the Intl locale', () => {
    expect(strings.join.submit).toBe('Join');
    switchLanguage('ur');
    expect(activeLanguage()).toBe('ur');
    expect(strings.join.submit).toBe('شامل ہوں');
    expect(strings.recommendation.heading(3)).toBe('سفارش 3');
    expect(directionOf('ur')).toBe('rtl');
    expect(activeLocale()).toBe('ur-PK');
    switchLanguage('en');
    expect(strings.join.submit).toBe('Join');
    expect(directionOf('en')).toBe('ltr');
  });

  it('formats dates and relative times in the active language', () => {
    const now = Date.parse('2026-03-12T10:00:00Z');
    expect(formatRelativeTime('2026-03-12T09:57:00Z', now)).toBe('3 minutes ago');
    expect(formatWorkshopDates('2026-03-12', null)).toBe('12 March 2026');
    switchLanguage('ur');
    expect(formatRelativeTime('2026-03-12T09:57:00Z', now)).toBe('3 منٹ پہلے');
    expect(formatRelativeTime('2026-03-12T09:59:50Z', now)).toBe('ابھی ابھی');
    expect(formatWorkshopDates('2026-03-12', null)).toBe('12 مارچ، 2026');
  });
});
