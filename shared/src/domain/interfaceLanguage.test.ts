import { describe, expect, it } from 'vitest';
import { chooseLanguage } from './interfaceLanguage';

describe('chooseLanguage', () => {
  it('follows the choice stored on this device over the browser', () => {
    expect(chooseLanguage('ur', ['en-GB', 'en'])).toBe('ur');
    expect(chooseLanguage('en', ['ur-PK'])).toBe('en');
  });

  it('without a stored choice, takes the first preferred language Plenary speaks', () => {
    expect(chooseLanguage(null, ['ur-PK', 'en-US'])).toBe('ur');
    expect(chooseLanguage(null, ['fr-FR', 'ur', 'en'])).toBe('ur');
    expect(chooseLanguage(null, ['de', 'en-US', 'ur'])).toBe('en');
    expect(chooseLanguage(null, ['UR_in'])).toBe('ur');
  });

  it('falls back to English for unknown, empty or garbled values', () => {
    expect(chooseLanguage(null, [])).toBe('en');
    expect(chooseLanguage(null, ['fr', 'pa-Arab'])).toBe('en');
    expect(chooseLanguage('klingon', ['ar'])).toBe('en');
    expect(chooseLanguage('', [''])).toBe('en');
  });

  it('an unknown stored value does not hide a known browser language', () => {
    expect(chooseLanguage('xx', ['ur'])).toBe('ur');
  });
});
