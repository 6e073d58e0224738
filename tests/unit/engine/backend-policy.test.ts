import { describe, expect, it } from 'vitest';
import { chooseBackend, describeWorkload, HEAVY_MULTIPLY_ADDS, isSoftwareRenderer, TINY_MULTIPLY_ADDS, type WebglProbe } from '../../../src/engine/backend-policy';
import { lenet5 } from '../../../src/core/nn/architectures/lenet5';

const playgroundMlp = {
  inputShape: [2],
  layers: [
    { kind: 'dense' as const, units: 8, activation: 'tanh' as const },
    { kind: 'dense' as const, units: 8, activation: 'tanh' as const },
    { kind: 'dense' as const, units: 1, activation: 'tanh' as const },
  ],
  initialization: { kind: 'glorot-normal' as const },
};
const wide = { ...playgroundMlp, inputShape: [784], layers: [{ kind: 'dense' as const, units: 512, activation: 'relu' as const }] };

const hardware: WebglProbe = { kind: 'hardware', renderer: 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)' };
const swiftshader: WebglProbe = { kind: 'software', renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))' };
const noWebgl: WebglProbe = { kind: 'none', renderer: null };

describe('describeWorkload', () => {
  it('counts forward multiply–adds per step and notices convolutions', () => {
    expect(describeWorkload(playgroundMlp, 10)).toEqual({ hasConvolution: false, multiplyAddsPerStep: (2 * 8 + 8 * 8 + 8) * 10 });
    expect(describeWorkload(lenet5, 64).hasConvolution).toBe(true);
  });
});

describe('chooseBackend: the policy over WebGL, WebAssembly and the CPU', () => {
  const lenet = describeWorkload(lenet5, 64);

  it('sends convolutions to WebGL on a real GPU', () => {
    expect(chooseBackend(lenet, hardware)).toEqual({ backend: 'webgl', reason: 'convolutions train fastest on the GPU' });
  });

  it('sends convolutions to WebAssembly where WebGL is software-rendered, and says so', () => {
    expect(chooseBackend(lenet, swiftshader)).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/emulated on the CPU by a software renderer/) });
  });

  it('sends convolutions to WebAssembly where there is no WebGL', () => {
    expect(chooseBackend(lenet, noWebgl)).toMatchObject({ backend: 'wasm', reason: expect.stringMatching(/offers no WebGL/) });
  });

  it('treats a large fully connected network like a convolutional one, from HEAVY_MULTIPLY_ADDS per step on', () => {
    expect(784 * 512 * 64).toBeGreaterThan(HEAVY_MULTIPLY_ADDS);
    expect(chooseBackend(describeWorkload(wide, 64), hardware)).toEqual({
      backend: 'webgl',
      reason: 'a network this large (25,690,112 multiply–adds per step) trains fastest on the GPU',
    });
    expect(chooseBackend({ hasConvolution: false, multiplyAddsPerStep: HEAVY_MULTIPLY_ADDS }, hardware).backend).toBe('webgl');
    expect(chooseBackend({ hasConvolution: false, multiplyAddsPerStep: HEAVY_MULTIPLY_ADDS - 1 }, hardware).backend).toBe('wasm');
    expect(chooseBackend(describeWorkload(wide, 64), hardware).backend).toBe('webgl');
    expect(chooseBackend(describeWorkload(wide, 64), swiftshader).backend).toBe('wasm');
  });

  it('keeps small fully connected networks off the GPU, on WebAssembly, whatever the GPU', () => {
    for (const webgl of [hardware, swiftshader, noWebgl]) {
      const choice = chooseBackend(describeWorkload(playgroundMlp, 10), webgl);
      expect(choice.backend).toBe('wasm');
      expect(choice.reason).toMatch(/880 multiply–adds per step/);
    }
    expect(chooseBackend(describeWorkload(wide, 1), hardware).backend).toBe('wasm');
  });

  it('keeps tiny networks on the plain JavaScript CPU backend', () => {
    const pointPerceptron = { inputShape: [2], layers: [{ kind: 'dense' as const, units: 1 }], initialization: { kind: 'zeros' as const } };
    const choice = chooseBackend(describeWorkload(pointPerceptron, 40), hardware);
    expect(choice).toEqual({ backend: 'cpu', reason: expect.stringMatching(/^a network this tiny \(80 multiply–adds per step\)/) });
    expect(chooseBackend({ hasConvolution: false, multiplyAddsPerStep: TINY_MULTIPLY_ADDS - 1 }, noWebgl).backend).toBe('cpu');
    expect(chooseBackend({ hasConvolution: false, multiplyAddsPerStep: TINY_MULTIPLY_ADDS }, noWebgl).backend).toBe('wasm');
  });

  it('never keeps a convolution on the CPU backend, however small', () => {
    expect(chooseBackend({ hasConvolution: true, multiplyAddsPerStep: 10 }, noWebgl).backend).toBe('wasm');
    expect(chooseBackend({ hasConvolution: true, multiplyAddsPerStep: 10 }, hardware).backend).toBe('webgl');
  });
});

describe('isSoftwareRenderer', () => {
  it('recognises SwiftShader, llvmpipe and the Basic Render Driver, and nothing else', () => {
    expect(isSoftwareRenderer(swiftshader.renderer)).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11)')).toBe(true);
    expect(isSoftwareRenderer(hardware.renderer)).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer(null)).toBe(false);
  });
});
