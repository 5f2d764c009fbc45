/**
 * The first audience a list names a second time, letter case aside ("Judiciary", "judiciary"), or
 * null. A brief has one section per audience, so a repeated name would split one audience in two.
 */
export function repeatedAudience(audiences: readonly string[]): string | null {
  const seen = new Set<string>();
  for (const audience of audiences) {
    const key = audience.trim().toLocaleLowerCase();
    if (seen.has(key)) return audience;
    seen.add(key);
  }
  return null;
}
