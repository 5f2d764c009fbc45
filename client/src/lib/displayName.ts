/** The longest display name the server accepts; longer names break caret labels and lists. */
export const MAX_DISPLAY_NAME_LENGTH = 60;

/** Collapses whitespace so "  Ana   K " and "Ana K" are the same person on screen. */
export function normaliseDisplayName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim();
}
