import { describe, expect, it } from 'vitest';
import { AutoVersionSchedule } from './autoVersionSchedule';

const MINUTE = 60_000;

describe('AutoVersionSchedule', () => {
  it('is due at the first edit ten minutes after editing started, then starts over', () => {
    const schedule = new AutoVersionSchedule(10 * MINUTE);
    const due = [0, 3, 6, 9.9, 10, 10.5, 15, 20.5].map((minute) => schedule.noteEdit('draft', minute * MINUTE));
    // 0 starts the clock; 10 is due; 10.5 starts it again; 20.5 is due.
    expect(due).toEqual([false, false, false, false, true, false, false, true]);
  });

  it('is never due while nobody edits, and counts each document on its own', () => {
    const schedule = new AutoVersionSchedule(10 * MINUTE);
    expect(schedule.noteEdit('a', 0)).toBe(false);
    expect(schedule.noteEdit('b', 9 * MINUTE)).toBe(false);
    expect(schedule.noteEdit('a', 10 * MINUTE)).toBe(true);
    expect(schedule.noteEdit('b', 10 * MINUTE)).toBe(false);
    expect(schedule.noteEdit('b', 19 * MINUTE)).toBe(true);
  });

  it('is never due when automatic versions are off', () => {
    const schedule = new AutoVersionSchedule(0);
    expect([0, MINUTE, 60 * MINUTE].map((t) => schedule.noteEdit('draft', t))).toEqual([false, false, false]);
  });
});
