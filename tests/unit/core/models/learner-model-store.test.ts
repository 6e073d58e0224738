// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bytesToBase64,
  clearLearnerModel,
  learnerModelKey,
  MAX_ENTRY_CHARS,
  readLearnerModel,
  saveLearnerModel,
  subscribeLearnerModels,
  type LearnerModel,
  type StorageLike,
} from '../../../../src/core/models/learner-model-store';
import { initializeParameters, type NetworkSpec } from '../../../../src/core/nn/network-spec';

/** localStorage as a Map; `quota` (characters) makes setItem throw like a full browser storage. */
function fakeStorage(quota = Infinity): StorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (value.length > quota) throw new Error('QuotaExceededError');
      items.set(key, value);
    },
    removeItem: (key) => void items.delete(key),
  };
}

/** A small classifier of 28×28 images: conv 2@3×3 → 2×2 max pool → 10 logits (3,400 parameters). */
const small: NetworkSpec = {
  inputShape: [28, 28, 1],
  layers: [{ kind: 'conv2d', filters: 2, kernelSize: 3, padding: 'same', activation: 'relu' }, { kind: 'max-pool', size: 2 }, { kind: 'flatten' }, { kind: 'dense', units: 10 }],
  initialization: { kind: 'he-normal' },
};

const model = (overrides: Partial<LearnerModel> = {}): LearnerModel => ({
  dataset: 'mnist',
  network: small,
  parameters: initializeParameters(small, 7),
  step: 250,
  validationAccuracy: 0.9312,
  savedAt: '2026-11-28T10:00:00.000Z',
  ...overrides,
});

describe('base64', () => {
  it('round-trips every byte value, also past one 32 KB slice', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(Uint8Array.of(0, 255, 16))).toBe('AP8Q');
  });
});

describe('the learner model store', () => {
  it('keeps a network per dataset and gives back the same network, parameters (bit for bit), step and accuracy', () => {
    const storage = fakeStorage();
    const saved = model();
    expect(saveLearnerModel(saved, storage)).toMatchObject({ saved: true });
    expect([...storage.items.keys()]).toEqual(['receptive-field.learner-model.mnist']);
    const read = readLearnerModel('mnist', storage);
    expect(read).not.toBeNull();
    expect(read!.network).toEqual(small);
    expect(read!.step).toBe(250);
    expect(read!.validationAccuracy).toBeCloseTo(0.9312, 10);
    expect(read!.savedAt).toBe(saved.savedAt);
    expect(read!.parameters.map((p) => `${p.layer}/${p.name} ${p.shape.join('×')}`)).toEqual(saved.parameters.map((p) => `${p.layer}/${p.name} ${p.shape.join('×')}`));
    read!.parameters.forEach((p, i) => expect(p.values).toEqual(saved.parameters[i].values));
    // Another dataset has nothing stored.
    expect(readLearnerModel('fashion-mnist', storage)).toBeNull();
  });

  it('ignores a corrupt entry without throwing: not JSON, bad base64, truncated weights, wrong version', () => {
    const storage = fakeStorage();
    const key = learnerModelKey('mnist');
    storage.setItem(key, '{"version":1,');
    expect(readLearnerModel('mnist', storage)).toBeNull();
    saveLearnerModel(model(), storage);
    const entry = JSON.parse(storage.getItem(key)!);
    storage.setItem(key, JSON.stringify({ ...entry, weights: '%%% not base64 %%%' }));
    expect(readLearnerModel('mnist', storage)).toBeNull();
    storage.setItem(key, JSON.stringify({ ...entry, weights: entry.weights.slice(0, 400) }));
    expect(readLearnerModel('mnist', storage)).toBeNull();
    storage.setItem(key, JSON.stringify({ ...entry, version: 99 }));
    expect(readLearnerModel('mnist', storage)).toBeNull();
    storage.setItem(key, JSON.stringify({ ...entry, validationAccuracy: 3 }));
    expect(readLearnerModel('mnist', storage)).toBeNull();
  });

  it('ignores an entry for another dataset, and a network that is not a 28×28 → 10 classifier', () => {
    const storage = fakeStorage();
    saveLearnerModel(model({ dataset: 'fashion-mnist' }), storage);
    // The fashion entry copied under the MNIST key is refused: its own dataset field says fashion-mnist.
    storage.setItem(learnerModelKey('mnist'), storage.getItem(learnerModelKey('fashion-mnist'))!);
    expect(readLearnerModel('mnist', storage)).toBeNull();
    expect(readLearnerModel('fashion-mnist', storage)?.dataset).toBe('fashion-mnist');

    const threeClasses: NetworkSpec = { ...small, layers: [...small.layers.slice(0, 3), { kind: 'dense', units: 3 }] };
    saveLearnerModel(model({ network: threeClasses, parameters: initializeParameters(threeClasses, 1) }), storage);
    expect(readLearnerModel('mnist', storage)).toBeNull();
  });

  it('skips a network above the size cap with a message, and reports a storage that refuses', () => {
    // conv 64@3×3 'same' → flatten (28·28·64 = 50,176) → dense 10: 502,410 parameters, ≈ 2.7 million base64 characters.
    const large: NetworkSpec = {
      inputShape: [28, 28, 1],
      layers: [{ kind: 'conv2d', filters: 64, kernelSize: 3, padding: 'same', activation: 'relu' }, { kind: 'flatten' }, { kind: 'dense', units: 10 }],
      initialization: { kind: 'he-normal' },
    };
    const storage = fakeStorage();
    const result = saveLearnerModel(model({ network: large, parameters: initializeParameters(large, 1) }), storage);
    expect(result.saved).toBe(false);
    expect(result).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/too large.*MB.*limit is 2 MB/) });
    expect(storage.items.size).toBe(0);
    expect(MAX_ENTRY_CHARS).toBe(2_000_000);

    const full = fakeStorage(1000);
    expect(saveLearnerModel(model(), full)).toMatchObject({ saved: false, reason: 'unavailable' });
    expect(saveLearnerModel(model(), null)).toMatchObject({ saved: false, reason: 'unavailable' });
    expect(readLearnerModel('mnist', null)).toBeNull();
  });

  it('tells same-page listeners which dataset changed, on save and on clear, until they unsubscribe', () => {
    const storage = fakeStorage();
    const heard: string[] = [];
    const unsubscribe = subscribeLearnerModels((dataset) => heard.push(dataset));
    saveLearnerModel(model({ dataset: 'fashion-mnist' }), storage);
    clearLearnerModel('fashion-mnist', storage);
    expect(readLearnerModel('fashion-mnist', storage)).toBeNull();
    unsubscribe();
    saveLearnerModel(model(), storage);
    expect(heard).toEqual(['fashion-mnist', 'fashion-mnist']);
  });
});
