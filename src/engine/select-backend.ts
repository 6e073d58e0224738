import { tf } from '../core/tf/tf-core';
import { chooseBackend, isHeavy, type BackendName, type Workload, type WebglProbe } from './backend-policy';
import type { BackendInfo, BackendPreference } from './engine-types';
import { probeWebgl, startWebglBackend } from './webgl-backend';
import { describeWasmFeatures, startWasmBackend } from './wasm/start-wasm-backend';

/** How the worker starts each backend and probes WebGL; the real ones by default, stand-ins in unit tests. */
export interface BackendStarters {
  probeWebgl: () => WebglProbe;
  startWebgl: (reason: string) => Promise<BackendInfo | { failure: string }>;
  startWasm: () => Promise<string>;
}

const realStarters: BackendStarters = {
  probeWebgl,
  startWebgl: startWebglBackend,
  startWasm: async () => describeWasmFeatures(await startWasmBackend()),
};

/**
 * Starts the TF.js backend inside the worker.
 * - `webgl` / `wasm` / `cpu`: what the learner or `?backend=` asked for.
 * - `auto`: what the backend policy (backend-policy.ts) chooses for this workload and this browser's WebGL.
 * A backend that fails to start is not an error: heavy work falls back from WebGL to WebAssembly, anything
 * else to the CPU backend, and the reason says what happened (`fellBack`).
 */
export async function selectBackend(preference: BackendPreference, workload: Workload, starters: BackendStarters = realStarters): Promise<BackendInfo> {
  const choice = preference === 'auto' ? chooseBackend(workload, isHeavy(workload) ? starters.probeWebgl() : { kind: 'none', renderer: null }) : null;
  const wanted = choice?.backend ?? (preference as BackendName);
  const why = choice ? `Auto: ${choice.reason}` : `Chosen by you (or ?backend=${preference})`;
  const failures: string[] = [];
  const fallback = (reason: string): string => `${failures.join('; ')}; ${reason}`;

  if (wanted === 'webgl') {
    const started = await starters.startWebgl(why);
    if (!('failure' in started)) return started;
    failures.push(`WebGL unavailable (${started.failure})`);
  }
  if (wanted === 'wasm' || (wanted === 'webgl' && isHeavy(workload))) {
    try {
      const features = await starters.startWasm();
      const reason = failures.length ? fallback('training on WebAssembly instead') : why;
      return { backend: 'wasm', renderer: null, webglVersion: null, wasmFeatures: features, reason, fellBack: failures.length > 0 };
    } catch (error) {
      failures.push(`WebAssembly unavailable (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const fellBack = failures.length > 0;
  return { backend: 'cpu', renderer: null, webglVersion: null, reason: fellBack ? fallback('training on the CPU instead') : why, fellBack };
}
