import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineQueue } from './DeadlineQueue';

describe('DeadlineQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls each key once its delay has passed since it was last scheduled', () => {
    const due: string[] = [];
    const queue = new DeadlineQueue<string>(1_000, (key) => due.push(key));
    queue.schedule('a');
    vi.advanceTimersByTime(400);
    queue.schedule('b');
    vi.advanceTimersByTime(599);
    expect(due).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(due).toEqual(['a']);
    vi.advanceTimersByTime(400);
    expect(due).toEqual(['a', 'b']);
    expect(queue.size).toBe(0);
  });

  it('pushes a key back when it is scheduled again, behind keys that are due sooner', () => {
    const due: string[] = [];
    const queue = new DeadlineQueue<string>(1_000, (key) => due.push(key));
    queue.schedule('a');
    queue.schedule('b');
    vi.advanceTimersByTime(900);
    queue.schedule('a');
    vi.advanceTimersByTime(100);
    expect(due).toEqual(['b']);
    vi.advanceTimersByTime(899);
    expect(due).toEqual(['b']);
    vi.advanceTimersByTime(1);
    expect(due).toEqual(['b', 'a']);
  });

  it('holds one timer for all its keys, and none once nothing waits', () => {
    const queue = new DeadlineQueue<number>(1_000, () => {});
    for (let key = 0; key < 100; key += 1) queue.schedule(key);
    expect(vi.getTimerCount()).toBe(1);
    for (let key = 0; key < 99; key += 1) queue.cancel(key);
    expect(vi.getTimerCount()).toBe(1);
    queue.cancel(99);
    expect(vi.getTimerCount()).toBe(0);
    queue.schedule(1);
    vi.advanceTimersByTime(1_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never calls a cancelled key, nor any key once cleared', () => {
    const due: string[] = [];
    const queue = new DeadlineQueue<string>(1_000, (key) => due.push(key));
    queue.schedule('a');
    queue.schedule('b');
    queue.cancel('a');
    vi.advanceTimersByTime(5_000);
    expect(due).toEqual(['b']);
    expect(queue.has('a')).toBe(false);

    queue.schedule('c');
    queue.clear();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5_000);
    expect(due).toEqual(['b']);
  });

  it('still calls the keys after one whose callback threw', () => {
    // The server logs an uncaught exception and goes on; the keys behind it must not be stranded.
    const due: string[] = [];
    const queue = new DeadlineQueue<string>(1_000, (key) => {
      if (key === 'a') throw new Error('boom');
      due.push(key);
    });
    queue.schedule('a');
    queue.schedule('b');
    expect(() => vi.advanceTimersByTime(1_000)).toThrow('boom');
    // Re-armed at once: a timer of 0 ms runs a millisecond later.
    vi.advanceTimersByTime(1);
    expect(due).toEqual(['b']);
    expect(queue.size).toBe(0);
  });

  it('lets a due key schedule itself again from its callback', () => {
    const due: number[] = [];
    const queue = new DeadlineQueue<string>(1_000, (key) => {
      due.push(Date.now());
      if (due.length < 3) queue.schedule(key);
    });
    const start = Date.now();
    queue.schedule('a');
    vi.advanceTimersByTime(10_000);
    expect(due.map((at) => at - start)).toEqual([1_000, 2_000, 3_000]);
  });
});
