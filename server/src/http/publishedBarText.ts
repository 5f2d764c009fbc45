import { chooseLanguage, LANGUAGE_CHOICE_KEY, type Language } from '@plenary/shared/domain';
import type { Request } from 'express';
import { readCookie } from '../services/requestToken';

/** The words of the bar above a published brief, in each interface language. */
export interface PublishedBarText {
  label: string;
  status(version: number, of: number, date: string): string;
  /** Before the row of formats. */
  downloads: string;
  /** Each format's link, for screen readers (its visible text is the format's name). */
  download(format: string): string;
  editions: string;
  others: string;
  version(version: number, date: string): string;
  languages: string;
  /** A publication's day as the brief's own title page writes dates ("29 November 2026"). */
  date(iso: string): string;
}

/** The day of `iso` in `locale`, long form, in UTC (as the exports write it). */
const longDate = (locale: string) => (iso: string) =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(iso),
  );

export const PUBLISHED_BAR_TEXT: Record<Language, PublishedBarText> = {
  en: {
    label: 'Published brief',
    status: (version, of, date) => `Published version ${version} of ${of}, ${date}. Later edits do not change it.`,
    downloads: 'Download',
    download: (format) => `Download ${format}`,
    editions: 'Audience editions',
    others: 'Other versions',
    version: (version, date) => `Version ${version} — ${date}`,
    languages: 'Language',
    date: longDate('en-GB'),
  },
  ur: {
    label: 'شائع شدہ بریف',
    status: (version, of, date) => `شائع شدہ نسخہ ${version} از ${of}، ${date}۔ بعد کی ترامیم اسے تبدیل نہیں کرتیں۔`,
    downloads: 'ڈاؤن لوڈ',
    download: (format) => `${format} ڈاؤن لوڈ کریں`,
    editions: 'مخاطبین کے لحاظ سے ایڈیشن',
    others: 'دوسرے نسخے',
    version: (version, date) => `نسخہ ${version} — ${date}`,
    languages: 'زبان',
    date: longDate('ur-PK'),
  },
};

/**
 * The language of a published page's own words (the brief itself stays as written): `?lang=`,
 * else the choice the app stored in its cookie, else the browser's Accept-Language, else English.
 */
export function publishedPageLanguage(request: Request): Language {
  const asked = typeof request.query.lang === 'string' ? request.query.lang : null;
  // acceptsLanguages() lists Accept-Language by preference (its q weights), wildcards included.
  return chooseLanguage(
    asked ?? readCookie(request.headers.cookie, LANGUAGE_CHOICE_KEY) ?? null,
    request.acceptsLanguages(),
  );
}
