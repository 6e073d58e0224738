import { describe, expect, it } from 'vitest';
import { widgetInstanceNames } from '../../../../src/widgets/training-shell/widget-instance';
import { trainingWidgetState } from '../../../../src/widgets/training-shell/training-widget-frame';

describe('widgetInstanceNames', () => {
  it('keeps the plain names for the first copy, so old ids and share links still work', () => {
    expect(widgetInstanceNames('perceptron-trainer', 'perceptron')).toEqual({ domId: 'perceptron-trainer', shareNamespace: 'perceptron' });
    expect(widgetInstanceNames('perceptron-trainer', 'perceptron', 0)).toEqual({ domId: 'perceptron-trainer', shareNamespace: 'perceptron' });
  });

  it('numbers later copies from 2, in ids and share keys alike', () => {
    expect(widgetInstanceNames('perceptron-trainer', 'perceptron', 1)).toEqual({ domId: 'perceptron-trainer-2', shareNamespace: 'perceptron-2' });
    expect(widgetInstanceNames('image-perceptron', 'image-perceptron', 4)).toEqual({ domId: 'image-perceptron-5', shareNamespace: 'image-perceptron-5' });
  });

  it('treats a nonsense instance as the first copy', () => {
    expect(widgetInstanceNames('w', 'w', -1).domId).toBe('w');
    expect(widgetInstanceNames('w', 'w', 1.5).domId).toBe('w');
  });
});

describe('trainingWidgetState', () => {
  it('is the run state when the data is there and nothing blocks training', () => {
    for (const run of ['ready', 'training', 'paused', 'diverged', 'error', 'loading'] as const) expect(trainingWidgetState(run, 'loaded', false)).toBe(run);
  });

  it('is loading while the data downloads or something blocks training, so the buttons are off', () => {
    expect(trainingWidgetState('ready', 'loading', false)).toBe('loading');
    expect(trainingWidgetState('ready', 'loaded', true)).toBe('loading');
  });

  it('is error when the data failed, whatever the run says', () => {
    expect(trainingWidgetState('ready', 'failed', false)).toBe('error');
    expect(trainingWidgetState('training', 'failed', true)).toBe('error');
  });
});
