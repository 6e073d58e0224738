import { describe, expect, it } from 'vitest';
import {
  BACKWARD_ORDER,
  DEFAULT_INPUTS,
  EDGES,
  LAST_POSITION,
  OPERATION_IDS,
  PARAMETER_IDS,
  STEPS,
  actionForKey,
  backwardPass,
  computeStepper,
  computedGradients,
  computedValues,
  createStepperState,
  describeStep,
  formatValue,
  forwardPass,
  fromSettings,
  lossValue,
  nodeLabel,
  stepperReducer,
  toSettings,
  type InputId,
  type StepperInputs,
  type StepperLoss,
  type StepperState,
} from '../../../../src/widgets/backprop-stepper/backprop-stepper-state';

const LOSSES: StepperLoss[] = ['squared-error', 'cross-entropy'];

/** L as a function of one leaf, everything else fixed. */
function lossAt(inputs: StepperInputs, loss: StepperLoss, id: InputId, value: number): number {
  return forwardPass({ ...inputs, [id]: value }, loss).L;
}

/** Central difference (L(θ + h) − L(θ − h)) / 2h. */
function centralDifference(inputs: StepperInputs, loss: StepperLoss, id: InputId, h = 1e-5): number {
  return (lossAt(inputs, loss, id, inputs[id] + h) - lossAt(inputs, loss, id, inputs[id] - h)) / (2 * h);
}

const walk = (state: StepperState, action: Parameters<typeof stepperReducer>[1], times: number) => {
  let next = state;
  for (let i = 0; i < times; i++) next = stepperReducer(next, action);
  return next;
};

describe('backprop stepper: forward pass', () => {
  it('matches the hand-worked forward pass of the default example', () => {
    // z₁ = 0.5·1 + (−0.4)·0.5 + 0.1 = 0.4;  z₂ = −0.3·1 + 0.8·0.5 + 0.2 = 0.3
    // h₁ = σ(0.4) = 0.598688, h₂ = σ(0.3) = 0.574443
    // z₃ = 0.7·0.598688 − 0.6·0.574443 + 0.1 = 0.174416, ŷ = σ(z₃) = 0.543494, L = ½(ŷ − 1)² = 0.104199
    const values = forwardPass(DEFAULT_INPUTS, 'squared-error');
    expect(values.p1).toBeCloseTo(0.5, 12);
    expect(values.p2).toBeCloseTo(-0.2, 12);
    expect(values.z1).toBeCloseTo(0.4, 12);
    expect(values.z2).toBeCloseTo(0.3, 12);
    expect(values.h1).toBeCloseTo(0.598687660112452, 12);
    expect(values.h2).toBeCloseTo(0.574442516811659, 12);
    expect(values.z3).toBeCloseTo(0.174415851991721, 12);
    expect(values.y).toBeCloseTo(0.543493758958209, 12);
    expect(values.L).toBeCloseTo(0.104198974055053, 12);
  });

  it('computes binary cross entropy −[t log ŷ + (1 − t) log(1 − ŷ)], with 0·log 0 = 0', () => {
    expect(forwardPass(DEFAULT_INPUTS, 'cross-entropy').L).toBeCloseTo(-Math.log(0.543493758958209), 12);
    expect(lossValue('cross-entropy', 0.25, 0)).toBeCloseTo(-Math.log(0.75), 12);
    expect(lossValue('cross-entropy', 0.8, 0.5)).toBeCloseTo(-(0.5 * Math.log(0.8) + 0.5 * Math.log(0.2)), 12);
    expect(lossValue('cross-entropy', 1, 1)).toBe(0);
  });
});

