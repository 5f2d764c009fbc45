/**
 * Caret and presence colours. Each is dark enough for white label text (contrast ≥ 4.5:1,
 * WCAG AA), and they differ in hue so neighbouring carets stay distinguishable.
 */
export const USER_COLORS = [
  '#b91c1c',
  '#c2410c',
  '#a16207',
  '#4d7c0f',
  '#15803d',
  '#0f766e',
  '#0e7490',
  '#0369a1',
  '#1d4ed8',
  '#4338ca',
  '#6d28d9',
  '#a21caf',
  '#be185d',
  '#475569',
] as const;

/**
 * The colour of a person, derived from their name so it is the same on every device and after
 * every reload without being stored anywhere.
 */
export function colorForName(name: string): string {
  // FNV-1a: a tiny, well-spread string hash; no security property is needed here.
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  const index = (hash >>> 0) % USER_COLORS.length;
  return USER_COLORS[index] ?? USER_COLORS[0];
}
