import { choiceSetting, numberSetting, type SettingsSchema } from '../../core/url/shared-settings';

/*
 * Why deep learning failed, and then worked: the events of the timeline figure (dates checked against the papers
 * named), and the computed companion: how much of a gradient can survive n sigmoid layers versus n ReLU layers.
 * Pure data and arithmetic; runs under Node.
 */

/** What an event did for deep learning: a milestone of the ideas, an obstacle it met, or something that made it work. */
export type EventKind = 'milestone' | 'obstacle' | 'enabler';

export const KIND_LABELS: Record<EventKind, string> = {
  milestone: 'Idea or milestone',
  obstacle: 'Why it failed',
  enabler: 'Why it works now',
};

export interface TimelineEvent {
  id: string;
  year: number;
  /** Short name shown on the list. */
  title: string;
  kind: EventKind;
  /** Who, in one line. */
  who: string;
  /** Two or three sentences for the detail panel. */
  text: string;
}

/** The events, in time order. */
export const TIMELINE_EVENTS: readonly TimelineEvent[] = [
  {
    id: 'perceptron',
    year: 1958,
    title: 'The perceptron',
    kind: 'milestone',
    who: 'Frank Rosenblatt',
    text: 'A single layer of weights that learns from labelled examples by a simple error-correcting rule. It learns any split of the data that one straight line (one hyperplane) can make, and nothing else.',
  },
  {
    id: 'perceptrons-book',
    year: 1969,
    title: 'The limits of one layer',
    kind: 'obstacle',
    who: 'Marvin Minsky and Seymour Papert, "Perceptrons"',
    text: 'Their book proves what a single layer cannot compute, XOR among it. Several layers could, but nobody knew how to train them, and interest in neural networks faded for over a decade.',
  },
  {
    id: 'neocognitron',
    year: 1980,
    title: 'The neocognitron',
    kind: 'milestone',
    who: 'Kunihiko Fukushima',
    text: 'Layers of local feature detectors alternating with pooling, inspired by Hubel and Wiesel’s simple and complex cells in the visual cortex: the architecture of a CNN, but without gradient-based training.',
  },
  {
    id: 'backprop',
    year: 1986,
    title: 'Backpropagation',
    kind: 'milestone',
    who: 'David Rumelhart, Geoffrey Hinton and Ronald Williams',
    text: 'The chain rule, applied layer by layer from the loss backwards, gives the gradient for every weight of a multi-layer network at about the cost of a forward pass. Their Nature paper made it the standard way to train hidden layers.',
  },
  {
    id: 'zip-codes',
    year: 1989,
    title: 'A CNN reads ZIP codes',
    kind: 'milestone',
    who: 'Yann LeCun and colleagues, Bell Labs',
    text: 'A convolutional network trained end to end by backpropagation reads handwritten ZIP code digits: shared weights make it small and build in that a stroke means the same wherever it appears.',
  },
  {
    id: 'vanishing-gradients',
    year: 1991,
    title: 'Vanishing gradients',
    kind: 'obstacle',
    who: 'Sepp Hochreiter (1991); Yoshua Bengio, Patrice Simard and Paolo Frasconi (1994)',
    text: 'Backpropagation multiplies one factor per layer, and a sigmoid’s slope is at most 1/4. Through many layers the gradient shrinks geometrically, so the first layers of a deep network barely learn: the chart below computes by how much.',
  },
  {
    id: 'lenet-5',
    year: 1998,
    title: 'LeNet-5 and MNIST',
    kind: 'milestone',
    who: 'Yann LeCun, Léon Bottou, Yoshua Bengio and Patrick Haffner',
    text: 'A seven-layer CNN with about 60,000 parameters reads handwritten digits and bank cheques; the paper also publishes MNIST, 60,000 training and 10,000 test digits. Larger problems stayed out of reach: little labelled data, and training on CPUs took days.',
  },
  {
    id: 'hog',
    year: 2005,
    title: 'Hand-made features rule',
    kind: 'milestone',
    who: 'Navneet Dalal and Bill Triggs (HOG), after David Lowe’s SIFT (1999)',
    text: 'Histograms of oriented gradients, fed to a linear classifier, detect pedestrians. Through the 2000s the best vision systems were such two-stage pipelines: designed features, then a learned classifier; neural networks were slow to train and lost to them on small datasets.',
  },
  {
    id: 'deep-belief-nets',
    year: 2006,
    title: 'Deep networks, layer by layer',
    kind: 'milestone',
    who: 'Geoffrey Hinton, Simon Osindero and Yee-Whye Teh',
    text: 'Deep belief networks are pre-trained one layer at a time without labels, then fine-tuned. Later techniques made the pre-training unnecessary, but the work revived interest in deep networks.',
  },
  {
    id: 'cuda',
    year: 2007,
    title: 'Programmable GPUs',
    kind: 'enabler',
    who: 'NVIDIA CUDA',
    text: 'Graphics processors become programmable for general computation. Training is mostly large matrix products and convolutions, which thousands of GPU cores compute in parallel, many times faster than a CPU.',
  },
  {
    id: 'imagenet',
    year: 2009,
    title: 'ImageNet',
    kind: 'enabler',
    who: 'Jia Deng, Fei-Fei Li and colleagues',
    text: 'Millions of images labelled by hand by crowd workers. From 2010 its yearly challenge (ILSVRC) asks for 1,000 classes from 1.2 million training images: enough data for a network with millions of parameters.',
  },
  {
    id: 'relu',
    year: 2010,
    title: 'Rectified linear units',
    kind: 'enabler',
    who: 'Vinod Nair and Geoffrey Hinton (2010); Xavier Glorot, Antoine Bordes and Yoshua Bengio (2011)',
    text: 'max(0, z) has slope exactly 1 wherever a unit is active, so the gradient passes through active units undiminished (the chart below), and it is cheaper to compute than a sigmoid.',
  },
  {
    id: 'alexnet',
    year: 2012,
    title: 'AlexNet',
    kind: 'enabler',
    who: 'Alex Krizhevsky, Ilya Sutskever and Geoffrey Hinton',
    text: 'An eight-layer CNN with 60 million parameters, trained on two GPUs with ReLU, dropout and data augmentation, wins the ImageNet challenge with a top-5 error of 15.3%, against 26.2% for the best system built on hand-made features.',
  },
  {
    id: 'dropout',
    year: 2012,
    title: 'Dropout',
    kind: 'enabler',
    who: 'Geoffrey Hinton, Nitish Srivastava and colleagues',
    text: 'During training each unit is switched off at random (often with probability 1/2), so no unit can rely on a particular partner: a cheap regulariser that lets big networks learn from limited data with less overfitting.',
  },
  {
    id: 'batch-norm',
    year: 2015,
    title: 'Batch normalization',
    kind: 'enabler',
    who: 'Sergey Ioffe and Christian Szegedy',
    text: 'Each layer’s inputs are normalised over the minibatch to zero mean and unit variance, then scaled by learned parameters. Higher learning rates become safe: their image classifier reached the same accuracy with 14 times fewer training steps.',
  },
  {
    id: 'resnet',
    year: 2015,
    title: 'Residual networks',
    kind: 'enabler',
    who: 'Kaiming He, Xiangyu Zhang, Shaoqing Ren and Jian Sun',
    text: 'Each block adds its input to its output, y = x + F(x), so the gradient has a path that skips the block. A 152-layer network trains and wins the 2015 ImageNet challenge with a top-5 error of 3.57%.',
  },
];