describe('backprop stepper: backward pass', () => {
  it('matches the hand-worked gradients of the default example', () => {
    // ∂L/∂ŷ = ŷ − t = −0.456506;  ∂L/∂z₃ = −0.456506 × ŷ(1 − ŷ) = −0.456506 × 0.248108 = −0.113263
    // ∂L/∂w₅ = ∂L/∂z₃ · h₁ = −0.067809;  ∂L/∂h₁ = ∂L/∂z₃ · w₅ = −0.079284
    // ∂L/∂z₁ = −0.079284 × h₁(1 − h₁) = −0.079284 × 0.240261 = −0.019049 = ∂L/∂w₁ (x₁ = 1); ∂L/∂w₂ = −0.009524
    const { gradients, updates } = computeStepper(DEFAULT_INPUTS, 'squared-error', 1);
    expect(gradients.L).toBe(1);
    expect(gradients.y).toBeCloseTo(-0.456506241041791, 12);
    expect(gradients.z3).toBeCloseTo(-0.113262984177539, 12);
    expect(gradients.b3).toBeCloseTo(-0.113262984177539, 12);
    expect(gradients.w5).toBeCloseTo(-0.0678091509746046, 12);
    expect(gradients.w6).toBeCloseTo(-0.0650630736925447, 12);
    expect(gradients.h1).toBeCloseTo(-0.0792840889242774, 12);
    expect(gradients.z1).toBeCloseTo(-0.0190488543303846, 12);
    expect(gradients.w1).toBeCloseTo(-0.0190488543303846, 12);
    expect(gradients.w2).toBeCloseTo(-0.0095244271651923, 12);
    expect(gradients.z2).toBeCloseTo(0.0166128467334581, 12);
    expect(gradients.w4).toBeCloseTo(0.00830642336672906, 12);
    // w ← w − η ∂L/∂w with η = 1: w₅ = 0.7 + 0.067809 = 0.767809; w₁ = 0.5 + 0.019049 = 0.519049
    expect(updates.find((u) => u.id === 'w5')?.updated).toBeCloseTo(0.767809150974605, 12);
    expect(updates.find((u) => u.id === 'w1')?.updated).toBeCloseTo(0.519048854330385, 12);
    expect(updates.map((u) => u.id)).toEqual([...PARAMETER_IDS]);
  });

  it('with cross entropy, ∂L/∂z₃ = ŷ − t (the sigmoid slope cancels)', () => {
    const { values, gradients } = computeStepper(DEFAULT_INPUTS, 'cross-entropy', 1);
    expect(gradients.z3).toBeCloseTo(values.y - DEFAULT_INPUTS.target, 12);
  });

  const examples: StepperInputs[] = [
    DEFAULT_INPUTS,
    { x1: -1.3, x2: 2.1, target: 0, w1: 1.7, w2: -0.2, b1: -0.9, w3: 0.45, w4: -1.1, b2: 0.3, w5: -2.2, w6: 1.4, b3: 0.6 },
    { x1: 0.2, x2: -0.7, target: 0.3, w1: -3, w2: 2.5, b1: 0.05, w3: 0.9, w4: 0.1, b2: -1.5, w5: 0.35, w6: 2.8, b3: -0.4 },
  ];

  for (const loss of LOSSES) {
    it(`agrees with central finite differences for every parameter (${loss}, tolerance 1e-6)`, () => {
      for (const inputs of examples) {
        const { gradients } = computeStepper(inputs, loss, 0.1);
        for (const id of PARAMETER_IDS) expect(Math.abs(gradients[id] - centralDifference(inputs, loss, id))).toBeLessThan(1e-6);
      }
    });
  }

  it('gives every intermediate node the gradient a finite difference through it would give', () => {
    // Perturbing h₁ directly: L depends on h₁ only through p₅ = w₅·h₁.
    const inputs = examples[1];
    const values = forwardPass(inputs, 'squared-error');
    const gradients = backwardPass(inputs, values, 'squared-error');
    const h = 1e-6;
    const lossWithH1 = (h1: number) => {
      const z3 = inputs.w5 * h1 + inputs.w6 * values.h2 + inputs.b3;
      return lossValue('squared-error', 1 / (1 + Math.exp(-z3)), inputs.target);
    };
    expect(Math.abs(gradients.h1 - (lossWithH1(values.h1 + h) - lossWithH1(values.h1 - h)) / (2 * h))).toBeLessThan(1e-6);
  });
});

