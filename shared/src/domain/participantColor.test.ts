import { describe, expect, it } from 'vitest';
import { freshParticipantColor, PARTICIPANT_COLORS, participantColor } from './participantColor';

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

describe('freshParticipantColor', () => {
  it('gives the first ten people of a group ten different colours, then reuses the least used', () => {
    const used: string[] = [];
    for (let i = 0; i < 10; i++) used.push(freshParticipantColor(used, `member-${i}`));
    expect(new Set(used).size).toBe(10);
    const eleventh = freshParticipantColor(used, 'member-10');
    used.push(eleventh);
    expect(freshParticipantColor(used, 'member-11')).not.toBe(eleventh);
  });

  it('keeps the colour a key hashes to when nobody uses it, and is the same for the same group and key', () => {
    expect(freshParticipantColor([], 'p-1')).toBe(participantColor('p-1'));
    const taken = [participantColor('p-1')];
    expect(freshParticipantColor(taken, 'p-1')).not.toBe(participantColor('p-1'));
    expect(freshParticipantColor(taken, 'p-1')).toBe(freshParticipantColor(taken, 'p-1'));
  });
});
