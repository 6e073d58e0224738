/**
 * Plain-data types that cross the boundary between widgets (main thread) and the training worker.
 * No tensors ever cross it.
 */
import type { TrainingProgress, TrainingSessionConfig } from '../core/training/training-session';
import type { BackendName, Workload } from './backend-policy';
import type { TrainingStopReason } from '../core/training/run-training-loop';
import type { LabelledData } from '../core/training/labelled-data';
import type { ReadoutRequests, ReadoutValues } from '../core/training/readouts';
import type { NetworkParameters } from '../core/nn/network-spec';

export type { TrainingProgress, TrainingSessionConfig, TrainingStopReason, LabelledData, BackendName, Workload, ReadoutRequests, ReadoutValues, NetworkParameters };

/** What the learner or the URL asked for. `auto` = what the backend policy chooses (backend-policy.ts). */
export type BackendPreference = 'auto' | BackendName;

/** The backend actually running, and why. */
export interface BackendInfo {
  backend: BackendName;
  /** e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))"; null off WebGL. */
  renderer: string | null;
  /** 2 for WebGL2, 1 for WebGL1, null off WebGL. */
  webglVersion: number | null;
  /** On WebAssembly: what the binary uses, e.g. "SIMD, 1 thread". */
  wasmFeatures?: string;
  /** Why this backend: the policy's reason ("Auto: …"), the learner's choice, or what failed and what runs instead. */
  reason: string;
  /** True when the backend wanted (WebGL or WebAssembly) could not start and another runs instead. */
  fellBack: boolean;
}

/** Tensor bookkeeping of the worker's TF.js engine. */
export interface EngineMemory {
  numTensors: number;
  numBytes: number;
  /** Bytes of GPU textures in use (WebGL only; 0 on the CPU). */
  numBytesInGPU: number;
}

/** How a `train` call ended ('gpu-lost': the WebGL context was lost; call `recoverOffGpu`). */
export interface TrainingOutcome {
  reason: Exclude<TrainingStopReason, 'interrupted'> | 'gpu-lost';
  step: number;
}

/** The message of the error a worker call gives when the GPU context is lost (see `isGpuLostError`). */
export const GPU_LOST_MESSAGE = 'The WebGL context was lost';

/** True for the error of a worker call made after the GPU context was lost: call `recoverOffGpu`. */
export function isGpuLostError(error: unknown): boolean {
  return error instanceof Error && error.message.includes(GPU_LOST_MESSAGE);
}

/** What `recoverOffGpu` reports: the backend now running (WebAssembly, else the CPU), and the model as restored from the last checkpoint. */
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
