/** The first words of a statement, for naming a recommendation in one line (the composer, the exports). */
export function excerpt(text: string, words = 10): string {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  return parts.length <= words ? parts.join(' ') : `${parts.slice(0, words).join(' ')}…`;
}
