import { describe, expect, it } from 'vitest';
import { formatWorkshopDates } from './workshopDates';

describe('formatWorkshopDates', () => {
  it('shares the month and year of a two-day workshop', () => {
    expect(formatWorkshopDates('2026-03-12', '2026-03-13')).toBe('12–13 March 2026');
  });

  it('names both months, or both years, when they differ', () => {
    expect(formatWorkshopDates('2026-03-30', '2026-04-02')).toBe('30 March – 2 April 2026');
    expect(formatWorkshopDates('2026-12-31', '2027-01-01')).toBe('31 December 2026 – 1 January 2027');
  });

  it('shows one day once, and copes with a missing end or start', () => {
    expect(formatWorkshopDates('2026-03-12', '2026-03-12')).toBe('12 March 2026');
    expect(formatWorkshopDates('2026-03-12', null)).toBe('12 March 2026');
    expect(formatWorkshopDates(null, '2026-03-13')).toBe('13 March 2026');
    expect(formatWorkshopDates(null, null)).toBe('');
  });
});
