/*
 * The backprop stepper's math: a 2 → 2 → 1 network of sigmoid units written as a computation graph of
 * primitive operations (multiply by a weight, sum with a bias, sigmoid, loss), its forward pass, its
 * backward pass node by node, one gradient-descent update, and the learner's position in that walk.
 * Pure TypeScript: no React, no DOM, no TF.js.
 *
 *   p₁ = w₁·x₁   p₂ = w₂·x₂   z₁ = p₁ + p₂ + b₁   h₁ = σ(z₁)
 *   p₃ = w₃·x₁   p₄ = w₄·x₂   z₂ = p₃ + p₄ + b₂   h₂ = σ(z₂)
 *   p₅ = w₅·h₁   p₆ = w₆·h₂   z₃ = p₅ + p₆ + b₃   ŷ = σ(z₃)
 *   L = ½(ŷ − t)²   or   L = −[t·log ŷ + (1 − t)·log(1 − ŷ)]
 */

/** The loss at the end of the graph: half squared error or binary cross entropy. */
export type StepperLoss = 'squared-error' | 'cross-entropy';

export const LOSS_OPTIONS: ReadonlyArray<{ value: StepperLoss; label: string }> = [
  { value: 'squared-error', label: 'Squared error ½(ŷ − t)²' },
  { value: 'cross-entropy', label: 'Binary cross entropy' },
];

/** The nine trainable parameters, in the order the update table lists them. */
export const PARAMETER_IDS = ['w1', 'w2', 'b1', 'w3', 'w4', 'b2', 'w5', 'w6', 'b3'] as const;
export type ParameterId = (typeof PARAMETER_IDS)[number];

/** Everything the learner can type: the example (x₁, x₂, t) and the parameters. */
export type InputId = 'x1' | 'x2' | 'target' | ParameterId;
export type StepperInputs = Record<InputId, number>;

/** The operation nodes, in forward (topological) order. */
export const OPERATION_IDS = ['p1', 'p2', 'z1', 'h1', 'p3', 'p4', 'z2', 'h2', 'p5', 'p6', 'z3', 'y', 'L'] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

/** Every node of the drawn graph: leaves (example and parameters) and operations. */
export type NodeId = InputId | OperationId;

/** The nodes whose gradient ∂L/∂node the backward pass computes, in the order it visits them. */
export const BACKWARD_ORDER = ['L', 'y', 'z3', 'b3', 'p5', 'w5', 'p6', 'w6', 'h1', 'z1', 'b1', 'p1', 'w1', 'p2', 'w2', 'h2', 'z2', 'b2', 'p3', 'w3', 'p4', 'w4'] as const;
export type GradientId = (typeof BACKWARD_ORDER)[number];

/** Typed values (example, weights, learning rate) are limited to this magnitude, so σ and log stay finite. */
export const VALUE_LIMIT = 10;
export const LEARNING_RATE_RULE = { label: 'Learning rate η', min: 0.001, max: 10 };

/** Subscript digits for labels: x₁, w₅, z₃. */
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';

/** The printed name of a node: "w₁", "ŷ", "t", "L". */
export function nodeLabel(id: NodeId): string {
  if (id === 'y') return 'ŷ';
  if (id === 'target') return 't';
  if (id === 'L') return 'L';
  return id.replace(/\d/g, (digit) => SUBSCRIPTS[Number(digit)]);
}

/** The starting example and parameters (small enough that every number reads easily). */
export const DEFAULT_INPUTS: StepperInputs = {
  x1: 1,
  x2: 0.5,
  target: 1,
  w1: 0.5,
  w2: -0.4,
  b1: 0.1,
  w3: -0.3,
  w4: 0.8,
  b2: 0.2,
  w5: 0.7,
  w6: -0.6,
  b3: 0.1,
};
export const DEFAULT_LEARNING_RATE = 1;

/** σ(z) = 1 / (1 + e^(−z)), computed without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The value of every operation node for one example. */
export type ForwardValues = Record<OperationId, number>;

/** L(ŷ, t) for the chosen loss. Cross entropy uses the convention 0·log 0 = 0. */
export function lossValue(loss: StepperLoss, prediction: number, target: number): number {
  if (loss === 'squared-error') return 0.5 * (prediction - target) ** 2;
  const term = (weight: number, probability: number) => (weight === 0 ? 0 : weight * Math.log(probability));
  return 0 - (term(target, prediction) + term(1 - target, 1 - prediction));
}

