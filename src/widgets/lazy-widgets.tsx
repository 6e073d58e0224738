import { lazyWidget } from './lazy-widget';
import { widgetInstanceNames } from './training-shell/widget-instance';

/**
 * The widgets as lessons should import them: each one's code (D3, KaTeX, the training engine, TF.js in its
 * worker) is fetched only when it comes near the viewport, so a lesson's text needs none of it.
 * Same names and props as the real components; heights are theirs at a 1280px-wide window.
 */

/** A digit setting of copy `instance` of the image perceptron from the page's link, else `fallback` (the widget reads it the same way). */
function digitFromLink(key: 'classA' | 'classB', fallback: number, instance: number): number {
  const namespace = widgetInstanceNames('image-perceptron', 'image-perceptron', instance).shareNamespace;
  const raw = new URLSearchParams(window.location.search).get(`${namespace}.${key}`);
  return raw !== null && /^[0-9]$/.test(raw) ? Number(raw) : fallback;
}

export const PerceptronTrainer = lazyWidget(() => import('./perceptron-trainer/perceptron-trainer').then((module) => module.PerceptronTrainer), {
  widgetId: 'perceptron-trainer',
  title: 'Train a perceptron on points',
  minHeight: 730,
});

export const ImagePerceptron = lazyWidget(() => import('./image-perceptron/image-perceptron').then((module) => module.ImagePerceptron), {
  widgetId: 'image-perceptron',
  // As in the widget's own title, the digits of a shared link (`?image-perceptron.classA=3`) win over the props.
  title: ({ classA = 0, classB = 1 }, instance) => `A perceptron that tells ${digitFromLink('classA', classA, instance)} from ${digitFromLink('classB', classB, instance)}`,
  minHeight: 990,
});

export const ActivationGallery = lazyWidget(() => import('./activation-gallery/activation-gallery').then((module) => module.ActivationGallery), {
  widgetId: 'activation-gallery',
  title: 'Activation gallery',
  minHeight: 835,
});

export const LinearCollapse = lazyWidget(() => import('./linear-collapse/linear-collapse').then((module) => module.LinearCollapse), {
  widgetId: 'linear-collapse',
  title: 'Two linear layers are one',
  minHeight: 830,
});

export const CnnSpeedCheck = lazyWidget(() => import('./cnn-speed-check/cnn-speed-check').then((module) => module.CnnSpeedCheck), {
  widgetId: 'cnn-speed-check',
  title: 'LeNet-5 on MNIST: how fast does this browser train it?',
  minHeight: 560,
});

export const BatchSizeLab = lazyWidget(() => import('./batch-size-lab/batch-size-lab').then((module) => module.BatchSizeLab), {
  widgetId: 'batch-size-lab',
  title: 'Batch size on real digits',
  minHeight: 1900,
});

export const BackpropStepper = lazyWidget(() => import('./backprop-stepper/backprop-stepper').then((module) => module.BackpropStepper), {
  widgetId: 'backprop-stepper',
  title: 'Backpropagation, one node at a time',
  minHeight: 1150,
});

export const VanishingGradients = lazyWidget(() => import('./vanishing-gradients/vanishing-gradients').then((module) => module.VanishingGradients), {
  widgetId: 'vanishing-gradients',
  title: 'Vanishing gradients: sigmoid, tanh and ReLU side by side',
  minHeight: 1000,
});

export const LossSurfaceExplorer = lazyWidget(() => import('./loss-surface-explorer/loss-surface-explorer').then((module) => module.LossSurfaceExplorer), {
  widgetId: 'loss-surface-explorer',
  title: 'Gradient descent on a loss surface',
  minHeight: 900,
});

export const OptimizerRace = lazyWidget(() => import('./optimizer-race/optimizer-race').then((module) => module.OptimizerRace), {
  widgetId: 'optimizer-race',
  title: 'Optimizer race',
  minHeight: 1200,
});

export const DistributionLab = lazyWidget(() => import('./distribution-lab/distribution-lab').then((module) => module.DistributionLab), {
  widgetId: 'distribution-lab',
  title: 'Entropy, cross entropy and KL divergence',
  minHeight: 1030,
});

export const MultiLabelVsSoftmax = lazyWidget(() => import('./multi-label-vs-softmax/multi-label-vs-softmax').then((module) => module.MultiLabelVsSoftmax), {
  widgetId: 'multi-label-vs-softmax',
  title: 'One image, several classes: softmax or a sigmoid per class?',
  minHeight: 1590,
});

export const RegressionFit = lazyWidget(() => import('./regression-fit/regression-fit').then((module) => module.RegressionFit), {
  widgetId: 'regression-fit',
  title: 'Fit a curve: least squares, exactly and by gradient descent',
  minHeight: 1450,
});

export const MlpPlayground = lazyWidget(() => import('./mlp-playground/mlp-playground').then((module) => module.MlpPlayground), {
  widgetId: 'mlp-playground',
  title: 'A neural network playground',
  minHeight: 1920,
});

export const ParameterCalculator = lazyWidget(() => import('./parameter-calculator/parameter-calculator').then((module) => module.ParameterCalculator), {
  widgetId: 'parameter-calculator',
  title: 'Fully connected or convolution: count the weights',
  minHeight: 1000,
});

