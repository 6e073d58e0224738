/**
 * Plain-data types that cross the boundary between widgets (main thread) and the training worker.
 * No tensors ever cross it.
 */
import type { TrainingProgress, TrainingSessionConfig } from '../core/training/training-session';
import type { BackendRecommendation } from './backend-policy';
import type { TrainingStopReason } from '../core/training/run-training-loop';
import type { LabelledData } from '../core/training/labelled-data';
import type { ReadoutRequests, ReadoutValues } from '../core/training/readouts';
import type { NetworkParameters } from '../core/nn/network-spec';

export type { TrainingProgress, TrainingSessionConfig, TrainingStopReason, LabelledData, BackendRecommendation, ReadoutRequests, ReadoutValues, NetworkParameters };

/** What the learner or the URL asked for. `auto` = WebGL2 if it works, else CPU. */
export type BackendPreference = 'auto' | 'webgl' | 'cpu';

/** The backend actually running, and why. */
export interface BackendInfo {
  backend: 'webgl' | 'cpu';
  /** e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))"; null on CPU. */
  renderer: string | null;
  /** 2 for WebGL2, 1 for WebGL1, null on CPU. */
  webglVersion: number | null;
  /** Why this backend: "WebGL2 available", "Requested with ?backend=cpu", "WebGL unavailable: …". */
  reason: string;
  /** True when WebGL was wanted but could not be used. */
  fellBack: boolean;
}

/** Tensor bookkeeping of the worker's TF.js engine. */
export interface EngineMemory {
  numTensors: number;
  numBytes: number;
  /** Bytes of GPU textures in use (WebGL only; 0 on the CPU). */
  numBytesInGPU: number;
}

/** How a `train` call ended ('gpu-lost': the WebGL context was lost; call `recoverOnCpu`). */
export interface TrainingOutcome {
  reason: Exclude<TrainingStopReason, 'interrupted'> | 'gpu-lost';
  step: number;
}

/** The message of the error a worker call gives when the GPU context is lost (see `isGpuLostError`). */
export const GPU_LOST_MESSAGE = 'The WebGL context was lost';

/** True for the error of a worker call made after the GPU context was lost: call `recoverOnCpu`. */
export function isGpuLostError(error: unknown): boolean {
  return error instanceof Error && error.message.includes(GPU_LOST_MESSAGE);
}

/** What `recoverOnCpu` reports: the CPU backend now running, and the model as restored from the last checkpoint. */
export interface RecoveryReport {
  backend: BackendInfo;
  progress: TrainingProgress;
  /** The step the run was at when the GPU was lost (the checkpoint's step is `progress.step`). */
  lostAtStep: number;
}

/** A snapshot kept in the worker: which step its parameters belong to. */
export interface SnapshotInfo {
  name: string;
  step: number;
}