/** The forward pass, node by node (see the module comment for the graph). */
export function forwardPass(inputs: StepperInputs, loss: StepperLoss): ForwardValues {
  const { x1, x2, w1, w2, b1, w3, w4, b2, w5, w6, b3, target } = inputs;
  const p1 = w1 * x1;
  const p2 = w2 * x2;
  const z1 = p1 + p2 + b1;
  const h1 = sigmoid(z1);
  const p3 = w3 * x1;
  const p4 = w4 * x2;
  const z2 = p3 + p4 + b2;
  const h2 = sigmoid(z2);
  const p5 = w5 * h1;
  const p6 = w6 * h2;
  const z3 = p5 + p6 + b3;
  const y = sigmoid(z3);
  return { p1, p2, z1, h1, p3, p4, z2, h2, p5, p6, z3, y, L: lossValue(loss, y, target) };
}

/** ∂L/∂node for every node the backward pass visits. */
export type Gradients = Record<GradientId, number>;

/**
 * ∂L/∂ŷ: ŷ − t for ½(ŷ − t)²; −t/ŷ + (1 − t)/(1 − ŷ) = (ŷ − t) / (ŷ(1 − ŷ)) for cross entropy.
 */
export function lossGradient(loss: StepperLoss, prediction: number, target: number): number {
  if (loss === 'squared-error') return prediction - target;
  return (prediction - target) / (prediction * (1 - prediction));
}

/**
 * The backward pass by the chain rule, one node at a time in BACKWARD_ORDER:
 * a sum passes its gradient to each addend (∂z/∂p = ∂z/∂b = 1); a product p = w·a sends ∂L/∂p · a to w and
 * ∂L/∂p · w to a; σ multiplies by σ'(z) = σ(z)(1 − σ(z)).
 */
export function backwardPass(inputs: StepperInputs, values: ForwardValues, loss: StepperLoss): Gradients {
  const dL = 1;
  const dy = dL * lossGradient(loss, values.y, inputs.target);
  const dz3 = dy * values.y * (1 - values.y);
  const dp5 = dz3;
  const dp6 = dz3;
  const dh1 = dp5 * inputs.w5;
  const dh2 = dp6 * inputs.w6;
  const dz1 = dh1 * values.h1 * (1 - values.h1);
  const dz2 = dh2 * values.h2 * (1 - values.h2);
  return {
    L: dL,
    y: dy,
    z3: dz3,
    b3: dz3,
    p5: dp5,
    w5: dp5 * values.h1,
    p6: dp6,
    w6: dp6 * values.h2,
    h1: dh1,
    z1: dz1,
    b1: dz1,
    p1: dz1,
    w1: dz1 * inputs.x1,
    p2: dz1,
    w2: dz1 * inputs.x2,
    h2: dh2,
    z2: dz2,
    b2: dz2,
    p3: dz2,
    w3: dz2 * inputs.x1,
    p4: dz2,
    w4: dz2 * inputs.x2,
  };
}

/** One parameter's gradient-descent update w ← w − η ∂L/∂w. */
export interface ParameterUpdate {
  id: ParameterId;
  old: number;
  gradient: number;
  updated: number;
}

/** w ← w − η ∂L/∂w for every parameter, in PARAMETER_IDS order. */
export function parameterUpdates(inputs: StepperInputs, gradients: Gradients, learningRate: number): ParameterUpdate[] {
  return PARAMETER_IDS.map((id) => ({ id, old: inputs[id], gradient: gradients[id], updated: inputs[id] - learningRate * gradients[id] }));
}

/** The walk: position 0 shows only the leaves; then one forward node per position, one backward node, then the update. */
export type Step = { kind: 'start' } | { kind: 'forward'; node: OperationId } | { kind: 'backward'; node: GradientId } | { kind: 'update' };

export const STEPS: readonly Step[] = [
  { kind: 'start' },
  ...OPERATION_IDS.map((node): Step => ({ kind: 'forward', node })),
  ...BACKWARD_ORDER.map((node): Step => ({ kind: 'backward', node })),
  { kind: 'update' },
];
/** The last position (the update table). */
export const LAST_POSITION = STEPS.length - 1;

