/**
 * 2-D convolution as deep learning uses the word: a cross-correlation (the kernel is not flipped), with
 * stride, zero padding and dilation. Pure TypeScript, no TF.js: the lessons' widgets use it to write the
 * arithmetic out, and the unit tests check it against `tf.conv2d`.
 *
 * For one output cell (r, c) of a single-channel input x and a K_h × K_w kernel w:
 *
 *   y[r, c] = b + Σ_{i=0}^{K_h−1} Σ_{j=0}^{K_w−1} w[i, j] · x[r·S − P_top + i·D, c·S − P_left + j·D]
 *
 * where S is the stride, D the dilation and P the zero padding; input positions outside the image read 0.
 * With C input channels the sum also runs over the channels, and each of F filters gives one output channel.
 */

/** Zero padding: a number of zero rows/columns added on every side, or TF's names 'valid' (none) and 'same'. */
export type ConvolutionPadding = number | 'valid' | 'same';

/** Stride, padding and dilation, the same along both axes. */
export interface ConvolutionOptions {
  /** Step S between neighbouring windows (≥ 1). Default 1. */
  stride?: number;
  /** Default 'valid'. */
  padding?: ConvolutionPadding;
  /** Spacing D between kernel taps (≥ 1; 1 is an ordinary kernel). Default 1. */
  dilation?: number;
}

/** Padding resolved along one axis: zeros before (top/left) and after (bottom/right). */
export interface AxisPadding {
  before: number;
  after: number;
}

/** A single-channel image or kernel, row-major: `values[row * width + column]`. */
export interface Plane {
  values: ArrayLike<number>;
  height: number;
  width: number;
}

/** A multi-channel image in HWC order: `values[(row * width + column) * channels + channel]`. */
export interface Volume {
  values: ArrayLike<number>;
  height: number;
  width: number;
  channels: number;
}

/**
 * A bank of filters in TF's HWIO order, `[height, width, inChannels, outChannels]`:
 * `values[((i * width + j) * inChannels + c) * outChannels + f]`.
 */
export interface FilterBank {
  values: ArrayLike<number>;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
}

/** Everything about the placement of the windows along both axes. */
export interface ConvolutionGeometry {
  outputHeight: number;
  outputWidth: number;
  stride: number;
  dilation: number;
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  /** Span of the dilated kernel: D·(K − 1) + 1 rows and columns. */
  effectiveKernelHeight: number;
  effectiveKernelWidth: number;
}

/** Span covered by a kernel of size K with dilation D: D·(K − 1) + 1. */
export function effectiveKernelSize(kernelSize: number, dilation = 1): number {
  return dilation * (kernelSize - 1) + 1;
}

/**
 * Zeros added before and after one axis.
 * - a number P: P on both sides;
 * - 'valid': none;
 * - 'same' (as TF): the output has O = ⌈I/S⌉ cells, which needs P_total = max((O − 1)·S + D·(K − 1) + 1 − I, 0)
 *   zeros, P_before = ⌊P_total / 2⌋ and the odd one after.
 */
export function resolvePadding(inputSize: number, kernelSize: number, options: ConvolutionOptions = {}): AxisPadding {
  const { stride = 1, padding = 'valid', dilation = 1 } = options;
  if (padding === 'valid') return { before: 0, after: 0 };
  if (padding === 'same') {
    const outputSize = Math.ceil(inputSize / stride);
    const total = Math.max((outputSize - 1) * stride + effectiveKernelSize(kernelSize, dilation) - inputSize, 0);
    const before = Math.floor(total / 2);
    return { before, after: total - before };
  }
  return { before: padding, after: padding };
}

/**
 * Number of output cells along one axis: O = ⌊(I + P_before + P_after − D·(K − 1) − 1) / S⌋ + 1,
 * which with P on both sides is the familiar O = ⌊(I + 2P − D·(K − 1) − 1) / S⌋ + 1.
 * Zero or less means the (dilated) kernel does not fit in the padded input.
 */
export function convolutionOutputSize(inputSize: number, kernelSize: number, options: ConvolutionOptions = {}): number {
  const { stride = 1, dilation = 1 } = options;
  const { before, after } = resolvePadding(inputSize, kernelSize, options);
  return Math.floor((inputSize + before + after - dilation * (kernelSize - 1) - 1) / stride) + 1;
}

