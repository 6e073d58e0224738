import '@tensorflow/tfjs-backend-webgl';
import { tf } from '../core/tf/tf-core';
import type { BackendInfo, BackendPreference } from './engine-types';

/**
 * Picks the TF.js backend inside the worker: WebGL2 first (unless `cpu` was asked for), else CPU.
 * A failure to start WebGL is not an error: the learner gets the CPU backend and the reason.
 */
export async function selectBackend(preference: BackendPreference): Promise<BackendInfo> {
  let fallbackReason = '';
  if (preference !== 'cpu') {
    try {
      if (await tf.setBackend('webgl')) {
        await tf.ready();
        const webglVersion = tf.env().getNumber('WEBGL_VERSION');
        if (webglVersion >= 1) {
          return {
            backend: 'webgl',
            renderer: readRenderer(),
            webglVersion,
            reason: preference === 'webgl' ? 'Requested with ?backend=webgl' : `WebGL${webglVersion} available`,
            fellBack: false,
          };
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
  return {
    backend: 'cpu',
    renderer: null,
    webglVersion: null,
    reason: preference === 'cpu' ? 'Requested with ?backend=cpu' : `WebGL unavailable (${fallbackReason}); training on the CPU instead`,
    fellBack: preference !== 'cpu',
  };
}

/** The GPU renderer string WebGL reports (unmasked where the browser allows it). */
function readRenderer(): string | null {
  try {
    const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
    const gl = backend.gpgpu?.gl;
    if (!gl) return null;
    const debugInfo = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(debugInfo ? debugInfo.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}
