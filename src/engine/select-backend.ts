import '@tensorflow/tfjs-backend-webgl';
import { tf } from '../core/tf/tf-core';
import type { BackendRecommendation } from './backend-policy';
import type { BackendInfo, BackendPreference } from './engine-types';

/**
 * Starts the TF.js backend inside the worker.
 * - `webgl` / `cpu`: what the learner or `?backend=` asked for.
 * - `auto`: what the backend policy recommends for this widget's network.
 * WebGL that fails to start is not an error: training continues on the CPU and the reason is reported.
 */
export async function selectBackend(preference: BackendPreference, recommendation: BackendRecommendation): Promise<BackendInfo> {
  const wanted = preference === 'auto' ? recommendation.backend : preference;
  const why = preference === 'auto' ? `Auto: ${recommendation.reason}` : `Chosen by you (or ?backend=${preference})`;
  let fallbackReason = '';
  if (wanted === 'webgl') {
    try {
      if (await tf.setBackend('webgl')) {
        await tf.ready();
        const webglVersion = tf.env().getNumber('WEBGL_VERSION');
        if (webglVersion >= 1) {
          const renderer = readRenderer();
          tuneForRenderer(renderer);
          return { backend: 'webgl', renderer, webglVersion, reason: why, fellBack: false };
        }
        fallbackReason = 'the browser offers no WebGL in a worker';
      } else {
        fallbackReason = 'the WebGL backend could not start';
      }
    } catch (error) {
      fallbackReason = error instanceof Error ? error.message : String(error);
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const fellBack = wanted === 'webgl';
  return {
    backend: 'cpu',
    renderer: null,
    webglVersion: null,
    reason: fellBack ? `WebGL unavailable (${fallbackReason}); training on the CPU instead` : why,
    fellBack,
  };
}

/** Software renderers: WebGL emulated on the CPU (SwiftShader in headless Chrome, Mesa's llvmpipe). */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
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
    if (!gl) return null;
    const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}
