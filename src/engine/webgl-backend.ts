/**
 * Everything the engine does with TF.js's WebGL backend: probing what WebGL this browser offers (for the
 * policy), starting and tuning the backend, and watching for (or causing) a lost context. Used by
 * select-backend.ts and the worker entry; imports the WebGL backend, so it lives only in the worker.
 */
import '@tensorflow/tfjs-backend-webgl';
import { tf } from '../core/tf/tf-core';
import { isSoftwareRenderer, type WebglProbe } from './backend-policy';
import type { BackendInfo } from './engine-types';

/**
 * Starts TF.js's WebGL backend, tuned for the renderer. Resolves with the backend's description, or with
 * the reason it cannot run (no WebGL in a worker, a context that fails to start).
 */
export async function startWebglBackend(reason: string): Promise<BackendInfo | { failure: string }> {
  try {
    if (!(await tf.setBackend('webgl'))) return { failure: 'the WebGL backend could not start' };
    await tf.ready();
    const webglVersion = tf.env().getNumber('WEBGL_VERSION');
    if (webglVersion < 1) return { failure: 'the browser offers no WebGL in a worker' };
    const renderer = readRenderer();
    tuneForRenderer(renderer);
    return { backend: 'webgl', renderer, webglVersion, reason, fellBack: false };
  } catch (error) {
    return { failure: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What WebGL this browser offers, read from a throwaway WebGL2 (or WebGL1) context on an OffscreenCanvas,
 * without starting TF.js's WebGL backend (no shaders are compiled). The context is released at once.
 */
export function probeWebgl(): WebglProbe {
  if (typeof OffscreenCanvas === 'undefined') return { kind: 'none', renderer: null };
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return { kind: 'none', renderer: null };
    const renderer = rendererOf(gl);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { kind: isSoftwareRenderer(renderer) ? 'software' : 'hardware', renderer };
  } catch {
    return { kind: 'none', renderer: null };
  }
}

/**
 * Kernel settings per renderer. On a software renderer TF.js's packed textures (four values per texel)
 * pay off for matrix products and forward convolutions but cost more than they save in elementwise ops
 * and in the convolution input gradient, where every pack/unpack is one more pass on the CPU.
 * `npm run bench` (kernel profile and LeNet-5 runs) measured LeNet-5 training at ~1.5× the examples/s of
 * the TF.js defaults on SwiftShader with these settings. Real GPUs keep the TF.js defaults.
 */
function tuneForRenderer(renderer: string | null): void {
  if (!isSoftwareRenderer(renderer)) return;
  tf.env().set('WEBGL_PACK_BINARY_OPERATIONS', false);
  tf.env().set('WEBGL_PACK_UNARY_OPERATIONS', false);
  tf.env().set('WEBGL_PACK_CONV2DTRANSPOSE', false);
}

/** The WebGL context the running backend draws with, or null on the CPU. */
function webglContext(): WebGLRenderingContext | null {
  try {
    if (tf.getBackend() !== 'webgl') return null;
    const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
    return backend.gpgpu?.gl ?? null;
  } catch {
    return null;
  }
}

/** True when the WebGL backend's context has been lost (driver reset, GPU removed, too many contexts). */
export function isWebglContextLost(): boolean {
  return webglContext()?.isContextLost() ?? false;
}

/**
 * Loses the WebGL context on purpose (WEBGL_lose_context), as a crashed or reset GPU would: for testing the
 * recovery and for demonstrating it. Returns false when there is no WebGL context or the extension is missing.
 */
export function loseWebglContext(): boolean {
  const extension = webglContext()?.getExtension('WEBGL_lose_context');
  extension?.loseContext();
  return Boolean(extension);
}

/** The GPU renderer string WebGL reports (unmasked where the browser allows it). */
function readRenderer(): string | null {
  try {
    const gl = webglContext();
    return gl ? rendererOf(gl) : null;
  } catch {
    return null;
  }
}

function rendererOf(gl: WebGLRenderingContext): string {
  const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}
