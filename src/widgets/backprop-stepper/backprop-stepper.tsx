import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { choiceSetting, numberSetting } from '../../core/url/shared-settings';
import { formatBound, commitTypedNumber } from '../../core/validation/parse-number-input';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { NumberField } from '../../ui/number-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  EDGES,
  LAST_POSITION,
  LEARNING_RATE_RULE,
  LOSS_OPTIONS,
  OPERATION_IDS,
  PARAMETER_IDS,
  STEPS,
  VALUE_LIMIT,
  actionForKey,
  computeStepper,
  computedGradients,
  computedValues,
  createStepperState,
  describeStep,
  edgeKey,
  formatValue,
  fromSettings,
  inputRule,
  nodeLabel,
  stepperReducer,
  toSettings,
  type GradientId,
  type InputId,
  type NodeId,
  type OperationId,
  type StepperAction,
  type StepperLoss,
  type StepperSettings,
} from './backprop-stepper-state';
import './backprop-stepper.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface BackpropStepperProps {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const numberRule = (id: InputId) => numberSetting(inputRule(id, 'squared-error'));
const settingsSchema = {
  x1: numberRule('x1'),
  x2: numberRule('x2'),
  target: numberRule('target'),
  w1: numberRule('w1'),
  w2: numberRule('w2'),
  b1: numberRule('b1'),
  w3: numberRule('w3'),
  w4: numberRule('w4'),
  b2: numberRule('b2'),
  w5: numberRule('w5'),
  w6: numberRule('w6'),
  b3: numberRule('b3'),
  loss: choiceSetting<StepperLoss>(
    'Loss',
    LOSS_OPTIONS.map((option) => option.value),
  ),
  learningRate: numberSetting(LEARNING_RATE_RULE),
  position: numberSetting({ label: 'Position', min: 0, max: LAST_POSITION, integer: true }),
  iteration: numberSetting({ label: 'Iteration', min: 1, max: 1_000_000, integer: true }),
};

/* The drawing, in viewBox units: operation nodes are boxes, leaves (example, parameters, target) are pills. */
const VIEW_WIDTH = 950;
const VIEW_HEIGHT = 566;
const OP_SIZE = { width: 98, height: 68 };
const LEAF_SIZE = { width: 108, height: 50 };
const POSITIONS: Record<NodeId, [number, number]> = {
  x1: [58, 165],
  x2: [58, 415],
  w1: [192, 28],
  p1: [192, 98],
  w2: [192, 170],
  p2: [192, 240],
  w3: [192, 310],
  p3: [192, 380],
  w4: [192, 452],
  p4: [192, 522],
  b1: [322, 95],
  z1: [322, 169],
  h1: [446, 169],
  b2: [322, 375],
  z2: [322, 451],
  h2: [446, 451],
  w5: [566, 168],
  p5: [566, 240],
  w6: [566, 308],
  p6: [566, 380],
  b3: [688, 236],
  z3: [688, 310],
  y: [794, 310],
  target: [894, 236],
  L: [894, 310],
};
const OPERATION_GLYPH: Record<OperationId, string> = {
  p1: '×',
  p2: '×',
  p3: '×',
  p4: '×',
  p5: '×',
  p6: '×',
  z1: '+',
  z2: '+',
  z3: '+',
  h1: 'σ',
  h2: 'σ',
  y: 'σ',
  L: 'loss',
};
const isOperation = (id: NodeId): id is OperationId => (OPERATION_IDS as readonly string[]).includes(id);
/** Leaves drawn above the node they feed (weights, biases, target): their edge runs straight down. */
const isAboveLeaf = (id: NodeId) => !isOperation(id) && id !== 'x1' && id !== 'x2';

function nodeSize(id: NodeId) {
  return isOperation(id) ? OP_SIZE : LEAF_SIZE;
}

/** An edge as a path: straight down from a leaf above, else a horizontal S-curve from right side to left side. */
function edgePath(from: NodeId, to: OperationId): string {
  const [fx, fy] = POSITIONS[from];
  const [tx, ty] = POSITIONS[to];
  if (isAboveLeaf(from)) return `M${fx},${fy + nodeSize(from).height / 2} L${tx},${ty - OP_SIZE.height / 2}`;
  const startX = fx + nodeSize(from).width / 2;
  const endX = tx - OP_SIZE.width / 2;
  const middle = (startX + endX) / 2;
  return `M${startX},${fy} C${middle},${fy} ${middle},${ty} ${endX},${ty}`;
}

