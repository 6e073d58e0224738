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
 *   LeNet-5 trains several times faster there than through emulated WebGL shaders;
 * - small fully connected networks go to WebAssembly too: per operation it costs less than the CPU backend
 *   (no new JavaScript arrays per op) and far less than a GPU kernel launch. The benchmark measures all three
 *   backends on the MLP playground and the perceptron widgets.
 */
export function chooseBackend(workload: Workload, webgl: WebglProbe): BackendChoice {
  const work = `${workload.multiplyAddsPerStep.toLocaleString('en-US')} multiply–adds per step`;
  const what = workload.hasConvolution ? 'convolutions' : `a network this large (${work})`;
  if (!isHeavy(workload)) {
    return { backend: 'wasm', reason: `a network this small (${work}) trains fastest on WebAssembly: a GPU's launch cost per operation outweighs the work` };
  }
  if (webgl.kind === 'hardware') return { backend: 'webgl', reason: `${what} train fastest on the GPU` };
  if (webgl.kind === 'software') {
    return { backend: 'wasm', reason: `${what} train faster on WebAssembly (SIMD) here: WebGL is emulated on the CPU by a software renderer` };
  }
  return { backend: 'wasm', reason: `${what} train fastest on WebAssembly (SIMD) where the browser offers no WebGL` };
}