/** Operation nodes whose value is shown at `position` (those the forward pass has reached). */
export function computedValues(position: number): Set<OperationId> {
  return new Set(OPERATION_IDS.slice(0, Math.max(0, Math.min(position, OPERATION_IDS.length))));
}

/** Nodes whose gradient is shown at `position`. */
export function computedGradients(position: number): Set<GradientId> {
  const reached = Math.max(0, Math.min(position - OPERATION_IDS.length, BACKWARD_ORDER.length));
  return new Set(BACKWARD_ORDER.slice(0, reached));
}

/** An edge of the graph, from an operand to the node that uses it. */
export interface GraphEdge {
  from: NodeId;
  to: OperationId;
}

/** The operands of each operation node. */
export const OPERANDS: Record<OperationId, readonly NodeId[]> = {
  p1: ['w1', 'x1'],
  p2: ['w2', 'x2'],
  z1: ['p1', 'p2', 'b1'],
  h1: ['z1'],
  p3: ['w3', 'x1'],
  p4: ['w4', 'x2'],
  z2: ['p3', 'p4', 'b2'],
  h2: ['z2'],
  p5: ['w5', 'h1'],
  p6: ['w6', 'h2'],
  z3: ['p5', 'p6', 'b3'],
  y: ['z3'],
  L: ['y', 'target'],
};

export const EDGES: readonly GraphEdge[] = OPERATION_IDS.flatMap((to) => OPERANDS[to].map((from) => ({ from, to })));

/** Key of an edge for look-ups: "w1->p1". */
export const edgeKey = (edge: GraphEdge) => `${edge.from}->${edge.to}`;

/** A number as the widget prints it: 3 decimals, 3 significant digits below 0.1 (exponent below 10⁻⁴ or from 10⁴), a real minus sign. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude >= 1e4) text = value.toExponential(2).replace('e+', 'e');
  else if (magnitude >= 0.1) text = value.toFixed(3);
  else if (magnitude >= 1e-4) text = value.toPrecision(3);
  else text = value.toExponential(2).replace('e+', 'e');
  if (/^-0(\.0+)?$/.test(text)) text = text.slice(1);
  return text.replace('-', '−');
}

/** Wraps a negative factor in parentheses so "0.2 × (−0.4)" reads right. */
const factor = (value: number) => (value < 0 ? `(${formatValue(value)})` : formatValue(value));

/** What the learner reads for one position: the node, its formula with numbers, a sentence, and what to highlight. */
export interface StepDescription {
  /** The node being computed (null at the start and at the update). */
  node: NodeId | null;
  /** A short heading: "Forward · node 3 of 13". */
  heading: string;
  /** The formula with the numbers, e.g. "∂L/∂z₁ = ∂L/∂h₁ · σ'(z₁) = 0.213 × 0.249 = 0.053". */
  formula: string;
  /** One or two plain sentences on what this step does. */
  explanation: string;
  /** Nodes whose values the formula uses (highlighted). */
  operands: NodeId[];
  /** Edges the formula uses (highlighted). */
  edges: GraphEdge[];
}

const d = (id: NodeId) => `∂L/∂${nodeLabel(id)}`;

/** Everything the widget shows for one configuration: values, gradients and the update. */
export interface StepperComputation {
  values: ForwardValues;
  gradients: Gradients;
  updates: ParameterUpdate[];
}

export function computeStepper(inputs: StepperInputs, loss: StepperLoss, learningRate: number): StepperComputation {
  const values = forwardPass(inputs, loss);
  const gradients = backwardPass(inputs, values, loss);
  return { values, gradients, updates: parameterUpdates(inputs, gradients, learningRate) };
}

/** The value of any node (leaf or operation). */
export function nodeValue(id: NodeId, inputs: StepperInputs, values: ForwardValues): number {
  return id in values ? values[id as OperationId] : inputs[id as InputId];
}

