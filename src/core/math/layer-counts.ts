/**
 * Parameter, activation and multiply–add counts of one fully connected layer and one convolution on an
 * image, in exact integer arithmetic (BigInt): a 4K video clip into a wide dense layer has far more than
 * 2^53 weights, where a JavaScript number would silently round.
 */

/** An image (or a clip of `frames` images) given to one layer: height × width × channels per frame. */
export interface ImageShape {
  height: number;
  width: number;
  channels: number;
  /** Frames of a video clip fed together (1 for a still image). */
  frames: number;
}

/** Counts of one layer for one example; every count is exact. */
export interface LayerCounts {
  /** Values the layer reads: H·W·C·T. */
  inputs: bigint;
  weights: bigint;
  biases: bigint;
  /** weights + biases. */
  parameters: bigint;
  /** Values the layer writes (its activations). */
  outputs: bigint;
  /** Multiply–adds of the forward pass. */
  multiplyAdds: bigint;
}

/** Counts of a 2-D convolution, plus its output grid. */
export interface ConvolutionCounts extends LayerCounts {
  outputHeight: number;
  outputWidth: number;
}

/** H·W·C·T as a BigInt. */
export function countInputs(shape: ImageShape): bigint {
  return BigInt(shape.height) * BigInt(shape.width) * BigInt(shape.channels) * BigInt(shape.frames);
}

/**
 * A fully connected layer of `units` neurons on the flattened input (every pixel of every channel of every frame):
 * weights = H·W·C·T·N, biases = N, outputs = N, multiply–adds = H·W·C·T·N.
 */
export function denseLayerCounts(shape: ImageShape, units: number): LayerCounts {
  const inputs = countInputs(shape);
  const n = BigInt(units);
  const weights = inputs * n;
  return { inputs, weights, biases: n, parameters: weights + n, outputs: n, multiplyAdds: weights };
}

/** Settings of one convolution layer. */
export interface ConvolutionSettings {
  /** Side K of the square K×K kernel. */
  kernelSize: number;
  /** Number F of filters (output channels). */
  filters: number;
  /** Step of the window (1: every position). */
  stride: number;
  /** 'same': zero padding keeps ⌈H/s⌉ × ⌈W/s⌉ outputs; 'valid': only windows inside the image, ⌊(H − K)/s⌋ + 1. */
  padding: 'same' | 'valid';
}

/** Output length of a window of `window` inputs sliding with `stride` over `size` inputs (0 when none fits). */
export function slidingWindowCount(size: number, window: number, stride: number, padding: 'same' | 'valid'): number {
  if (padding === 'same') return Math.ceil(size / stride);
  return size < window ? 0 : Math.floor((size - window) / stride) + 1;
}

/**
 * A convolution of F filters of K×K×C applied to each frame: weights = K·K·C·F, biases = F (independent of
 * the image size and of the number of frames), outputs = H′·W′·F·T, multiply–adds = H′·W′·T·K·K·C·F, where
 * H′ × W′ is the output grid.
 */
export function convolutionLayerCounts(shape: ImageShape, settings: ConvolutionSettings): ConvolutionCounts {
  const outputHeight = slidingWindowCount(shape.height, settings.kernelSize, settings.stride, settings.padding);
  const outputWidth = slidingWindowCount(shape.width, settings.kernelSize, settings.stride, settings.padding);
  const k = BigInt(settings.kernelSize);
  const f = BigInt(settings.filters);
  const weights = k * k * BigInt(shape.channels) * f;
  const positions = BigInt(outputHeight) * BigInt(outputWidth) * BigInt(shape.frames);
  return {
    inputs: countInputs(shape),
    weights,
    biases: f,
    parameters: weights + f,
    outputs: positions * f,
    multiplyAdds: positions * weights,
    outputHeight,
    outputWidth,
  };
}

/** Parameters of a K×K convolution from `inChannels` to `outChannels`: K·K·C_in·C_out + C_out. */
export function convolutionParameterCount(kernelSize: number, inChannels: number, outChannels: number): bigint {
  const out = BigInt(outChannels);
  return BigInt(kernelSize) * BigInt(kernelSize) * BigInt(inChannels) * out + out;
}

/** An exact integer with thousands separators: 1792n → "1,792", 150528n → "150,528". */
export function formatCount(value: bigint | number): string {
  const text = BigInt(value).toString();
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

/** log₁₀ of a positive BigInt, accurate to ~15 digits for any size (−Infinity for 0). */
export function log10BigInt(value: bigint): number {
  if (value <= 0n) return -Infinity;
  const text = value.toString();
  const head = Number(text.slice(0, 15));
  return Math.log10(head) + (text.length - Math.min(15, text.length));
}

/** a / b as a floating-point number, accurate for any sizes (via logarithms when either exceeds 2^53). */
export function ratioOf(a: bigint, b: bigint): number {
  if (b === 0n) return Infinity;
  if (a <= BigInt(Number.MAX_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(a) / Number(b);
  return 10 ** (log10BigInt(a) - log10BigInt(b));
}

/**
 * A count in words for large magnitudes, truncated (never rounded up) to one decimal: "150,528" below a million,
 * else "150.5 million", "1.2 trillion", and scientific notation from 10^18 on ("3.1 × 10^21").
 */
export function describeMagnitude(value: bigint): string {
  if (value < 1_000_000n) return formatCount(value);
  const text = value.toString();
  const power = text.length - 1;
  if (power >= 18) return `${text[0]}.${text[1]} × 10^${power}`;
  const group = Math.floor(power / 3) * 3;
  const name = { 6: 'million', 9: 'billion', 12: 'trillion', 15: 'quadrillion' }[group] ?? '';
  const whole = text.slice(0, text.length - group);
  return `${whole}.${text[whole.length]} ${name}`;
}

/** Bytes of `count` float32 values in binary units: "6.9 KB", "574.3 MB", "2.2 TB". */
export function formatFloat32Bytes(count: bigint): string {
  const bytes = count * 4n;
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
  if (bytes < 1024n) return `${bytes} bytes`;
  const exponent = log10BigInt(bytes) / Math.log10(1024);
  const index = Math.min(units.length - 1, Math.floor(exponent));
  const scaled = 1024 ** (exponent - index);
  return `${scaled.toFixed(1)} ${units[index]}`;
}
