import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { TrainingSession } from '../../../../src/core/training/training-session';
import { runTrainingLoop } from '../../../../src/core/training/run-training-loop';
import { findParameter } from '../../../../src/core/nn/network-spec';
import { Network } from '../../../../src/core/nn/network';
import { fourFeatureData, smallClassifier } from './session-fixtures';

const probe = { inputs: fourFeatureData(3, 500).inputs, count: 3 };

function session() {
  return new TrainingSession(smallClassifier, fourFeatureData(64), null);
}

describe('TrainingSession read-outs', () => {
  it('reports nothing but losses when no read-out is asked for', async () => {
    const s = session();
    try {
      s.runSteps(2);
      expect((await s.collect()).readouts).toEqual({});
    } finally {
      s.dispose();
    }
  });

  it('reads each requested read-out, by name, with its shape, in the same report', async () => {
    const s = session();
    try {
      s.setReadouts({
        weights: { kind: 'parameters', layers: [4] },
        grid: { kind: 'outputs', ...probe },
        hidden: { kind: 'activations', layers: [0, 2], ...probe },
        norms: { kind: 'gradient-norms' },
        saliency: { kind: 'input-gradient', outputIndex: 1, ...probe },
      });
      s.runSteps(3);
      const { readouts, step } = await s.collect();
      expect(Object.keys(readouts).sort()).toEqual(['grid', 'hidden', 'norms', 'saliency', 'weights']);
      const { weights, grid, hidden, norms, saliency } = readouts;
      expect(weights.kind === 'parameters' && weights.parameters.map((p) => `${p.layer}/${p.name}:${p.shape}`)).toEqual(['4/kernel:8,2', '4/bias:2']);
      expect(grid.kind === 'outputs' && grid.shape).toEqual([3, 2]);
      expect(hidden.kind === 'activations' && hidden.layers.map((l) => [l.layer, l.shape])).toEqual([
        [0, [3, 8]],
        [2, [3, 8]],
      ]);
      // ReLU (layer 2) of batch-norm output: never negative.
      expect(hidden.kind === 'activations' && Math.min(...hidden.layers[1].values)).toBeGreaterThanOrEqual(0);
      expect(norms.kind === 'gradient-norms' && norms.layers.map((l) => l.layer)).toEqual([0, 1, 4]);
      expect(norms.kind === 'gradient-norms' && norms.layers.every((l) => l.norm > 0 && Number.isFinite(l.norm))).toBe(true);
      expect(saliency.kind === 'input-gradient' && saliency.shape).toEqual([3, 4]);
      expect(Object.values(readouts).every((value) => value.step === step)).toBe(true);
    } finally {
      s.dispose();
    }
  });

  it('computes the outputs read-out in inference mode: equal to the exported network applied to the probe', async () => {
    const s = session();
    try {
      s.setReadouts({ grid: { kind: 'outputs', ...probe } });
      s.runSteps(5);
      const { readouts } = await s.collect();
      const network = new Network(smallClassifier.network, await s.exportParameters());
      const expected = tf.tidy(() => network.apply(tf.tensor2d(probe.inputs, [3, 4]), { training: false }).dataSync());
      network.dispose();
      const grid = readouts.grid;
      expect(grid.kind === 'outputs' && Array.from(grid.values).map((v) => v.toFixed(5))).toEqual(Array.from(expected).map((v) => v.toFixed(5)));
    } finally {
      s.dispose();
    }
  });

  it('throttles a read-out to everySteps, and the loop computes it once more when it pauses', async () => {
    const s = session();
    try {
      s.setReadouts({ weights: { kind: 'parameters', everySteps: 10 } });
      s.runSteps(1);
      expect(Object.keys((await s.collect()).readouts)).toEqual(['weights']);
      s.runSteps(4);
      expect((await s.collect()).readouts).toEqual({});
      s.runSteps(5);
      expect((await s.collect()).readouts).toEqual({});
      s.runSteps(1);
      expect((await s.collect()).readouts.weights?.step).toBe(11);
      s.runSteps(1);
      expect(s.hasStaleReadouts).toBe(true);
      const reports: number[] = [];
      await runTrainingLoop(s, { maxSteps: 13, shouldStop: () => false, onProgress: (p) => p.readouts.weights && reports.push(p.readouts.weights.step) });
      expect(reports[reports.length - 1]).toBe(13);
    } finally {
      s.dispose();
    }
  });

  it('rejects a read-out it cannot compute, naming it', () => {
    const s = session();
    try {
      expect(() => s.setReadouts({ hidden: { kind: 'activations', layers: [7], ...probe } })).toThrow(/"hidden": layer 7/);
      expect(() => s.setReadouts({ grid: { kind: 'outputs', inputs: new Float32Array(5), count: 2 } })).toThrow(/expected 2 × 4/);
      expect(() => s.setReadouts({ weights: { kind: 'parameters', everySteps: 0 } })).toThrow(/everySteps/);
    } finally {
      s.dispose();
    }
  });
});

describe('TrainingSession weights in and out', () => {
  it('exports parameters that start another run with the same predictions', async () => {
    const first = session();
    try {
      first.setReadouts({ grid: { kind: 'outputs', ...probe } });
      first.runSteps(10);
      const trained = await first.collect();
      const copy = new TrainingSession({ ...smallClassifier, initialParameters: await first.exportParameters(), seed: 99 }, fourFeatureData(64), null);
      try {
        copy.setReadouts({ grid: { kind: 'outputs', ...probe } });
        const started = await copy.collect({ forceReadouts: true });
        expect(started.readouts.grid).toEqual({ ...trained.readouts.grid, step: 0 });
      } finally {
        copy.dispose();
      }
    } finally {
      first.dispose();
    }
  });

  it('rejects initial parameters of the wrong shape', () => {
    const parameters = [{ layer: 0, name: 'kernel', shape: [4, 3], values: new Float32Array(12) }];
    expect(() => new TrainingSession({ ...smallClassifier, initialParameters: parameters }, fourFeatureData(8), null)).toThrow(/kernel: expected shape/);
  });

  it('restores a snapshot: the parameters return to the saved ones while the step count goes on', async () => {
    const s = session();
    try {
      s.runSteps(5);
      const saved = await s.saveSnapshot('best');
      expect(saved.step).toBe(5);
      s.runSteps(5);
      const moved = await s.exportParameters();
      expect(findParameter(moved, 0, 'kernel')).not.toEqual(findParameter(saved.parameters, 0, 'kernel'));
      expect(s.restoreSnapshot('best')).toBe(true);
      expect(await s.exportParameters()).toEqual(saved.parameters);
      expect(s.stepCount).toBe(10);
      expect(s.restoreSnapshot('missing')).toBe(false);
    } finally {
      s.dispose();
    }
  });
});
