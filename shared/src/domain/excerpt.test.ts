import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt';

describe('excerpt', () => {
  it('keeps a short statement whole, spacing tidied', () => {
    expect(excerpt('  Train   every judge. ')).toBe('Train every judge.');
  });

  it('cuts a long one after the given number of words, with an ellipsis', () => {
    expect(excerpt('one two three four five', 3)).toBe('one two three…');
    expect(excerpt('one two three', 3)).toBe('one two three');
  });
});
