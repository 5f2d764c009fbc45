import { describe, expect, it } from 'vitest';
import { diffWords, sideOf, threeWayDiff } from './textDiff';

describe('diffWords', () => {
  it('marks the inserted and deleted words of an edited statement', () => {
    const parts = diffWords('Train judges on the Act.', 'Train all judges and prosecutors on the 2018 Act.');
    const inserted = parts.filter((p) => p.kind === 'insert').map((p) => p.text.trim());
    expect(inserted).toEqual(['all', 'and prosecutors', '2018']);
    expect(parts.some((p) => p.kind === 'delete')).toBe(false);
  });

  it('reconstructs both sides exactly', () => {
    const before = 'Refer victims  to shelters\nwithin 48 hours.';
    const after = 'Refer every victim to shelter and legal aid\nwithin 24 hours.';
    const parts = diffWords(before, after);
    expect(sideOf(parts, 'before')).toBe(before);
    expect(sideOf(parts, 'after')).toBe(after);
  });

  it('reports no change as one equal part, and handles empty sides', () => {
    expect(diffWords('same text', 'same text')).toEqual([{ kind: 'equal', text: 'same text' }]);
    expect(diffWords('', 'new')).toEqual([{ kind: 'insert', text: 'new' }]);
    expect(diffWords('old', '')).toEqual([{ kind: 'delete', text: 'old' }]);
  });

  it('stays exact on very long texts by falling back to a whole replacement', () => {
    const long = 'word '.repeat(5000);
    const parts = diffWords(long, `${long}more`);
    expect(sideOf(parts, 'after')).toBe(`${long}more`);
  });
});

describe('threeWayDiff', () => {
  it('separates the group’s edits from the brief’s own and flags a conflict only when both changed', () => {
    const view = threeWayDiff('Fund shelters.', 'Fund shelters in every district.', 'Fund safe shelters.');
    expect(view.source.some((p) => p.kind === 'insert' && p.text.includes('district'))).toBe(true);
    expect(view.brief.some((p) => p.kind === 'insert' && p.text.includes('safe'))).toBe(true);
    expect(view.conflicting).toBe(true);
    expect(threeWayDiff('a', 'b', 'a').conflicting).toBe(false);
  });
});