describe('backprop stepper: the walk through the graph', () => {
  it('has a start, 13 forward nodes, 22 backward nodes and the update', () => {
    expect(OPERATION_IDS).toHaveLength(13);
    expect(BACKWARD_ORDER).toHaveLength(22);
    expect(STEPS).toHaveLength(37);
    expect(LAST_POSITION).toBe(36);
    expect(STEPS[0]).toEqual({ kind: 'start' });
    expect(STEPS[13]).toEqual({ kind: 'forward', node: 'L' });
    expect(STEPS[14]).toEqual({ kind: 'backward', node: 'L' });
    expect(STEPS[36]).toEqual({ kind: 'update' });
  });

  it('visits every node after all the nodes it needs', () => {
    const seen = new Set<string>(['x1', 'x2', 'target', ...PARAMETER_IDS]);
    for (const op of OPERATION_IDS) {
      for (const edge of EDGES.filter((e) => e.to === op)) expect(seen.has(edge.from)).toBe(true);
      seen.add(op);
    }
    const done = new Set<string>();
    for (const node of BACKWARD_ORDER) {
      // Every consumer of a node has its gradient before the node does.
      for (const edge of EDGES.filter((e) => e.from === node)) expect(done.has(edge.to)).toBe(true);
      done.add(node);
    }
  });

  it('shows values and gradients up to the current position', () => {
    expect(computedValues(0).size).toBe(0);
    expect([...computedValues(4)]).toEqual(['p1', 'p2', 'z1', 'h1']);
    expect(computedValues(30).size).toBe(13);
    expect(computedGradients(13).size).toBe(0);
    expect([...computedGradients(16)]).toEqual(['L', 'y', 'z3']);
    expect(computedGradients(LAST_POSITION).size).toBe(22);
  });

  it('moves one node at a time in both directions, stays within the walk, runs all and starts over', () => {
    const start = createStepperState();
    expect(stepperReducer(start, { type: 'previous' }).position).toBe(0);
    const three = walk(start, { type: 'next' }, 3);
    expect(three.position).toBe(3);
    expect(stepperReducer(three, { type: 'previous' }).position).toBe(2);
    expect(walk(start, { type: 'next' }, 100).position).toBe(LAST_POSITION);
    expect(stepperReducer(three, { type: 'runAll' }).position).toBe(LAST_POSITION);
    expect(stepperReducer(stepperReducer(three, { type: 'runAll' }), { type: 'startOver' }).position).toBe(0);
  });

  it('applies the update only at the end: new parameters, the next iteration, back to the start', () => {
    const start = createStepperState();
    expect(stepperReducer(start, { type: 'applyUpdate' })).toBe(start);
    const end = stepperReducer(start, { type: 'runAll' });
    const next = stepperReducer(end, { type: 'applyUpdate' });
    expect(next.iteration).toBe(2);
    expect(next.position).toBe(0);
    expect(next.inputs.w5).toBeCloseTo(0.767809, 6);
    expect(next.inputs.x1).toBe(DEFAULT_INPUTS.x1);
    // One step against the gradient lowers the loss here.
    expect(forwardPass(next.inputs, 'squared-error').L).toBeLessThan(forwardPass(start.inputs, 'squared-error').L);
  });

  it('clamps edits to their range, ignores non-numbers, and keeps a cross-entropy target in [0, 1]', () => {
    const start = createStepperState();
    expect(stepperReducer(start, { type: 'setInput', id: 'w1', value: 50 }).inputs.w1).toBe(10);
    expect(stepperReducer(start, { type: 'setInput', id: 'w1', value: Number.NaN })).toBe(start);
    const entropy = stepperReducer(stepperReducer(start, { type: 'setInput', id: 'target', value: 3 }), { type: 'setLoss', loss: 'cross-entropy' });
    expect(entropy.inputs.target).toBe(1);
    expect(stepperReducer(entropy, { type: 'setInput', id: 'target', value: -2 }).inputs.target).toBe(0);
    expect(stepperReducer(start, { type: 'setLearningRate', learningRate: 1e9 }).learningRate).toBe(10);
  });

  it('maps arrow keys, Home and End to the walk', () => {
    expect(actionForKey('ArrowRight')).toEqual({ type: 'next' });
    expect(actionForKey('ArrowDown')).toEqual({ type: 'next' });
    expect(actionForKey('ArrowLeft')).toEqual({ type: 'previous' });
    expect(actionForKey('Home')).toEqual({ type: 'startOver' });
    expect(actionForKey('End')).toEqual({ type: 'runAll' });
    expect(actionForKey('a')).toBeNull();
  });

  it('round-trips its settings (the share link) and repairs out-of-range ones', () => {
    let state = walk(createStepperState(), { type: 'next' }, 20);
    state = stepperReducer(state, { type: 'setLoss', loss: 'cross-entropy' });
    state = stepperReducer(state, { type: 'setInput', id: 'w3', value: -1.25 });
    state = stepperReducer(state, { type: 'setLearningRate', learningRate: 0.3 });
    expect(fromSettings(toSettings(state))).toEqual(state);
    const repaired = fromSettings({ ...toSettings(state), position: 99, w1: 400, iteration: 0, target: 7 });
    expect(repaired.position).toBe(LAST_POSITION);
    expect(repaired.inputs.w1).toBe(10);
    expect(repaired.inputs.target).toBe(1);
    expect(repaired.iteration).toBe(1);
  });
});

