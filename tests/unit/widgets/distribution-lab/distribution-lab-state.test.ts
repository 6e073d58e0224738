import { describe, expect, it } from 'vitest';
import { crossEntropy, entropy, inBits, klDivergence } from '../../../../src/core/math/information';
import {
  computeReadouts,
  computeTerms,
  createDistributionLabState,
  distributionLabReducer,
  formatInformation,
  formatProbability,
  impossibleOutcomes,
  parseDistribution,
  presetDistributions,
  resizeDistribution,
  serializeDistribution,
  setProbability,
} from '../../../../src/widgets/distribution-lab/distribution-lab-state';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('renormalizing after an edit', () => {
  it('scales the other bars by (1 − new value) / (their old total), keeping their proportions', () => {
    // Raise A from 0.5 to 0.8: the rest (0.25, 0.125, 0.125) shares 0.2 in the ratio 2 : 1 : 1.
    const next = setProbability([0.5, 0.25, 0.125, 0.125], 0, 0.8);
    expect(next[0]).toBe(0.8);
    expect(next[1]).toBeCloseTo(0.1, 12);
    expect(next[2]).toBeCloseTo(0.05, 12);
    expect(next[3]).toBeCloseTo(0.05, 12);
    expect(sum(next)).toBe(1);
  });

  it('shares the remainder equally when the other bars are all 0', () => {
    setProbability([1, 0, 0, 0], 0, 0.4).forEach((value, i) => expect(value).toBeCloseTo([0.4, 0.2, 0.2, 0.2][i], 12));
  });

  it('clamps to [0, 1], snaps rounding crumbs to exact 0, and ignores bad indices', () => {
    expect(setProbability([0.25, 0.25, 0.25, 0.25], 1, 3)).toEqual([0, 1, 0, 0]);
    expect(setProbability([0.25, 0.25, 0.25, 0.25], 1, -1)[1]).toBe(0);
    let p = [0.03, 0.37, 0.3, 0.3];
    for (let i = 0; i < 3; i += 1) p = distributionLabReducer({ p, q: p, unit: 'bits' }, { type: 'nudge', which: 'p', index: 0, delta: -0.01 }).p;
    expect(p[0]).toBe(0);
    expect(setProbability([0.5, 0.5, 0, 0], 7, 0.1)).toEqual([0.5, 0.5, 0, 0]);
  });

  it('keeps every edited distribution summing to 1', () => {
    let p = [0.1, 0.2, 0.3, 0.4];
    for (const [index, value] of [
      [0, 0.77],
      [3, 0.013],
      [2, 0.5],
      [1, 0.999],
    ]) {
      p = setProbability(p, index, value);
      expect(Math.abs(sum(p) - 1)).toBeLessThan(1e-12);
      p.forEach((value) => expect(value).toBeGreaterThanOrEqual(0));
    }
  });
});

describe('changing the number of outcomes', () => {
  it('gives a new outcome 1/N and scales the others by (N − 1)/N', () => {
    expect(resizeDistribution([0.5, 0.25, 0.25, 0], 5)).toEqual([0.4, 0.2, 0.2, 0, 0.2]);
  });
  it('drops the last outcomes and renormalizes the rest', () => {
    const next = resizeDistribution([0.4, 0.2, 0.2, 0, 0.2], 4);
    expect(next).toEqual([0.5, 0.25, 0.25, 0]);
  });
  it('the reducer rejects counts outside 4–8', () => {
    const state = createDistributionLabState();
    expect(distributionLabReducer(state, { type: 'setCount', count: 3 })).toBe(state);
    expect(distributionLabReducer(state, { type: 'setCount', count: 9 })).toBe(state);
    expect(distributionLabReducer(state, { type: 'setCount', count: 6 }).q).toHaveLength(6);
  });
});

