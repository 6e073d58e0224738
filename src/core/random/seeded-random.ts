/**
 * Deterministic pseudo-random numbers for initialization, shuffling and demo data:
 * the same seed always gives the same sequence, in every browser and under Node.
 */

/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

/**
 * Mulberry32 (Tommy Ettinger's 32-bit generator): a tiny, fast PRNG with a period of 2³² that passes
 * the usual statistical smoke tests; good for teaching and initialization, not for cryptography.
 *
 * The seed is reduced to an unsigned 32-bit integer (ToUint32, as `seed >>> 0` does: fractions are
 * dropped, negatives wrap, NaN becomes 0), so seeds that agree after that reduction give the same
 * sequence.
 *
 * @returns a function giving uniform numbers in [0, 1), each a multiple of 2⁻³².
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One sample from the normal distribution N(mean, standardDeviation²) by the Box–Muller transform:
 * with u₁ ∈ (0, 1] and u₂ ∈ [0, 1) uniform, z = √(−2 ln u₁) · cos(2π u₂) is N(0, 1).
 * Consumes exactly two numbers from `random` (the sine twin is discarded, keeping this stateless).
 */
export function gaussian(random: RandomSource, mean = 0, standardDeviation = 1): number {
  const radiusUniform = 1 - random();
  const angleUniform = random();
  const standard = Math.sqrt(-2 * Math.log(radiusUniform)) * Math.cos(2 * Math.PI * angleUniform);
  return mean + standardDeviation * standard;
}
