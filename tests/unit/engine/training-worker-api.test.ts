import { describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf/tf-core';
import { createTrainingWorkerApi } from '../../../src/engine/training-worker-api';
import { GPU_LOST_MESSAGE, isGpuLostError, type BackendInfo } from '../../../src/engine/engine-types';
import { describeWorkload } from '../../../src/engine/backend-policy';
import { fourFeatureData, smallClassifier } from '../core/training/session-fixtures';

const cpu: BackendInfo = { backend: 'cpu', renderer: null, webglVersion: null, reason: 'test', fellBack: false };

async function startedEngine() {
  const api = createTrainingWorkerApi({
    selectBackend: async () => {
      await tf.setBackend('cpu');
      return cpu;
    },
  });
  await api.initialize('cpu', describeWorkload(smallClassifier.network, smallClassifier.batchSize));
  api.setData(fourFeatureData(64), fourFeatureData(16, 300));
  return api;
}

/**
 * An engine that believes it runs on WebGL (so it takes checkpoints and watches for a lost context) while it
 * computes on the CPU backend; `isLost` plays the GPU's context. Checkpoints are taken between every chunk.
 * Asked for any other backend (as recovery asks for WebAssembly), it reports the CPU; `asked` lists the requests.
 */
async function startedOnPretendGpu(isLost: () => boolean, examples: number) {
  const asked: string[] = [];
  const api = createTrainingWorkerApi({
    selectBackend: async (preference) => {
      asked.push(preference);
      await tf.setBackend('cpu');
      return preference === 'webgl' ? { ...cpu, backend: 'webgl', webglVersion: 2 } : cpu;
    },
    isContextLost: isLost,
    checkpointEveryMs: 0,
  });
  await api.initialize('webgl', describeWorkload(smallClassifier.network, smallClassifier.batchSize));
  api.setData(fourFeatureData(examples), null);
  return Object.assign(api, { asked });
}

describe('the training worker API', () => {
  it('takes training data chunk by chunk: the running model grows its set, and a new model starts with all of it', async () => {
    const api = await startedEngine();
    try {
      await api.configure(smallClassifier);
      const later = fourFeatureData(32, 500);
      expect(api.appendTrainingData(later)).toBe(96);
      const progress = await api.step(1);
      expect(progress.step).toBe(1);
      await api.configure(smallClassifier);
      expect(api.appendTrainingData(fourFeatureData(4, 900))).toBe(100);
    } finally {
      await api.dispose();
    }
  });

  it('a rebuild sends its data again from the first chunk: the old model, grown past it, is not asked to shrink', async () => {
    const api = await startedEngine();
    try {
      await api.configure(smallClassifier);
      expect(api.appendTrainingData(fourFeatureData(32, 500))).toBe(96);
      // As useTrainingRun rebuilds on a new config: setData with the first chunk, the later chunks again, configure.
      api.setData(fourFeatureData(64), fourFeatureData(16, 300));
      expect(api.appendTrainingData(fourFeatureData(4, 500))).toBe(68);
      const progress = await api.configure(smallClassifier);
      expect(progress.step).toBe(0);
      expect(api.appendTrainingData(fourFeatureData(4, 900))).toBe(72);
    } finally {
      await api.dispose();
    }
  });

  it('explains what to call first', async () => {
    const api = createTrainingWorkerApi({ selectBackend: async () => cpu });
    expect(() => api.appendTrainingData(fourFeatureData(4))).toThrow(/setData/);
    await expect(api.configure(smallClassifier)).rejects.toThrow(/setData/);
    await expect(api.step(1)).rejects.toThrow(/configure/);
  });

  it('keeps two engines apart: each has its own model, read-outs and step count', async () => {
    const first = await startedEngine();
    const second = await startedEngine();
    try {
      first.setReadouts({ weights: { kind: 'parameters', layers: [0] } });
      const configured = await first.configure(smallClassifier);
      const other = await second.configure({ ...smallClassifier, evaluateEvery: 2 });
      expect(Object.keys(configured.readouts)).toEqual(['weights']);
      expect(other.readouts).toEqual({});
      expect(other.validation.steps).toEqual([0]);
      await first.step(3);
      expect((await second.step(1)).step).toBe(1);
      expect((await first.step(1)).step).toBe(4);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });

  it('trains until stopped, reporting progress, and a single step reports every read-out', async () => {
    const api = await startedEngine();
    try {
      api.setReadouts({ weights: { kind: 'parameters', everySteps: 1000 } });
      await api.configure(smallClassifier);
      const steps: number[] = [];
      const outcome = await api.train(30, (progress) => steps.push(progress.step));
      expect(outcome).toEqual({ reason: 'completed', step: 30 });
      expect(steps[steps.length - 1]).toBe(30);
      const stepped = await api.step(1);
      expect(stepped.readouts.weights?.step).toBe(31);
    } finally {
      await api.dispose();
    }
  });

  it('trains at a lower duty cycle when asked (resting between chunks), and refuses a duty cycle outside (0, 1]', async () => {
    const api = await startedEngine();
    try {
      expect(() => api.setDutyCycle(0)).toThrow('The duty cycle must be in (0, 1], got 0');
      expect(() => api.setDutyCycle(1.5)).toThrow('(0, 1]');
      expect(() => api.setDutyCycle(Number.NaN)).toThrow('(0, 1]');
      api.setDutyCycle(0.5);
      await api.configure(smallClassifier);
      const reports: number[] = [];
      const outcome = await api.train(20, (progress) => reports.push(progress.step));
      expect(outcome).toEqual({ reason: 'completed', step: 20 });
      expect(reports[reports.length - 1]).toBe(20);
    } finally {
      await api.dispose();
    }
  });

  it('applies new read-outs to the running model without resetting it (refresh computes them at once)', async () => {
    const api = await startedEngine();
    try {
      await api.configure(smallClassifier);
      await api.step(5);
      api.setReadouts({ grid: { kind: 'outputs', inputs: new Float32Array(8), count: 2 } });
      const refreshed = await api.refresh();
      expect(refreshed.step).toBe(5);
      expect(refreshed.readouts.grid?.kind === 'outputs' && refreshed.readouts.grid.shape).toEqual([2, 2]);
    } finally {
      await api.dispose();
    }
  });

  it('saves and restores snapshots, and exports parameters', async () => {
    const api = await startedEngine();
    try {
      api.setReadouts({ weights: { kind: 'parameters' } });
      await api.configure(smallClassifier);
      await api.step(2);
      expect(await api.saveSnapshot('best')).toEqual({ name: 'best', step: 2 });
      const saved = await api.exportParameters();
      await api.step(3);
      const restored = await api.restoreSnapshot('best');
      expect(restored?.step).toBe(5);
      expect(restored?.readouts.weights?.kind === 'parameters' && restored.readouts.weights.parameters).toEqual(saved);
      expect(await api.restoreSnapshot('nothing')).toBeNull();
    } finally {
      await api.dispose();
    }
  });

  it('after a lost GPU, goes on off the GPU (WebAssembly, else the CPU) from the last checkpoint instead of failing', async () => {
    let lost = false;
    const api = await startedOnPretendGpu(() => lost, 64);
    api.setReadouts({ weights: { kind: 'parameters', layers: [4] } });
    await api.configure(smallClassifier);
    let lastStep = 0;
    const outcome = await api.train(1e9, (progress) => {
      lastStep = progress.step;
      if (progress.step >= 20) lost = true;
    });
    expect(outcome.reason).toBe('gpu-lost');
    const report = await api.recoverOffGpu();
    expect(report.lostAtStep).toBe(outcome.step);
    expect(api.asked).toEqual(['webgl', 'wasm']);
    expect(report.backend).toMatchObject({ backend: 'cpu', fellBack: true });
    expect(report.backend.reason).toMatch(/WebGL context was lost\) at step \d+; training continues on the CPU from step \d+/);
    // The checkpoint is the last one taken between chunks: at or before the step the GPU was lost.
    expect(report.progress.step).toBeGreaterThan(0);
    expect(report.progress.step).toBeLessThanOrEqual(lastStep);
    expect(Object.keys(report.progress.readouts)).toEqual(['weights']);
    lost = false;
    const resumed = await api.step(1);
    expect(resumed.step).toBe(report.progress.step + 1);
    await api.dispose();
  });

  it('with the GPU already lost, fails fast instead of waiting for a read-back that never comes', async () => {
    let lost = false;
    const api = await startedOnPretendGpu(() => lost, 32);
    await api.configure(smallClassifier);
    lost = true;
    const error = await api.step(1).catch((caught: unknown) => caught);
    expect(isGpuLostError(error)).toBe(true);
    await expect(api.refresh()).rejects.toThrow(GPU_LOST_MESSAGE);
    expect(await api.train(100, () => undefined)).toEqual({ reason: 'gpu-lost', step: 0 });
    expect((await api.recoverOffGpu()).progress.step).toBe(0);
    expect(isGpuLostError(new Error('something else'))).toBe(false);
    await api.dispose();
  });

  it('frees every tensor when disposed', async () => {
    const api = await startedEngine();
    const baseline = tf.memory().numTensors;
    api.setReadouts({ norms: { kind: 'gradient-norms' } });
    await api.configure(smallClassifier);
    await api.step(3);
    await api.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('the training worker API: editing a weight', () => {
  it('sets one number, keeps the step, and reports the model with its read-outs and a validation point', async () => {
    const api = await startedEngine();
    try {
      api.setReadouts({ weights: { kind: 'parameters', layers: [4], everySteps: 1000 } });
      await api.configure({ ...smallClassifier, evaluateEvery: 5 });
      await api.step(3);
      const progress = await api.setParameterValue(4, 'kernel', 3, 1.25);
      expect(progress.step).toBe(3);
      const weights = progress.readouts.weights;
      expect(weights?.kind === 'parameters' && weights.parameters.find((p) => p.layer === 4 && p.name === 'kernel')?.values[3]).toBe(1.25);
      expect(progress.validation.steps).toEqual([3]);
      // Training goes on from there.
      expect((await api.step(1)).step).toBe(4);
    } finally {
      await api.dispose();
    }
  });

  it('configure can replace the read-outs in the same call (new probe inputs for a new input size)', async () => {
    const api = await startedEngine();
    try {
      api.setReadouts({ grid: { kind: 'outputs', inputs: new Float32Array(8), count: 2 } });
      await api.configure(smallClassifier);
      api.setData({ inputs: new Float32Array(6), targets: new Float32Array([1, 0, 0, 1]), count: 2, inputSize: 3, targetSize: 2 }, null);
      const threeInputs = { ...smallClassifier, network: { ...smallClassifier.network, inputShape: [3] } };
      const progress = await api.configure(threeInputs, { grid: { kind: 'outputs', inputs: new Float32Array(9), count: 3 } });
      expect(progress.readouts.grid?.kind === 'outputs' && progress.readouts.grid.shape).toEqual([3, 2]);
    } finally {
      await api.dispose();
    }
  });

  it('explains a bad edit without breaking the model', async () => {
    const api = await startedEngine();
    try {
      await api.configure(smallClassifier);
      await expect(api.setParameterValue(0, 'kernel', 10_000, 1)).rejects.toThrow(/out of range/);
      expect((await api.step(1)).step).toBe(1);
    } finally {
      await api.dispose();
    }
  });

  it('ends a run with early stopping as "early-stopped", reports the status, and restores the best weights on demand', async () => {
    const api = await startedEngine();
    try {
      // Patience 1 on a 16-example validation set: some evaluation soon fails to improve on the best.
      const configured = await api.configure({ ...smallClassifier, learningRate: 0.3, evaluateEvery: 2, earlyStopping: { patience: 1, restoreBestWeights: false } });
      expect(configured.earlyStopping).toMatchObject({ bestStep: 0, stoppedAtStep: null });
      expect(await api.restoreBestWeights()).not.toBeNull();
      const reports: Array<{ earlyStopping?: { stoppedAtStep: number | null } }> = [];
      const outcome = await api.train(5000, (progress) => reports.push(progress));
      expect(outcome.reason).toBe('early-stopped');
      const status = reports[reports.length - 1].earlyStopping;
      expect(status?.stoppedAtStep).not.toBeNull();
      const restored = await api.restoreBestWeights();
      expect(restored?.earlyStopping?.restoredStep).toBe(restored?.earlyStopping?.bestStep);
    } finally {
      await api.dispose();
    }
  });
});
