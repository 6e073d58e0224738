/**
 * Grad-CAM (Selvaraju et al., 2017) from a layer's activations and the gradient of a class score with respect to
 * them, for one example. Pure arithmetic on plain arrays; the engine's `layer-gradient` read-out supplies both.
 */

/**
 * The class-activation map of one example over the layer's positions:
 *
 *   α_k = (1 / Z) Σ_{i,j} ∂y_c / ∂A_{ijk}    (the channel's weight: its average gradient over the Z positions)
 *   L_{ij} = ReLU( Σ_k α_k A_{ijk} )
 *
 * `activations` and `gradient` are [height, width, channels] row-major (channels last, as the engine lays them out).
 * Returns the map [height · width] (not normalized) and the channel weights α.
 */
export function gradCam(
  activations: ArrayLike<number>,
  gradient: ArrayLike<number>,
  height: number,
  width: number,
  channels: number,
): { map: Float32Array; weights: Float32Array } {
  const positions = height * width;
  if (activations.length !== positions * channels || gradient.length !== positions * channels) {
    throw new Error(`Grad-CAM needs ${positions * channels} activations and gradients (${height}×${width}×${channels}), got ${activations.length} and ${gradient.length}`);
  }
  const weights = new Float32Array(channels);
  for (let p = 0; p < positions; p++) for (let k = 0; k < channels; k++) weights[k] += gradient[p * channels + k];
  for (let k = 0; k < channels; k++) weights[k] /= positions;
  const map = new Float32Array(positions);
  for (let p = 0; p < positions; p++) {
    let sum = 0;
    for (let k = 0; k < channels; k++) sum += weights[k] * activations[p * channels + k];
    map[p] = Math.max(0, sum);
  }
  return { map, weights };
}
