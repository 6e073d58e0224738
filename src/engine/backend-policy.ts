import { summarizeNetwork, type NetworkSpec } from '../core/nn/network-spec';

/** The TF.js backends the engine trains on. */
export type BackendName = 'webgl' | 'wasm' | 'cpu';

/**
 * Forward multiply–adds per optimizer step (all layers × batch size) from which a fully connected network
 * counts as heavy and is treated like a convolutional one. `npm run bench` measures the course's networks on
 * either side of it: the MLP playground (880 per step) and the image perceptron (25,088) below, LeNet-5
 * (~26 million) above. The limit itself is a round number between those, not a measured crossover.
 */
export const HEAVY_MULTIPLY_ADDS = 2_000_000;

/**
 * Below this many forward multiply–adds per step a network is so small that TF.js's plain JavaScript CPU
 * backend beats WebAssembly, whose every operation pays a call into the module and copies on the way in and
 * out. `npm run bench` (paired rounds in the lesson) measured the point perceptron (80 per step) at ~0.8× on
 * WebAssembly than on the CPU backend, the MLP playground (880) at ~1.1–1.3× and the image perceptron
 * (25,088) at ~2.3×. The limit is a round number between 80 and 880, not a measured crossover.
 */
export const TINY_MULTIPLY_ADDS = 250;

/** What the policy needs to know of a network (computed on the main thread without TF.js). */
export interface Workload {
  hasConvolution: boolean;
  /** Forward multiply–adds per optimizer step. */
  multiplyAddsPerStep: number;
}

/** What WebGL offers in this browser: a real GPU, a software emulation of one, or nothing. */
export interface WebglProbe {
  kind: 'hardware' | 'software' | 'none';
  /** The renderer string (unmasked where the browser allows), or null without WebGL. */
  renderer: string | null;
}

/** The policy's answer: a backend and one sentence for the learner, shown by the backend badge. */
export interface BackendChoice {
  backend: BackendName;
  reason: string;
}

/** The workload of a network trained in batches of `batchSize`. */
export function describeWorkload(network: NetworkSpec, batchSize: number): Workload {
  const summary = summarizeNetwork(network);
  return {
    hasConvolution: summary.some((layer) => layer.layer.kind === 'conv2d'),
    multiplyAddsPerStep: summary.reduce((sum, layer) => sum + layer.multiplyAdds, 0) * batchSize,
  };
}

/** True when a workload is worth a GPU: any convolution, or at least HEAVY_MULTIPLY_ADDS per step. */
export function isHeavy(workload: Workload): boolean {
  return workload.hasConvolution || workload.multiplyAddsPerStep >= HEAVY_MULTIPLY_ADDS;
}

/** Software renderers: WebGL emulated on the CPU (SwiftShader in headless Chrome, Mesa's llvmpipe, Windows' Basic Render Driver). */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && /swiftshader|llvmpipe|softpipe|software|basic render driver/i.test(renderer);
}

/**
 * The backend policy over three backends, from what `npm run bench` measures (scenario 3):
 * - heavy work (convolutions, or ≥ HEAVY_MULTIPLY_ADDS per step) goes to WebGL when the GPU is real;
 * - where WebGL is software-rendered or missing it goes to WebAssembly (XNNPACK, SIMD): on SwiftShader,
 *   LeNet-5 trains ~7× faster there than through emulated WebGL shaders;
 * - small fully connected networks stay off the GPU, whose launch cost per operation outweighs their work:
 *   on WebAssembly, or on the CPU backend when they are tiny (under TINY_MULTIPLY_ADDS per step).
 */
export function chooseBackend(workload: Workload, webgl: WebglProbe): BackendChoice {
  const work = `${workload.multiplyAddsPerStep.toLocaleString('en-US')} multiply–adds per step`;
  const [what, train] = workload.hasConvolution ? ['convolutions', 'train'] : [`a network this large (${work})`, 'trains'];
  if (!isHeavy(workload) && workload.multiplyAddsPerStep < TINY_MULTIPLY_ADDS) {
    return {
      backend: 'cpu',
      reason: `a network this tiny (${work}) trains fastest on the plain JavaScript CPU backend: each operation is too small to pay for a call into WebAssembly or a GPU launch`,
    };
  }
  if (!isHeavy(workload)) {
    return { backend: 'wasm', reason: `a network this small (${work}) trains fastest on WebAssembly: a GPU's launch cost per operation outweighs the work` };
  }
  if (webgl.kind === 'hardware') return { backend: 'webgl', reason: `${what} ${train} fastest on the GPU` };
  if (webgl.kind === 'software') {
    return { backend: 'wasm', reason: `${what} ${train} faster on WebAssembly (SIMD) here: WebGL is emulated on the CPU by a software renderer` };
  }
  return { backend: 'wasm', reason: `${what} ${train} fastest on WebAssembly (SIMD) where the browser offers no WebGL` };
}