const inputDomId = (domId: string, id: InputId) => `${domId}-input-${id}`;

interface EntryInputProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  invalid: boolean;
  onCommit: (value: number) => void;
  onMessage: (message: string | null) => void;
}

/** One editable number of the example or the parameters, validated on Enter or leaving the field. */
function EntryInput({ id, label, value, min, max, invalid, onCommit, onMessage }: EntryInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const committed = commitTypedNumber(draft, { label, min, max }, formatBound(value));
    onMessage(committed.message);
    if (committed.value !== null) onCommit(committed.value);
    setDraft(null);
  };
  return (
    <div className="backprop-entry">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={invalid ? true : undefined}
        value={draft ?? formatBound(value)}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') setDraft(null);
        }}
      />
    </div>
  );
}

/**
 * Backprop stepper: a 2 → 2 → 1 sigmoid network drawn as a computation graph of primitive operations. The learner
 * walks the forward pass node by node (values appear), then the backward pass (each ∂L/∂node with its local
 * derivative and the product written out), ending in the update w ← w − η ∂L/∂w; Apply update starts the next
 * iteration. Pure math on the main thread (no TF.js). Everything, including the position, is in the share link.
 */
export function BackpropStepper({ instance }: BackpropStepperProps) {
  const names = widgetInstanceNames('backprop-stepper', 'backprop', instance);
  const domId = names.domId;
  const [defaults] = useState(() => toSettings(createStepperState()));
  const shared = useSharedSettings<StepperSettings>(names.shareNamespace, settingsSchema, defaults);
  const state = useMemo(() => fromSettings(shared.values), [shared.values]);
  const { setValues } = shared;
  const dispatch = useCallback((action: StepperAction) => setValues((current) => toSettings(stepperReducer(fromSettings(current), action))), [setValues]);
  const [message, setMessage] = useState<{ id: InputId; text: string } | null>(null);
  const radioName = `backprop-loss-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  const computation = useMemo(() => computeStepper(state.inputs, state.loss, state.learningRate), [state.inputs, state.loss, state.learningRate]);
  const { values, gradients, updates } = computation;
  const { position } = state;
  const step = STEPS[position];
  const description = describeStep(position, state.inputs, state.loss, state.learningRate, computation);
  const shownValues = computedValues(position);
  const shownGradients = computedGradients(position);
  const usedEdges = new Set(description.edges.map(edgeKey));
  const operands = new Set(description.operands);
  const atEnd = position === LAST_POSITION;

  // On a narrow screen the graph scrolls sideways: keep the current node in view.
  const scrollRef = useRef<HTMLDivElement>(null);
  const currentNode = description.node;
  useEffect(() => {
    const container = scrollRef.current;
    if (!container || currentNode === null || container.scrollWidth <= container.clientWidth + 1) return;
    const nodeX = (POSITIONS[currentNode][0] / VIEW_WIDTH) * container.scrollWidth;
    const left = Math.max(0, Math.min(container.scrollWidth - container.clientWidth, nodeX - container.clientWidth / 2));
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    if (typeof container.scrollTo === 'function') container.scrollTo({ left, behavior: reduceMotion ? 'auto' : 'smooth' });
  }, [currentNode]);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = actionForKey(event.key);
    if (!action) return;
    event.preventDefault();
    dispatch(action);
  };
  const focusInput = (id: InputId) => document.getElementById(inputDomId(domId, id))?.focus();
  const handleMessage = (id: InputId, text: string | null) => setMessage((current) => (text ? { id, text } : current?.id === id ? null : current));

  const gradientText = (id: NodeId) => (shownGradients.has(id as GradientId) ? formatValue(gradients[id as GradientId]) : null);
  const graphSummary =
    `Computation graph of a 2–2–1 sigmoid network, ${step.kind === 'start' ? 'nothing computed yet' : `${shownValues.size} of ${OPERATION_IDS.length} values and ${shownGradients.size} gradients computed`}.` +
    (shownValues.has('L') ? ` Prediction ŷ = ${formatValue(values.y)}, loss L = ${formatValue(values.L)}.` : '');

  const entry = (id: InputId) => {
    const rule = inputRule(id, state.loss);
    return (
      <EntryInput
        key={id}
        id={inputDomId(domId, id)}
        label={rule.label}
        value={state.inputs[id]}
        min={rule.min}
        max={rule.max}
        invalid={message?.id === id}
        onCommit={(value) => dispatch({ type: 'setInput', id, value })}
        onMessage={(text) => handleMessage(id, text)}
      />
    );
  };

  return (
    <WidgetFrame widgetId="backprop-stepper" domId={domId} title="Backpropagation, one node at a time" state="ready">
      <LinkProblemsNotice problems={shared.problems} />
      <div className="widget-controls">
        <fieldset className="pill-choices">
          <legend>Loss</legend>
          {LOSS_OPTIONS.map((option) => (
            <label key={option.value} className="pill-choice">
              <input type="radio" name={radioName} value={option.value} checked={state.loss === option.value} onChange={() => dispatch({ type: 'setLoss', loss: option.value })} />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        <NumberField {...LEARNING_RATE_RULE} value={state.learningRate} onChange={(learningRate) => dispatch({ type: 'setLearningRate', learningRate })} />
        <p className="backprop-iteration" data-testid="iteration">
          Iteration <strong>{state.iteration}</strong>
        </p>
      </div>

      <div className="button-row backprop-buttons" role="group" aria-label="Walk through the graph">
        <button type="button" className="button" onClick={() => dispatch({ type: 'previous' })} disabled={position === 0}>
          <span aria-hidden="true">‹</span> Previous
        </button>
        <button type="button" className="button button-primary" onClick={() => dispatch({ type: 'next' })} disabled={atEnd}>
          Next <span aria-hidden="true">›</span>
        </button>
        <button type="button" className="button" onClick={() => dispatch({ type: 'runAll' })} disabled={atEnd}>
          Run all <span aria-hidden="true">⇥</span>
        </button>
        <button type="button" className="button" onClick={() => dispatch({ type: 'startOver' })} disabled={position === 0}>
          <span aria-hidden="true">⟲</span> Start over
        </button>
        <button type="button" className={`button ${atEnd ? 'button-primary' : ''}`} onClick={() => dispatch({ type: 'applyUpdate' })} disabled={!atEnd}>
          Apply update
        </button>
        <span className="backprop-progress" aria-hidden="true">
          {position} / {LAST_POSITION}
        </span>
      </div>

      <div className="backprop-graph-scroll" ref={scrollRef}>
        <div
          className="backprop-graph"
          tabIndex={0}
          role="group"
          aria-label="Computation graph. Arrow keys: next or previous node; Home: start over; End: run all."
          aria-describedby={`${domId}-explanation`}
          onKeyDown={handleKeyDown}
          data-position={position}
        >
          <svg viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`} role="img" aria-label={graphSummary}>
            <defs>
              <marker id={`${domId}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto">
                <path d="M0,0 L10,5 L0,10 z" className="backprop-arrowhead" />
              </marker>
              <marker id={`${domId}-arrow-used`} viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="13" markerHeight="13" orient="auto">
                <path d="M0,0 L10,5 L0,10 z" className="backprop-arrowhead-used" />
              </marker>
            </defs>
            <g className="backprop-edges">
              {EDGES.filter((edge) => !usedEdges.has(edgeKey(edge))).map((edge) => (
                <path key={edgeKey(edge)} d={edgePath(edge.from, edge.to)} className="backprop-edge" markerEnd={`url(#${domId}-arrow)`} />
              ))}
              {EDGES.filter((edge) => usedEdges.has(edgeKey(edge))).map((edge) => (
                <path
                  key={edgeKey(edge)}
                  d={edgePath(edge.from, edge.to)}
                  className={`backprop-edge backprop-edge-used ${step.kind === 'backward' ? 'backprop-edge-backward' : ''}`}
                  markerEnd={`url(#${domId}-arrow-used)`}
                  data-edge={edgeKey(edge)}
                />
              ))}
            </g>
            {OPERATION_IDS.map((id) => {
              const [cx, cy] = POSITIONS[id];
              const { width, height } = OP_SIZE;
              const gradient = gradientText(id);
              const classes = ['backprop-node', description.node === id ? 'is-current' : '', operands.has(id) ? 'is-operand' : '', shownValues.has(id) ? 'has-value' : ''];
              return (
                <g key={id} className={classes.join(' ')} data-node={id} transform={`translate(${cx - width / 2},${cy - height / 2})`}>
                  <rect width={width} height={height} rx={10} />
                  <text className="backprop-node-glyph" x={8} y={19}>
                    {OPERATION_GLYPH[id]}
                  </text>
                  <text className="backprop-node-name" x={width - 9} y={19} textAnchor="end">
                    {nodeLabel(id)}
                  </text>
                  <text className="backprop-node-value" x={width / 2} y={41} textAnchor="middle">
                    {shownValues.has(id) ? formatValue(values[id]) : '?'}
                  </text>
                  {gradient !== null ? (
                    <text className="backprop-node-gradient" x={width / 2} y={61} textAnchor="middle">
                      ∂ {gradient}
                    </text>
                  ) : null}
                </g>
              );
            })}
            {(['x1', 'x2', 'target', ...PARAMETER_IDS] as InputId[]).map((id) => {
              const [cx, cy] = POSITIONS[id];
              const { width, height } = LEAF_SIZE;
              const gradient = gradientText(id);
              const isParameter = (PARAMETER_IDS as readonly string[]).includes(id);
              const classes = ['backprop-leaf', isParameter ? 'is-parameter' : 'is-data', description.node === id ? 'is-current' : '', operands.has(id) ? 'is-operand' : ''];
              return (
                <g key={id} className={classes.join(' ')} data-node={id} transform={`translate(${cx - width / 2},${cy - height / 2})`} onClick={() => focusInput(id)}>
                  <title>{`Edit ${nodeLabel(id)}`}</title>
                  <rect width={width} height={height} rx={height / 2} />
                  <text className="backprop-leaf-value" x={width / 2} y={gradient === null ? height / 2 + 7 : 21} textAnchor="middle">
                    <tspan className="backprop-leaf-name">{nodeLabel(id)}</tspan> {formatValue(state.inputs[id])}
                  </text>
                  {gradient !== null ? (
                    <text className="backprop-node-gradient" x={width / 2} y={42} textAnchor="middle">
                      ∂ {gradient}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
        </div>
      </div>
      <p className="widget-caption backprop-legend">
        <span className="backprop-key-value">value</span> <span className="backprop-key-gradient">∂ = ∂L/∂node</span> Focus the graph and use the arrow keys to move; click a weight
        or input in the graph to edit it.
      </p>

      <div id={`${domId}-explanation`} className={`backprop-explanation backprop-explanation-${step.kind}`} aria-live="polite" aria-atomic="true">
        <p className="backprop-explanation-heading">{description.heading}</p>
        <p className="backprop-formula" data-testid="formula">
          {description.formula}
        </p>
        <p className="backprop-explanation-text">{description.explanation}</p>
      </div>

      {atEnd ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="The update of every parameter">
          <table className="backprop-updates" data-testid="updates">
            <caption>w ← w − η · ∂L/∂w with η = {formatValue(state.learningRate)}</caption>
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Old value</th>
                <th scope="col">∂L/∂w</th>
                <th scope="col">New value</th>
              </tr>
            </thead>
            <tbody>
              {updates.map((update) => (
                <tr key={update.id} data-parameter={update.id}>
                  <th scope="row">{nodeLabel(update.id)}</th>
                  <td>{formatValue(update.old)}</td>
                  <td>{formatValue(update.gradient)}</td>
                  <td>{formatValue(update.updated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <div className="backprop-editors">
        <fieldset className="backprop-fieldset">
          <legend>Example</legend>
          <div className="backprop-entries">{(['x1', 'x2', 'target'] as InputId[]).map(entry)}</div>
        </fieldset>
        <fieldset className="backprop-fieldset backprop-fieldset-parameters">
          <legend>Parameters</legend>
          <div className="backprop-entries backprop-entries-parameters">{PARAMETER_IDS.map(entry)}</div>
        </fieldset>
      </div>
      <p className="field-message backprop-message" role="alert">
        {message?.text ?? ''}
      </p>
      <p className="widget-caption">
        Each value accepts a number from −{VALUE_LIMIT} to {VALUE_LIMIT} (with cross entropy the target is a probability, 0 to 1); press Enter or move on to apply it. Edits keep
        your place and recompute every number.
      </p>
    </WidgetFrame>
  );
}