/**
 * Why these settings cannot be used, in words a learner can act on, or null when they can. Checks that
 * sizes, stride and dilation are positive integers, padding is a non-negative integer, and the dilated
 * kernel fits inside the padded input.
 */
export function convolutionProblem(inputHeight: number, inputWidth: number, kernelHeight: number, kernelWidth: number, options: ConvolutionOptions = {}): string | null {
  const { stride = 1, padding = 'valid', dilation = 1 } = options;
  const positive = (value: number) => Number.isInteger(value) && value >= 1;
  if (![inputHeight, inputWidth, kernelHeight, kernelWidth].every(positive)) return 'The image and the kernel need at least one row and one column.';
  if (!positive(stride)) return 'The stride must be a whole number of at least 1.';
  if (!positive(dilation)) return 'The dilation must be a whole number of at least 1.';
  if (typeof padding === 'number' && !(Number.isInteger(padding) && padding >= 0)) return 'The padding must be a whole number of at least 0.';
  const spanHeight = effectiveKernelSize(kernelHeight, dilation);
  const spanWidth = effectiveKernelSize(kernelWidth, dilation);
  const rows = resolvePadding(inputHeight, kernelHeight, options);
  const columns = resolvePadding(inputWidth, kernelWidth, options);
  const paddedHeight = inputHeight + rows.before + rows.after;
  const paddedWidth = inputWidth + columns.before + columns.after;
  if (spanHeight > paddedHeight || spanWidth > paddedWidth) {
    return (
      `With dilation ${dilation} the ${kernelHeight}×${kernelWidth} kernel spans ${spanHeight}×${spanWidth} pixels, ` +
      `more than the ${paddedHeight}×${paddedWidth} padded input: there is no position for the window. Lower the dilation or add padding.`
    );
  }
  return null;
}

/** Output size and padding of a convolution; throws with {@link convolutionProblem}'s message when it is impossible. */
export function convolutionGeometry(inputHeight: number, inputWidth: number, kernelHeight: number, kernelWidth: number, options: ConvolutionOptions = {}): ConvolutionGeometry {
  const problem = convolutionProblem(inputHeight, inputWidth, kernelHeight, kernelWidth, options);
  if (problem) throw new Error(problem);
  const { stride = 1, dilation = 1 } = options;
  const rows = resolvePadding(inputHeight, kernelHeight, options);
  const columns = resolvePadding(inputWidth, kernelWidth, options);
  return {
    outputHeight: convolutionOutputSize(inputHeight, kernelHeight, options),
    outputWidth: convolutionOutputSize(inputWidth, kernelWidth, options),
    stride,
    dilation,
    padTop: rows.before,
    padBottom: rows.after,
    padLeft: columns.before,
    padRight: columns.after,
    effectiveKernelHeight: effectiveKernelSize(kernelHeight, dilation),
    effectiveKernelWidth: effectiveKernelSize(kernelWidth, dilation),
  };
}

/**
 * Multi-channel convolution with F filters (TF's `conv2d` with NHWC input and HWIO filters, one image):
 * y[r, c, f] = b[f] + Σ_i Σ_j Σ_ch w[i, j, ch, f] · x[r·S − P_top + i·D, c·S − P_left + j·D, ch].
 * Sums run in float64. `bias` has one entry per filter (omit it for none).
 */
