import { createSeededRandom } from '../src/core/random/seeded-random';
import type { LabelledData } from '../src/core/training/labelled-data';

/**
 * TensorFlow Playground's two-arm spiral: n points, half per arm, radius growing with the angle, small
 * noise; targets ±1 for a tanh output. Seeded.
 */
export function spiralData(count: number, seed: number, noise = 0.05): LabelledData {
  const random = createSeededRandom(seed);
  const inputs = new Float32Array(count * 2);
  const targets = new Float32Array(count);
  const perArm = Math.floor(count / 2);
  for (let i = 0; i < count; i++) {
    const arm = i < perArm ? 0 : 1;
    const k = arm === 0 ? i : i - perArm;
    const radius = (k / perArm) * 5;
    const angle = 1.75 * (k / perArm) * 2 * Math.PI + arm * Math.PI;
    inputs[2 * i] = (radius * Math.sin(angle) + (random() * 2 - 1) * noise * 5) / 6;
    inputs[2 * i + 1] = (radius * Math.cos(angle) + (random() * 2 - 1) * noise * 5) / 6;
    targets[i] = arm === 0 ? 1 : -1;
  }
  return { inputs, targets, count, inputSize: 2, targetSize: 1 };
}

/** A resolution² grid over [-1, 1]² (row 0 at the top), the decision-boundary probe. */
export function gridInputs(resolution: number): Float32Array {
  const grid = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    for (let col = 0; col < resolution; col++) {
      const i = row * resolution + col;
      grid[2 * i] = -1 + ((col + 0.5) / resolution) * 2;
      grid[2 * i + 1] = 1 - ((row + 0.5) / resolution) * 2;
    }
  }
  return grid;
}
