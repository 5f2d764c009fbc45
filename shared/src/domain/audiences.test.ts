import { describe, expect, it } from 'vitest';
import { repeatedAudience } from './audiences';

describe('repeatedAudience', () => {
  it('finds an audience named twice, whatever its letter case or surrounding spaces', () => {
    expect(repeatedAudience(['Judiciary', 'Police', 'judiciary '])).toBe('judiciary ');
    expect(repeatedAudience(['Police', 'Police'])).toBe('Police');
  });

  it('sees through spacing, invisible characters and accent encodings', () => {
    expect(repeatedAudience(['Policy makers', 'Policy\u00a0makers'])).toBe('Policy\u00a0makers');
    expect(repeatedAudience(['Policy makers', 'Policy  makers'])).toBe('Policy  makers');
    expect(repeatedAudience(['Judiciary', 'Judi\u200bciary'])).toBe('Judi\u200bciary');
    expect(repeatedAudience(['Soci\u00e9t\u00e9 civile', 'Socie\u0301te\u0301 civile'])).toBe(
      'Socie\u0301te\u0301 civile',
    );
  });

  it('accepts a list that names each audience once', () => {
    expect(repeatedAudience(['Judiciary', 'Judges', 'Police'])).toBeNull();
    expect(repeatedAudience([])).toBeNull();
  });
});
