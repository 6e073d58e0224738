import { describe, expect, it } from 'vitest';
import { multiLabelSoftMargin, sigmoid, softmax, softmaxCrossEntropy } from '../../../../src/core/math/information';
import {
  computeMultiLabelView,
  createMultiLabelState,
  formatSigned,
  multiLabelReducer,
  normalizeScore,
  parsePresent,
  parseScores,
  serializePresent,
  serializeScores,
  softMarginTerm,
  softmaxTargets,
} from '../../../../src/widgets/multi-label-vs-softmax/multi-label-vs-softmax-state';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

describe('targets for softmax', () => {
  it('spreads a multi-hot target evenly, or keeps the first present class only', () => {
    expect(softmaxTargets([1, 0, 1, 0, 1], 'spread')).toEqual([1 / 3, 0, 1 / 3, 0, 1 / 3]);
    expect(softmaxTargets([0, 0, 1, 0, 1], 'first')).toEqual([0, 0, 1, 0, 0]);
    expect(softmaxTargets([0, 0, 0, 0, 0], 'spread')).toBeNull();
  });
});

describe('both losses on the same scores, by hand', () => {
  // Scores 0 everywhere: softmax gives 1/5 each, every sigmoid gives 1/2.
  const zeros = { scores: [0, 0, 0, 0, 0], present: [1, 0, 1, 0, 0], softmaxTarget: 'spread' as const };

  it('all-zero scores: cross entropy = log 5, soft margin = log 2 per class', () => {
    const view = computeMultiLabelView(zeros);
    view.softmax.probabilities.forEach((p) => expect(p).toBeCloseTo(0.2, 12));
    expect(view.softmax.loss).toBeCloseTo(Math.log(5), 12);
    view.sigmoid.probabilities.forEach((s) => expect(s).toBe(0.5));
    view.sigmoid.terms.forEach((term) => expect(term).toBeCloseTo(Math.LN2, 12));
    expect(view.sigmoid.loss).toBeCloseTo(Math.LN2, 12);
    expect(view.softmax.lowestLoss).toBeCloseTo(Math.log(2), 12);
  });

  it('softmax probabilities sum to 1; sigmoids do not have to', () => {
    const view = computeMultiLabelView(createMultiLabelState());
    expect(sum(view.softmax.probabilities)).toBeCloseTo(1, 12);
    expect(sum(view.sigmoid.probabilities)).toBeGreaterThan(2);
  });

  it('agrees with information.ts on the default scores', () => {
    const state = createMultiLabelState();
    const view = computeMultiLabelView(state);
    expect(view.softmax.probabilities).toEqual(softmax(state.scores));
    expect(view.softmax.loss).toBeCloseTo(softmaxCrossEntropy(state.scores, [1 / 3, 0, 1 / 3, 0, 1 / 3]), 12);
    expect(view.sigmoid.loss).toBeCloseTo(multiLabelSoftMargin(state.scores, state.present), 12);
    expect(sum(view.sigmoid.terms) / 5).toBeCloseTo(view.sigmoid.loss, 12);
  });

  it('one term by hand: ℓ = −log σ(2) for a present class with z = 2, −log(1 − σ(2)) for an absent one', () => {
    expect(softMarginTerm(2, 1)).toBeCloseTo(-Math.log(sigmoid(2)), 12);
    expect(softMarginTerm(2, 0)).toBeCloseTo(-Math.log(1 - sigmoid(2)), 12);
    // Stable far out, where 1 − σ(z) rounds to 0.
    expect(softMarginTerm(40, 0)).toBeCloseTo(40, 10);
    expect(Number.isFinite(softMarginTerm(-800, 1))).toBe(true);
  });

  it('decisions: argmax names one class; the sigmoids name every class with z > 0', () => {
    const view = computeMultiLabelView(createMultiLabelState());
    expect(view.softmax.decision).toBe(0);
    expect(view.sigmoid.decision).toEqual([0, 2, 4]);
  });

  it('gradients: p − t sums to 0; (σ − y)/C are per class', () => {
    const state = createMultiLabelState();
    const view = computeMultiLabelView(state);
    expect(sum(view.softmax.gradient ?? [])).toBeCloseTo(0, 12);
    view.sigmoid.gradient.forEach((g, k) => expect(g).toBeCloseTo((sigmoid(state.scores[k]) - state.present[k]) / 5, 12));
  });

  it('with no class present, softmax has no loss, the soft margin still does', () => {
    const view = computeMultiLabelView({ scores: [1, 2, 3, 4, 5], present: [0, 0, 0, 0, 0], softmaxTarget: 'spread' });
    expect(view.softmax.loss).toBeNull();
    expect(view.softmax.gradient).toBeNull();
    expect(view.sigmoid.loss).toBeGreaterThan(0);
  });
});

