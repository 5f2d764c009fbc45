import { z } from 'zod';

// Either half of a UTF-16 surrogate pair alone.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether text could have been typed by a person. A lone surrogate is not text at all: JSON lets it
 * through, but it is stored as U+FFFD, so what a request was told it saved and what comes back
 * would differ; control characters end up invisible in the app and broken in a DOCX.
 */
export function isTypedText(text: string): boolean {
  return !hasControlCharacter(text) && !LONE_SURROGATE.test(text);
}

/** C0 controls and DEL, except tab and line breaks (a merged statement has paragraphs). */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/**
 * A trimmed string of at most `max` characters that a person could have typed: on one line (a
 * name, a title, a label is typed into a one-line field) unless `multiline`.
 */
export function typedText(
  max: number,
  { required = true, multiline = false }: { required?: boolean; multiline?: boolean } = {},
) {
  const trimmed = z.string().trim();
  const typed = (required ? trimmed.min(1, 'must not be empty') : trimmed)
    .max(max, `must be at most ${max} characters`)
    .refine(isTypedText, 'must not contain control characters or broken (lone surrogate) characters');
  return multiline ? typed : typed.refine((text) => !LINE_BREAK_OR_TAB.test(text), 'must be one line');
}
