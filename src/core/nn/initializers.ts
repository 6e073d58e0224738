import { gaussian, type RandomSource } from '../random/seeded-random';
import { product } from './layers/layer-definition';
import type { Initializer } from './layers/layer-spec';

/**
 * Fan-in and fan-out of a kernel: dense [in, out] ⇒ (in, out); conv [k, k, inC, filters] ⇒
 * (k·k·inC, k·k·filters). In general fanIn = all axes but the last; fanOut = the receptive
 * field (axes before the last two) times the last axis.
 */
export function computeFans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  const outputs = shape[shape.length - 1] ?? 1;
  const fanIn = product(shape.slice(0, -1));
  const fanOut = shape.length > 2 ? product(shape.slice(0, -2)) * outputs : outputs;
  return { fanIn, fanOut };
}

/** Standard deviation of the normal distribution an initializer draws from (0 for zeros). */
export function initializerStd(initializer: Initializer, shape: readonly number[]): number {
  const { fanIn, fanOut } = computeFans(shape);
  switch (initializer.kind) {
    case 'zeros':
      return 0;
    case 'normal':
      return initializer.std;
    case 'glorot-normal':
      return Math.sqrt(2 / (fanIn + fanOut));
    case 'he-normal':
      return Math.sqrt(2 / fanIn);
    default:
      throw new Error(`unknown initializer '${(initializer as { kind: string }).kind}'`);
  }
}

/**
 * Initial weights of the given shape, row-major: w ~ N(0, std²) drawn from `random` in order
 * (two uniform numbers per value); a standard deviation of 0 draws nothing and gives zeros.
 */
export function drawWeights(initializer: Initializer, shape: readonly number[], random: RandomSource): Float32Array {
  const std = initializerStd(initializer, shape);
  const values = new Float32Array(product(shape));
  if (std > 0) for (let i = 0; i < values.length; i++) values[i] = gaussian(random) * std;
  return values;
}
