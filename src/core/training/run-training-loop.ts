import type { TrainingProgress, TrainingSession } from './training-session';

/** A chunk of steps plus its read-back aims at about one animation frame. */
export const DEFAULT_CHUNK_MS = 16;

/**
 * Why a training loop returned ('interrupted': the backend failed under it, e.g. a lost WebGL context;
 * 'early-stopped': early stopping's patience ran out, and the best weights are back when the config asks for it).
 */
export type TrainingStopReason = 'paused' | 'diverged' | 'completed' | 'early-stopped' | 'interrupted';

export interface TrainingLoopOptions {
  /** Stop once the session has taken this many steps in total. */
  maxSteps: number;
  /** Polled between chunks; true stops the loop ("paused"). */
  shouldStop: () => boolean;
  /**
   * Settles when the backend fails under the loop (e.g. a lost WebGL context, whose read-backs never
   * finish): the loop returns 'interrupted' at once, even while it waits for a read-back, without a last report.
   */
  interruption?: Promise<void>;
  /** Awaited between chunks (e.g. a periodic checkpoint of the parameters). */
  betweenChunks?: () => Promise<void>;
  /** Receives each chunk's progress (at most one per chunk). */
  onProgress: (progress: TrainingProgress) => void;
  /** Aim for chunks of about this long, so pause requests and snapshots stay responsive. */
  targetChunkMs?: number;
  /**
   * Share of wall time spent training, in (0, 1] (default 1): after a chunk that took t ms the loop rests
   * t · (1 / dutyCycle − 1) ms. Widgets that train several models side by side lower it so that, together,
   * their workers leave a core to the page (see `concurrentDutyCycle`).
   */
  dutyCycle?: number;
  /** Resolves after the given milliseconds (default: setTimeout); injectable for tests. */
  rest?: (milliseconds: number) => Promise<void>;
  now?: () => number;
}

/**
 * The duty cycle for each of `runCount` training workers that run at once on `cores` logical cores, so that
 * together they keep one core free for the page: min(1, (cores − 1) / runCount), and at least 0.1 (on one core
 * the workers still train, slowly). One run on two or more cores trains flat out.
 */
export function concurrentDutyCycle(runCount: number, cores: number): number {
  const usable = Math.max(0, (Number.isFinite(cores) && cores >= 1 ? Math.floor(cores) : 2) - 1);
  return Math.min(1, Math.max(0.1, usable / Math.max(1, runCount)));
}

/** The rest after a chunk of `elapsedMs` at `dutyCycle`: elapsed · (1 / duty − 1), 0 at duty 1. */
export function restAfterChunkMs(elapsedMs: number, dutyCycle: number): number {
  if (!(dutyCycle > 0 && dutyCycle < 1) || !(elapsedMs > 0)) return 0;
  return elapsedMs * (1 / dutyCycle - 1);
}

/**
 * Runs the session in chunks until paused, diverged or `maxSteps` is reached.
 * Each chunk dispatches n steps, then one batched read-back (`collect`: losses and the read-outs that are
 * due), which also bounds how much GPU work is queued. When the loop pauses or completes, read-outs that
 * were throttled are computed once more, so a paused widget shows the newest step. n adapts so a chunk lasts about `targetChunkMs`: n ← clamp(n · target / elapsed, n/2, 2n).
 * Between chunks the loop yields a macrotask so messages (pause, reset) are handled.
 */
export async function runTrainingLoop(session: TrainingSession, options: TrainingLoopOptions): Promise<TrainingStopReason> {
  const now = options.now ?? (() => performance.now());
  const targetMs = options.targetChunkMs ?? DEFAULT_CHUNK_MS;
  const rest = options.rest ?? ((milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds)));
  let stepsPerChunk = 1;
  // A run that early stopping already ended and that is trained on anyway goes on without stopping again.
  const stoppedBefore = session.earlyStopping?.stoppedAtStep != null;
  const interrupted: unique symbol = Symbol('interrupted');
  const interruption = options.interruption?.then((): typeof interrupted => interrupted);
  /** `work`, unless the backend fails first. */
  const unlessInterrupted = <T>(work: Promise<T>): Promise<T | typeof interrupted> => (interruption ? Promise.race([work, interruption]) : work);
  const finish = async (reason: 'paused' | 'completed'): Promise<TrainingStopReason> => {
    if (!session.hasStaleReadouts) return reason;
    const last = await unlessInterrupted(session.collect({ forceReadouts: true }));
    if (last === interrupted) return 'interrupted';
    options.onProgress(last);
    return reason;
  };
  for (;;) {
    if (options.shouldStop()) return finish('paused');
    const remaining = options.maxSteps - session.stepCount;
    if (remaining <= 0) return finish('completed');
    const started = now();
    const steps = Math.min(stepsPerChunk, remaining);
    session.runSteps(steps);
    const dispatched = now();
    const progress = await unlessInterrupted(session.collect());
    if (progress === interrupted) return 'interrupted';
    progress.timing = { steps, dispatchMs: dispatched - started, readBackMs: now() - dispatched };
    options.onProgress(progress);
    if (progress.diverged) return 'diverged';
    if (!stoppedBefore && stopsEarly(session, progress)) {
      if (session.config.earlyStopping?.restoreBestWeights !== false) session.restoreBestWeights();
      // The model may have changed (restored weights): report every read-out once more.
      const last = await unlessInterrupted(session.collect({ forceReadouts: true }));
      if (last === interrupted) return 'interrupted';
      options.onProgress(last);
      return 'early-stopped';
    }
    const elapsedMs = now() - started;
    stepsPerChunk = nextChunkSize(stepsPerChunk, elapsedMs, targetMs);
    if ((await unlessInterrupted(options.betweenChunks?.() ?? Promise.resolve())) === interrupted) return 'interrupted';
    const restMs = restAfterChunkMs(elapsedMs, options.dutyCycle ?? 1);
    if (restMs > 0) await rest(restMs);
    else await yieldToEventLoop();
  }
}

/** True when early stopping's patience ran out in this report and the config says to stop training. */
function stopsEarly(session: TrainingSession, progress: TrainingProgress): boolean {
  return progress.earlyStopping?.stoppedAtStep != null && session.config.earlyStopping?.stopTraining !== false;
}

/** n · target / elapsed, limited to [n/2, 2n] and [1, 4096] so one slow chunk cannot swing it wildly. */
export function nextChunkSize(current: number, elapsedMs: number, targetMs: number): number {
  const ideal = elapsedMs > 0 ? (current * targetMs) / elapsedMs : current * 2;
  const bounded = Math.min(current * 2, Math.max(current / 2, ideal));
  return Math.max(1, Math.min(4096, Math.round(bounded)));
}

/** Resolves on a fresh macrotask (MessageChannel: no 4 ms timer clamping in workers). */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
    channel.port2.close();
  });
}
