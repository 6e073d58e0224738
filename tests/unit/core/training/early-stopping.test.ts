import { describe, expect, it } from 'vitest';
import {
  INITIAL_EARLY_STOPPING_STATUS,
  isImprovement,
  observeEvaluation,
  validateEarlyStopping,
  type EarlyStoppingConfig,
  type EarlyStoppingStatus,
} from '../../../../src/core/training/early-stopping';

/** Feeds a scripted validation curve (one evaluation every 10 steps) and returns the status after each point. */
function replay(config: EarlyStoppingConfig, losses: number[], accuracies = losses.map(() => 0)): Array<EarlyStoppingStatus & { improved: boolean }> {
  let status = INITIAL_EARLY_STOPPING_STATUS;
  return losses.map((loss, i) => {
    const next = observeEvaluation(config, status, (i + 1) * 10, loss, accuracies[i]);
    status = next.status;
    return { ...status, improved: next.improved };
  });
}

describe('early stopping', () => {
  it('keeps the lowest validation loss and stops after `patience` evaluations in a row without improvement', () => {
    // Falls to its minimum at step 30, then rises: with patience 2 it stops at the second worse evaluation (step 50).
    const statuses = replay({ patience: 2 }, [1.0, 0.7, 0.5, 0.6, 0.65, 0.4]);
    expect(statuses.map((s) => s.bestStep)).toEqual([10, 20, 30, 30, 30, 30]);
    expect(statuses.map((s) => s.evaluationsSinceBest)).toEqual([0, 0, 0, 1, 2, 2]);
    expect(statuses.map((s) => s.stoppedAtStep)).toEqual([null, null, null, null, 50, 50]);
    expect(statuses.map((s) => s.improved)).toEqual([true, true, true, false, false, false]);
    // Once stopped, a later better value changes nothing: the run is over.
    expect(statuses[5].bestValue).toBe(0.5);
  });

  it('resets its patience count at every improvement', () => {
    const statuses = replay({ patience: 2 }, [1.0, 1.1, 0.9, 1.0, 0.8, 0.85, 0.86]);
    expect(statuses.map((s) => s.stoppedAtStep)).toEqual([null, null, null, null, null, null, 70]);
    expect(statuses[6].bestStep).toBe(50);
  });

  it('counts only improvements larger than minDelta', () => {
    const statuses = replay({ patience: 2, minDelta: 0.05 }, [1.0, 0.98, 0.97, 0.5]);
    expect(statuses.map((s) => s.bestStep)).toEqual([10, 10, 10, 10]);
    expect(statuses[2].stoppedAtStep).toBe(30);
  });

  it('watches accuracy upward when asked to', () => {
    const config: EarlyStoppingConfig = { patience: 1, monitor: 'validation-accuracy' };
    const statuses = replay(config, [0.5, 0.4, 0.3], [0.8, 0.9, 0.85]);
    expect(statuses.map((s) => s.bestValue)).toEqual([0.8, 0.9, 0.9]);
    expect(statuses[2].stoppedAtStep).toBe(30);
    expect(isImprovement(config, 0.91, 0.9)).toBe(true);
    expect(isImprovement({ patience: 1 }, 0.91, 0.9)).toBe(false);
  });

  it('needs a strict improvement: equal is not better, and accuracy must rise by more than minDelta', () => {
    expect(isImprovement({ patience: 1 }, 0.5, 0.5)).toBe(false);
    expect(isImprovement({ patience: 1, minDelta: 0.1 }, 0.4, 0.5)).toBe(false);
    expect(isImprovement({ patience: 1, minDelta: 0.1 }, 0.39, 0.5)).toBe(true);
    const accuracy: EarlyStoppingConfig = { patience: 1, monitor: 'validation-accuracy', minDelta: 0.05 };
    expect(isImprovement(accuracy, 0.9, 0.9)).toBe(false);
    expect(isImprovement(accuracy, 0.92, 0.9)).toBe(false);
    expect(isImprovement(accuracy, 0.96, 0.9)).toBe(true);
    expect(isImprovement({ ...accuracy, minDelta: 0 }, 0.9, 0.9)).toBe(false);
  });

  it('never counts a NaN or infinite loss as the best', () => {
    expect(isImprovement({ patience: 1 }, NaN, null)).toBe(false);
    expect(isImprovement({ patience: 1 }, Infinity, 3)).toBe(false);
    expect(replay({ patience: 3 }, [NaN, 2])[1]).toMatchObject({ bestStep: 20, bestValue: 2, evaluationsSinceBest: 0 });
  });

  it('explains a patience that is not a whole number ≥ 1, an unknown monitor and a negative minDelta', () => {
    expect(validateEarlyStopping({ patience: 3 })).toBeNull();
    expect(validateEarlyStopping({ patience: 1, monitor: 'validation-accuracy', minDelta: 0.01 })).toBeNull();
    expect(validateEarlyStopping({ patience: 1, monitor: 'validation-loss', minDelta: 0 })).toBeNull();
    expect(validateEarlyStopping({ patience: 0 })).toContain('patience');
    expect(validateEarlyStopping({ patience: 1.5 })).toContain('patience');
    expect(validateEarlyStopping({ patience: 2, monitor: 'train-loss' as never })).toContain("'validation-loss' or 'validation-accuracy'");
    expect(validateEarlyStopping({ patience: 2, minDelta: -1 })).toContain('≥ 0');
  });
});