function describeForward(node: OperationId, inputs: StepperInputs, values: ForwardValues, loss: StepperLoss): Pick<StepDescription, 'formula' | 'explanation'> {
  const v = (id: NodeId) => nodeValue(id, inputs, values);
  const name = nodeLabel(node);
  const operands = OPERANDS[node];
  if (node.startsWith('p')) {
    const [weight, input] = operands;
    return {
      formula: `${name} = ${nodeLabel(weight)} · ${nodeLabel(input)} = ${factor(v(weight))} × ${factor(v(input))} = ${formatValue(v(node))}`,
      explanation: `Multiply ${nodeLabel(input)} by its weight ${nodeLabel(weight)}.`,
    };
  }
  if (node.startsWith('z')) {
    const [a, b, bias] = operands;
    return {
      formula: `${name} = ${nodeLabel(a)} + ${nodeLabel(b)} + ${nodeLabel(bias)} = ${formatValue(v(a))} + ${factor(v(b))} + ${factor(v(bias))} = ${formatValue(v(node))}`,
      explanation: `Add the two weighted inputs and the bias ${nodeLabel(bias)}: the unit's pre-activation.`,
    };
  }
  if (node === 'L') {
    const { y } = values;
    const t = inputs.target;
    return loss === 'squared-error'
      ? {
          formula: `L = ½(ŷ − t)² = ½ × (${formatValue(y)} − ${formatValue(t)})² = ${formatValue(values.L)}`,
          explanation: 'The loss compares the prediction ŷ with the target t. The forward pass is done; now the gradient flows back.',
        }
      : {
          formula: `L = −[t·log ŷ + (1 − t)·log(1 − ŷ)] = −[${formatValue(t)} × log ${formatValue(y)} + ${formatValue(1 - t)} × log ${formatValue(1 - y)}] = ${formatValue(values.L)}`,
          explanation: 'The loss compares the prediction ŷ with the target t. The forward pass is done; now the gradient flows back.',
        };
  }
  const [z] = operands;
  return {
    formula: `${name} = σ(${nodeLabel(z)}) = 1 / (1 + e^(−${factor(v(z))})) = ${formatValue(v(node))}`,
    explanation: `The sigmoid squashes ${nodeLabel(z)} into (0, 1).`,
  };
}

/** The operation node that consumes `id` (each node here feeds exactly one operation). */
function consumerOf(id: NodeId): OperationId {
  return OPERATION_IDS.find((op) => OPERANDS[op].includes(id)) as OperationId;
}

function describeBackward(
  node: GradientId,
  inputs: StepperInputs,
  values: ForwardValues,
  gradients: Gradients,
  loss: StepperLoss,
): Pick<StepDescription, 'formula' | 'explanation' | 'operands' | 'edges'> {
  const v = (id: NodeId) => nodeValue(id, inputs, values);
  const g = gradients[node];
  if (node === 'L') {
    return { formula: '∂L/∂L = 1', explanation: 'The backward pass starts at the loss: the gradient of L with respect to itself is 1.', operands: [], edges: [] };
  }
  if (node === 'y') {
    const edges = [{ from: 'y', to: 'L' } as GraphEdge];
    return loss === 'squared-error'
      ? {
          formula: `∂L/∂ŷ = ∂L/∂L · (ŷ − t) = 1 × (${formatValue(values.y)} − ${formatValue(inputs.target)}) = ${formatValue(g)}`,
          explanation: 'The derivative of ½(ŷ − t)² with respect to ŷ is ŷ − t: how far the prediction misses, with its sign.',
          operands: ['L', 'target'],
          edges,
        }
      : {
          formula: `∂L/∂ŷ = ∂L/∂L · (ŷ − t) / (ŷ(1 − ŷ)) = 1 × (${formatValue(values.y)} − ${formatValue(inputs.target)}) / (${formatValue(values.y)} × ${formatValue(1 - values.y)}) = ${formatValue(g)}`,
          explanation: 'The derivative of −[t·log ŷ + (1 − t)·log(1 − ŷ)] is −t/ŷ + (1 − t)/(1 − ŷ) = (ŷ − t) / (ŷ(1 − ŷ)).',
          operands: ['L', 'target'],
          edges,
        };
  }
  if (node === 'z1' || node === 'z2' || node === 'z3') {
    const activation: GradientId = node === 'z1' ? 'h1' : node === 'z2' ? 'h2' : 'y';
    const a = v(activation);
    const localSlope = a * (1 - a);
    const cancel = node === 'z3' && loss === 'cross-entropy' ? ' With cross entropy the σ′ cancels the denominator: ∂L/∂z₃ = ŷ − t.' : '';
    return {
      formula: `${d(node)} = ${d(activation)} · σ′(${nodeLabel(node)}) = ${factor(gradients[activation])} × ${formatValue(localSlope)} = ${formatValue(g)}`,
      explanation: `Through the sigmoid: multiply by its slope σ′(${nodeLabel(node)}) = ${nodeLabel(activation)}(1 − ${nodeLabel(activation)}) = ${formatValue(a)} × ${formatValue(1 - a)}, never more than 0.25.${cancel}`,
      operands: [activation, node],
      edges: [{ from: node, to: activation as OperationId }],
    };
  }
  const consumer = consumerOf(node);
  if (consumer.startsWith('z')) {
    return {
      formula: `${d(node)} = ${d(consumer)} · ∂${nodeLabel(consumer)}/∂${nodeLabel(node)} = ${factor(gradients[consumer as GradientId])} × 1 = ${formatValue(g)}`,
      explanation: `${nodeLabel(node)} is added into ${nodeLabel(consumer)}, so it gets ${nodeLabel(consumer)}'s gradient unchanged: a sum copies its gradient to every input.`,
      operands: [consumer],
      edges: [{ from: node, to: consumer }],
    };
  }
  // node is a factor of the product `consumer` = w·a: its gradient is ∂L/∂consumer times the other factor.
  const other = OPERANDS[consumer].find((id) => id !== node) as NodeId;
  return {
    formula: `${d(node)} = ${d(consumer)} · ${nodeLabel(other)} = ${factor(gradients[consumer as GradientId])} × ${factor(v(other))} = ${formatValue(g)}`,
    explanation: `${nodeLabel(consumer)} = ${OPERANDS[consumer].map(nodeLabel).join(' · ')}, so the gradient for ${nodeLabel(node)} is the gradient arriving at ${nodeLabel(consumer)} times the other factor, ${nodeLabel(other)}.`,
    operands: [consumer, other],
    edges: [
      { from: node, to: consumer },
      { from: other, to: consumer },
    ],
  };
}

