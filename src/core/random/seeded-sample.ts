import { createSeededRandom } from './seeded-random';

/**
 * `count` distinct indices of 0 … available − 1, drawn without replacement by a generator seeded with `seed`: the first
 * `count` places of a partial Fisher–Yates shuffle, in drawing order. `count` is clamped to [0, available]. The same
 * arguments always give the same sample (widgets use it for seeded training subsets and label noise).
 */
export function seededSample(available: number, count: number, seed: number): Int32Array {
  const total = Math.max(0, Math.floor(available));
  const n = Math.max(0, Math.min(total, Math.floor(count)));
  const indices = Int32Array.from({ length: total }, (_, i) => i);
  const random = createSeededRandom(seed >>> 0);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (total - i));
    const swap = indices[i];
    indices[i] = indices[j];
    indices[j] = swap;
  }
  return indices.slice(0, n);
}
