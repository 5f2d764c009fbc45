import { afterEach, describe, expect, it, vi } from 'vitest';
import { noteServerDate, serverNow } from './serverClock';

afterEach(() => {
  noteServerDate(new Date().toUTCString());
  vi.useRealTimers();
});

describe('serverNow', () => {
  it("follows a server clock that is minutes ahead of this device's", () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-12T14:00:00Z') });
    noteServerDate('Thu, 12 Mar 2026 14:05:00 GMT');
    expect(serverNow() - Date.now()).toBeGreaterThanOrEqual(5 * 60_000);
    expect(serverNow() - Date.now()).toBeLessThan(5 * 60_000 + 1000);
  });

  it('ignores the sub-second noise of a header truncated to whole seconds', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-12T14:00:00.700Z') });
    noteServerDate('Thu, 12 Mar 2026 14:00:00 GMT');
    expect(serverNow()).toBe(Date.now());
  });

  it('keeps the last estimate when a header is missing or unreadable', () => {
    vi.useFakeTimers({ now: Date.parse('2026-03-12T14:00:00Z') });
    noteServerDate('Thu, 12 Mar 2026 13:50:00 GMT');
    noteServerDate(null);
    noteServerDate('not a date');
    expect(Date.now() - serverNow()).toBeGreaterThan(9 * 60_000);
  });
});
