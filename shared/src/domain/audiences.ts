/**
 * The first audience a list names a second time, or null. Names that only look different count
 * as one: letter case ("Judiciary", "judiciary"), spacing (a double or non-breaking space, an
 * invisible zero-width one) and composed or decomposed accents. A brief has one section per
 * audience, so a repeated name would split one audience in two.
 */
export function repeatedAudience(audiences: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const audience of audiences) {
    const key = audience
      .normalize('NFKC')
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLocaleLowerCase();
    if (seen.has(key)) return audience;
    seen.add(key);
  }
  return null;
}
