import { describe, expect, it } from 'vitest';
import { formatCountdown, formatRelativeTime } from './relativeTime';

const NOW = Date.parse('2026-03-12T14:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('formatRelativeTime', () => {
  it('says "just now" for the last minute, and for a clock slightly ahead of ours', () => {
    expect(formatRelativeTime(ago(5_000), NOW)).toBe('just now');
    expect(formatRelativeTime(ago(-3_000), NOW)).toBe('just now');
  });

  it('counts whole minutes, hours and days', () => {
    expect(formatRelativeTime(ago(61_000), NOW)).toBe('1 minute ago');
    expect(formatRelativeTime(ago(3 * 60_000 + 59_000), NOW)).toBe('3 minutes ago');
    expect(formatRelativeTime(ago(2 * 3_600_000), NOW)).toBe('2 hours ago');
    expect(formatRelativeTime(ago(26 * 3_600_000), NOW)).toBe('yesterday');
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, rounding a started second up', () => {
    expect(formatCountdown(15 * 60_000)).toBe('15:00');
    expect(formatCountdown(65_001)).toBe('01:06');
    expect(formatCountdown(999)).toBe('00:01');
  });

  it('adds hours for long breakouts and stops at zero', () => {
    expect(formatCountdown(90 * 60_000)).toBe('1:30:00');
    expect(formatCountdown(-5_000)).toBe('00:00');
  });
});
