import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CHUNK_MS, concurrentDutyCycle, nextChunkSize, restAfterChunkMs, runTrainingLoop, yieldToEventLoop } from '../../../../src/core/training/run-training-loop';
import type { TrainingProgress, TrainingSession } from '../../../../src/core/training/training-session';

describe('nextChunkSize: n · target / elapsed within [n/2, 2n] and [1, 4096]', () => {
  it('scales the chunk toward the target time', () => {
    expect(nextChunkSize(4, 16, 16)).toBe(4);
    expect(nextChunkSize(4, 12, 16)).toBe(5); // 5.33 rounds to 5
    expect(nextChunkSize(4, 10, 16)).toBe(6); // 6.4
    expect(nextChunkSize(10, 20, 16)).toBe(8);
  });

  it('at most doubles or halves per chunk', () => {
    expect(nextChunkSize(4, 2, 16)).toBe(8);
    expect(nextChunkSize(4, 8, 16)).toBe(8);
    expect(nextChunkSize(8, 1000, 16)).toBe(4);
    expect(nextChunkSize(8, 32, 16)).toBe(4);
  });

  it('doubles when no time elapsed, stays ≥ 1 and ≤ 4096', () => {
    expect(nextChunkSize(3, 0, 16)).toBe(6);
    expect(nextChunkSize(1, 1e6, 16)).toBe(1);
    expect(nextChunkSize(3000, 1, 16)).toBe(4096);
    expect(nextChunkSize(4096, 0, 16)).toBe(4096);
  });
});

