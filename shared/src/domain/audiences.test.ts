import { describe, expect, it } from 'vitest';
import { repeatedAudience } from './audiences';

describe('repeatedAudience', () => {
  it('finds an audience named twice, whatever its letter case or surrounding spaces', () => {
    expect(repeatedAudience(['Judiciary', 'Police', 'judiciary '])).toBe('judiciary ');
    expect(repeatedAudience(['Police', 'Police'])).toBe('Police');
  });

  it('accepts a list that names each audience once', () => {
    expect(repeatedAudience(['Judiciary', 'Judges', 'Police'])).toBeNull();
    expect(repeatedAudience([])).toBeNull();
  });
});
