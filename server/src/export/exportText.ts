/** Text as it may appear in any export: what XML can carry, and which way it reads. */

// One rule for which way text reads, shared with the editor.
import { type Direction, directionOf, isRtlLetter } from '@plenary/shared/domain';

export { type Direction, directionOf, isRtlLetter };

// XML 1.0 forbids C0 controls other than tab/newline/return, U+FFFE/U+FFFF and unpaired surrogates;
// C1 controls are allowed but invisible and make Word refuse some files, so they go too.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to remove
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS = /\r\n?|\n|\t/g;

/** Text safe for every format: characters XML cannot hold removed; line breaks and tabs become spaces. */
export function cleanText(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(XML_INVALID, '').replace(LONE_SURROGATE, '').replace(LINE_BREAKS, ' ');
}

/** Like `cleanText`, but keeps line breaks (code blocks). */
export function cleanCode(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.replace(XML_INVALID, '').replace(LONE_SURROGATE, '').replace(/\r\n?/g, '\n');
}

/** Splits text into runs that read in one direction; neutral characters join the run they follow. */
export function splitByDirection(text: string, base: Direction): Array<{ text: string; dir: Direction }> {
  const runs: Array<{ text: string; dir: Direction }> = [];
  let current: { text: string; dir: Direction } | undefined;
  for (const char of text) {
    const strong = directionOf(char);
    const dir = strong ?? current?.dir ?? base;
    if (current && current.dir === dir) current.text += char;
    else {
      current = { text: char, dir };
      runs.push(current);
    }
  }
  return runs;
}

/** Letters Urdu has and Arabic does not (ٹ ڈ ڑ ں ھ ہ ی ے): enough to tell Plenary's Urdu from Arabic. */
const URDU_LETTERS = /[\u0679\u0688\u0691\u06BA\u06BE\u06C1\u06CC\u06D2]/;

/**
 * The language to tag a right-to-left passage with, so a screen reader reads it with the right
 * voice: Urdu when its letters show it, else none (the document's own language applies).
 */
export function languageOf(text: string): 'ur' | null {
  return URDU_LETTERS.test(text) ? 'ur' : null;
}
