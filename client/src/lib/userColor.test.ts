import { describe, expect, it } from 'vitest';
import { colorForName, USER_COLORS } from './userColor';

function relativeLuminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('user colours', () => {
  it.each(USER_COLORS)('%s keeps white label text readable (WCAG AA, 4.5:1)', (color) => {
    const contrastWithWhite = 1.05 / (relativeLuminance(color) + 0.05);
    expect(contrastWithWhite).toBeGreaterThanOrEqual(4.5);
  });

  it('gives a name the same colour on every device and reload', () => {
    expect(colorForName('Amina Khan')).toBe(colorForName('Amina Khan'));
    expect(USER_COLORS).toContain(colorForName('Amina Khan'));
    expect(USER_COLORS).toContain(colorForName('عائشہ'));
  });

  it('spreads a group of names over several colours', () => {
    const names = ['Amina', 'Bilal', 'Chidi', 'Dana', 'Emre', 'Farah', 'Gul', 'Hassan', 'Iqra', 'Jawad'];
    expect(new Set(names.map(colorForName)).size).toBeGreaterThanOrEqual(5);
  });
});
