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
