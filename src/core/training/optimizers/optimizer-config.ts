/**
 * Optimizers as plain data: what a widget stores, puts in the URL and sends to the worker.
 * `createOptimizer` (create-optimizer.ts) turns a config into the object that updates the weights.
 */

/**
 * Which update rule, with its hyper-parameters; every field but `kind` is optional and falls back to
 * `OPTIMIZER_DEFAULTS[kind]`. `weightDecay` (λ) is decoupled weight decay, the same for every kind:
 * w ← w − η λ w on the parameters that decay (see `ParameterUpdate.decays`).
 */
export type OptimizerConfig =
  | { kind: 'sgd'; weightDecay?: number }
  | { kind: 'momentum'; momentum?: number; weightDecay?: number }
  | { kind: 'nesterov'; momentum?: number; weightDecay?: number }
  | { kind: 'rmsprop'; decay?: number; epsilon?: number; weightDecay?: number }
  | { kind: 'adam'; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number }
  | { kind: 'adamw'; beta1?: number; beta2?: number; epsilon?: number; weightDecay?: number };

export type OptimizerKind = OptimizerConfig['kind'];

/** The config of one kind with every hyper-parameter present. */
export type ResolvedOptimizerConfig<K extends OptimizerKind = OptimizerKind> = K extends OptimizerKind ? Required<Extract<OptimizerConfig, { kind: K }>> : never;

/** Every kind, in the order a picker lists them (simplest first). */
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['sgd', 'momentum', 'nesterov', 'rmsprop', 'adam', 'adamw'];

/**
 * The value each omitted hyper-parameter takes. ε is 1e-7 (TF.js's float32 default, Keras's too);
 * only AdamW decays by default (λ 0.01, PyTorch's default).
 */
export const OPTIMIZER_DEFAULTS: { readonly [K in OptimizerKind]: Readonly<ResolvedOptimizerConfig<K>> } = {
  sgd: { kind: 'sgd', weightDecay: 0 },
  momentum: { kind: 'momentum', momentum: 0.9, weightDecay: 0 },
  nesterov: { kind: 'nesterov', momentum: 0.9, weightDecay: 0 },
  rmsprop: { kind: 'rmsprop', decay: 0.9, epsilon: 1e-7, weightDecay: 0 },
  adam: { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0 },
  adamw: { kind: 'adamw', beta1: 0.9, beta2: 0.999, epsilon: 1e-7, weightDecay: 0.01 },
};

const KIND_NAMES: { readonly [K in OptimizerKind]: string } = {
  sgd: 'SGD',
  momentum: 'Momentum',
  nesterov: 'Nesterov',
  rmsprop: 'RMSProp',
  adam: 'Adam',
  adamw: 'AdamW',
};

function isKind(kind: unknown): kind is OptimizerKind {
  return typeof kind === 'string' && (OPTIMIZER_KINDS as readonly string[]).includes(kind);
}

/** The config with every omitted hyper-parameter filled in from `OPTIMIZER_DEFAULTS`; throws for an unknown kind. */
export function resolveOptimizerConfig<K extends OptimizerKind>(config: Extract<OptimizerConfig, { kind: K }>): ResolvedOptimizerConfig<K>;
export function resolveOptimizerConfig(config: OptimizerConfig): ResolvedOptimizerConfig;
export function resolveOptimizerConfig(config: OptimizerConfig): ResolvedOptimizerConfig {
  const kind: unknown = (config as { kind?: unknown } | null)?.kind;
  if (!isKind(kind)) throw new Error(`Unknown optimizer ${JSON.stringify(kind)}`);
  const resolved: Record<string, unknown> = { ...OPTIMIZER_DEFAULTS[config.kind] };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined && key in resolved) resolved[key] = value;
  }
  return resolved as ResolvedOptimizerConfig;
}

function checkFraction(name: string, value: number): string | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return `${name} must be a number, got ${String(value)}`;
  if (value < 0 || value >= 1) return `${name} must be ≥ 0 and < 1, got ${value}`;
  return null;
}

/**
 * A learner-readable problem with the config's hyper-parameters, or null when it is usable:
 * momentum, ρ, β₁ and β₂ in [0, 1); ε finite and > 0; λ finite and ≥ 0; no NaN anywhere.
 */
export function validateOptimizerConfig(config: OptimizerConfig): string | null {
  const kind: unknown = (config as { kind?: unknown } | null)?.kind;
  if (!isKind(kind)) {
    return `Unknown optimizer ${JSON.stringify(kind)}: expected one of ${OPTIMIZER_KINDS.join(', ')}`;
  }
  const resolved = resolveOptimizerConfig(config);
  const name = KIND_NAMES[resolved.kind];
  const problems: (string | null)[] = [];
  switch (resolved.kind) {
    case 'sgd':
      break;
    case 'momentum':
    case 'nesterov':
      problems.push(checkFraction(`${name} momentum μ`, resolved.momentum));
      break;
    case 'rmsprop':
      problems.push(checkFraction(`${name} decay ρ`, resolved.decay));
      break;
    case 'adam':
    case 'adamw':
      problems.push(checkFraction(`${name} β₁`, resolved.beta1), checkFraction(`${name} β₂`, resolved.beta2));
      break;
  }
  if ('epsilon' in resolved) {
    const epsilon = resolved.epsilon;
    if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon <= 0) {
      problems.push(`${name} ε must be a positive number, got ${String(epsilon)}`);
    }
  }
  const weightDecay = resolved.weightDecay;
  if (typeof weightDecay !== 'number' || !Number.isFinite(weightDecay) || weightDecay < 0) {
    problems.push(`${name} weight decay λ must be a finite number ≥ 0, got ${String(weightDecay)}`);
  }
  return problems.find((problem) => problem !== null) ?? null;
}

/** A short human label, e.g. "Adam (β₁ 0.9, β₂ 0.999)", "Momentum (μ 0.9)", "AdamW (β₁ 0.9, β₂ 0.999, λ 0.01)". */
export function describeOptimizer(config: OptimizerConfig): string {
  const resolved = resolveOptimizerConfig(config);
  const details: string[] = [];
  switch (resolved.kind) {
    case 'sgd':
      break;
    case 'momentum':
    case 'nesterov':
      details.push(`μ ${resolved.momentum}`);
      break;
    case 'rmsprop':
      details.push(`ρ ${resolved.decay}`);
      break;
    case 'adam':
    case 'adamw':
      details.push(`β₁ ${resolved.beta1}`, `β₂ ${resolved.beta2}`);
      break;
  }
  if (resolved.weightDecay > 0) details.push(`λ ${resolved.weightDecay}`);
  const name = KIND_NAMES[resolved.kind];
  return details.length > 0 ? `${name} (${details.join(', ')})` : name;
}
