/** Which way a piece of text reads, by its own characters: the editor, the exports and the published page agree. */

export type Direction = 'ltr' | 'rtl';

const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;
const LETTER = /\p{L}/u;

/** The direction of `text` by its first strong (letter) character, as the Unicode bidi rules P2/P3 do; null if it has none. */
export function directionOf(text: string): Direction | null {
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    return RTL_LETTER.test(char) ? 'rtl' : 'ltr';
  }
  return null;
}

/** Whether a character is a letter of a right-to-left script. */
export function isRtlLetter(char: string): boolean {
  return RTL_LETTER.test(char);
}
