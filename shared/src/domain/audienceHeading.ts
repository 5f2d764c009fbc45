/** Text as words: spacing collapsed, letter case aside. */
const words = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** Whether two texts are the same words, whatever their spacing and letter case. */
export const sameWords = (a: string, b: string): boolean => words(a) === words(b);

/**
 * The audience a heading files recommendations under: its name ("Judiciary") or "Recommendations
 * for Judiciary", spacing and letter case aside. The brief's imports and its exports read
 * headings this one way, so the sections rapporteurs edit are the ones readers get.
 */
export function audienceNamedBy(headingText: string, audiences: readonly string[]): string | undefined {
  return audiences.find(
    (name) => sameWords(name, headingText) || sameWords(`Recommendations for ${name}`, headingText),
  );
}
