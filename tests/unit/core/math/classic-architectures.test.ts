import { describe, expect, it } from 'vitest';
import {
  ALEXNET,
  ALEXNET_TORCHVISION,
  ALEXNET_TWO_GPU,
  CLASSIC_ARCHITECTURES,
  LENET5,
  MINI_VGG,
  VGG16,
  VGG19,
  analyzeArchitecture,
  formatShape,
  sizesKeepingTheHead,
  smallestWorkingInput,
  windowOutputSide,
  type ArchitectureAnalysis,
} from '../../../../src/core/math/classic-architectures';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';
import { miniVgg } from '../../../../src/core/nn/architectures/mini-vgg';
import { countParameters, summarizeNetwork } from '../../../../src/core/nn/network-spec';

const row = (analysis: ArchitectureAnalysis, name: string) => {
  const found = analysis.rows.find((r) => r.layer.name === name);
  if (!found) throw new Error(`no layer ${name}`);
  return found;
};
const atNative = (architecture: (typeof CLASSIC_ARCHITECTURES)[keyof typeof CLASSIC_ARCHITECTURES]) => analyzeArchitecture(architecture, architecture.nativeSize);

describe('published parameter totals at the native input size', () => {
  it('VGG-16 has 138,357,544 parameters on 224×224×3', () => {
    expect(atNative(VGG16).parameters).toBe(138_357_544);
  });

  it('VGG-19 has 143,667,240 parameters on 224×224×3', () => {
    expect(atNative(VGG19).parameters).toBe(143_667_240);
  });

  it('LeNet-5 (28×28, "same" first convolution) has 61,706 parameters, as the course engine counts', () => {
    expect(atNative(LENET5).parameters).toBe(61_706);
    expect(countParameters(lenet5)).toBe(61_706);
  });

  it('LeNet-5 on 32×32 with a valid first convolution has the same shapes and the same 61,706 parameters', () => {
    const valid = { ...LENET5, nativeSize: 32, layers: LENET5.layers.map((layer) => (layer.name === 'conv1' && layer.kind === 'conv' ? { ...layer, padding: 0 } : layer)) };
    const analysis = analyzeArchitecture(valid, 32);
    expect(analysis.parameters).toBe(61_706);
    expect(analysis.rows.map((r) => (r.outputShape ? formatShape(r.outputShape) : null))).toEqual(
      atNative(LENET5).rows.map((r) => (r.outputShape ? formatShape(r.outputShape) : null)),
    );
  });

  it('AlexNet as one tower (96-256-384-384-256 filters, 227×227) has 62,378,344 parameters', () => {
    expect(atNative(ALEXNET).parameters).toBe(62_378_344);
  });

  it('AlexNet split over two GPUs (grouped conv2, conv4, conv5) has the paper’s 60,965,224', () => {
    expect(atNative(ALEXNET_TWO_GPU).parameters).toBe(60_965_224);
  });

  it('torchvision’s AlexNet (64-192-384-256-256 filters) has 61,100,840', () => {
    expect(atNative(ALEXNET_TORCHVISION).parameters).toBe(61_100_840);
  });

  it('the course’s mini-VGG has 122,434 parameters, as the engine counts its NetworkSpec', () => {
    expect(atNative(MINI_VGG).parameters).toBe(122_434);
    expect(countParameters(miniVgg)).toBe(122_434);
  });

  it('every architecture matches its documented total and breaks nowhere at its native size', () => {
    for (const architecture of Object.values(CLASSIC_ARCHITECTURES)) {
      const analysis = atNative(architecture);
      expect(analysis.parameters, architecture.id).toBe(architecture.publishedParameters);
      expect(analysis.problems, architecture.id).toEqual([]);
      expect(analysis.convolutionParameters + analysis.denseParameters).toBe(analysis.parameters);
    }
  });
});

