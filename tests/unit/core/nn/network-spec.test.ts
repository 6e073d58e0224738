import { describe, expect, it } from 'vitest';
import { lenet5 } from '../../../../src/core/nn/architectures/lenet5';
import { computeFans } from '../../../../src/core/nn/initializers';
import { countParameters, findParameter, initializeParameters, slidingOutputSize, summarizeNetwork, type LayerSpec, type NetworkSpec } from '../../../../src/core/nn/network-spec';

const spec = (inputShape: number[], layers: LayerSpec[]): NetworkSpec => ({ inputShape, layers, initialization: { kind: 'he-normal' } });

describe('summarizeNetwork', () => {
  it('gives LeNet-5 its published 61,706 parameters, its shapes and multiply–adds', () => {
    const summary = summarizeNetwork(lenet5);
    expect(summary.map((layer) => layer.outputShape)).toEqual([[28, 28, 6], [14, 14, 6], [10, 10, 16], [5, 5, 16], [400], [120], [84], [10]]);
    expect(summary.map((layer) => layer.parameterCount)).toEqual([156, 0, 2416, 0, 0, 48120, 10164, 850]);
    expect(countParameters(lenet5)).toBe(61706);
    expect(summary.map((layer) => layer.multiplyAdds)).toEqual([28 * 28 * 25 * 6, 0, 10 * 10 * 25 * 6 * 16, 0, 0, 400 * 120, 120 * 84, 84 * 10]);
    expect(summary[2].parameters).toEqual([
      { name: 'kernel', shape: [5, 5, 6, 16], trainable: true, initial: 'weights', decays: true },
      { name: 'bias', shape: [16], trainable: true, initial: 'zeros', decays: false },
    ]);
    expect(summary.map((layer) => layer.name)).toEqual(['conv2d-1', 'max-pool-2', 'conv2d-3', 'max-pool-4', 'flatten-5', 'dense-6', 'dense-7', 'dense-8']);
    expect(summary.map((layer) => layer.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('uses the given layer names and chains input shapes', () => {
    const summary = summarizeNetwork(
      spec(
        [4],
        [
          { kind: 'dense', units: 3, name: 'hidden' },
          { kind: 'dense', units: 2 },
        ],
      ),
    );
    expect(summary.map((layer) => [layer.name, layer.inputShape, layer.outputShape])).toEqual([
      ['hidden', [4], [3]],
      ['dense-2', [3], [2]],
    ]);
  });

  it('computes conv output sizes for stride, dilation and padding', () => {
    const conv = (n: number, kernelSize: number, padding: 'same' | 'valid', stride?: number, dilation?: number) =>
      summarizeNetwork(spec([n, n, 1], [{ kind: 'conv2d', filters: 2, kernelSize, padding, stride, dilation }]))[0].outputShape[0];
    expect(conv(7, 3, 'same')).toBe(7);
    expect(conv(7, 3, 'same', 2)).toBe(4); // ⌈7/2⌉
    expect(conv(7, 3, 'valid', 2)).toBe(3); // ⌊(7 − 3)/2⌋ + 1
    expect(conv(10, 3, 'valid', 1, 2)).toBe(6); // 10 − 5 + 1: a dilated 3×3 spans 5
    expect(conv(10, 3, 'same', 1, 2)).toBe(10);
    expect(slidingOutputSize(28, 5, 1, 'valid')).toBe(24);
  });

  it('counts a dilated conv’s multiply–adds by its taps, not its span', () => {
    const [layer] = summarizeNetwork(spec([10, 10, 3], [{ kind: 'conv2d', filters: 4, kernelSize: 3, dilation: 2, padding: 'valid' }]));
    expect(layer.multiplyAdds).toBe(6 * 6 * 3 * 3 * 3 * 4);
    expect(layer.parameterCount).toBe(3 * 3 * 3 * 4 + 4);
  });

  it('gives batch norm four parameters, two of them trainable, and one multiply–add per output value', () => {
    const [layer] = summarizeNetwork(spec([5, 5, 8], [{ kind: 'batch-norm' }]));
    expect(layer.parameters.map((p) => [p.name, p.shape, p.trainable, p.initial])).toEqual([
      ['gamma', [8], true, 'ones'],
      ['beta', [8], true, 'zeros'],
      ['moving-mean', [8], false, 'zeros'],
      ['moving-variance', [8], false, 'ones'],
    ]);
    expect(layer.parameterCount).toBe(16);
    expect(layer.multiplyAdds).toBe(5 * 5 * 8);
    expect(countParameters(spec([5, 5, 8], [{ kind: 'batch-norm' }, { kind: 'dropout', rate: 0.5 }, { kind: 'activation', activation: 'relu' }]))).toBe(16);
  });

  it('names the layer that does not fit its input', () => {
    expect(() => summarizeNetwork(spec([28, 28, 1], [{ kind: 'dense', units: 3, activation: 'relu' }]))).toThrow(
      'layer 1 (dense): needs a flat input, got [28, 28, 1]: add a flatten layer',
    );
    expect(() => summarizeNetwork(spec([4, 4, 1], [{ kind: 'flatten' }, { kind: 'conv2d', filters: 1, kernelSize: 3, padding: 'valid' }]))).toThrow(
      'layer 2 (conv2d): needs an image input [h, w, c], got [16]',
    );
    expect(() => summarizeNetwork(spec([4, 4, 1], [{ kind: 'conv2d', filters: 1, kernelSize: 5, padding: 'valid' }]))).toThrow(
      'layer 1 (conv2d): a 5×5 kernel does not fit a 4×4 input',
    );
    expect(() => summarizeNetwork(spec([5, 5, 1], [{ kind: 'conv2d', filters: 1, kernelSize: 3, dilation: 3, padding: 'valid' }]))).toThrow(
      'layer 1 (conv2d): a 3×3 (dilation 3) kernel does not fit a 5×5 input',
    );
    expect(() => summarizeNetwork(spec([8, 8, 1], [{ kind: 'conv2d', filters: 1, kernelSize: 3, stride: 2, dilation: 2, padding: 'same' }]))).toThrow(
      'layer 1 (conv2d): cannot combine stride 2 with dilation 2',
    );
    expect(() => summarizeNetwork(spec([1, 1, 1], [{ kind: 'max-pool', size: 2 }]))).toThrow('layer 1 (max-pool): a 2×2 window does not fit a 1×1 input');
    expect(() => summarizeNetwork(spec([4], [{ kind: 'avg-pool', size: 2 }]))).toThrow('layer 1 (avg-pool): needs an image input');
    expect(() => summarizeNetwork(spec([4], [{ kind: 'dropout', rate: 1 }]))).toThrow('layer 1 (dropout): rate must be in [0, 1), got 1');
    expect(() => summarizeNetwork(spec([4], [{ kind: 'dropout', rate: -0.1 }]))).toThrow('rate must be in [0, 1)');
    expect(() => summarizeNetwork(spec([4], [{ kind: 'dense', units: 0 }]))).toThrow('layer 1 (dense): units must be an integer ≥ 1, got 0');
    expect(() => summarizeNetwork(spec([4], [{ kind: 'bogus' } as unknown as LayerSpec]))).toThrow("layer 1 (bogus): unknown layer kind 'bogus'");
  });
});

describe('initializeParameters', () => {
  // Values computed with the previous implementation (positional kernels), before the layer registry:
  // the same seed must keep giving the same initial weights.
  it('draws the same initial weights as before for existing seeds (LeNet-5, seed 7)', () => {
    const parameters = initializeParameters(lenet5, 7);
    const pinned: [number, number[], number[]][] = [
      [0, [0.04015530273318291, -0.24444766342639923, -0.28464338183403015], [0.22284984588623047, 0.05876873806118965]],
      [2, [0.23352259397506714, 0.028020337224006653, -0.2588653862476349], [0.09034836292266846, 0.10481436550617218]],
      [5, [-0.021631808951497078, 0.1427750289440155, 0.07596410065889359], [0.01985979452729225, 0.012900211848318577]],
      [6, [-0.25766679644584656, -0.04726145416498184, -0.027030091732740402], [-0.04463794454932213, -0.10285080224275589]],
      [7, [0.05768333002924919, -0.1404670625925064, 0.05360744521021843], [-0.2819686830043793, -0.18888698518276215]],
    ];
    for (const [layer, first, last] of pinned) {
      const kernel = findParameter(parameters, layer, 'kernel')!;
      expect(Array.from(kernel.slice(0, 3))).toEqual(first);
      expect(Array.from(kernel.slice(-2))).toEqual(last);
      expect(Array.from(findParameter(parameters, layer, 'bias')!).every((v) => v === 0)).toBe(true);
    }
    expect(parameters.map((p) => [p.layer, p.name, p.shape])).toEqual([
      [0, 'kernel', [5, 5, 1, 6]],
      [0, 'bias', [6]],
      [2, 'kernel', [5, 5, 6, 16]],
      [2, 'bias', [16]],
      [5, 'kernel', [400, 120]],
      [5, 'bias', [120]],
      [6, 'kernel', [120, 84]],
      [6, 'bias', [84]],
      [7, 'kernel', [84, 10]],
      [7, 'bias', [10]],
    ]);
  });

  const glorotConv = [
    -0.45425888895988464, -0.3342326879501343, -0.21612021327018738, -0.20005202293395996, -0.697481632232666, 0.19781824946403503, -0.20510436594486237, -0.23436729609966278,
    -0.4136476218700409, -0.030504260212183, 0.6392304301261902, 0.4643564820289612, 0.2579038739204407, 0.04741333797574043, 0.4283687174320221, 0.11985839158296585,
  ];
  const glorotDense = [
    0.13255713880062103, -0.26380711793899536, 0.08284402638673782, -0.331084281206131, -0.14454950392246246, -0.0716933161020279, 0.3269622325897217, 0.10691690444946289,
    -0.06900718808174133, -0.06685911118984222, -0.16726505756378174, 0.617134690284729, -0.6887307167053223, 0.49125632643699646, 0.1525992900133133, -0.2970234453678131,
    0.3512896001338959, -0.024129211902618408, -0.13050895929336548, 0.2119120955467224, 0.16731584072113037, 0.16025635600090027, 0.3515845537185669, -0.29721882939338684,
    -0.23584459722042084, -0.03602464869618416, -0.2514511048793793, -0.20594024658203125, 0.7803478240966797, -0.32280778884887695, 0.2134520262479782, -0.18921834230422974,
    0.4587955176830292, -0.13855566084384918, 0.40221717953681946, 0.3691422641277313,
  ];

  it('draws the same Glorot and normal weights as before, and layers without weights draw nothing', () => {
    const conv: LayerSpec = { kind: 'conv2d', filters: 2, kernelSize: 2, padding: 'same', activation: 'tanh' };
    const dense: LayerSpec = { kind: 'dense', units: 2, activation: 'sigmoid' };
    const glorot = (layers: LayerSpec[]) => initializeParameters({ inputShape: [3, 3, 2], layers, initialization: { kind: 'glorot-normal' } }, 42);
    const plain = glorot([conv, { kind: 'flatten' }, dense]);
    expect(Array.from(findParameter(plain, 0, 'kernel')!)).toEqual(glorotConv);
    expect(Array.from(findParameter(plain, 2, 'kernel')!)).toEqual(glorotDense);
    // Batch norm, dropout and activation layers in between change no kernel value.
    const mixed = glorot([conv, { kind: 'batch-norm' }, { kind: 'activation', activation: 'relu' }, { kind: 'dropout', rate: 0.3 }, { kind: 'flatten' }, dense]);
    expect(Array.from(findParameter(mixed, 0, 'kernel')!)).toEqual(glorotConv);
    expect(Array.from(findParameter(mixed, 5, 'kernel')!)).toEqual(glorotDense);
    expect(Array.from(findParameter(mixed, 1, 'gamma')!)).toEqual([1, 1]);
    expect(Array.from(findParameter(mixed, 1, 'beta')!)).toEqual([0, 0]);
    expect(Array.from(findParameter(mixed, 1, 'moving-mean')!)).toEqual([0, 0]);
    expect(Array.from(findParameter(mixed, 1, 'moving-variance')!)).toEqual([1, 1]);

    const normal = initializeParameters(
      {
        inputShape: [3],
        layers: [
          { kind: 'dense', units: 2, activation: 'relu' },
          { kind: 'dense', units: 1, activation: 'linear' },
        ],
        initialization: { kind: 'normal', std: 0.5 },
      },
      1,
    );
    expect(Array.from(findParameter(normal, 0, 'kernel')!)).toEqual([
      0.7021694183349609, 0.6078773140907288, -0.2551884353160858, -0.12590916454792023, 0.5263959765434265, -0.5497533679008484,
    ]);
    expect(Array.from(findParameter(normal, 1, 'kernel')!)).toEqual([-0.22497138381004333, 0.21294532716274261]);
  });

  it('is deterministic in the seed', () => {
    const kernel = (seed: number) => Array.from(findParameter(initializeParameters(lenet5, seed), 5, 'kernel')!.slice(-50));
    expect(kernel(3)).toEqual(kernel(3));
    expect(kernel(4)).not.toEqual(kernel(3));
  });

  const stats = (values: Float32Array) => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const std = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    return { mean, std };
  };

  it('draws He-normal weights with std √(2/fanIn) and Glorot with √(2/(fanIn + fanOut))', () => {
    const he = stats(findParameter(initializeParameters(spec([1000], [{ kind: 'dense', units: 200 }]), 5), 0, 'kernel')!);
    expect(he.mean).toBeCloseTo(0, 3);
    expect(he.std / Math.sqrt(2 / 1000)).toBeGreaterThan(0.99);
    expect(he.std / Math.sqrt(2 / 1000)).toBeLessThan(1.01);
    // conv [3, 3, 16, 32]: fanIn = 144, fanOut = 288.
    expect(computeFans([3, 3, 16, 32])).toEqual({ fanIn: 144, fanOut: 288 });
    expect(computeFans([784, 10])).toEqual({ fanIn: 784, fanOut: 10 });
    const glorotSpec: NetworkSpec = {
      inputShape: [20, 20, 16],
      layers: [{ kind: 'conv2d', filters: 32, kernelSize: 3, padding: 'same' }],
      initialization: { kind: 'glorot-normal' },
    };
    const glorot = stats(findParameter(initializeParameters(glorotSpec, 6), 0, 'kernel')!);
    expect(glorot.std / Math.sqrt(2 / (144 + 288))).toBeGreaterThan(0.97);
    expect(glorot.std / Math.sqrt(2 / (144 + 288))).toBeLessThan(1.03);
    const normal = stats(findParameter(initializeParameters({ ...spec([500], [{ kind: 'dense', units: 100 }]), initialization: { kind: 'normal', std: 0.3 } }, 7), 0, 'kernel')!);
    expect(normal.std).toBeCloseTo(0.3, 2);
  });

  it('lets a layer override the network’s initializer', () => {
    const parameters = initializeParameters(
      spec(
        [50],
        [
          { kind: 'dense', units: 40, initializer: { kind: 'zeros' } },
          { kind: 'dense', units: 30, initializer: { kind: 'normal', std: 2 } },
          { kind: 'dense', units: 20 },
        ],
      ),
      8,
    );
    expect(findParameter(parameters, 0, 'kernel')!.every((v) => v === 0)).toBe(true);
    expect(stats(findParameter(parameters, 1, 'kernel')!).std).toBeGreaterThan(1.8);
    expect(stats(findParameter(parameters, 2, 'kernel')!).std).toBeCloseTo(Math.sqrt(2 / 30), 1);
  });
});

describe('findParameter', () => {
  it('finds a parameter by layer index and name, else null', () => {
    const parameters = initializeParameters(spec([2], [{ kind: 'dense', units: 3 }, { kind: 'batch-norm' }]), 1);
    expect(findParameter(parameters, 0, 'kernel')).toHaveLength(6);
    expect(findParameter(parameters, 1, 'moving-variance')).toEqual(Float32Array.from([1, 1, 1]));
    expect(findParameter(parameters, 1, 'kernel')).toBeNull();
    expect(findParameter(parameters, 2, 'bias')).toBeNull();
    expect(findParameter(null, 0, 'kernel')).toBeNull();
    expect(findParameter(undefined, 0, 'kernel')).toBeNull();
  });
});