describe('backprop stepper: what the learner reads', () => {
  const state = createStepperState();
  const at = (position: number) => describeStep(position, state.inputs, state.loss, state.learningRate);

  it('writes out each forward node with its numbers', () => {
    expect(at(1).formula).toBe('p₁ = w₁ · x₁ = 0.500 × 1.000 = 0.500');
    expect(at(3).formula).toBe('z₁ = p₁ + p₂ + b₁ = 0.500 + (−0.200) + 0.100 = 0.400');
    expect(at(4).formula).toBe('h₁ = σ(z₁) = 1 / (1 + e^(−0.400)) = 0.599');
    expect(at(13).formula).toBe('L = ½(ŷ − t)² = ½ × (0.543 − 1.000)² = 0.104');
    expect(at(3).edges).toEqual([
      { from: 'p1', to: 'z1' },
      { from: 'p2', to: 'z1' },
      { from: 'b1', to: 'z1' },
    ]);
  });

  it('writes out each backward node as upstream gradient × local derivative', () => {
    expect(at(14).formula).toBe('∂L/∂L = 1');
    expect(at(15).formula).toBe('∂L/∂ŷ = ∂L/∂L · (ŷ − t) = 1 × (0.543 − 1.000) = −0.457');
    expect(at(16).formula).toBe('∂L/∂z₃ = ∂L/∂ŷ · σ′(z₃) = (−0.457) × 0.248 = −0.113');
    const w5 = at(14 + BACKWARD_ORDER.indexOf('w5'));
    expect(w5.formula).toBe('∂L/∂w₅ = ∂L/∂p₅ · h₁ = (−0.113) × 0.599 = −0.0678');
    expect(w5.edges).toEqual([
      { from: 'w5', to: 'p5' },
      { from: 'h1', to: 'p5' },
    ]);
    expect(at(14 + BACKWARD_ORDER.indexOf('z1')).formula).toBe('∂L/∂z₁ = ∂L/∂h₁ · σ′(z₁) = (−0.0793) × 0.240 = −0.0190');
    expect(at(14 + BACKWARD_ORDER.indexOf('b3')).formula).toBe('∂L/∂b₃ = ∂L/∂z₃ · ∂z₃/∂b₃ = (−0.113) × 1 = −0.113');
    expect(at(LAST_POSITION).heading).toBe('Update');
  });

  it('formats numbers with 3 decimals, those below 0.1 with 3 significant digits, and a real minus sign', () => {
    expect(formatValue(0.25)).toBe('0.250');
    expect(formatValue(-0.0075)).toBe('−0.00750');
    expect(formatValue(0.000123456)).toBe('0.000123');
    expect(formatValue(0)).toBe('0');
    expect(formatValue(-0.0000001)).toBe('−1.00e-7');
    expect(formatValue(123456)).toBe('1.23e5');
    expect(nodeLabel('w5')).toBe('w₅');
    expect(nodeLabel('y')).toBe('ŷ');
  });
});
