import { describe, expect, it } from 'vitest';
import { qrPath } from './QrCode';

/** The dark modules of a path built by qrPath, as "x,y" keys. */
function darkModules(path: string): Set<string> {
  return new Set(Array.from(path.matchAll(/M(\d+) (\d+)/g), (match) => `${match[1]},${match[2]}`));
}

describe('qrPath', () => {
  it('draws a 21-module symbol for a short text, inside a four-module quiet zone', () => {
    const { path, size } = qrPath('HELLO');
    expect(size).toBe(21 + 8);
    const dark = darkModules(path);
    for (const key of dark) {
      const [x = 0, y = 0] = key.split(',').map(Number);
      expect(x).toBeGreaterThanOrEqual(4);
      expect(y).toBeLessThan(size - 4);
    }
  });

  it('puts the finder squares scanners look for in three corners', () => {
    const { path, size } = qrPath('https://plenary.example/join/abcdefghijklmnopqrstuv');
    const dark = darkModules(path);
    const last = size - 4 - 7; // first module of the right/bottom finder
    for (const [x0, y0] of [
      [4, 4],
      [last, 4],
      [4, last],
    ] as const) {
      // The outer ring of a finder is dark, the ring inside it light, the 3x3 centre dark.
      expect(dark.has(`${x0},${y0}`)).toBe(true);
      expect(dark.has(`${x0 + 6},${y0 + 6}`)).toBe(true);
      expect(dark.has(`${x0 + 1},${y0 + 1}`)).toBe(false);
      expect(dark.has(`${x0 + 3},${y0 + 3}`)).toBe(true);
    }
  });
});
