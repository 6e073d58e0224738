import { describe, expect, it } from 'vitest';
import { MAX_CURVE_POINTS, initialTrainingRunState, mergeProgress, thinCurve, trainingRunReducer, type TrainingRunState } from '../../../src/hooks/training-run-state';
import type { TrainingProgress } from '../../../src/engine/engine-types';

function progress(step: number, losses: number[], overrides: Partial<TrainingProgress> = {}): TrainingProgress {
  return {
    step,
    epoch: step / 10,
    trainLoss: { steps: losses.map((_, i) => step - losses.length + i + 1), values: losses },
    validation: { steps: [], loss: [], accuracy: [] },
    latestLoss: losses.length ? losses[losses.length - 1] : null,
    learningRate: 0.1,
    readouts: {},
    diverged: false,
    ...overrides,
  };
}

const ready: TrainingRunState = trainingRunReducer(initialTrainingRunState, { type: 'configured', progress: progress(0, []) });

describe('trainingRunReducer', () => {
  it('goes loading → ready → training → paused and accumulates the curve', () => {
    expect(initialTrainingRunState.status).toBe('loading');
    expect(ready.status).toBe('ready');
    let state = trainingRunReducer(ready, { type: 'training-started' });
    expect(state.status).toBe('training');
    state = trainingRunReducer(state, { type: 'progress', progress: progress(2, [0.9, 0.8]) });
    state = trainingRunReducer(state, { type: 'progress', progress: progress(3, [0.7]) });
    expect(state.trainLoss).toEqual({ steps: [1, 2, 3], values: [0.9, 0.8, 0.7] });
    expect(state.step).toBe(3);
    expect(state.latestLoss).toBe(0.7);
    state = trainingRunReducer(state, { type: 'training-stopped', reason: 'paused', learningRate: 0.1 });
    expect(state.status).toBe('paused');
  });

  it('turns a diverged stop into advice with a ten times smaller learning rate', () => {
    const training = trainingRunReducer(ready, { type: 'training-started' });
    const withNaN = trainingRunReducer(training, { type: 'progress', progress: progress(12, [NaN], { diverged: true }) });
    const state = trainingRunReducer(withNaN, { type: 'training-stopped', reason: 'diverged', learningRate: 30 });
    expect(state.status).toBe('diverged');
    expect(state.message).toMatch(/diverged at step 12.*learning rate 30 is too large.*such as 3\./);
    expect(trainingRunReducer(state, { type: 'training-started' }).status).toBe('diverged');
  });

  it('a new configuration (Reset) clears the curve and the message but keeps the backend', () => {
    const backend = { backend: 'cpu' as const, renderer: null, webglVersion: null, reason: 'test', fellBack: false };
    let state = trainingRunReducer(ready, { type: 'backend-ready', backend });
    state = trainingRunReducer(state, { type: 'progress', progress: progress(5, [1, 2, 3, 4, 5]) });
    state = trainingRunReducer(state, { type: 'failed', message: 'boom' });
    expect(state.status).toBe('error');
    state = trainingRunReducer(state, { type: 'configured', progress: progress(0, []) });
    expect(state).toMatchObject({ status: 'ready', step: 0, message: null, backend });
    expect(state.trainLoss.values).toEqual([]);
  });

  it('after recovery from a checkpoint, drops the curve past the checkpoint and pauses', () => {
    let state = trainingRunReducer(ready, { type: 'training-started' });
    state = trainingRunReducer(state, { type: 'progress', progress: progress(5, [5, 4, 3, 2, 1]) });
    state = trainingRunReducer(state, { type: 'recovered', progress: progress(3, []) });
    expect(state.status).toBe('paused');
    expect(state.step).toBe(3);
    expect(state.trainLoss).toEqual({ steps: [1, 2, 3], values: [5, 4, 3] });
  });

  it('an error is not overwritten by a late stop report', () => {
    const failed = trainingRunReducer(ready, { type: 'failed', message: 'GPU lost' });
    expect(trainingRunReducer(failed, { type: 'training-stopped', reason: 'paused', learningRate: 1 }).status).toBe('error');
  });
});