export const EVENT_IDS: readonly string[] = TIMELINE_EVENTS.map((event) => event.id);

/** The first and last year the figure's axis shows. */
export const YEAR_RANGE: readonly [number, number] = [1955, 2018];

/** Depth limits of the gradient chart. */
export const LAYERS = { label: 'Layers', min: 1, max: 160, integer: true } as const;

export interface TimelineSettings {
  /** The selected event's id. */
  event: string;
  /** Depth n of the gradient chart's read-out. */
  layers: number;
}

export const DEFAULT_SETTINGS: TimelineSettings = { event: 'alexnet', layers: 8 };

export const settingsSchema: SettingsSchema<TimelineSettings> = {
  event: choiceSetting('Event', EVENT_IDS),
  layers: numberSetting(LAYERS),
};

/** The event with `id`, else the default one. */
export function findEvent(id: string): TimelineEvent {
  return TIMELINE_EVENTS.find((event) => event.id === id) ?? TIMELINE_EVENTS.find((event) => event.id === DEFAULT_SETTINGS.event)!;
}

/** The id of the event `offset` places from `id` in time order, clamped to the first and last. */
export function neighbourEvent(id: string, offset: number): string {
  const index = Math.max(0, EVENT_IDS.indexOf(id));
  return EVENT_IDS[Math.min(EVENT_IDS.length - 1, Math.max(0, index + offset))];
}