describe('yieldToEventLoop', () => {
  it('resolves on a later macrotask, not among the pending microtasks', async () => {
    let done = false;
    const yielded = yieldToEventLoop().then(() => (done = true));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(done).toBe(false);
    await yielded;
    expect(done).toBe(true);
  });

  it('uses a MessageChannel, not a (clamped) timer, where there is one', async () => {
    const timer = vi.spyOn(globalThis, 'setTimeout');
    try {
      await yieldToEventLoop();
      expect(timer).not.toHaveBeenCalled();
    } finally {
      timer.mockRestore();
    }
  });

  it('falls back to a timer where MessageChannel is missing', async () => {
    vi.stubGlobal('MessageChannel', undefined);
    const timer = vi.spyOn(globalThis, 'setTimeout');
    try {
      await yieldToEventLoop();
      expect(timer).toHaveBeenCalledWith(expect.any(Function), 0);
    } finally {
      timer.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});

/** A stand-in session that records what the loop asks of it. */
function fakeSession(options: { divergeAtStep?: number; stale?: boolean; hangAtCollect?: number } = {}) {
  const calls: string[] = [];
  const session = {
    stepCount: 0,
    hasStaleReadouts: options.stale ?? false,
    runSteps(count: number) {
      calls.push(`run ${count}`);
      session.stepCount += count;
    },
    async collect(collectOptions?: { forceReadouts?: boolean }): Promise<TrainingProgress> {
      calls.push(collectOptions?.forceReadouts ? 'collect forced' : 'collect');
      if (options.hangAtCollect !== undefined && calls.filter((call) => call.startsWith('collect')).length >= options.hangAtCollect) return new Promise(() => {});
      const diverged = options.divergeAtStep !== undefined && session.stepCount >= options.divergeAtStep;
      return {
        step: session.stepCount,
        epoch: 0,
        trainLoss: { steps: [], values: [] },
        validation: { steps: [], loss: [], accuracy: [] },
        latestLoss: null,
        learningRate: 0.1,
        readouts: {},
        diverged,
      };
    },
  };
  return { session, calls, asSession: session as unknown as TrainingSession };
}

/** A clock that advances `tick` ms at each reading. */
const clock = (tick: number) => {
  let t = 0;
  return () => (t += tick);
};

describe('runTrainingLoop', () => {
  it('doubles fast chunks, stops exactly at maxSteps and reports each chunk’s timing', async () => {
    const { session, calls, asSession } = fakeSession();
    const progress: TrainingProgress[] = [];
    // Each chunk reads the clock 4 times, 2 ms apart: elapsed 6 ms < 16 ms ⇒ the chunk doubles.
    const reason = await runTrainingLoop(asSession, { maxSteps: 10, shouldStop: () => false, onProgress: (p) => progress.push(p), now: clock(2) });
    expect(reason).toBe('completed');
    expect(session.stepCount).toBe(10);
    expect(calls).toEqual(['run 1', 'collect', 'run 2', 'collect', 'run 4', 'collect', 'run 3', 'collect']);
    expect(progress.map((p) => p.timing)).toEqual([1, 2, 4, 3].map((steps) => ({ steps, dispatchMs: 2, readBackMs: 2 })));
  });

  it('aims at targetChunkMs, 16 ms by default', async () => {
    expect(DEFAULT_CHUNK_MS).toBe(16);
    const atDefault = fakeSession();
    await runTrainingLoop(atDefault.asSession, { maxSteps: 3, shouldStop: () => false, onProgress: () => {}, now: clock(16 / 3) });
    expect(atDefault.calls.filter((call) => call.startsWith('run'))).toEqual(['run 1', 'run 1', 'run 1']);
    const custom = fakeSession();
    await runTrainingLoop(custom.asSession, { maxSteps: 3, shouldStop: () => false, onProgress: () => {}, now: clock(2), targetChunkMs: 6 });
    expect(custom.calls.filter((call) => call.startsWith('run'))).toEqual(['run 1', 'run 1', 'run 1']);
  });

  it('does nothing but report stale read-outs when asked to stop before the first chunk', async () => {
    const { calls, asSession } = fakeSession({ stale: true });
    const progress: TrainingProgress[] = [];
    expect(await runTrainingLoop(asSession, { maxSteps: 10, shouldStop: () => true, onProgress: (p) => progress.push(p) })).toBe('paused');
    expect(calls).toEqual(['collect forced']);
    expect(progress).toHaveLength(1);
    const fresh = fakeSession({ stale: false });
    expect(await runTrainingLoop(fresh.asSession, { maxSteps: 10, shouldStop: () => true, onProgress: () => {} })).toBe('paused');
    expect(fresh.calls).toEqual([]);
  });

  it('completes at once when maxSteps are already taken, reporting stale read-outs once', async () => {
    const { session, calls, asSession } = fakeSession({ stale: true });
    session.stepCount = 5;
    expect(await runTrainingLoop(asSession, { maxSteps: 5, shouldStop: () => false, onProgress: () => {} })).toBe('completed');
    expect(calls).toEqual(['collect forced']);
  });

  it('returns "diverged" right after the chunk that diverged, without a final report', async () => {
    const { calls, asSession } = fakeSession({ divergeAtStep: 3, stale: true });
    expect(await runTrainingLoop(asSession, { maxSteps: 100, shouldStop: () => false, onProgress: () => {}, now: clock(2) })).toBe('diverged');
    expect(calls).toEqual(['run 1', 'collect', 'run 2', 'collect']);
  });
});

/** The loop's result, or 'still running' after `ms` (so a loop that ignores an interruption fails fast instead of hanging). */
const within = <T>(loop: Promise<T>, ms = 500) => Promise.race([loop, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), ms))]);