describe('mergeProgress', () => {
  it('concatenates histories and keeps the newest values, as if both reports came at once', () => {
    const merged = mergeProgress(progress(2, [0.9, 0.8]), progress(4, [0.7, 0.6], { latestLoss: null }));
    expect(merged.trainLoss.values).toEqual([0.9, 0.8, 0.7, 0.6]);
    expect(merged.step).toBe(4);
    expect(merged.latestLoss).toBe(0.8);
    expect(mergeProgress(progress(1, [NaN], { diverged: true }), progress(2, [1])).diverged).toBe(true);
  });

  it('keeps the newest value of each read-out by name, and read-outs a later report did not carry', () => {
    const grid = (step: number) => ({ kind: 'outputs' as const, step, shape: [1, 1], values: Float32Array.from([step]) });
    const norms = { kind: 'gradient-norms' as const, step: 1, layers: [{ layer: 0, name: 'dense-1', norm: 2 }] };
    const merged = mergeProgress(progress(1, [1], { readouts: { grid: grid(1), norms } }), progress(2, [1], { readouts: { grid: grid(2) } }));
    expect(merged.readouts).toEqual({ grid: grid(2), norms });
    const state = trainingRunReducer(ready, { type: 'progress', progress: merged });
    expect(state.readouts.grid).toEqual(grid(2));
    expect(trainingRunReducer(state, { type: 'configured', progress: progress(0, []) }).readouts).toEqual({});
  });
});

describe('thinCurve', () => {
  it('leaves short curves alone', () => {
    const curve = { steps: [1, 2, 3], values: [3, 2, 1] };
    expect(thinCurve(curve, 3)).toBe(curve);
  });

  it('halves long curves, keeping the first and the newest point, in step with each other', () => {
    const steps = Array.from({ length: 11 }, (_, i) => i + 1);
    const thinned = thinCurve({ steps, values: steps.map((s) => s * 10) }, 8);
    expect(thinned.steps).toEqual([1, 3, 5, 7, 9, 11]);
    expect(thinned.values).toEqual([10, 30, 50, 70, 90, 110]);
  });

  it('keeps a long training run bounded however many reports arrive', () => {
    let state = trainingRunReducer(initialTrainingRunState, { type: 'configured', progress: progress(0, []) });
    for (let chunk = 1; chunk <= 300; chunk++) {
      state = trainingRunReducer(state, {
        type: 'progress',
        progress: progress(
          chunk * 50,
          Array.from({ length: 50 }, () => 1 / chunk),
        ),
      });
    }
    expect(state.trainLoss.steps.length).toBeLessThanOrEqual(MAX_CURVE_POINTS);
    expect(state.trainLoss.steps[0]).toBe(1);
    expect(state.trainLoss.steps[state.trainLoss.steps.length - 1]).toBe(15000);
    expect(state.trainLoss.steps).toEqual([...state.trainLoss.steps].sort((a, b) => a - b));
  });

  it('remembers how the newest run ended and where early stopping stands, and forgets the reason when training starts again', () => {
    const status = { bestStep: 20, bestValue: 0.3, evaluationsSinceBest: 2, stoppedAtStep: 40, restoredStep: 20 };
    const withStatus = trainingRunReducer(ready, { type: 'progress', progress: { ...progress(40, [0.2]), earlyStopping: status } });
    expect(withStatus.earlyStopping).toEqual(status);
    const stopped = trainingRunReducer({ ...withStatus, status: 'training' }, { type: 'training-stopped', reason: 'early-stopped', learningRate: 0.1 });
    expect(stopped).toMatchObject({ status: 'paused', stopReason: 'early-stopped' });
    expect(trainingRunReducer(stopped, { type: 'training-started' }).stopReason).toBeNull();
  });

  it('never goes back to an older step when a report that was overtaken arrives late', () => {
    const stepped = trainingRunReducer(ready, { type: 'progress', progress: progress(1, [0.9], { readouts: { w: { kind: 'gradient-norms', step: 1, layers: [] } } }) });
    const late = trainingRunReducer(stepped, { type: 'progress', progress: progress(0, [], { readouts: { w: { kind: 'gradient-norms', step: 0, layers: [] } } }) });
    expect(late.step).toBe(1);
    expect(late.readouts.w.step).toBe(1);
    expect(late.latestLoss).toBe(0.9);
  });
});