/** The largest slope of the logistic sigmoid: σ′(z) = σ(z)(1 − σ(z)) ≤ σ′(0) = 1/2 · 1/2 = 1/4. */
export const SIGMOID_MAX_SLOPE = 0.25;
/** The slope of ReLU where a unit is active (z > 0). */
export const RELU_ACTIVE_SLOPE = 1;

/** The logistic sigmoid's slope at z: σ(z)(1 − σ(z)). */
export function sigmoidSlope(z: number): number {
  const s = 1 / (1 + Math.exp(-z));
  return s * (1 - s);
}

/**
 * The most of a gradient the activations let through n layers: backpropagation multiplies one activation slope per
 * layer, so the product is at most (max slope)ⁿ: 0.25ⁿ for sigmoids, 1ⁿ = 1 for ReLU along active units (the
 * weights multiply in too; this is the activations' share alone).
 */
export function gradientSurvival(activation: 'sigmoid' | 'relu', layers: number): number {
  return (activation === 'sigmoid' ? SIGMOID_MAX_SLOPE : RELU_ACTIVE_SLOPE) ** layers;
}

/** log₁₀ of gradientSurvival('sigmoid', n) = n · log₁₀(1/4) (exact where the power itself underflows). */
export function sigmoidSurvivalLog10(layers: number): number {
  return layers * Math.log10(SIGMOID_MAX_SLOPE);
}

/** The fewest sigmoid layers after which at most `fraction` (0 < fraction < 1) of the gradient survives: ⌈log(fraction) / log(1/4)⌉. */
export function layersToShrinkBelow(fraction: number): number {
  return Math.ceil(Math.log(fraction) / Math.log(SIGMOID_MAX_SLOPE) - 1e-9);
}

const SUPERSCRIPTS: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** A whole number in superscript digits: superscript(−20) = "⁻²⁰". */
export function superscript(value: number): string {
  return String(value)
    .split('')
    .map((character) => SUPERSCRIPTS[character])
    .join('');
}

/** 10 to a whole power, written with superscripts: powerOfTen(−20) = "10⁻²⁰". */
export function powerOfTen(exponent: number): string {
  return `10${superscript(exponent)}`;
}

/**
 * A positive number for people, from its log₁₀ (so 0.25¹⁶⁰ ≈ 10⁻⁹⁶ is written though it underflows no float):
 * "1", "0.0625", "0.00391" (three significant digits), then "9.5 × 10⁻⁷" below 10⁻³.
 */
export function formatFromLog10(log10: number): string {
  if (log10 >= -0.0001) return '1';
  if (log10 >= -3) {
    const value = 10 ** log10;
    return Number(value.toPrecision(3)).toString();
  }
  let exponent = Math.floor(log10);
  let mantissa = 10 ** (log10 - exponent);
  if (Number(mantissa.toFixed(1)) >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  return `${mantissa.toFixed(1)} × ${powerOfTen(exponent)}`;
}

/** Famous depths marked on the gradient chart (layers with weights). */
export const DEPTH_MARKERS: ReadonlyArray<{ layers: number; label: string }> = [
  { layers: 8, label: 'AlexNet, 8' },
  { layers: 16, label: 'VGG-16, 16' },
  { layers: 152, label: 'ResNet-152, 152' },
];

/** The read-out sentence of the gradient chart for depth n. */
export function survivalSentence(layers: number): string {
  const sigmoid = formatFromLog10(sigmoidSurvivalLog10(layers));
  const noun = layers === 1 ? 'layer' : 'layers';
  return `Through ${layers} sigmoid ${noun}, at most 0.25${superscript(layers)} = ${sigmoid} of the gradient survives; through ${layers} ReLU ${noun}, along active units, all of it (1).`;
}
