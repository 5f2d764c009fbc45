import { describe, expect, it } from 'vitest';
import { isTypedText, typedText } from './typedText';

describe('isTypedText', () => {
  it('accepts any language, emoji, tabs and line breaks', () => {
    for (const text of ['Combating trafficking', 'یہ FIA کی ذمہ داری ہے۔', 'Ü ß 🇵🇰 👩🏽‍⚖️', 'a\tb\nc\r\nd', '']) {
      expect(isTypedText(text), text).toBe(true);
    }
  });

  it('refuses control characters and either half of a surrogate pair alone', () => {
    for (const text of [
      'nul\u0000',
      'bell\u0007',
      'esc\u001b[31m',
      'del\u007f',
      '\ud800 lone',
      'lone \udc00',
      'x\ud83d',
    ]) {
      expect(isTypedText(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe('typedText', () => {
  it('trims, bounds the length, and refuses what no one could type', () => {
    const title = typedText(10);
    expect(title.parse('  Judiciary ')).toBe('Judiciary');
    expect(title.safeParse('   ').success).toBe(false);
    expect(title.safeParse('x'.repeat(11)).success).toBe(false);
    expect(title.safeParse('\ud800').success).toBe(false);
    expect(typedText(10, { required: false }).parse('')).toBe('');
  });

  it('keeps a name or label on one line, and lets a statement have paragraphs', () => {
    for (const text of ['Policy\nmakers', 'Policy\tmakers', 'Policy\r\nmakers']) {
      expect(typedText(80).safeParse(text).success, JSON.stringify(text)).toBe(false);
    }
    expect(typedText(80, { multiline: true }).parse('First.\n\nSecond.')).toBe('First.\n\nSecond.');
  });
});