/** What the learner reads and sees highlighted at `position` (clamped to 0…LAST_POSITION). */
export function describeStep(
  position: number,
  inputs: StepperInputs,
  loss: StepperLoss,
  learningRate: number,
  computation = computeStepper(inputs, loss, learningRate),
): StepDescription {
  const step = STEPS[clampPosition(position)];
  const { values, gradients } = computation;
  if (step.kind === 'start') {
    return {
      node: null,
      heading: 'Ready',
      formula: `x₁ = ${formatValue(inputs.x1)}, x₂ = ${formatValue(inputs.x2)}, target t = ${formatValue(inputs.target)}`,
      explanation: 'Only the example and the parameters are known. Press Next to compute the graph one node at a time.',
      operands: [],
      edges: [],
    };
  }
  if (step.kind === 'update') {
    return {
      node: null,
      heading: 'Update',
      formula: `w ← w − η · ∂L/∂w with η = ${formatValue(learningRate)}, for all ${PARAMETER_IDS.length} parameters`,
      explanation: 'Every gradient is known. Each parameter moves a small step against its gradient; Apply update starts the next iteration from the new values.',
      operands: [...PARAMETER_IDS],
      edges: [],
    };
  }
  if (step.kind === 'forward') {
    const index = OPERATION_IDS.indexOf(step.node);
    return {
      node: step.node,
      heading: `Forward pass · node ${index + 1} of ${OPERATION_IDS.length}`,
      ...describeForward(step.node, inputs, values, loss),
      operands: [...OPERANDS[step.node]],
      edges: OPERANDS[step.node].map((from) => ({ from, to: step.node })),
    };
  }
  const index = BACKWARD_ORDER.indexOf(step.node);
  return {
    node: step.node,
    heading: `Backward pass · gradient ${index + 1} of ${BACKWARD_ORDER.length}`,
    ...describeBackward(step.node, inputs, values, gradients, loss),
  };
}

/** A position within 0…LAST_POSITION (whole numbers). */
export function clampPosition(position: number): number {
  if (!Number.isFinite(position)) return 0;
  return Math.max(0, Math.min(LAST_POSITION, Math.round(position)));
}

/** The stepper's whole state; all of it goes into the share link. */
export interface StepperState {
  inputs: StepperInputs;
  loss: StepperLoss;
  learningRate: number;
  position: number;
  /** Completed updates (1 for the first walk through). */
  iteration: number;
}

