import type { DatasetName } from '../data/dataset-chunks';
import { summarizeNetwork, type NetworkParameters, type NetworkSpec } from '../nn/network-spec';
import { decodeModel, encodeModel, type ModelJson } from './pretrained-model';

/*
 * "The network you trained": the CNN trainer keeps the learner's newest network for each dataset in the
 * browser's localStorage, so other lessons (the nuisance explorer) can answer with it instead of the course's
 * pretrained model. One entry per dataset, under `receptive-field.learner-model.<dataset>`, as JSON:
 *   { version: 1, dataset, step, validationAccuracy, savedAt, model: ModelJson, weights: base64 of the float32s }
 * The model is written exactly as a shipped model (encodeModel) and checked the same way when read (decodeModel):
 * an entry that is corrupt, from another version, for another dataset, or not a 28×28 → 10 classifier is ignored.
 */

/** The dataset an entry belongs to is part of its key. */
export const learnerModelKey = (dataset: DatasetName): string => `receptive-field.learner-model.${dataset}`;

/**
 * Entries above this many characters are not saved: localStorage keeps about 5 million characters per site, shared
 * with everything else. Base64 takes 4 characters per 3 bytes, so 2 MB holds a network of ~370,000 parameters
 * (LeNet-5: 61,706 parameters ≈ 0.33 MB; the trainer's default 52,138 ≈ 0.28 MB).
 */
export const MAX_ENTRY_CHARS = 2_000_000;

const VERSION = 1;

/** The part of window.localStorage the store uses (a fake in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A network the learner trained, as another widget uses it. */
export interface LearnerModel {
  dataset: DatasetName;
  network: NetworkSpec;
  parameters: NetworkParameters;
  /** Optimizer steps it had taken when it was saved. */
  step: number;
  /** Its validation accuracy (0..1) when it was saved, or null when none had been measured. */
  validationAccuracy: number | null;
  /** ISO date and time of the save. */
  savedAt: string;
}

interface StoredEntry {
  version: number;
  dataset: DatasetName;
  step: number;
  validationAccuracy: number | null;
  savedAt: string;
  model: ModelJson;
  weights: string;
}

/** The outcome of a save, in words the trainer can show. */
export type SaveResult = { saved: true; chars: number } | { saved: false; reason: 'too-large' | 'unavailable'; message: string };

/** The page's localStorage, or null where there is none or it is blocked (private modes, sandboxed frames). */
export function browserStorage(): StorageLike | null {
  try {
    return typeof globalThis.localStorage === 'undefined' ? null : globalThis.localStorage;
  } catch {
    return null;
  }
}

/** Bytes as base64 (in slices, so a large array never becomes one huge argument list). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Base64 back to bytes; throws on text that is not base64. */
export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type Listener = (dataset: DatasetName) => void;
const listeners = new Set<Listener>();

/** Calls `listener` with the dataset whenever this page saves or clears a learner model; returns the unsubscribe. */
export function subscribeLearnerModels(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function notify(dataset: DatasetName): void {
  for (const listener of [...listeners]) listener(dataset);
}

/** The JSON text an entry is stored as. */
export function encodeLearnerModel(model: LearnerModel): string {
  const { modelJson, weights } = encodeModel(model.network, model.parameters);
  const entry: StoredEntry = {
    version: VERSION,
    dataset: model.dataset,
    step: model.step,
    validationAccuracy: model.validationAccuracy,
    savedAt: model.savedAt,
    model: modelJson,
    weights: bytesToBase64(weights),
  };
  return JSON.stringify(entry);
}

/** An entry read back, or null when it is corrupt, of another version or dataset, or not a 28×28×1 → 10 network. */
export function decodeLearnerModel(text: string, dataset: DatasetName): LearnerModel | null {
  try {
    const entry = JSON.parse(text) as Partial<StoredEntry> | null;
    if (!entry || entry.version !== VERSION || entry.dataset !== dataset || typeof entry.weights !== 'string') return null;
    if (!(Number.isInteger(entry.step) && (entry.step as number) > 0)) return null;
    const accuracy = entry.validationAccuracy;
    if (accuracy !== null && !(typeof accuracy === 'number' && accuracy >= 0 && accuracy <= 1)) return null;
    const { network, parameters } = decodeModel(entry.model, base64ToBytes(entry.weights), 'saved network');
    const summary = summarizeNetwork(network);
    const output = summary[summary.length - 1]?.outputShape ?? [];
    if (network.inputShape.join('×') !== '28×28×1' || output.join('×') !== '10') return null;
    return { dataset, network, parameters, step: entry.step as number, validationAccuracy: accuracy ?? null, savedAt: String(entry.savedAt ?? '') };
  } catch {
    return null;
  }
}

/**
 * Saves the learner's network for its dataset (replacing the previous one) and tells this page's listeners. Skips
 * networks whose entry would exceed MAX_ENTRY_CHARS, and says so; a storage that refuses (full, blocked) is reported
 * the same way, never thrown.
 */
export function saveLearnerModel(model: LearnerModel, storage: StorageLike | null = browserStorage()): SaveResult {
  if (!storage) return { saved: false, reason: 'unavailable', message: 'This browser does not let the page keep data (localStorage is blocked).' };
  const text = encodeLearnerModel(model);
  if (text.length > MAX_ENTRY_CHARS) {
    const megabytes = (text.length / 1e6).toFixed(1);
    return {
      saved: false,
      reason: 'too-large',
      message: `This network is too large to keep for the other lessons (${megabytes} MB; the limit is ${MAX_ENTRY_CHARS / 1e6} MB). Fewer filters or a narrower dense layer fit.`,
    };
  }
  try {
    storage.setItem(learnerModelKey(model.dataset), text);
  } catch {
    return { saved: false, reason: 'unavailable', message: 'The browser refused to keep the network (its storage is full or blocked).' };
  }
  notify(model.dataset);
  return { saved: true, chars: text.length };
}

/** The learner's network for a dataset, or null when none is stored or the stored one cannot be used. */
export function readLearnerModel(dataset: DatasetName, storage: StorageLike | null = browserStorage()): LearnerModel | null {
  if (!storage) return null;
  let text: string | null;
  try {
    text = storage.getItem(learnerModelKey(dataset));
  } catch {
    return null;
  }
  return text === null ? null : decodeLearnerModel(text, dataset);
}

/** Forgets the learner's network for a dataset. */
export function clearLearnerModel(dataset: DatasetName, storage: StorageLike | null = browserStorage()): void {
  try {
    storage?.removeItem(learnerModelKey(dataset));
  } catch {
    // nothing kept, nothing to forget
  }
  notify(dataset);
}
