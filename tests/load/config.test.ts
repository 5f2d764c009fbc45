import { describe, expect, it } from 'vitest';
import { benchConfig } from './config';

describe('benchConfig', () => {
  it('climbs the sustained-rate ladder past 8 000 edits/s, where the reference used to stop it', () => {
    const { rates } = benchConfig({}).sustained;
    expect(Math.max(...rates)).toBeGreaterThan(8_000);
    expect([...rates].sort((a, b) => a - b)).toEqual(rates);
  });

  it('takes the ladder from BENCH_SUSTAINED_RATES, and ignores a list it cannot read', () => {
    expect(benchConfig({ BENCH_SUSTAINED_RATES: '9000,11000' }).sustained.rates).toEqual([9_000, 11_000]);
    const standard = benchConfig({}).sustained.rates;
    expect(benchConfig({ BENCH_SUSTAINED_RATES: '9000,fast' }).sustained.rates).toEqual(standard);
    expect(benchConfig({ BENCH_SUSTAINED_RATES: '' }).sustained.rates).toEqual(standard);
    expect(benchConfig({ BENCH_SUSTAINED_RATES: '9000', BENCH_REPS: 'x' }).sustained.rates).toEqual([9_000]);
  });

  it('keeps the quick ladder short for a smoke run unless told otherwise', () => {
    expect(benchConfig({ BENCH_QUICK: '1' }).sustained.rates).toEqual([1_000, 3_000]);
  });
});