describe('runTrainingLoop with interruptions and work between chunks', () => {
  it('awaits betweenChunks after every chunk that goes on', async () => {
    const { calls, asSession } = fakeSession();
    const betweenChunks = async () => {
      calls.push('between');
    };
    expect(await runTrainingLoop(asSession, { maxSteps: 3, shouldStop: () => false, onProgress: () => {}, now: clock(2), betweenChunks })).toBe('completed');
    expect(calls).toEqual(['run 1', 'collect', 'between', 'run 2', 'collect', 'between']);
  });

  it('returns "interrupted" without a report when the backend fails during a read-back', async () => {
    const { calls, asSession } = fakeSession({ hangAtCollect: 2 });
    let fail = () => {};
    const interruption = new Promise<void>((resolve) => (fail = resolve));
    const reports: TrainingProgress[] = [];
    const loop = runTrainingLoop(asSession, { maxSteps: 100, shouldStop: () => false, onProgress: (p) => reports.push(p), now: clock(2), interruption });
    await new Promise((resolve) => setTimeout(resolve, 20));
    fail();
    expect(await within(loop)).toBe('interrupted');
    expect(calls).toEqual(['run 1', 'collect', 'run 2', 'collect']);
    expect(reports).toHaveLength(1);
  });

  it('returns "interrupted" when the backend fails during the last report or between chunks', async () => {
    const stale = fakeSession({ stale: true, hangAtCollect: 1 });
    const reports: TrainingProgress[] = [];
    expect(await within(runTrainingLoop(stale.asSession, { maxSteps: 10, shouldStop: () => true, onProgress: (p) => reports.push(p), interruption: Promise.resolve() }))).toBe(
      'interrupted',
    );
    expect(stale.calls).toEqual(['collect forced']);
    expect(reports).toEqual([]);
    const between = fakeSession();
    const betweenChunks = () => new Promise<void>(() => {});
    const interruption = new Promise<void>((resolve) => setTimeout(resolve, 20));
    expect(await within(runTrainingLoop(between.asSession, { maxSteps: 10, shouldStop: () => false, onProgress: () => {}, now: clock(2), betweenChunks, interruption }))).toBe(
      'interrupted',
    );
    expect(between.calls).toEqual(['run 1', 'collect']);
  });

  it('runs normally when an interruption never comes', async () => {
    const { calls, asSession } = fakeSession();
    expect(await within(runTrainingLoop(asSession, { maxSteps: 1, shouldStop: () => false, onProgress: () => {}, interruption: new Promise(() => {}) }))).toBe('completed');
    expect(calls).toEqual(['run 1', 'collect']);
  });

  it('times chunks with performance.now by default', async () => {
    const { asSession } = fakeSession();
    const timings: TrainingProgress['timing'][] = [];
    await runTrainingLoop(asSession, { maxSteps: 1, shouldStop: () => false, onProgress: (p) => timings.push(p.timing) });
    expect(timings).toHaveLength(1);
    expect(timings[0]!.steps).toBe(1);
    expect(Number.isFinite(timings[0]!.dispatchMs) && timings[0]!.dispatchMs >= 0).toBe(true);
    expect(Number.isFinite(timings[0]!.readBackMs) && timings[0]!.readBackMs >= 0).toBe(true);
  });
});

describe('duty cycle: several workers training side by side leave a core to the page', () => {
  it('rests elapsed · (1 / duty − 1) after each chunk, and not at all at duty 1', () => {
    expect(restAfterChunkMs(10, 1)).toBe(0);
    expect(restAfterChunkMs(10, 0.5)).toBe(10);
    expect(restAfterChunkMs(10, 0.25)).toBe(30);
    expect(restAfterChunkMs(0, 0.25)).toBe(0);
    expect(restAfterChunkMs(10, 0)).toBe(0);
    expect(restAfterChunkMs(10, Number.NaN)).toBe(0);
  });

  it('gives each of k runs (cores − 1) / k of a core, between 0.1 and 1', () => {
    expect(concurrentDutyCycle(1, 2)).toBe(1);
    expect(concurrentDutyCycle(3, 2)).toBeCloseTo(1 / 3, 12);
    expect(concurrentDutyCycle(6, 2)).toBeCloseTo(1 / 6, 12);
    expect(concurrentDutyCycle(3, 8)).toBe(1);
    expect(concurrentDutyCycle(3, 1)).toBe(0.1);
    expect(concurrentDutyCycle(2, Number.NaN)).toBe(0.5);
  });

  it('never rests at the default duty cycle of 1 (it only yields to the event loop)', async () => {
    const { session, asSession } = fakeSession();
    const rests: number[] = [];
    await runTrainingLoop(asSession, { maxSteps: 3, shouldStop: () => false, onProgress: () => {}, now: clock(2), rest: async (milliseconds) => void rests.push(milliseconds) });
    expect(session.stepCount).toBe(3);
    expect(rests).toEqual([]);
  });

  it('rests between chunks in proportion to the chunk, instead of only yielding', async () => {
    const { session, asSession } = fakeSession();
    const rests: number[] = [];
    await runTrainingLoop(asSession, {
      maxSteps: 3,
      shouldStop: () => false,
      onProgress: () => {},
      now: clock(2),
      dutyCycle: 0.25,
      rest: async (milliseconds) => {
        rests.push(milliseconds);
      },
    });
    expect(session.stepCount).toBe(3);
    // Each chunk spans 6 ms of the clock ⇒ rests 6 · (4 − 1) = 18 ms; none after the last chunk (it completes first).
    expect(rests).toEqual([18, 18]);
  });
});
