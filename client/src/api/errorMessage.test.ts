import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../lib/language';
import { errorMessage, fieldErrorMessage } from './errorMessage';
import { ApiRequestError, NetworkError } from './http';

describe('errorMessage', () => {
  afterEach(() => switchLanguage('en'));

  it('shows the server’s own sentence in English', () => {
    expect(errorMessage(new ApiRequestError(403, 'forbidden', 'Only facilitators lock drafts.'))).toBe(
      'Only facilitators lock drafts.',
    );
  });

  it('in Urdu, says what the refusal means by its status, since the server speaks only English', () => {
    switchLanguage('ur');
    expect(errorMessage(new ApiRequestError(403, 'forbidden', 'Only facilitators lock drafts.'))).toBe(
      'آپ کا کردار یہ کام کرنے کی اجازت نہیں دیتا۔',
    );
    expect(errorMessage(new ApiRequestError(418, 'teapot', 'I am a teapot.'))).toBe(
      'کچھ غلط ہو گیا۔ براہِ کرم دوبارہ کوشش کریں۔',
    );
    expect(errorMessage(new NetworkError(new Error('offline')))).toBe(
      'سرور تک رسائی نہیں ہو سکی۔ اپنا کنکشن جانچیں اور دوبارہ کوشش کریں۔',
    );
  });

  it('a field’s server message stays in English only for English', () => {
    expect(fieldErrorMessage('Too long.')).toBe('Too long.');
    switchLanguage('ur');
    expect(fieldErrorMessage('Too long.')).toBe('بھیجی گئی معلومات درست نہیں۔ جانچ کر دوبارہ کوشش کریں۔');
  });
});