describe('read-outs, worked by hand', () => {
  it('H(0.5, 0.25, 0.25) = 1.5 bits', () => {
    expect(computeReadouts([0.5, 0.25, 0.25], [0.5, 0.25, 0.25], 'bits').entropyP).toBeCloseTo(1.5, 12);
  });

  it('the default pair: H(P) = 1.75 bits, and both KL directions by hand', () => {
    const { p, q } = createDistributionLabState();
    const r = computeReadouts(p, q, 'bits');
    expect(r.entropyP).toBeCloseTo(1.75, 12);
    // KL(P‖Q) = ½ log₂ 10 + ¼ log₂(0.25/0.6) + ⅛ log₂(0.125/0.25) + ⅛ log₂(1.25)
    const klPQ = 0.5 * Math.log2(10) + 0.25 * Math.log2(0.25 / 0.6) + 0.125 * Math.log2(0.5) + 0.125 * Math.log2(1.25);
    const klQP = 0.05 * Math.log2(0.1) + 0.6 * Math.log2(2.4) + 0.25 * Math.log2(2) + 0.1 * Math.log2(0.8);
    expect(r.klPQ).toBeCloseTo(klPQ, 12);
    expect(r.klQP).toBeCloseTo(klQP, 12);
    expect(r.klPQ - r.klQP).toBeGreaterThan(0.4);
  });

  it('satisfies H(P,Q) = H(P) + KL(P‖Q) in both units, and nats = bits · ln 2', () => {
    const { p, q } = createDistributionLabState();
    for (const unit of ['bits', 'nats'] as const) {
      const r = computeReadouts(p, q, unit);
      expect(r.crossEntropyPQ).toBeCloseTo(r.entropyP + r.klPQ, 12);
      expect(r.crossEntropyQP).toBeCloseTo(r.entropyQ + r.klQP, 12);
    }
    expect(computeReadouts(p, q, 'nats').crossEntropyPQ).toBeCloseTo(crossEntropy(p, q), 12);
    expect(computeReadouts(p, q, 'bits').klQP).toBeCloseTo(inBits(klDivergence(q, p)), 12);
  });

  it('Q = 0 where P > 0 makes H(P,Q) and KL(P‖Q) infinite; P = 0 terms contribute 0', () => {
    const p = [0.5, 0.5, 0, 0];
    const q = [0.5, 0, 0.25, 0.25];
    const r = computeReadouts(p, q, 'bits');
    expect(r.crossEntropyPQ).toBe(Infinity);
    expect(r.klPQ).toBe(Infinity);
    expect(impossibleOutcomes(p, q)).toEqual(['B']);
    expect(impossibleOutcomes(q, p)).toEqual(['C', 'D']);
    const terms = computeTerms(p, q, 'bits');
    expect(terms[1].crossTerm).toBe(Infinity);
    expect(terms[2]).toMatchObject({ crossTerm: 0, klTerm: 0 });
    expect(terms[0].crossTerm).toBeCloseTo(0.5, 12);
    expect(r.entropyP).toBeCloseTo(1, 12);
  });

  it('the terms add up to the totals', () => {
    const { p, q } = createDistributionLabState();
    const terms = computeTerms(p, q, 'nats');
    expect(sum(terms.map((t) => t.crossTerm))).toBeCloseTo(crossEntropy(p, q), 12);
    expect(sum(terms.map((t) => t.klTerm))).toBeCloseTo(klDivergence(p, q), 12);
  });
});

describe('presets', () => {
  it('classification: one-hot P, so H(P) = 0 and H(P,Q) = KL(P‖Q) = −log Q(B)', () => {
    const { p, q } = presetDistributions('classification', 5);
    expect(p).toEqual([0, 1, 0, 0, 0]);
    const r = computeReadouts(p, q, 'nats');
    expect(r.entropyP).toBe(0);
    expect(r.crossEntropyPQ).toBeCloseTo(-Math.log(q[1]), 12);
    expect(r.klPQ).toBeCloseTo(r.crossEntropyPQ, 12);
    expect(q.indexOf(Math.max(...q))).toBe(1);
  });

  it('uniform Q: H(P, U) = log₂ N for every P; with N = 4, H(P) = 1.75 and KL = 0.25 bits', () => {
    for (const count of [4, 5, 6, 7, 8]) {
      const { p, q } = presetDistributions('uniform', count);
      expect(sum(p)).toBeCloseTo(1, 12);
      expect(computeReadouts(p, q, 'bits').crossEntropyPQ).toBeCloseTo(Math.log2(count), 12);
    }
    const r = computeReadouts(...(Object.values(presetDistributions('uniform', 4)) as [number[], number[]]), 'bits');
    expect(r.entropyP).toBeCloseTo(1.75, 12);
    expect(r.klPQ).toBeCloseTo(0.25, 12);
  });

  it('near-identical: both KLs small; disjoint: both infinite', () => {
    const near = presetDistributions('near', 6);
    const r = computeReadouts(near.p, near.q, 'bits');
    expect(r.klPQ).toBeGreaterThan(0);
    expect(r.klPQ).toBeLessThan(0.05);
    expect(r.klQP).toBeLessThan(0.05);
    const disjoint = presetDistributions('disjoint', 7);
    const d = computeReadouts(disjoint.p, disjoint.q, 'nats');
    expect(d.klPQ).toBe(Infinity);
    expect(d.klQP).toBe(Infinity);
    expect(entropy(disjoint.p)).toBeGreaterThan(0);
  });
});

describe('formatting', () => {
  it('writes ∞, real minus signs and no −0.000', () => {
    expect(formatInformation(Infinity)).toBe('∞');
    expect(formatInformation(-0.0001)).toBe('0.000');
    expect(formatInformation(-0.25)).toBe('−0.250');
    expect(formatProbability(0.125)).toBe('0.125');
    expect(formatProbability(0.5)).toBe('0.5');
  });
});

describe('share links', () => {
  it('round-trips a distribution', () => {
    const p = [0.5, 0.25, 0.125, 0.125];
    expect(serializeDistribution(p)).toBe('0.5,0.25,0.125,0.125');
    expect(parseDistribution('0.5,0.25,0.125,0.125', 'P')).toEqual({ value: p });
  });
  it('keeps small values non-zero and normalizes rounded or unnormalized weights', () => {
    expect(serializeDistribution([0.0000412, 0.5, 0.4999588, 0])).toBe('0.0000412,0.5,0.499959,0');
    const parsed = parseDistribution('1,1,2,0', 'Q');
    expect(parsed).toEqual({ value: [0.25, 0.25, 0.5, 0] });
  });
  it('rejects mangled links with a reason', () => {
    expect(parseDistribution('0.5,0.5', 'P')).toHaveProperty('problem', expect.stringContaining('4 to 8'));
    expect(parseDistribution('0.5,abc,0.25,0.25', 'P')).toHaveProperty('problem');
    expect(parseDistribution('0.5,-0.5,0.5,0.5', 'P')).toHaveProperty('problem');
    expect(parseDistribution('0,0,0,0', 'P')).toHaveProperty('problem', expect.stringContaining('zeros'));
  });
});
