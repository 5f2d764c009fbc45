import { z } from 'zod';

// C0 controls and DEL, except tab and line breaks; lone UTF-16 surrogates (either half alone).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether text could have been typed by a person. A lone surrogate is not text at all: JSON lets it
 * through, but it is stored as U+FFFD, so what a request was told it saved and what comes back
 * would differ; control characters end up invisible in the app and broken in a DOCX.
 */
export function isTypedText(text: string): boolean {
  return !CONTROL.test(text) && !LONE_SURROGATE.test(text);
}

/** A trimmed string of at most `max` characters that a person could have typed. */
export function typedText(max: number, { required = true }: { required?: boolean } = {}) {
  const trimmed = z.string().trim();
  return (required ? trimmed.min(1, 'must not be empty') : trimmed)
    .max(max, `must be at most ${max} characters`)
    .refine(isTypedText, 'must not contain control characters or broken (lone surrogate) characters');
}
