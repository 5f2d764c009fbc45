import { describe, expect, it } from 'vitest';
import { PARTICIPANT_COLORS, participantColor } from './participantColor';

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

describe('participantColor', () => {
  it('gives the same colour for the same key', () => {
    expect(participantColor('p-123')).toBe(participantColor('p-123'));
  });

  it('spreads keys over the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => participantColor(`participant-${i}`)));
    expect(used.size).toBeGreaterThanOrEqual(PARTICIPANT_COLORS.length - 1);
  });

  it.each(PARTICIPANT_COLORS)('%s carries white text at AA contrast', (color) => {
    const ratio = (1 + 0.05) / (luminance(color) + 0.05);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });
});
