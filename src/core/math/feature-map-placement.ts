/**
 * Laying a coarse feature map (a Grad-CAM, a channel) over the image it came from. Two ways, one sampler:
 * - {@link upsampleBilinear}: stretch the map over the image (pixel centres, align-corners false);
 * - {@link upsampleAligned}: put each unit where it sits in the image ({@link unitGrid}, from the receptive-field
 *   arithmetic), which differs from the stretch for layers without padding (LeNet-5's 10×10 conv: ~3.6 px at the edges).
 * Pure, no DOM. Shared by the CNN explainer and the backbone sketch.
 */
import type { NetworkSpec } from '../nn/network-spec';
import { receptiveFieldTable, type ReceptiveLayer } from './receptive-field';

/** Where a layer's units sit in the image: unit i is centred on pixel first + i·jump (both axes). */
export interface UnitGrid {
  first: number;
  jump: number;
}

/**
 * The unit grid of layer `layer` (0-based) of a network on square inputs, from the receptive-field table: each conv or
 * pooling layer moves the first centre by ((span − 1)/2 − paddingBefore)·jump_before and multiplies the jump by its
 * stride; other layers (activations, batch norm) keep the grid.
 */
export function unitGrid(network: NetworkSpec, layer: number): UnitGrid {
  const spatial: ReceptiveLayer[] = [];
  for (const spec of network.layers.slice(0, layer + 1)) {
    if (spec.kind === 'conv2d') spatial.push({ kind: 'conv', kernel: spec.kernelSize, stride: spec.stride ?? 1, dilation: spec.dilation ?? 1, padding: spec.padding });
    else if (spec.kind === 'max-pool' || spec.kind === 'avg-pool') spatial.push({ kind: 'pool', kernel: spec.size, stride: spec.stride ?? spec.size });
  }
  let first = 0;
  let jump = 1;
  for (const row of receptiveFieldTable(network.inputShape[0], spatial)) {
    first += ((row.span - 1) / 2 - row.paddingBefore) * jump;
    jump = row.jump;
  }
  return { first, jump };
}

/**
 * Bilinear upsampling of an h×w map to side×side, sampling at pixel centres (align-corners false, edges clamped):
 * output pixel (r, c) reads the map at y = (r + ½)·h/side − ½, x = (c + ½)·w/side − ½.
 */
export function upsampleBilinear(map: ArrayLike<number>, height: number, width: number, side: number): Float32Array {
  return resample(
    map,
    height,
    width,
    side,
    (r) => ((r + 0.5) * height) / side - 0.5,
    (c) => ((c + 0.5) * width) / side - 0.5,
  );
}

/**
 * Upsampling of an h×w feature map to side×side by where its units sit in the image: unit (i, j) is centred on pixel
 * (first + i·jump, first + j·jump), so output pixel (r, c) reads the map bilinearly at ((r − first)/jump,
 * (c − first)/jump), clamped to the map's edge. With first = (jump − 1)/2 this is {@link upsampleBilinear}'s stretch
 * when side = h·jump.
 */
export function upsampleAligned(map: ArrayLike<number>, height: number, width: number, side: number, first: number, jump: number): Float32Array {
  if (!(jump > 0)) throw new Error(`The jump must be positive, got ${jump}`);
  const at = (pixel: number) => (pixel - first) / jump;
  return resample(map, height, width, side, at, at);
}

/** side×side samples of the map, output pixel (r, c) read bilinearly at map coordinates (rowAt(r), columnAt(c)), clamped. */
function resample(map: ArrayLike<number>, height: number, width: number, side: number, rowAt: (r: number) => number, columnAt: (c: number) => number): Float32Array {
  if (map.length !== height * width) throw new Error(`The map has ${map.length} values, expected ${height}×${width}`);
  const out = new Float32Array(side * side);
  const clamp = (value: number, hi: number) => Math.min(hi, Math.max(0, value));
  for (let r = 0; r < side; r++) {
    const y = clamp(rowAt(r), height - 1);
    const y0 = Math.floor(y);
    const y1 = Math.min(height - 1, y0 + 1);
    const fy = y - y0;
    for (let c = 0; c < side; c++) {
      const x = clamp(columnAt(c), width - 1);
      const x0 = Math.floor(x);
      const x1 = Math.min(width - 1, x0 + 1);
      const fx = x - x0;
      const top = map[y0 * width + x0] * (1 - fx) + map[y0 * width + x1] * fx;
      const bottom = map[y1 * width + x0] * (1 - fx) + map[y1 * width + x1] * fx;
      out[r * side + c] = top * (1 - fy) + bottom * fy;
    }
  }
  return out;
}
