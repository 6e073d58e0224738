/**
 * A reference trainer for the benchmark: the same LeNet-5 as src/core/nn/architectures/lenet5.ts,
 * trained with plain minibatch SGD by ConvNetJS 0.3.0 (pure JavaScript, one example at a time), so its
 * throughput can be set beside the TF.js engine's on the same architecture and batch size.
 */
// The reference keeps the ConvNetJS types in the program even for a tsconfig that does not include bench/
// (the unit test imports this module). An `import type` cannot load an ambient-module declaration file.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./convnetjs.d.ts" />
import convnetjs from 'convnetjs';
import { createSeededRandom, gaussian } from '../src/core/random/seeded-random';

export interface ConvnetjsRunOptions {
  /** count × 784 bytes, row-major 28×28 images. */
  images: Uint8Array;
  labels: Uint8Array;
  /** Examples to cycle through, in order from example 0 on every call, wrapping around. */
  count: number;
  batchSize: number;
  learningRate: number;
  steps: number;
  /**
   * When given, the weights are first redrawn exactly as the engine draws them for this seed
   * (`initializeParameters(lenet5, seed)`: He-normal kernels, zero biases); otherwise training goes
   * on from the current weights.
   */
  seed?: number;
}

export interface ConvnetjsRunResult {
  steps: number;
  examples: number;
  durationMs: number;
  examplesPerSecond: number;
  /** Mean loss per step */
  losses: number[];
}

export interface ConvnetjsLenet {
  train(options: ConvnetjsRunOptions): ConvnetjsRunResult;
  parameterCount(): number;
}

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const CLASSES = 10;
/** Parameters of src/core/nn/architectures/lenet5.ts. */
const LENET5_PARAMETERS = 61_706;

/** Input 28×28×1 → conv 6@5×5 pad 2 → pool 2 → conv 16@5×5 → pool 2 → fc 120 → fc 84 → fc 10 + softmax. */
const layerDefs: convnetjs.LayerDef[] = [
  { type: 'input', out_sx: SIDE, out_sy: SIDE, out_depth: 1 },
  { type: 'conv', sx: 5, filters: 6, stride: 1, pad: 2, activation: 'relu' },
  { type: 'pool', sx: 2, stride: 2 },
  { type: 'conv', sx: 5, filters: 16, stride: 1, pad: 0, activation: 'relu' },
  { type: 'pool', sx: 2, stride: 2 },
  { type: 'fc', num_neurons: 120, activation: 'relu' },
  { type: 'fc', num_neurons: 84, activation: 'relu' },
  { type: 'softmax', num_classes: CLASSES },
];

/** [layer_type, out_sx, out_sy, out_depth] of every layer after ConvNetJS's desugaring. */
const expectedLayers: [string, number, number, number][] = [
  ['input', 28, 28, 1],
  ['conv', 28, 28, 6],
  ['relu', 28, 28, 6],
  ['pool', 14, 14, 6],
  ['conv', 10, 10, 16],
  ['relu', 10, 10, 16],
  ['pool', 5, 5, 16],
  ['fc', 1, 1, 120],
  ['relu', 1, 1, 120],
  ['fc', 1, 1, 84],
  ['relu', 1, 1, 84],
  ['fc', 1, 1, 10],
  ['softmax', 1, 1, 10],
];

type WeightedLayer = convnetjs.ConvLayer | convnetjs.FullyConnLayer;

function weightedLayers(net: convnetjs.Net): WeightedLayer[] {
  return net.layers.filter((layer): layer is WeightedLayer => layer.layer_type === 'conv' || layer.layer_type === 'fc');
}

function countParameters(net: convnetjs.Net): number {
  let total = 0;
  for (const layer of weightedLayers(net)) {
    for (const filter of layer.filters) total += filter.w.length;
    total += layer.biases.w.length;
  }
  return total;
}

/**
 * Redraws every weight as `initializeParameters(lenet5, seed)` does — per layer in order, the kernel
 * in its row-major engine layout (conv [k, k, in, out], dense [in, out]), N(0, 2 / fanIn) — and stores
 * each value at the same connection in ConvNetJS's layout; biases become 0. ConvNetJS's flattening of
 * the 5×5×16 pool output ((5y + x)·16 + c) matches the engine's NHWC flatten, so fc1 maps one to one.
 */
