import { describe, expect, it } from 'vitest';
import { authorAt, authorsInOrder } from './authorAt';

const amina = { name: 'Amina', color: '#c00' };
const bilal = { name: 'Bilal', color: '#00c' };
// "Over two days" by Amina (positions 1–14), " five priorities" by Bilal (14–30), a new paragraph by Amina.
const runs = [
  { from: 14, to: 30, ...bilal },
  { from: 1, to: 14, ...amina },
  { from: 32, to: 40, ...amina },
];

describe('authorAt', () => {
  it('names who wrote the character before the caret', () => {
    expect(authorAt(runs, 5)?.name).toBe('Amina');
    expect(authorAt(runs, 14)?.name).toBe('Amina');
    expect(authorAt(runs, 15)?.name).toBe('Bilal');
    expect(authorAt(runs, 30)?.name).toBe('Bilal');
  });

  it('reads forward at the start of a paragraph, and names nobody where no writer is recorded', () => {
    expect(authorAt(runs, 1)?.name).toBe('Amina');
    expect(authorAt(runs, 32)?.name).toBe('Amina');
    expect(authorAt(runs, 31)).toBeNull();
    expect(authorAt([], 3)).toBeNull();
  });
});

describe('authorsInOrder', () => {
  it('lists each writer once, in the order their text first appears', () => {
    expect(authorsInOrder(runs)).toEqual([amina, bilal]);
    expect(authorsInOrder([])).toEqual([]);
  });
});
