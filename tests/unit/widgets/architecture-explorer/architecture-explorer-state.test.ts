import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  chosenArchitecture,
  computeExplorerView,
  countWithWords,
  formatRatio,
  layerTypeLabel,
  layerWindowLabel,
} from '../../../../src/widgets/architecture-explorer/architecture-explorer-state';

describe('architecture explorer state', () => {
  it('starts on LeNet-5 at 28×28 with nothing broken and every figure unchanged', () => {
    const view = computeExplorerView(DEFAULT_SETTINGS);
    expect(view.architecture.name).toBe('LeNet-5');
    expect(view.analysis.parameters).toBe(61_706);
    expect(view.broken).toBe(false);
    expect(view.scaling.map((figure) => figure.ratio)).toEqual([1, 1, 1]);
    expect(view.cropNotes).toEqual([]);
  });

  it('picks the AlexNet variant', () => {
    expect(chosenArchitecture({ architecture: 'alexnet', alexnet: 'one-tower' }).publishedParameters).toBe(62_378_344);
    expect(chosenArchitecture({ architecture: 'alexnet', alexnet: 'two-gpu' }).publishedParameters).toBe(60_965_224);
    expect(chosenArchitecture({ architecture: 'alexnet', alexnet: 'torchvision' }).publishedParameters).toBe(61_100_840);
  });

  it('VGG-16 at 448: conv parameters ×1, dense parameters ×3.7, multiply–adds ×4', () => {
    const view = computeExplorerView({ architecture: 'vgg16', alexnet: 'one-tower', size: 448 });
    const [conv, dense, macs] = view.scaling;
    expect(conv.ratio).toBe(1);
    expect(dense.native).toBe(123_642_856);
    expect(dense.here).toBe(100_352 * 4096 + 4096 + 16_781_312 + 4_097_000);
    expect(dense.ratio).toBeCloseTo(dense.here! / 123_642_856, 12);
    expect(macs.ratio).toBeGreaterThan(3.9);
    expect(view.analysis.problems.map((problem) => problem.kind)).toEqual(['head-mismatch']);
    expect(view.analysis.problems[0].message).toMatch(/25,088 values, here flatten gives 100,352/);
  });

  it('VGG-16 at 20 cannot run: ratios are null and the diagram says where it breaks', () => {
    const view = computeExplorerView({ architecture: 'vgg16', alexnet: 'one-tower', size: 20 });
    expect(view.broken).toBe(true);
    expect(view.scaling.every((figure) => figure.here === null && figure.ratio === null)).toBe(true);
    expect(view.analysis.problems[0].message).toMatch(/breaks at pool5: its 2×2 window does not fit the 1×1 map/);
    expect(view.diagramDescription).toMatch(/until pool5/);
    expect(view.boxes.filter((box) => box.broken).map((box) => box.key)).toEqual(['pool5', 'fc6', 'fc7', 'fc8']);
    expect(view.smallestInput).toBe(32);
  });

  it('draws the input, every conv, pool and dense layer (not LRN, dropout, flatten), with sizes in (0, 1]', () => {
    const view = computeExplorerView({ architecture: 'alexnet', alexnet: 'one-tower', size: 227 });
    expect(view.boxes.map((box) => box.key)).toEqual(['input', 'conv1', 'pool1', 'conv2', 'pool2', 'conv3', 'conv4', 'conv5', 'pool5', 'fc6', 'fc7', 'fc8']);
    for (const box of view.boxes) {
      expect(box.height).toBeGreaterThan(0);
      expect(box.height).toBeLessThanOrEqual(1);
      expect(box.width).toBeLessThanOrEqual(1);
    }
    expect(view.diagramDescription).toBe(
      'AlexNet (one tower) on a 227×227×3 input, 5 convolutions and 3 pooling layers: the feature maps go from 227×227×3 to 6×6×256, are flattened to 9,216 values, then fully connected layers of 4,096, 4,096, 1,000 units.',
    );
  });

  it('notes the edge AlexNet’s conv1 never sees on a 224×224 input', () => {
    const view = computeExplorerView({ architecture: 'alexnet', alexnet: 'one-tower', size: 224 });
    expect(view.cropNotes[0]).toMatch(/^conv1: its windows stop 1 pixel short/);
  });

  it('labels layers for the table', () => {
    const alexnet = chosenArchitecture({ architecture: 'alexnet', alexnet: 'two-gpu' });
    expect(layerTypeLabel(alexnet.layers[0])).toBe('Convolution');
    expect(layerWindowLabel(alexnet.layers[0])).toBe('11×11 / 4 / 0');
    expect(layerTypeLabel(alexnet.layers.find((layer) => layer.name === 'conv2')!)).toBe('Convolution, 2 groups');
    expect(layerTypeLabel(alexnet.layers.find((layer) => layer.name === 'fc6')!)).toBe('Fully connected');
    expect(layerWindowLabel(alexnet.layers.find((layer) => layer.name === 'pool1')!)).toBe('3×3 / 2 / 0');
  });

  it('formats ratios and big counts', () => {
    expect(formatRatio(1)).toBe('×1 (unchanged)');
    expect(formatRatio(3.7012)).toBe('×3.7');
    expect(formatRatio(0.00123456)).toBe('×0.00123');
    expect(countWithWords(61_706)).toBe('61,706');
    expect(countWithWords(15_470_264_320)).toBe('15,470,264,320 (15.4 billion)');
  });
});
