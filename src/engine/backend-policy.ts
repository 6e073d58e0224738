import { summarizeNetwork, type NetworkSpec } from '../core/nn/network-spec';

/**
 * Below this many forward multiply–adds per optimizer step (all layers × batch size), a network with no
 * convolution trains faster on the TF.js CPU backend than on WebGL: every GPU kernel launch costs a
 * roughly fixed overhead, and a tiny network is nothing but launches. `npm run bench` measures both
 * backends well below the limit (the MLP playground, 880 per step: CPU ~35× faster; the image perceptron,
 * 25,088: CPU ~4× faster) and above it (LeNet-5: WebGL ~3× faster). The limit itself is a round number
 * between those, not a measured crossover.
 */
export const CPU_MULTIPLY_ADDS_LIMIT = 2_000_000;

export interface BackendRecommendation {
  backend: 'webgl' | 'cpu';
  /** One sentence for the learner, shown by the backend badge. */
  reason: string;
  /** Forward multiply–adds per step that the rule looked at. */
  multiplyAddsPerStep: number;
}

/**
 * The backend policy: convolutions, and any network doing at least CPU_MULTIPLY_ADDS_LIMIT multiply–adds
 * per step, go to the GPU (WebGL); smaller fully connected networks stay on the CPU.
 */
export function recommendBackend(network: NetworkSpec, batchSize: number): BackendRecommendation {
  const summary = summarizeNetwork(network);
  const multiplyAddsPerStep = summary.reduce((sum, layer) => sum + layer.multiplyAdds, 0) * batchSize;
  const work = `${multiplyAddsPerStep.toLocaleString('en-US')} multiply–adds per step`;
  if (summary.some((layer) => layer.layer.kind === 'conv2d')) {
    return { backend: 'webgl', reason: `convolutions run faster on the GPU (${work})`, multiplyAddsPerStep };
  }
  if (multiplyAddsPerStep < CPU_MULTIPLY_ADDS_LIMIT) {
    return { backend: 'cpu', reason: `a network this small (${work}) trains faster on the CPU: on a GPU each operation's launch cost outweighs its work`, multiplyAddsPerStep };
  }
  return { backend: 'webgl', reason: `a network this large (${work}) trains faster on the GPU`, multiplyAddsPerStep };
}
