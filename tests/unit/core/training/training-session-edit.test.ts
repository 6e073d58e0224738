import { describe, expect, it } from 'vitest';
import { tf } from '../../../../src/core/tf/tf-core';
import { TrainingSession } from '../../../../src/core/training/training-session';
import type { TrainingSessionConfig } from '../../../../src/core/training/training-config';
import { findParameter } from '../../../../src/core/nn/network-spec';
import { fourFeatureData, smallClassifier } from './session-fixtures';

/** The fixture's classifier with momentum: its optimizer carries state (a velocity per weight) from step to step. */
const withMomentum: TrainingSessionConfig = { ...smallClassifier, optimizer: { kind: 'momentum', momentum: 0.9 } };

function newSession(config: TrainingSessionConfig = withMomentum) {
  return new TrainingSession(config, fourFeatureData(64), fourFeatureData(16, 500));
}

async function kernel(session: TrainingSession, layer = 0): Promise<number[]> {
  return Array.from(findParameter(await session.exportParameters(), layer, 'kernel') ?? []);
}

describe('TrainingSession.setParameterValue (editing one weight)', () => {
  it('changes exactly the one number asked for, and nothing else', async () => {
    const session = newSession();
    try {
      session.runSteps(3);
      const before = await kernel(session);
      session.setParameterValue(0, 'kernel', 5, 0.75);
      const after = await kernel(session);
      expect(after[5]).toBe(0.75);
      expect(after.filter((_, i) => i !== 5)).toEqual(before.filter((_, i) => i !== 5));
      expect(session.stepCount).toBe(3);
    } finally {
      session.dispose();
    }
  });

  it('keeps the optimizer state: writing a weight back unchanged leaves the run exactly as if nothing happened', async () => {
    const edited = newSession();
    const untouched = newSession();
    try {
      edited.runSteps(4);
      untouched.runSteps(4);
      const current = await kernel(edited);
      edited.setParameterValue(0, 'kernel', 2, current[2]);
      edited.runSteps(3);
      untouched.runSteps(3);
      expect(await kernel(edited)).toEqual(await kernel(untouched));
    } finally {
      edited.dispose();
      untouched.dispose();
    }
  });

  it('trains on from the edited value, with the velocity it had (unlike a fresh run from the same weights)', async () => {
    const edited = newSession();
    try {
      edited.runSteps(5);
      edited.setParameterValue(4, 'bias', 1, 2);
      const parameters = await edited.exportParameters();
      // A fresh session from the same parameters starts with zero velocity.
      const restarted = new TrainingSession({ ...withMomentum, initialParameters: parameters, startStep: 5 }, fourFeatureData(64), fourFeatureData(16, 500));
      try {
        edited.runSteps(1);
        restarted.runSteps(1);
        const editedBias = Array.from(findParameter(await edited.exportParameters(), 4, 'bias') ?? []);
        const restartedBias = Array.from(findParameter(await restarted.exportParameters(), 4, 'bias') ?? []);
        // Both moved away from 2 by one step, but only the edited run carries momentum from the 5 steps before.
        expect(editedBias[1]).not.toBe(2);
        expect(Math.abs(editedBias[1] - 2)).toBeLessThan(0.5);
        expect(editedBias[1]).not.toBeCloseTo(restartedBias[1], 6);
      } finally {
        restarted.dispose();
      }
    } finally {
      edited.dispose();
    }
  });

  it('the next report shows the edited weight in the parameters read-out', async () => {
    const session = newSession();
    try {
      session.setReadouts({ weights: { kind: 'parameters', layers: [0], everySteps: 1000 } });
      await session.collect();
      session.setParameterValue(0, 'kernel', 0, -1.5);
      const progress = await session.collect({ forceReadouts: true });
      const weights = progress.readouts.weights;
      expect(weights?.kind).toBe('parameters');
      if (weights?.kind === 'parameters') expect(findParameter(weights.parameters, 0, 'kernel')?.[0]).toBe(-1.5);
    } finally {
      session.dispose();
    }
  });

  it.each([
    [0, 'nope', 0, 1, /no parameter "nope"/],
    [9, 'kernel', 0, 1, /no parameter "kernel"/],
    [0, 'kernel', 32, 1, /out of range.*32 numbers/],
    [0, 'kernel', -1, 1, /out of range/],
    [0, 'kernel', 1.5, 1, /out of range/],
    [0, 'kernel', 0, Number.NaN, /finite/],
    [0, 'kernel', 0, Infinity, /finite/],
  ])('refuses layer %s "%s" index %s value %s, changing nothing', async (layer, name, index, value, message) => {
    const session = newSession();
    try {
      const before = await kernel(session);
      expect(() => session.setParameterValue(layer, name, index, value)).toThrow(message);
      expect(await kernel(session)).toEqual(before);
    } finally {
      session.dispose();
    }
  });

  it('leaks no tensor', () => {
    const session = newSession();
    try {
      const baseline = tf.memory().numTensors;
      session.setParameterValue(0, 'kernel', 1, 0.25);
      expect(tf.memory().numTensors).toBe(baseline);
    } finally {
      session.dispose();
    }
  });
});
