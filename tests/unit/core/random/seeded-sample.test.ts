import { describe, expect, it } from 'vitest';
import { seededSample } from '../../../../src/core/random/seeded-sample';

describe('seededSample', () => {
  it('draws distinct indices within range, the same for the same seed and different for another', () => {
    const sample = seededSample(100, 30, 7);
    expect(sample).toHaveLength(30);
    expect(new Set(sample).size).toBe(30);
    sample.forEach((index) => expect(index >= 0 && index < 100).toBe(true));
    expect(seededSample(100, 30, 7)).toEqual(sample);
    expect(seededSample(100, 30, 8)).not.toEqual(sample);
  });

  it('clamps the count to [0, available]: all of them, shuffled, or none', () => {
    expect(Array.from(seededSample(5, 99, 1)).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(seededSample(5, -3, 1)).toHaveLength(0);
    expect(seededSample(0, 3, 1)).toHaveLength(0);
  });

  it('is uniform: over many seeds every index is drawn about equally often', () => {
    const counts = new Array(10).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const index of seededSample(10, 3, seed)) counts[index]++;
    // 6,000 draws over 10 indices: 600 each expected.
    counts.forEach((count) => expect(Math.abs(count - 600)).toBeLessThan(90));
  });
});
