/**
 * The filter gradient of a 2-D convolution (`Conv2DBackpropFilter`) for TF.js's WebAssembly backend, which
 * ships every other kernel LeNet-style training needs but not this one. Owned by the engine: registered by
 * start-wasm-backend.ts before the backend trains anything, verified against the CPU backend in
 * tests/unit/engine/conv2d-backprop-filter.test.ts.
 *
 * With x of shape [N, H, W, Cᵢ], the output gradient dy of shape [N, H', W', Cₒ], strides (s_h, s_w),
 * dilations (d_h, d_w) and the padding's top/left offsets (p_t, p_l):
 *
 *   dW[k_h, k_w, cᵢ, cₒ] = Σₙ Σ_{h', w'} x̂[n, h'·s_h + k_h·d_h − p_t, w'·s_w + k_w·d_w − p_l, cᵢ] · dy[n, h', w', cₒ]
 *
 * (x̂ is x with zeros outside it). Read with the roles swapped, that sum is itself a convolution, run here by
 * the backend's own XNNPACK Conv2D kernel:
 * - the image is x transposed to [Cᵢ, H, W, N] (channels become the batch, the batch becomes the channels);
 * - the filter is dy transposed to [H', W', N, Cₒ];
 * - the convolution's stride is the original dilation and its dilation the original stride;
 * - its padding is the original top/left padding, and at the bottom/right exactly as much as the sum reaches
 *   (rows it never reaches are cropped off first), so its output is [Cᵢ, K_h, K_w, Cₒ], transposed to the
 *   filter's [K_h, K_w, Cᵢ, Cₒ].
 * TF.js never passes dilations to this kernel (its convolution gradients require dilation 1); the
 * optional `dilations` attribute is honoured for callers that do.
 */
import { backend_util, getKernel, registerKernel, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';

type NamedAttrs = Record<string, unknown>;
interface WasmLikeBackend {
  disposeData(dataId: object): boolean;
}

/** Calls one of the backend's own kernels directly (no tape, no engine bookkeeping), as TF.js's kernels do. */
function runBackendKernel(name: string, backend: WasmLikeBackend, inputs: Record<string, TensorInfo>, attrs: NamedAttrs): TensorInfo {
  const kernel = getKernel(name, 'wasm');
  if (!kernel) throw new Error(`The WebAssembly backend has no ${name} kernel`);
  return kernel.kernelFunc({ inputs, backend: backend as never, attrs: attrs as never }) as TensorInfo;
}

/** The padding the roles-swapped convolution needs at the far side of one axis, and the input length it may read. */
export function farSidePadding(inputLength: number, nearPadding: number, kernelLength: number, kernelDilation: number, outputLength: number, stride: number) {
  const reach = (kernelLength - 1) * kernelDilation + (outputLength - 1) * stride + 1;
  const far = reach - nearPadding - inputLength;
  return far >= 0 ? { far, usedLength: inputLength } : { far: 0, usedLength: inputLength + far };
}

const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const {
    strides,
    pad,
    dataFormat,
    dimRoundingMode,
    filterShape,
    dilations = 1,
  } = attrs as unknown as {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
    dilations?: number | [number, number];
  };
  if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on WebAssembly supports NHWC only');
  const wasm = backend as unknown as WasmLikeBackend;
  const info = backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, dilations, pad, dimRoundingMode, false, 'channelsLast');
  if (info.outHeight !== dy.shape[1] || info.outWidth !== dy.shape[2]) {
    throw new Error(`Conv2DBackpropFilter: dy has shape [${dy.shape}] but the convolution gives ${info.outHeight}×${info.outWidth}`);
  }
  const rows = farSidePadding(info.inHeight, info.padInfo.top, info.filterHeight, info.dilationHeight, info.outHeight, info.strideHeight);
  const columns = farSidePadding(info.inWidth, info.padInfo.left, info.filterWidth, info.dilationWidth, info.outWidth, info.strideWidth);

  const temporaries: TensorInfo[] = [];
  const keep = (tensor: TensorInfo) => (temporaries.push(tensor), tensor);
  try {
    let image = x;
    if (rows.usedLength < info.inHeight || columns.usedLength < info.inWidth) {
      image = keep(runBackendKernel('Slice', wasm, { x }, { begin: [0, 0, 0, 0], size: [info.batchSize, rows.usedLength, columns.usedLength, info.inChannels] }));
    }
    const swappedImage = keep(runBackendKernel('Transpose', wasm, { x: image }, { perm: [3, 1, 2, 0] }));
    const swappedFilter = keep(runBackendKernel('Transpose', wasm, { x: dy }, { perm: [1, 2, 0, 3] }));
    const gradient = keep(
      runBackendKernel(
        'Conv2D',
        wasm,
        { x: swappedImage, filter: swappedFilter },
        {
          strides: [info.dilationHeight, info.dilationWidth],
          dilations: [info.strideHeight, info.strideWidth],
          pad: [
            [0, 0],
            [info.padInfo.top, rows.far],
            [info.padInfo.left, columns.far],
            [0, 0],
          ],
          dataFormat: 'NHWC',
        },
      ),
    );
    return runBackendKernel('Transpose', wasm, { x: gradient }, { perm: [1, 2, 0, 3] });
  } finally {
    for (const tensor of temporaries) wasm.disposeData(tensor.dataId);
  }
};

/** The kernel's registration record (kernel name `Conv2DBackpropFilter`, backend `wasm`). */
export const conv2dBackpropFilterWasmConfig: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};

/** Registers the kernel once; later calls do nothing (TF.js warns about, and ignores, a second registration). */
export function registerConv2dBackpropFilterWasm(): void {
  if (!getKernel(conv2dBackpropFilterWasmConfig.kernelName, 'wasm')) registerKernel(conv2dBackpropFilterWasmConfig);
}
