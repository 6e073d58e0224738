/**
 * Entropy, cross entropy and Kullback–Leibler divergence of discrete distributions, and the two
 * classification losses of the loss-functions lesson, as plain reference code (no TF.js). Logarithms are
 * natural (nats); `inBits` converts. A distribution is an array of non-negative numbers summing to 1.
 *
 * Conventions at the edges, the usual limits:
 * - 0 · log 0 = 0 (an outcome that never happens contributes nothing);
 * - p · log(p / 0) = +∞ for p > 0 (Q calls impossible what P says happens): cross entropy and KL are +∞.
 */

/** A discrete probability distribution over the same outcomes as its partner. */
export type Distribution = readonly number[];

/** How far a sum of probabilities may stray from 1 before it is rejected (rounding in sliders). */
const SUM_TOLERANCE = 1e-6;

/** Null when `p` is a distribution over `size` outcomes (or any size, when omitted); else why not, in words. */
export function distributionProblem(p: Distribution, size?: number): string | null {
  if (size !== undefined && p.length !== size) return `expected ${size} probabilities, got ${p.length}`;
  if (p.length === 0) return 'a distribution needs at least one outcome';
  const bad = p.find((value) => !Number.isFinite(value) || value < 0);
  if (bad !== undefined) return `probabilities must be finite and ≥ 0, got ${bad}`;
  const sum = p.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) return `probabilities must sum to 1, got ${sum}`;
  return null;
}

function requireDistributions(p: Distribution, q?: Distribution): void {
  const problem = distributionProblem(p) ?? (q ? distributionProblem(q, p.length) : null);
  if (problem) throw new Error(problem);
}

/**
 * Scales non-negative weights (bar heights the learner drags) to a distribution: wᵢ / Σw. All zeros give the
 * uniform distribution. Negative or non-finite weights are an error.
 */
export function normalize(weights: readonly number[]): number[] {
  const bad = weights.find((value) => !Number.isFinite(value) || value < 0);
  if (bad !== undefined) throw new Error(`weights must be finite and ≥ 0, got ${bad}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  return sum === 0 ? weights.map(() => 1 / weights.length) : weights.map((w) => w / sum);
}

/** H(P) = −Σᵢ pᵢ log pᵢ: the average surprise of outcomes drawn from P (nats). */
export function entropy(p: Distribution): number {
  requireDistributions(p);
  return p.reduce((sum, pi) => (pi > 0 ? sum - pi * Math.log(pi) : sum), 0);
}

/** H(P, Q) = −Σᵢ pᵢ log qᵢ: the average surprise of outcomes drawn from P when Q is believed (nats). */
export function crossEntropy(p: Distribution, q: Distribution): number {
  requireDistributions(p, q);
  return p.reduce((sum, pi, i) => (pi > 0 ? sum - pi * Math.log(q[i]) : sum), 0);
}

/** KL(P ‖ Q) = Σᵢ pᵢ log(pᵢ / qᵢ) = H(P, Q) − H(P) ≥ 0, zero only when P = Q; in general KL(P‖Q) ≠ KL(Q‖P). */
export function klDivergence(p: Distribution, q: Distribution): number {
  requireDistributions(p, q);
  return p.reduce((sum, pi, i) => (pi > 0 ? sum + pi * Math.log(pi / q[i]) : sum), 0);
}

/** Nats to bits: x / ln 2. */
export function inBits(nats: number): number {
  return nats / Math.LN2;
}

/** softmax(z)ᵢ = e^{zᵢ − max z} / Σⱼ e^{zⱼ − max z}: class scores to one distribution over the classes. */
export function softmax(scores: readonly number[]): number[] {
  const top = Math.max(...scores);
  const exps = scores.map((z) => Math.exp(z - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** σ(z) = 1 / (1 + e^{−z}): one score to the probability of one yes/no question. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Softmax cross entropy of one example: −Σₖ tₖ log softmax(z)ₖ, where the targets t are a distribution
 * (one-hot for a single class; spread evenly over the present classes for several).
 */
export function softmaxCrossEntropy(scores: readonly number[], targets: Distribution): number {
  const top = Math.max(...scores);
  const logSum = top + Math.log(scores.reduce((sum, z) => sum + Math.exp(z - top), 0));
  requireDistributions(targets);
  if (targets.length !== scores.length) throw new Error(`expected ${scores.length} targets, got ${targets.length}`);
  return targets.reduce((sum, t, k) => (t > 0 ? sum - t * (scores[k] - logSum) : sum), 0);
}

/**
 * Multi-label soft-margin loss of one example: (1/C) Σₖ −[yₖ log σ(zₖ) + (1 − yₖ) log(1 − σ(zₖ))], one
 * independent yes/no question per class, with yₖ ∈ {0, 1} (several may be 1). Computed as
 * (1/C) Σₖ [max(zₖ, 0) − zₖyₖ + log(1 + e^{−|zₖ|})], which stays finite for any score.
 */
export function multiLabelSoftMargin(scores: readonly number[], present: readonly number[]): number {
  if (present.length !== scores.length) throw new Error(`expected ${scores.length} labels, got ${present.length}`);
  const bad = present.find((y) => y !== 0 && y !== 1);
  if (bad !== undefined) throw new Error(`labels must be 0 or 1, got ${bad}`);
  const total = scores.reduce((sum, z, k) => sum + Math.max(z, 0) - z * present[k] + Math.log1p(Math.exp(-Math.abs(z))), 0);
  return total / scores.length;
}