export type StepperAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'runAll' }
  | { type: 'startOver' }
  | { type: 'applyUpdate' }
  | { type: 'setInput'; id: InputId; value: number }
  | { type: 'setLoss'; loss: StepperLoss }
  | { type: 'setLearningRate'; learningRate: number };

export function createStepperState(): StepperState {
  return { inputs: { ...DEFAULT_INPUTS }, loss: 'squared-error', learningRate: DEFAULT_LEARNING_RATE, position: 0, iteration: 1 };
}

/** The range a typed value must fall in: the target of cross entropy is a probability. */
export function inputRule(id: InputId, loss: StepperLoss): { label: string; min: number; max: number } {
  const label = id === 'target' ? 'Target t' : nodeLabel(id);
  if (id === 'target' && loss === 'cross-entropy') return { label, min: 0, max: 1 };
  return { label, min: -VALUE_LIMIT, max: VALUE_LIMIT };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * The stepper's transitions. Next/Previous move one node; Run all jumps to the update; Start over returns to the
 * first node of this iteration; Apply update (only at the end) replaces the parameters by w − η ∂L/∂w, counts the
 * iteration and starts the walk again. Edits keep the position: the shown numbers are recomputed.
 */
export function stepperReducer(state: StepperState, action: StepperAction): StepperState {
  switch (action.type) {
    case 'next':
      return { ...state, position: clampPosition(state.position + 1) };
    case 'previous':
      return { ...state, position: clampPosition(state.position - 1) };
    case 'runAll':
      return { ...state, position: LAST_POSITION };
    case 'startOver':
      return { ...state, position: 0 };
    case 'applyUpdate': {
      if (state.position !== LAST_POSITION) return state;
      const { updates } = computeStepper(state.inputs, state.loss, state.learningRate);
      const inputs = { ...state.inputs };
      // Rounded to 6 decimals so the share link stays short; beyond that nothing the widget prints changes.
      for (const update of updates) inputs[update.id] = clamp(Number(update.updated.toFixed(6)), -VALUE_LIMIT, VALUE_LIMIT);
      return { ...state, inputs, position: 0, iteration: state.iteration + 1 };
    }
    case 'setInput': {
      const rule = inputRule(action.id, state.loss);
      if (!Number.isFinite(action.value)) return state;
      return { ...state, inputs: { ...state.inputs, [action.id]: clamp(action.value, rule.min, rule.max) } };
    }
    case 'setLoss': {
      const target = action.loss === 'cross-entropy' ? clamp(state.inputs.target, 0, 1) : state.inputs.target;
      return { ...state, loss: action.loss, inputs: { ...state.inputs, target } };
    }
    case 'setLearningRate':
      return Number.isFinite(action.learningRate) ? { ...state, learningRate: clamp(action.learningRate, LEARNING_RATE_RULE.min, LEARNING_RATE_RULE.max) } : state;
  }
}

/** Keyboard on the focused graph: → / ↓ next, ← / ↑ previous, Home start, End the update. Null for other keys. */
export function actionForKey(key: string): StepperAction | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return { type: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
      return { type: 'previous' };
    case 'Home':
      return { type: 'startOver' };
    case 'End':
      return { type: 'runAll' };
    default:
      return null;
  }
}

/** The share link's flat form of the state: `?backprop.w1=0.5&backprop.position=17&backprop.loss=cross-entropy`. */
export type StepperSettings = StepperInputs & { loss: StepperLoss; learningRate: number; position: number; iteration: number };

export function toSettings(state: StepperState): StepperSettings {
  return { ...state.inputs, loss: state.loss, learningRate: state.learningRate, position: state.position, iteration: state.iteration };
}

/** Reads settings back into a valid state (clamping anything a hand-edited link put out of range). */
export function fromSettings(settings: StepperSettings): StepperState {
  const { loss, learningRate, position, iteration, ...inputs } = settings;
  let state: StepperState = { ...createStepperState(), loss, learningRate: clamp(learningRate, LEARNING_RATE_RULE.min, LEARNING_RATE_RULE.max) };
  for (const id of Object.keys(DEFAULT_INPUTS) as InputId[]) state = stepperReducer(state, { type: 'setInput', id, value: inputs[id] });
  return { ...state, position: clampPosition(position), iteration: Math.max(1, Math.round(iteration)) };
}
