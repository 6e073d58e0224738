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
