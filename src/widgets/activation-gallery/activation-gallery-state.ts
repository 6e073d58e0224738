import { ACTIVATIONS, ACTIVATION_NAMES, type ActivationName, type ActivationSpec } from '../../core/math/activations';

/** The plotted input range, x ∈ [INPUT_MIN, INPUT_MAX]. */
export const INPUT_MIN = -5;
export const INPUT_MAX = 5;
/** Slider granularity; dragging snaps to the same grid so read-outs stay tidy. */
export const INPUT_STEP = 0.05;

/** What the learner has chosen in the activation gallery. */
export interface ActivationGalleryState {
  activation: ActivationName;
  /** The marked input x, always within [INPUT_MIN, INPUT_MAX] and on the INPUT_STEP grid. */
  input: number;
  /** Whether the table comparing all five activations at the current x is shown. */
  compareAll: boolean;
}

export type ActivationGalleryAction =
  { type: 'selectActivation'; activation: ActivationName } | { type: 'setInput'; input: number } | { type: 'setCompareAll'; compareAll: boolean };

/** Clamps x to the plotted range and snaps it to the INPUT_STEP grid; non-finite input gives 0. */
export function normalizeInput(input: number): number {
  if (!Number.isFinite(input)) return 0;
  const clamped = Math.min(INPUT_MAX, Math.max(INPUT_MIN, input));
  const snapped = Math.round(clamped / INPUT_STEP) * INPUT_STEP;
  return Number(snapped.toFixed(2)) + 0;
}

/** The starting state from the widget's props (defaults: sigmoid at x = 1). */
export function createActivationGalleryState(initialActivation: ActivationName = 'sigmoid', initialInput = 1): ActivationGalleryState {
  return {
    activation: ACTIVATION_NAMES.includes(initialActivation) ? initialActivation : 'sigmoid',
    input: normalizeInput(initialInput),
    compareAll: false,
  };
}

/** Pure state transitions for the gallery. */
export function activationGalleryReducer(state: ActivationGalleryState, action: ActivationGalleryAction): ActivationGalleryState {
  switch (action.type) {
    case 'selectActivation':
      return ACTIVATION_NAMES.includes(action.activation) ? { ...state, activation: action.activation } : state;
    case 'setInput': {
      const input = normalizeInput(action.input);
      return input === state.input ? state : { ...state, input };
    }
    case 'setCompareAll':
      return { ...state, compareAll: action.compareAll };
  }
}

/** A one-sentence lesson per activation: where it saturates, dies or gives no gradient. */
export const ACTIVATION_CAPTIONS: Readonly<Record<ActivationName, string>> = {
  step: 'Flat everywhere except a jump at 0, so its derivative is 0 wherever it exists: gradient descent gets no signal at all.',
  sigmoid: 'Squashes everything into (0, 1); its slope is never more than 0.25 (at x = 0) and almost vanishes beyond |x| ≈ 5, so a saturated unit barely learns.',
  tanh: 'Squashes into (−1, 1) and is centred on 0; its slope peaks at 1 but, like the sigmoid, fades to almost nothing once |x| is large.',
  relu: 'Slope 1 for every positive input, 0 for every negative one: no saturation on the right, but a unit whose input stays negative is "dead" and gets no gradient.',
  leakyRelu: 'Like ReLU, but negative inputs keep a small slope of 0.01, so the gradient is never exactly zero and a unit can recover.',
};

/** Values shown next to the plot for one activation at one input. */
export interface ActivationReadout {
  input: number;
  value: number;
  derivative: number;
  /** Set when x sits exactly where f' does not exist, explaining the value reported. */
  note: string | null;
}

/** f(x), f'(x) and, at a kink or jump, which convention gave f'(x). */
export function computeReadout(activation: ActivationName, input: number): ActivationReadout {
  const spec = ACTIVATIONS[activation];
  const atKink = spec.derivativeDiscontinuities.includes(input);
  return {
    input,
    value: spec.apply(input),
    derivative: spec.derivative(input),
    note: atKink ? `f′ is undefined at x = 0; by convention it is reported as ${formatValue(spec.derivative(input))}.` : null,
  };
}

/** Formats a read-out number with 3 decimals, a real minus sign, and no "−0.000". */
export function formatValue(value: number): string {
  const text = value.toFixed(3);
  if (/^-0\.0+$/.test(text)) return text.slice(1);
  return text.replace('-', '−');
}

/** A point of a sampled curve. */
export interface CurvePoint {
  x: number;
  y: number;
}

/**
 * Samples y = fn(x) on [min, max] as separate segments, split at each `breaks` point so a plot never
 * draws a vertical line across a jump. Each segment approaches a break from its own side.
 */
export function sampleCurve(fn: (x: number) => number, breaks: readonly number[], min = INPUT_MIN, max = INPUT_MAX, pointsPerUnit = 40): CurvePoint[][] {
  const edgeOffset = 1e-9;
  const cuts = [min, ...breaks.filter((value) => value > min && value < max).sort((a, b) => a - b), max];
  const segments: CurvePoint[][] = [];
  for (let index = 0; index < cuts.length - 1; index += 1) {
    const start = cuts[index];
    const end = cuts[index + 1];
    const count = Math.max(2, Math.ceil((end - start) * pointsPerUnit) + 1);
    const segment: CurvePoint[] = [];
    for (let i = 0; i < count; i += 1) {
      let x = start + ((end - start) * i) / (count - 1);
      if (i === 0 && index > 0) x += edgeOffset;
      if (i === count - 1 && index < cuts.length - 2) x -= edgeOffset;
      segment.push({ x, y: fn(x) });
    }
    segments.push(segment);
  }
  return segments;
}

/** The two curves drawn for an activation: f and f', each as segments. */
export interface ActivationCurves {
  value: CurvePoint[][];
  derivative: CurvePoint[][];
}

/** Samples f and f' over the plotted range. */
export function computeCurves(spec: ActivationSpec): ActivationCurves {
  return {
    value: sampleCurve(spec.apply, spec.discontinuities),
    derivative: sampleCurve(spec.derivative, spec.derivativeDiscontinuities),
  };
}

/**
 * The y range of the plot for an activation: both curves fit, with a little margin, and 0 and 1 are
 * always inside so the axes are comparable between activations.
 */
export function computeValueDomain(curves: ActivationCurves): [number, number] {
  let low = 0;
  let high = 1;
  for (const segment of [...curves.value, ...curves.derivative]) {
    for (const point of segment) {
      low = Math.min(low, point.y);
      high = Math.max(high, point.y);
    }
  }
  const margin = (high - low) * 0.08;
  return [low - margin, high + margin];
}

/** The text alternative of the plot: f and f' at whole-number inputs. */
export function computeValueTable(activation: ActivationName): ActivationReadout[] {
  const rows: ActivationReadout[] = [];
  for (let x = INPUT_MIN; x <= INPUT_MAX; x += 1) rows.push(computeReadout(activation, x));
  return rows;
}

/** A straight segment in data coordinates. */
export interface Segment {
  from: CurvePoint;
  to: CurvePoint;
}

/**
 * The tangent to y = f(x) at the marked input: y = f(x₀) + f'(x₀)(x − x₀) for x ∈ [x₀ − h, x₀ + h].
 * It shows what the derivative means: the slope gradient descent sees at that point.
 */
export function computeTangent(activation: ActivationName, input: number, halfWidth = 1.2): Segment {
  const { value, derivative } = computeReadout(activation, input);
  return {
    from: { x: input - halfWidth, y: value - derivative * halfWidth },
    to: { x: input + halfWidth, y: value + derivative * halfWidth },
  };
}
