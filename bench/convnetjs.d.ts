/**
 * Minimal types for ConvNetJS 0.3.0 (node_modules/convnetjs/build/convnet.js), covering only what
 * bench/convnetjs-lenet.ts uses. The package is CommonJS (`module.exports = convnetjs`), so it is
 * imported as `import convnetjs from 'convnetjs'`. Arrays are Float64Array wherever ArrayBuffer exists
 * (every browser and Node), which is what `convnetjs.zeros` returns there.
 */
declare module 'convnetjs' {
  namespace convnetjs {
    /** A sx × sy × depth volume; element (x, y, d) is `w[(sx * y + x) * depth + d]`, `dw` its gradient. */
    class Vol {
      /** Fills with `c`, or with N(0, 1 / (sx·sy·depth)) samples when `c` is omitted. */
      constructor(sx: number, sy: number, depth: number, c?: number);
      sx: number;
      sy: number;
      depth: number;
      w: Float64Array;
      dw: Float64Array;
    }

    type Activation = 'relu' | 'sigmoid' | 'tanh' | 'maxout';

    /** Layer definitions for `Net.makeLayers`; `activation` appends a separate activation layer. */
    type LayerDef =
      | { type: 'input'; out_sx: number; out_sy: number; out_depth: number }
      | { type: 'conv'; sx: number; sy?: number; filters: number; stride?: number; pad?: number; activation?: Activation; bias_pref?: number }
      | { type: 'pool'; sx: number; sy?: number; stride?: number; pad?: number }
      | { type: 'fc'; num_neurons: number; activation?: Activation; bias_pref?: number }
      /** Desugars to an fc layer of `num_classes` units followed by the softmax (cross-entropy) layer. */
      | { type: 'softmax'; num_classes: number };

    interface LayerBase {
      out_sx: number;
      out_sy: number;
      out_depth: number;
    }
    interface ConvLayer extends LayerBase {
      layer_type: 'conv';
      sx: number;
      sy: number;
      in_depth: number;
      stride: number;
      pad: number;
      /** One sx × sy × in_depth Vol per output channel. */
      filters: Vol[];
      /** 1 × 1 × out_depth. */
      biases: Vol;
    }
    interface FullyConnLayer extends LayerBase {
      layer_type: 'fc';
      num_inputs: number;
      /** One 1 × 1 × num_inputs Vol per output unit. */
      filters: Vol[];
      biases: Vol;
    }
    interface PoolLayer extends LayerBase {
      layer_type: 'pool';
      sx: number;
      sy: number;
      stride: number;
      pad: number;
    }
    interface ParameterFreeLayer extends LayerBase {
      layer_type: 'input' | 'relu' | 'sigmoid' | 'tanh' | 'maxout' | 'dropout' | 'lrn' | 'softmax' | 'regression' | 'svm' | 'quadtransform';
    }
    type Layer = ConvLayer | FullyConnLayer | PoolLayer | ParameterFreeLayer;

    interface ParamsAndGrads {
      params: Float64Array;
      grads: Float64Array;
      l1_decay_mul?: number;
      l2_decay_mul?: number;
    }

    class Net {
      constructor();
      layers: Layer[];
      makeLayers(defs: LayerDef[]): void;
      forward(input: Vol, isTraining?: boolean): Vol;
      /** Backpropagates the loss of class `y`, accumulating into every `dw`; returns the loss. */
      backward(y: number): number;
      getParamsAndGrads(): ParamsAndGrads[];
      getPrediction(): number;
    }

    interface TrainerOptions {
      method?: 'sgd' | 'adagrad' | 'adadelta' | 'windowgrad';
      learning_rate?: number;
      momentum?: number;
      batch_size?: number;
      l1_decay?: number;
      l2_decay?: number;
      ro?: number;
      eps?: number;
    }

    interface TrainingStats {
      fwd_time: number;
      bwd_time: number;
      l1_decay_loss: number;
      l2_decay_loss: number;
      /** The data loss of this example (softmax cross-entropy for a softmax net). */
      cost_loss: number;
      softmax_loss: number;
      loss: number;
    }

    /** Forward + backward per call; applies the averaged gradients every `batch_size` calls. */
    class Trainer {
      constructor(net: Net, options?: TrainerOptions);
      learning_rate: number;
      batch_size: number;
      momentum: number;
      /** Calls of `train` so far. */
      k: number;
      train(x: Vol, y: number): TrainingStats;
    }
  }
  export = convnetjs;
}
