/**
 * Vitest setup: TF.js runs on the cpu backend under Node; IS_TEST silences the tfjs-node hint.
 * Component tests opt into jsdom per file with `// @vitest-environment jsdom`.
 */
import * as tf from '@tensorflow/tfjs-core';

tf.env().set('IS_TEST', true);
