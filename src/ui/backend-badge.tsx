import { useId } from 'react';
import type { BackendInfo, BackendPreference } from '../engine/engine-types';

interface BackendBadgeProps {
  backend: BackendInfo | null;
  preference: BackendPreference;
  onPreferenceChange: (preference: BackendPreference) => void;
}

/** The backend's short name for the badge: "WebGL2", "WASM", "CPU". */
function shortName(backend: BackendInfo): string {
  if (backend.backend === 'webgl') return `WebGL${backend.webglVersion ?? ''}`;
  return backend.backend === 'wasm' ? 'WASM' : 'CPU';
}

/** The backend in a sentence: "WebGL2 on <renderer>", "WebAssembly (SIMD, 1 thread)", "the CPU". */
function longName(backend: BackendInfo): string {
  if (backend.backend === 'webgl') return `WebGL${backend.webglVersion ?? ''}${backend.renderer ? ` on ${backend.renderer}` : ''}`;
  if (backend.backend === 'wasm') return `WebAssembly${backend.wasmFeatures ? ` (${backend.wasmFeatures})` : ''}`;
  return 'the CPU';
}

/**
 * Shows which TF.js backend trains this widget (and the GPU renderer or WebAssembly features), why, and lets
 * the learner switch among WebGL, WebAssembly and the CPU; switching restarts the widget's worker, so training
 * starts over.
 */
export function BackendBadge({ backend, preference, onPreferenceChange }: BackendBadgeProps) {
  const id = useId();
  const label = backend ? `${shortName(backend)}${preference === 'auto' ? ' (auto)' : ''}` : 'starting…';
  const title = backend ? [backend.reason, backend.renderer ?? backend.wasmFeatures].filter(Boolean).join(' · ') : 'TensorFlow.js is starting';
  return (
    <span className="backend-badge">
      <span className={`badge ${backend ? `badge-${backend.backend}` : ''}`} title={title}>
        Backend: {label}
        {backend?.renderer || backend?.wasmFeatures ? <span className="visually-hidden"> ({backend.renderer ?? backend.wasmFeatures})</span> : null}
      </span>
      <label htmlFor={id} className="visually-hidden">
        Backend
      </label>
      <select id={id} className="backend-select" value={preference} onChange={(event) => onPreferenceChange(event.target.value as BackendPreference)}>
        <option value="auto">Auto</option>
        <option value="webgl">WebGL (GPU)</option>
        <option value="wasm">WebAssembly</option>
        <option value="cpu">CPU</option>
      </select>
    </span>
  );
}

/** One visible line saying which backend trains the widget and why (the policy's reason, or the learner's choice). */
export function BackendReason({ backend }: { backend: BackendInfo | null }) {
  if (!backend || backend.fellBack) return null;
  return (
    <p className="widget-caption backend-reason">
      Training on {longName(backend)}. {backend.reason}.
    </p>
  );
}

/** A sentence for the widget body when the backend is not what the learner would expect. */
export function backendNotice(backend: BackendInfo | null): string | null {
  if (!backend?.fellBack) return null;
  return `${backend.reason}. Everything works, only more slowly for large models.`;
}
