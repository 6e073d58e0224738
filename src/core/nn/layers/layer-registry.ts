import { activationLayer } from './activation';
import { batchNormLayer } from './batch-norm';
import { conv2dLayer } from './conv2d';
import { denseLayer } from './dense';
import { dropoutLayer } from './dropout';
import { flattenLayer } from './flatten';
import type { LayerDefinition } from './layer-definition';
import type { LayerKind, LayerSpec } from './layer-spec';
import { poolingLayer } from './pooling';

/** Every layer kind → its definition. */
export const layerRegistry: { readonly [K in LayerKind]: LayerDefinition<Extract<LayerSpec, { kind: K }>> } = {
  dense: denseLayer,
  conv2d: conv2dLayer,
  'max-pool': poolingLayer,
  'avg-pool': poolingLayer,
  flatten: flattenLayer,
  activation: activationLayer,
  dropout: dropoutLayer,
  'batch-norm': batchNormLayer,
};

/** The definition of `spec`'s kind; throws for an unknown kind (specs may come from URLs or JSON). */
export function layerDefinition<S extends LayerSpec>(spec: S): LayerDefinition<S> {
  const definition = Object.prototype.hasOwnProperty.call(layerRegistry, spec.kind) ? layerRegistry[spec.kind] : undefined;
  if (!definition) throw new Error(`unknown layer kind '${String(spec.kind)}'`);
  return definition as unknown as LayerDefinition<S>;
}