export const ConvolutionExplorer = lazyWidget(() => import('./convolution-explorer/convolution-explorer').then((module) => module.ConvolutionExplorer), {
  widgetId: 'convolution-explorer',
  title: 'Convolution explorer',
  minHeight: 1750,
});

export const CnnTrainer = lazyWidget(() => import('./cnn-trainer/cnn-trainer').then((module) => module.CnnTrainer), {
  widgetId: 'cnn-trainer',
  title: 'Train a convolutional network',
  minHeight: 2600,
});

export const ConvChannels = lazyWidget(() => import('./conv-channels/conv-channels').then((module) => module.ConvChannels), {
  widgetId: 'conv-channels',
  title: 'Channels: every filter spans every input channel',
  minHeight: 900,
});

export const NuisanceExplorer = lazyWidget(() => import('./nuisance-explorer/nuisance-explorer').then((module) => module.NuisanceExplorer), {
  widgetId: 'nuisance-explorer',
  title: 'Nuisances: what breaks a pixel classifier, and what breaks a CNN',
  minHeight: 1700,
});

export const TwoStageVsEndToEnd = lazyWidget(() => import('./two-stage-vs-end-to-end/two-stage-vs-end-to-end').then((module) => module.TwoStageVsEndToEnd), {
  widgetId: 'two-stage-vs-end-to-end',
  title: 'Hand-made features or learned ones? Two stages against end to end',
  minHeight: 1100,
});

export const DeepLearningTimeline = lazyWidget(() => import('./deep-learning-timeline/deep-learning-timeline').then((module) => module.DeepLearningTimeline), {
  widgetId: 'deep-learning-timeline',
  title: 'Why deep learning failed, and then worked',
  minHeight: 1000,
});

export const PoolingLab = lazyWidget(() => import('./pooling-lab/pooling-lab').then((module) => module.PoolingLab), {
  widgetId: 'pooling-lab',
  title: 'Pooling lab: shift the input, watch the pooled map',
  minHeight: 780,
});

export const ConvNeuronVsPerceptron = lazyWidget(() => import('./conv-neuron-vs-perceptron/conv-neuron-vs-perceptron').then((module) => module.ConvNeuronVsPerceptron), {
  widgetId: 'conv-neuron-vs-perceptron',
  title: 'A convolution neuron versus a perceptron',
  minHeight: 1600,
});

export const ReceptiveField = lazyWidget(() => import('./receptive-field/receptive-field').then((module) => module.ReceptiveField), {
  widgetId: 'receptive-field',
  title: 'Receptive field: what one unit sees',
  minHeight: 1250,
});

export const OverfittingLab = lazyWidget(() => import('./overfitting-lab/overfitting-lab').then((module) => module.OverfittingLab), {
  widgetId: 'overfitting-lab',
  title: 'Overfitting lab',
  minHeight: 1700,
});

export const ScheduleLab = lazyWidget(() => import('./schedule-lab/schedule-lab').then((module) => module.ScheduleLab), {
  widgetId: 'schedule-lab',
  title: 'Learning-rate schedules: five ways to change η',
  minHeight: 2200,
});

export const FinetuningLab = lazyWidget(() => import('./finetuning-lab/finetuning-lab').then((module) => module.FinetuningLab), {
  widgetId: 'finetuning-lab',
  title: 'Finetuning lab: from MNIST digits to Fashion-MNIST clothes',
  minHeight: 1500,
});

export const InitializationLab = lazyWidget(() => import('./initialization-lab/initialization-lab').then((module) => module.InitializationLab), {
  widgetId: 'initialization-lab',
  title: 'Initialization lab: ten layers, four starting points',
  minHeight: 2200,
});

export const ImagenetHistory = lazyWidget(() => import('./imagenet-history/imagenet-history').then((module) => module.ImagenetHistory), {
  widgetId: 'imagenet-history',
  title: 'ImageNet, year by year: the winning top-5 error',
  minHeight: 900,
});

export const Stacking3x3 = lazyWidget(() => import('./stacking-3x3/stacking-3x3').then((module) => module.Stacking3x3), {
  widgetId: 'stacking-3x3',
  title: 'One big kernel or a stack of 3×3?',
  minHeight: 1100,
});

export const ArchitectureExplorer = lazyWidget(() => import('./architecture-explorer/architecture-explorer').then((module) => module.ArchitectureExplorer), {
  widgetId: 'architecture-explorer',
  title: 'Architecture explorer: every layer counted',
  minHeight: 1900,
});

export const ClassicTrainer = lazyWidget(() => import('./classic-trainer/classic-trainer').then((module) => module.ClassicTrainer), {
  widgetId: 'classic-trainer',
  title: ({ model }) => (model === 'mini-vgg' ? 'Train Mini-VGG on Fashion-MNIST' : 'Train LeNet-5 on MNIST'),
  minHeight: 1400,
});

export const CnnExplainer = lazyWidget(() => import('./cnn-explainer/cnn-explainer').then((module) => module.CnnExplainer), {
  widgetId: 'cnn-explainer',
  title: 'Explaining a CNN: what did it look at?',
  minHeight: 2600,
});

export const BackboneSketch = lazyWidget(() => import('./backbone-sketch/backbone-sketch').then((module) => module.BackboneSketch), {
  widgetId: 'backbone-sketch',
  title: 'One backbone, two tasks: a box and a mask (a sketch)',
  minHeight: 1100,
});