describe('layers worked by hand', () => {
  it('VGG-16 conv1-1: 3·3·3·64 + 64 = 1,792 parameters, 224·224·(3·3·3·64) = 86,704,128 multiply–adds', () => {
    const conv = row(atNative(VGG16), 'conv1-1');
    expect(conv.parameters).toBe(3 * 3 * 3 * 64 + 64);
    expect(conv.parameters).toBe(1_792);
    expect(conv.multiplyAdds).toBe(224 * 224 * 1_728);
    expect(conv.multiplyAdds).toBe(86_704_128);
  });

  it('VGG-16 fc6: 7·7·512 = 25,088 inputs × 4,096 = 102,760,448 multiply–adds, + 4,096 biases', () => {
    const analysis = atNative(VGG16);
    expect(analysis.flattenSize).toBe(25_088);
    expect(row(analysis, 'fc6').multiplyAdds).toBe(102_760_448);
    expect(row(analysis, 'fc6').parameters).toBe(102_764_544);
  });

  it('AlexNet conv1: (227 − 11)/4 + 1 = 55, 55·55·(11·11·3·96) = 105,415,200 multiply–adds', () => {
    const conv = row(atNative(ALEXNET), 'conv1');
    expect(conv.outputShape).toEqual([55, 55, 96]);
    expect(conv.parameters).toBe(34_944);
    expect(conv.multiplyAdds).toBe(105_415_200);
  });

  it('a grouped convolution sees C/g channels: AlexNet conv2 over two GPUs is 5·5·48·256 + 256 = 307,456', () => {
    expect(row(atNative(ALEXNET_TWO_GPU), 'conv2').parameters).toBe(307_456);
    expect(row(atNative(ALEXNET), 'conv2').parameters).toBe(614_656);
  });

  it('LeNet-5 conv2: 10·10·(5·5·6·16) = 240,000 multiply–adds; totals 416,520', () => {
    const analysis = atNative(LENET5);
    expect(row(analysis, 'conv2').multiplyAdds).toBe(240_000);
    expect(row(analysis, 'pool2').outputShape).toEqual([5, 5, 16]);
    expect(analysis.multiplyAdds).toBe(416_520);
  });

  it('VGG-16 does 15,470,264,320 multiply–adds per 224×224 image (the quoted 15.5 G), VGG-19 19,632,062,464', () => {
    expect(atNative(VGG16).multiplyAdds).toBe(15_470_264_320);
    expect(atNative(VGG19).multiplyAdds).toBe(19_632_062_464);
  });

  it('agrees layer by layer with the engine’s summary of the mini-VGG', () => {
    const engine = summarizeNetwork(miniVgg);
    const ours = atNative(MINI_VGG).rows;
    expect(ours.map((r) => r.parameters)).toEqual(engine.map((layer) => layer.parameterCount));
    expect(ours.map((r) => (r.outputShape ? [...r.outputShape] : null))).toEqual(engine.map((layer) => layer.outputShape));
  });
});

describe('changing the input size', () => {
  it('output side ⌊(n + 2p − K)/s⌋ + 1, 0 when the window does not fit', () => {
    expect(windowOutputSide(224, 11, 4, 2)).toBe(55);
    expect(windowOutputSide(224, 11, 4, 0)).toBe(54);
    expect(windowOutputSide(2, 3, 2, 0)).toBe(0);
  });

  it('keeps conv parameters, scales fully connected parameters and multiply–adds (VGG-16 at 448)', () => {
    const native = atNative(VGG16);
    const big = analyzeArchitecture(VGG16, 448);
    expect(big.convolutionParameters).toBe(native.convolutionParameters);
    expect(big.convolutionParameters).toBe(14_714_688);
    expect(big.flattenSize).toBe(14 * 14 * 512);
    expect(row(big, 'fc6').parameters).toBe(100_352 * 4096 + 4096);
    expect(big.convolutionMultiplyAdds).toBe(4 * native.convolutionMultiplyAdds);
    expect(big.problems).toEqual([expect.objectContaining({ kind: 'head-mismatch', layer: 'fc6', expected: 25_088, actual: 100_352 })]);
  });

  it('sizes that round down to the same map keep the published head (VGG: 224 to 255)', () => {
    expect(sizesKeepingTheHead(VGG16)).toEqual(Array.from({ length: 32 }, (_, i) => 224 + i));
    expect(analyzeArchitecture(VGG16, 240).problems).toEqual([]);
  });

  it('breaks where a window no longer fits: VGG-16 needs 32×32, AlexNet 67×67, LeNet-5 12×12', () => {
    expect(smallestWorkingInput(VGG16)).toBe(32);
    expect(smallestWorkingInput(ALEXNET)).toBe(67);
    expect(smallestWorkingInput(LENET5)).toBe(12);
    const small = analyzeArchitecture(VGG16, 31);
    expect(small.problems).toHaveLength(1);
    expect(small.problems[0]).toMatchObject({ kind: 'too-small', layer: 'pool5', inputSide: 1, window: 2 });
    expect(row(small, 'pool5').tooSmall).toBe(true);
    expect(row(small, 'fc6').outputShape).toBeNull();
    expect(small.flattenSize).toBeNull();
  });

  it('torchvision’s adaptive pool keeps the head at any size from 63 up', () => {
    expect(smallestWorkingInput(ALEXNET_TORCHVISION)).toBe(63);
    const analysis = analyzeArchitecture(ALEXNET_TORCHVISION, 500);
    expect(analysis.flattenSize).toBe(9216);
    expect(analysis.denseParameters).toBe(atNative(ALEXNET_TORCHVISION).denseParameters);
    expect(analysis.problems).toEqual([]);
  });

  it('notes windows that stop short of the edge: torchvision conv1 on 224 leaves 1 column', () => {
    expect(row(atNative(ALEXNET_TORCHVISION), 'conv1').croppedEdge).toBe(1);
    expect(row(analyzeArchitecture(ALEXNET, 224), 'conv1').croppedEdge).toBe(1);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => analyzeArchitecture(VGG16, 0)).toThrow(/positive integer/);
    expect(() => analyzeArchitecture(VGG16, 2.5)).toThrow(/positive integer/);
  });
});