describe('gradient steps', () => {
  it('repeated soft-margin steps drive present classes up, absent down, and the loss toward 0', () => {
    let state = createMultiLabelState();
    const before = computeMultiLabelView(state).sigmoid.loss;
    for (let i = 0; i < 40; i += 1) state = multiLabelReducer(state, { type: 'step', loss: 'sigmoid' });
    const view = computeMultiLabelView(state);
    expect(view.sigmoid.loss).toBeLessThan(before / 2);
    expect(view.sigmoid.decision).toEqual([0, 2, 4]);
  });

  it('repeated softmax steps with the spread target approach 1/3 each, and the loss approaches log 3 but not 0', () => {
    let state = createMultiLabelState();
    for (let i = 0; i < 200; i += 1) state = multiLabelReducer(state, { type: 'step', loss: 'softmax' });
    const view = computeMultiLabelView(state);
    expect(view.softmax.probabilities[0]).toBeCloseTo(1 / 3, 2);
    expect(view.softmax.probabilities[4]).toBeCloseTo(1 / 3, 2);
    // Scores are clamped to ±6, so absent classes keep a sliver of probability: the loss stays just above log 3.
    expect(view.softmax.loss ?? 0).toBeCloseTo(Math.log(3), 1);
    expect(view.softmax.loss ?? 0).toBeGreaterThan(Math.log(3));
  });

  it('one step is z − η ∇ (rounded to 2 decimals)', () => {
    const state = { ...createMultiLabelState(), learningRate: 1 };
    const view = computeMultiLabelView(state);
    const next = multiLabelReducer(state, { type: 'step', loss: 'softmax' });
    next.scores.forEach((z, k) => expect(z).toBeCloseTo(state.scores[k] - (view.softmax.gradient?.[k] ?? 0), 2));
  });
});

describe('reducer and inputs', () => {
  it('clamps scores to ±6 and learning rates to [0.01, 20]; ignores non-numbers', () => {
    let state = createMultiLabelState();
    state = multiLabelReducer(state, { type: 'setScore', index: 1, score: 99 });
    expect(state.scores[1]).toBe(6);
    expect(normalizeScore(Number.NaN)).toBe(0);
    expect(multiLabelReducer(state, { type: 'setLearningRate', learningRate: 1000 }).learningRate).toBe(20);
    expect(multiLabelReducer(state, { type: 'setLearningRate', learningRate: Number.NaN })).toBe(state);
    expect(multiLabelReducer(state, { type: 'setPresent', index: 1, present: true }).present).toEqual([1, 1, 1, 0, 1]);
    expect(multiLabelReducer(state, { type: 'setScore', index: 9, score: 1 })).toBe(state);
    expect(multiLabelReducer(state, { type: 'reset' }).scores).toEqual(createMultiLabelState().scores);
  });
  it('formats gradients with a sign', () => {
    expect(formatSigned(0.1234)).toBe('+0.123');
    expect(formatSigned(-0.1)).toBe('−0.100');
    expect(formatSigned(-0.00001)).toBe('0.000');
  });
});

describe('share links', () => {
  it('round-trips scores and labels', () => {
    const state = createMultiLabelState();
    expect(parseScores(serializeScores(state.scores))).toEqual({ value: state.scores });
    expect(serializePresent(state.present)).toBe('10101');
    expect(parsePresent('10101')).toEqual({ value: [1, 0, 1, 0, 1] });
  });
  it('rejects mangled links, clamps wild scores', () => {
    expect(parseScores('1,2,3')).toHaveProperty('problem');
    expect(parseScores('1,2,x,4,5')).toHaveProperty('problem');
    expect(parseScores('1,2,3,4,500')).toEqual({ value: [1, 2, 3, 4, 6] });
    expect(parsePresent('10102')).toHaveProperty('problem');
    expect(parsePresent('101')).toHaveProperty('problem');
  });
});
