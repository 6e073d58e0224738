import type { LabelledData } from '../training/labelled-data';
import type { DatasetSplit } from './load-dataset';

/**
 * Images `start` to `end` (exclusive, clamped to the images that have arrived) of a split as labelled data for the
 * engine: inputs [n, width·height] uint8 pixels, targets [n, classes] one-hot rows (targets[i, label_i] = 1).
 * The pixels are copied into an array of their own: a view into a streaming split's large buffer would drag the
 * whole buffer along when it is sent to a training worker.
 */
export function labelledImages(split: DatasetSplit, start = 0, end = split.count): LabelledData {
  const first = Math.max(0, Math.min(start, split.count));
  const count = Math.max(0, Math.min(end, split.count) - first);
  const size = split.imageWidth * split.imageHeight;
  const classes = split.classNames.length;
  const targets = new Float32Array(count * classes);
  for (let i = 0; i < count; i++) targets[i * classes + split.labels[first + i]] = 1;
  return { inputs: split.images.slice(first * size, (first + count) * size), targets, count, inputSize: size, targetSize: classes };
}