function initializeLikeEngine(net: convnetjs.Net, seed: number): void {
  const random = createSeededRandom(seed);
  for (const layer of weightedLayers(net)) {
    const outputs = layer.out_depth;
    if (layer.layer_type === 'conv') {
      const { sx: k, in_depth: inputs } = layer;
      const std = Math.sqrt(2 / (k * k * inputs));
      for (let fy = 0; fy < k; fy++)
        for (let fx = 0; fx < k; fx++) for (let c = 0; c < inputs; c++) for (let d = 0; d < outputs; d++) layer.filters[d].w[(fy * k + fx) * inputs + c] = gaussian(random) * std;
    } else {
      const inputs = layer.num_inputs;
      const std = Math.sqrt(2 / inputs);
      for (let i = 0; i < inputs; i++) for (let j = 0; j < outputs; j++) layer.filters[j].w[i] = gaussian(random) * std;
    }
    layer.biases.w.fill(0);
  }
}

function assertRunOptions({ images, labels, count, batchSize, learningRate, steps }: ConvnetjsRunOptions): void {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`steps must be a non-negative integer, got ${steps}`);
  if (!Number.isFinite(learningRate) || learningRate <= 0) throw new RangeError(`learningRate must be positive, got ${learningRate}`);
  if (images.length < count * PIXELS) throw new RangeError(`images holds ${images.length} bytes, fewer than ${count} × ${PIXELS}`);
  if (labels.length < count) throw new RangeError(`labels holds ${labels.length} entries, fewer than ${count}`);
  for (let i = 0; i < count; i++) if (labels[i] >= CLASSES) throw new RangeError(`label ${labels[i]} at ${i} is not a class 0–9`);
}

/** value / 255 for every byte, so scaling a pixel in the loop is one lookup. */
const PIXEL_SCALE = Float64Array.from({ length: 256 }, (_, value) => value / 255);

/** Builds the LeNet-5 ConvNetJS network (with ConvNetJS's own initial weights until a run passes `seed`). */
export function createConvnetjsLenet(): ConvnetjsLenet {
  const net = new convnetjs.Net();
  net.makeLayers(layerDefs);

  const shapes = net.layers.map((layer): [string, number, number, number] => [layer.layer_type, layer.out_sx, layer.out_sy, layer.out_depth]);
  if (JSON.stringify(shapes) !== JSON.stringify(expectedLayers)) throw new Error(`ConvNetJS built an unexpected LeNet-5: ${JSON.stringify(shapes)}`);
  const parameters = countParameters(net);
  if (parameters !== LENET5_PARAMETERS) throw new Error(`ConvNetJS LeNet-5 has ${parameters} parameters, expected ${LENET5_PARAMETERS}`);

  /** Reused for every example: no allocation on our side of the loop. */
  const input = new convnetjs.Vol(SIDE, SIDE, 1, 0);

  return {
    parameterCount: () => countParameters(net),

    train(options) {
      assertRunOptions(options);
      const { images, labels, count, batchSize, learningRate, steps, seed } = options;
      if (seed !== undefined) initializeLikeEngine(net, seed);
      // Start from clean gradients, and a trainer whose batch boundary falls every batchSize calls from here.
      for (const { grads } of net.getParamsAndGrads()) grads.fill(0);
      const trainer = new convnetjs.Trainer(net, {
        method: 'sgd',
        learning_rate: learningRate,
        momentum: 0,
        batch_size: batchSize,
        l1_decay: 0,
        l2_decay: 0,
      });

      const pixels = input.w;
      const losses: number[] = new Array<number>(steps);
      let example = 0;
      const start = performance.now();
      for (let step = 0; step < steps; step++) {
        let lossSum = 0;
        for (let b = 0; b < batchSize; b++) {
          const offset = example * PIXELS;
          for (let p = 0; p < PIXELS; p++) pixels[p] = PIXEL_SCALE[images[offset + p]];
          lossSum += trainer.train(input, labels[example]).cost_loss;
          example = example + 1 === count ? 0 : example + 1;
        }
        losses[step] = lossSum / batchSize;
      }
      const durationMs = performance.now() - start;

      const examples = steps * batchSize;
      return { steps, examples, durationMs, examplesPerSecond: durationMs > 0 ? (examples * 1000) / durationMs : 0, losses };
    },
  };
}
