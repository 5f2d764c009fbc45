import { describe, expect, it } from 'vitest';
import { directionOf, isRtlLetter } from './textDirection';

describe('directionOf', () => {
  it('reads the first letter, skipping digits, punctuation and spaces', () => {
    expect(directionOf('انسانی اسمگلنگ کے خلاف FIA')).toBe('rtl');
    expect(directionOf('FIA کی ذمہ داری')).toBe('ltr');
    expect(directionOf('2018 — ایکٹ')).toBe('rtl');
    expect(directionOf('  «Hello»')).toBe('ltr');
  });

  it('has no direction for text without letters', () => {
    expect(directionOf('')).toBeNull();
    expect(directionOf('12, 34 — !')).toBeNull();
  });

  it('knows right-to-left letters', () => {
    expect(isRtlLetter('ے')).toBe(true);
    expect(isRtlLetter('א')).toBe(true);
    expect(isRtlLetter('a')).toBe(false);
  });
});
