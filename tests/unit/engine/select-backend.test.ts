import { describe, expect, it } from 'vitest';
import { tf } from '../../../src/core/tf/tf-core';
import { selectBackend, type BackendStarters } from '../../../src/engine/select-backend';
import type { Workload, WebglProbe } from '../../../src/engine/backend-policy';
import type { BackendInfo } from '../../../src/engine/engine-types';

const convolutional: Workload = { hasConvolution: true, multiplyAddsPerStep: 26_000_000 };
const tiny: Workload = { hasConvolution: false, multiplyAddsPerStep: 880 };
const swiftshader: WebglProbe = { kind: 'software', renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' };

/** Stand-in starters that record what was tried; the CPU backend is the real one (Node). */
function starters({ webgl = 'works', wasm = 'works', probe = swiftshader }: { webgl?: 'works' | string; wasm?: 'works' | string; probe?: WebglProbe } = {}) {
  const tried: string[] = [];
  const fake: BackendStarters = {
    probeWebgl: () => (tried.push('probe'), probe),
    startWebgl: async (reason) => {
      tried.push('webgl');
      return webgl === 'works' ? ({ backend: 'webgl', renderer: probe.renderer, webglVersion: 2, reason, fellBack: false } satisfies BackendInfo) : { failure: webgl };
    },
    startWasm: async () => {
      tried.push('wasm');
      if (wasm !== 'works') throw new Error(wasm);
      return 'SIMD, 1 thread';
    },
  };
  return { fake, tried };
}

describe('selectBackend', () => {
  it('Auto: probes WebGL for a convolutional network and starts WebAssembly on a software renderer', async () => {
    const { fake, tried } = starters();
    const info = await selectBackend('auto', convolutional, fake);
    expect(info).toMatchObject({
      backend: 'wasm',
      wasmFeatures: 'SIMD, 1 thread',
      fellBack: false,
      reason: expect.stringMatching(/^Auto: convolutions train faster on WebAssembly/),
    });
    expect(tried).toEqual(['probe', 'wasm']);
  });

  it('Auto: starts WebGL for a convolutional network on a real GPU', async () => {
    const { fake, tried } = starters({ probe: { kind: 'hardware', renderer: 'Apple M2' } });
    expect(await selectBackend('auto', convolutional, fake)).toMatchObject({ backend: 'webgl', reason: 'Auto: convolutions train fastest on the GPU' });
    expect(tried).toEqual(['probe', 'webgl']);
  });

  it('Auto: does not even probe WebGL for a tiny network', async () => {
    const { fake, tried } = starters();
    expect((await selectBackend('auto', tiny, fake)).backend).toBe('wasm');
    expect(tried).toEqual(['wasm']);
  });

  it("honours the learner's choice, whatever the policy would say", async () => {
    const { fake, tried } = starters();
    expect(await selectBackend('webgl', tiny, fake)).toMatchObject({ backend: 'webgl', reason: 'Chosen by you (or ?backend=webgl)' });
    expect(await selectBackend('cpu', convolutional, fake)).toMatchObject({ backend: 'cpu', fellBack: false });
    expect(tf.getBackend()).toBe('cpu');
    expect(tried).toEqual(['webgl']);
  });

  it('falls back from WebGL to WebAssembly for heavy work, and says why', async () => {
    const { fake } = starters({ webgl: 'no context' });
    expect(await selectBackend('webgl', convolutional, fake)).toMatchObject({
      backend: 'wasm',
      fellBack: true,
      reason: 'WebGL unavailable (no context); training on WebAssembly instead',
    });
  });

  it('falls back from WebGL to the CPU for small work', async () => {
    const { fake, tried } = starters({ webgl: 'no context' });
    expect(await selectBackend('webgl', tiny, fake)).toMatchObject({ backend: 'cpu', fellBack: true, reason: 'WebGL unavailable (no context); training on the CPU instead' });
    expect(tried).toEqual(['webgl']);
  });

  it('falls back to the CPU when WebAssembly cannot start, and says so', async () => {
    const { fake } = starters({ wasm: 'blocked binary' });
    const info = await selectBackend('auto', convolutional, fake);
    expect(info).toMatchObject({ backend: 'cpu', fellBack: true, reason: 'WebAssembly unavailable (blocked binary); training on the CPU instead' });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('names both failures when neither WebGL nor WebAssembly starts', async () => {
    const { fake } = starters({ webgl: 'no context', wasm: 'blocked binary' });
    expect((await selectBackend('webgl', convolutional, fake)).reason).toBe(
      'WebGL unavailable (no context); WebAssembly unavailable (blocked binary); training on the CPU instead',
    );
  });
});
