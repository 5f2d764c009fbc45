/**
 * Caret and presence colours. Each is dark enough for white label text at WCAG AA (≥ 4.5:1) and
 * distinct from its neighbours, so carets stay readable on a projector.
 */
export const PARTICIPANT_COLORS = [
  '#1a5fb4',
  '#a51d2d',
  '#26734d',
  '#813d9c',
  '#9c4a00',
  '#0b6e79',
  '#b0176b',
  '#4a5a1a',
  '#5e4fa2',
  '#8a3b12',
] as const;

/** A stable colour for a participant id or name (same input, same colour, on every device). */
export function participantColor(key: string): string {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return PARTICIPANT_COLORS[(hash >>> 0) % PARTICIPANT_COLORS.length] ?? PARTICIPANT_COLORS[0];
}

/**
 * The colour for a newcomer `key` among people already using `used`: one nobody (or the fewest)
 * in the same group uses, so two people co-writing a draft never share a caret and authorship
 * colour while any of the ten is free; among those, the one `key` hashes to first.
 */
export function freshParticipantColor(used: readonly string[], key: string): string {
  const uses = (color: string) => used.filter((one) => one === color).length;
  const fewest = Math.min(...PARTICIPANT_COLORS.map(uses));
  const start = PARTICIPANT_COLORS.indexOf(participantColor(key) as (typeof PARTICIPANT_COLORS)[number]);
  for (let step = 0; step < PARTICIPANT_COLORS.length; step++) {
    const color = PARTICIPANT_COLORS[(start + step) % PARTICIPANT_COLORS.length] as string;
    if (uses(color) === fewest) return color;
  }
  return participantColor(key);
}
