/** The languages Plenary's interface speaks. */
export type Language = 'en' | 'ur';
export const LANGUAGES: readonly Language[] = ['en', 'ur'];

/** Each language named in itself, so a reader of either finds their own whatever is shown. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ur: 'اردو' };

/**
 * Where the person's choice is kept: localStorage in the app, and a cookie of the same name so
 * the server-rendered published pages follow it too.
 */
export const LANGUAGE_CHOICE_KEY = 'plenary.language';

function asLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  // "ur-PK", "ur-IN", "en-US" → their primary subtag.
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(primary ?? '') ? (primary as Language) : null;
}

/**
 * The interface language: the one the person chose, else the first of the browser's preferred
 * languages that Plenary speaks, else English.
 */
export function chooseLanguage(stored: string | null, preferred: readonly string[]): Language {
  const chosen = asLanguage(stored);
  if (chosen) return chosen;
  for (const tag of preferred) {
    const language = asLanguage(tag);
    if (language) return language;
  }
  return 'en';
}
