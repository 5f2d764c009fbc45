import { chooseLanguage, LANGUAGE_CHOICE_KEY, type Language } from '@plenary/shared/domain';
import { useSyncExternalStore } from 'react';
import { english, type Strings, setActiveStrings } from './strings';
import { urdu } from './strings.ur';

interface LanguageInfo {
  strings: Strings;
  /** For Intl (numbers, dates, relative times). */
  locale: string;
  dir: 'ltr' | 'rtl';
}

const INFO: Record<Language, LanguageInfo> = {
  en: { strings: english, locale: 'en-GB', dir: 'ltr' },
  ur: { strings: urdu, locale: 'ur-PK', dir: 'rtl' },
};

export { chooseLanguage, LANGUAGES, type Language } from '@plenary/shared/domain';

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return INFO[language].dir;
}

let active: Language = 'en';
const listeners = new Set<() => void>();

export function activeLanguage(): Language {
  return active;
}

/** The active locale, for Intl formatters. */
export function activeLocale(): string {
  return INFO[active].locale;
}

function readStored(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_CHOICE_KEY) ?? null;
  } catch {
    // Storage can be blocked (private modes, policies); the browser's preference still applies.
    return null;
  }
}

function apply(language: Language): void {
  active = language;
  setActiveStrings(INFO[language].strings);
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
    document.documentElement.dir = INFO[language].dir;
  }
}

/** At start: the stored choice or the browser's languages. */
export function startLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  apply(chooseLanguage(readStored(), preferred));
  return active;
}

/** The person picked a language: remember it on this device and re-render the app in it. */
export function switchLanguage(language: Language): void {
  if (language === active) return;
  try {
    globalThis.localStorage?.setItem(LANGUAGE_CHOICE_KEY, language);
  } catch {
    // Not remembered, but still switched for this visit.
  }
  // The published pages are rendered by the server, which reads the choice from this cookie.
  if (typeof document !== 'undefined') {
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is not in every browser Plenary supports, and the value is one of two fixed words.
    document.cookie = `${LANGUAGE_CHOICE_KEY}=${language}; path=/; max-age=31536000; SameSite=Lax`;
  }
  apply(language);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The active language; a component using it re-renders on a switch. */
export function useLanguage(): Language {
  return useSyncExternalStore(subscribe, activeLanguage, activeLanguage);
}
