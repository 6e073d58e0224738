/**
 * The one place that imports TF.js: the core ops, every gradient, and the CPU backend.
 * The WebGL backend is registered by the engine's worker (src/engine/select-backend.ts), not here,
 * so Node unit tests run on the CPU backend without WebGL code.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';

export { tf };
export type Tensor = tf.Tensor;
export type Tensor2D = tf.Tensor2D;
export type Tensor4D = tf.Tensor4D;
export type Scalar = tf.Scalar;
export type Variable = tf.Variable;