export function conv2d(input: Volume, filters: FilterBank, options: ConvolutionOptions = {}, bias?: ArrayLike<number>): Volume & { values: Float64Array } {
  if (filters.inChannels !== input.channels) {
    throw new Error(`The filters expect ${filters.inChannels} input channels but the image has ${input.channels}.`);
  }
  const geometry = convolutionGeometry(input.height, input.width, filters.height, filters.width, options);
  const { outputHeight, outputWidth, stride, dilation, padTop, padLeft } = geometry;
  const { height: kh, width: kw, inChannels, outChannels } = filters;
  const x = input.values;
  const w = filters.values;
  const out = new Float64Array(outputHeight * outputWidth * outChannels);
  for (let r = 0; r < outputHeight; r++) {
    for (let c = 0; c < outputWidth; c++) {
      const o = (r * outputWidth + c) * outChannels;
      for (let f = 0; f < outChannels; f++) out[o + f] = bias ? bias[f] : 0;
      for (let i = 0; i < kh; i++) {
        const row = r * stride - padTop + i * dilation;
        if (row < 0 || row >= input.height) continue;
        for (let j = 0; j < kw; j++) {
          const column = c * stride - padLeft + j * dilation;
          if (column < 0 || column >= input.width) continue;
          const xBase = (row * input.width + column) * inChannels;
          const wBase = (i * kw + j) * inChannels * outChannels;
          for (let ch = 0; ch < inChannels; ch++) {
            const value = x[xBase + ch];
            if (value === 0) continue;
            const wRow = wBase + ch * outChannels;
            for (let f = 0; f < outChannels; f++) out[o + f] += value * w[wRow + f];
          }
        }
      }
    }
  }
  return { values: out, height: outputHeight, width: outputWidth, channels: outChannels };
}

/**
 * Single-channel convolution of one image with one kernel (plus an optional scalar bias):
 * y[r, c] = b + Σ_i Σ_j w[i, j] · x[r·S − P_top + i·D, c·S − P_left + j·D].
 */
export function conv2dSingle(input: Plane, kernel: Plane, options: ConvolutionOptions = {}, bias = 0): Plane & { values: Float64Array } {
  const result = conv2d(
    { values: input.values, height: input.height, width: input.width, channels: 1 },
    { values: kernel.values, height: kernel.height, width: kernel.width, inChannels: 1, outChannels: 1 },
    options,
    [bias],
  );
  return { values: result.values, height: result.height, width: result.width };
}

/** One product in the sum of an output cell. */
export interface ConvolutionTerm {
  kernelRow: number;
  kernelColumn: number;
  /** Input position the tap reads (may lie in the zero padding, outside 0..height−1 / 0..width−1). */
  inputRow: number;
  inputColumn: number;
  /** True when the tap reads padding (its input value is 0). */
  inPadding: boolean;
  inputValue: number;
  kernelValue: number;
  product: number;
}

/** The arithmetic of one output cell: its K_h·K_w products, the bias and the total. */
export interface OutputCellArithmetic {
  row: number;
  column: number;
  terms: ConvolutionTerm[];
  bias: number;
  /** bias + Σ products (equals the cell of {@link conv2dSingle}'s output). */
  value: number;
}

/**
 * Lists the terms input × kernel of output cell (row, column) of a single-channel convolution, in kernel
 * order (row by row), for writing the sum out. Throws when the settings are impossible or the cell is outside the output.
 */
export function outputCellTerms(input: Plane, kernel: Plane, options: ConvolutionOptions, row: number, column: number, bias = 0): OutputCellArithmetic {
  const geometry = convolutionGeometry(input.height, input.width, kernel.height, kernel.width, options);
  if (!(row >= 0 && row < geometry.outputHeight && column >= 0 && column < geometry.outputWidth)) {
    throw new Error(`Cell (${row}, ${column}) is outside the ${geometry.outputHeight}×${geometry.outputWidth} output.`);
  }
  const terms: ConvolutionTerm[] = [];
  let value = bias;
  for (let i = 0; i < kernel.height; i++) {
    for (let j = 0; j < kernel.width; j++) {
      const inputRow = row * geometry.stride - geometry.padTop + i * geometry.dilation;
      const inputColumn = column * geometry.stride - geometry.padLeft + j * geometry.dilation;
      const inPadding = inputRow < 0 || inputRow >= input.height || inputColumn < 0 || inputColumn >= input.width;
      const inputValue = inPadding ? 0 : input.values[inputRow * input.width + inputColumn];
      const kernelValue = kernel.values[i * kernel.width + j];
      const product = inputValue * kernelValue;
      value += product;
      terms.push({ kernelRow: i, kernelColumn: j, inputRow, inputColumn, inPadding, inputValue, kernelValue, product });
    }
  }
  return { row, column, terms, bias, value };
}
