import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTrainingRun } from '../../hooks/use-training-run';
import { useElementWidth } from '../../hooks/use-element-width';
import { OPTIMIZER_KINDS, describeOptimizer, type OptimizerKind } from '../../core/training/optimizers/optimizer-config';
import type { NetworkParameters } from '../../core/nn/network-spec';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { LossCurves } from '../training-shell/loss-curves';
import { TrainingWidgetFrame } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { datasetsFor, generateDataset, splitDrawnPoints, splitTrainTest, supportsManyClasses, type DataPoint, type DatasetId, type ProblemType } from './mlp-datasets';
import { FEATURES, featureGrid, featureMagnitude, type FeatureId } from './mlp-features';
import { classShares, paintActivation, paintClassProbability, paintClasses, paintSigned, softmaxRows } from './mlp-heatmap';
import {
  BOUNDARY_RESOLUTION,
  NEURON_RESOLUTION,
  gridFeatureInputs,
  outputKind,
  outputUnits,
  playgroundConfig,
  playgroundReadouts,
  readoutInterval,
  stepsPerEpoch,
  toLabelledData,
} from './mlp-network-config';
import {
  ACTIVATIONS,
  DEFAULT_SETTINGS,
  LIMITS,
  MAX_HIDDEN_LAYERS,
  MAX_UNITS,
  REGULARIZATIONS,
  SETTINGS_SCHEMA,
  effectiveProblem,
  formatFeatures,
  formatLayers,
  parseFeatures,
  parseLayers,
  type HiddenActivation,
  type MlpSettings,
  type Regularization,
} from './mlp-settings';
import { edgeWeight, layoutDiagram, nodeBias, type DiagramEdge, type DiagramNode } from './mlp-diagram-layout';
import { buildShareLink } from './mlp-share-link';
import { NetworkDiagram, nodeName, type NodePicture } from './network-diagram';
import { OutputPlot } from './output-plot';
import { DataPanel } from './data-panel';
import { WeightEditor, type EditableWeight } from './weight-editor';
import { usePlotColors } from './use-plot-colors';
import { useDrawnPoints } from './use-drawn-points';
import './mlp-playground.css';

type MlpPlaygroundProps = Partial<Pick<MlpSettings, 'dataset' | 'problem' | 'features' | 'layers' | 'activation' | 'learningRate' | 'batchSize' | 'noise' | 'classes'>> & {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
};

const OPTIMIZER_OPTIONS = OPTIMIZER_KINDS.map((kind) => ({ value: kind, label: describeOptimizer({ kind }).replace(/ \(.*\)$/, '') }));
const PROBLEM_OPTIONS: ReadonlyArray<{ value: ProblemType; label: string }> = [
  { value: 'classification', label: 'Classification' },
  { value: 'regression', label: 'Regression' },
];
const CLASS_NAMES = ['orange', 'blue', 'green', 'purple'];
/** How often the pictures should arrive while training (read-outs per second). */
const PICTURES_PER_SECOND = 10;
/** Progress reports from the worker (one loss read-back each): fewer, longer chunks leave the worker more time to train. */
const CHUNK_MS = 40;
/** Least time between two drawings while training: the main thread shares the machine with the worker. */
const DRAW_INTERVAL_MS = 100;
/** The loss curves and numbers while training: a few times a second is enough to read them. */
const CURVE_INTERVAL_MS = 400;

/** The loss curves, drawn again only when their data change (not with every picture). */
const Curves = memo(LossCurves);

/** `value`, but while `throttling` a new value only every `intervalMs` (the newest one shows when throttling ends). */
function useThrottled<T>(value: T, intervalMs: number, throttling: boolean): T {
  const kept = useRef({ value, at: 0 });
  const now = performance.now();
  if (!throttling || now - kept.current.at >= intervalMs) kept.current = { value, at: now };
  return kept.current.value;
}

const formatLoss = (value: number | null | undefined) => (value === null || value === undefined ? '–' : Number.isFinite(value) ? value.toFixed(3) : String(value));

/**
 * Widget "mlp-playground": TensorFlow Playground in the course's engine. Data sets (two to four classes, or
 * regression, or drawn by hand), input features, hidden layers and neurons, activation, learning rate, batch,
 * regularization, optimizer and seed; the output over the plane with training and test points, a heatmap for every
 * neuron laid out as the network, weights as edges that can be inspected and edited, loss curves and a share link.
 */
export function MlpPlayground({
  instance,
  dataset,
  problem: problemProp,
  features: featuresProp,
  layers,
  activation,
  learningRate,
  batchSize,
  noise,
  classes,
}: MlpPlaygroundProps) {
  // The MDX props are the starting settings (a share link overrides them); only those given replace the defaults.
  const defaults = useMemo<MlpSettings>(() => {
    const given = { dataset, problem: problemProp, features: featuresProp, layers, activation, learningRate, batchSize, noise, classes };
    return { ...DEFAULT_SETTINGS, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) };
  }, [dataset, problemProp, featuresProp, layers, activation, learningRate, batchSize, noise, classes]);
  const widget = useTrainingWidget<MlpSettings>({ widgetId: 'mlp-playground', shareKey: 'mlp', instance, settingsSchema: SETTINGS_SCHEMA, defaultSettings: defaults });
  const { settings, updateSettings: update } = widget;
  const colorsRef = useRef<HTMLDivElement>(null);
  const colors = usePlotColors(colorsRef);
  const { palette } = colors;

  const problem = effectiveProblem(settings);
  const features = useMemo(() => parseFeatures(settings.features) ?? ['x1', 'x2'], [settings.features]) as FeatureId[];
  const hiddenLayers = useMemo(() => parseLayers(settings.layers) ?? [4, 2], [settings.layers]);
  const classCount = problem === 'classification' && supportsManyClasses(settings.dataset) ? settings.classes : 2;
  const kind = outputKind(problem, classCount);
  const custom = settings.dataset === 'custom';

  const drawn = useDrawnPoints(widget.shareNamespace, problem);
  const [drawClass, setDrawClass] = useState(1);
  const points = useMemo<DataPoint[]>(() => {
    if (custom) return problem === 'classification' ? drawn.points.filter((point) => point.label < classCount) : drawn.points;
    return generateDataset({
      dataset: settings.dataset as Exclude<DatasetId, 'custom'>,
      count: settings.count,
      noise: settings.noise / 100,
      classes: classCount,
      seed: settings.seed,
    });
  }, [custom, drawn.points, problem, classCount, settings.dataset, settings.count, settings.noise, settings.seed]);
  const split = useMemo(
    () => (custom ? splitDrawnPoints(points, settings.trainPercent / 100, settings.seed) : splitTrainTest(points, settings.trainPercent / 100, settings.seed)),
    [custom, points, settings.trainPercent, settings.seed],
  );
  const data = useMemo(() => {
    const train = toLabelledData(split.train, features, kind, classCount);
    return train ? { train, validation: toLabelledData(split.test, features, kind, classCount) } : null;
  }, [split, features, kind, classCount]);
  const config = useMemo(
    () =>
      playgroundConfig({
        inputSize: features.length,
        hiddenLayers,
        activation: settings.activation,
        problem,
        classCount,
        learningRate: settings.learningRate,
        batchSize: settings.batchSize,
        regularization: settings.regularization,
        regularizationRate: settings.regularizationRate,
        optimizer: settings.optimizer,
        seed: settings.seed,
        trainCount: Math.max(1, split.train.length),
        hasTest: split.test.length > 0,
      }),
    [
      features,
      hiddenLayers,
      settings.activation,
      problem,
      classCount,
      settings.learningRate,
      settings.batchSize,
      settings.regularization,
      settings.regularizationRate,
      settings.optimizer,
      settings.seed,
      split,
    ],
  );

  const boundaryInputs = useMemo(() => gridFeatureInputs(features, BOUNDARY_RESOLUTION), [features]);
  const neuronInputs = useMemo(() => gridFeatureInputs(features, NEURON_RESOLUTION), [features]);
  const [everySteps, setEverySteps] = useState(8);
  const readouts = useMemo(
    () => playgroundReadouts(boundaryInputs, neuronInputs, hiddenLayers.length, everySteps),
    [boundaryInputs, neuronInputs, hiddenLayers.length, everySteps],
  );
  const run = useTrainingRun({ active: widget.near, data, config, readouts, chunkDurationMs: CHUNK_MS, minDrawIntervalMs: DRAW_INTERVAL_MS });
  const { state } = run;
  const training = state.status === 'training';
  const locked = training;

  // Pictures about PICTURES_PER_SECOND times a second whatever the speed: the read-out interval follows the measured steps/s.
  const stepRef = useRef(state.step);
  stepRef.current = state.step;
  useEffect(() => {
    if (!training) return;
    let last = { step: stepRef.current, at: performance.now() };
    const timer = setInterval(() => {
      const now = { step: stepRef.current, at: performance.now() };
      const rate = ((now.step - last.step) * 1000) / (now.at - last.at);
      last = now;
      if (rate > 0) setEverySteps(readoutInterval(rate, PICTURES_PER_SECOND));
    }, 1500);
    return () => clearInterval(timer);
  }, [training]);

  // What the engine reported, by read-out.
  const boundary = state.readouts.boundary?.kind === 'outputs' ? state.readouts.boundary : null;
  const neurons = state.readouts.neurons?.kind === 'activations' ? state.readouts.neurons : null;
  const parameters: NetworkParameters | null = state.readouts.weights?.kind === 'parameters' ? state.readouts.weights.parameters : null;
  const units = outputUnits(kind, classCount);
  const discretize = settings.discretize === 'on';

  const probabilities = useMemo(() => (boundary && kind === 'softmax' ? softmaxRows(boundary.values, classCount) : null), [boundary, kind, classCount]);
  const boundaryPaint = useMemo(() => {
    if (!boundary || boundary.shape[1] !== units) return null;
    const count = BOUNDARY_RESOLUTION * BOUNDARY_RESOLUTION;
    return (pixels: Uint8ClampedArray) =>
      probabilities ? paintClasses(probabilities, classCount, palette, pixels, discretize) : paintSigned(boundary.values, count, 1, palette, pixels, { discretize });
  }, [boundary, units, probabilities, classCount, palette, discretize]);

  const featurePictures = useMemo(() => {
    const pictures: Record<string, NodePicture> = {};
    for (const feature of FEATURES) {
      const values = featureGrid(feature.id, NEURON_RESOLUTION);
      const scale = featureMagnitude(feature.id);
      pictures[`f-${feature.id}`] = { resolution: NEURON_RESOLUTION, paint: (pixels) => paintSigned(values, values.length, scale, palette, pixels) };
    }
    return pictures;
  }, [palette]);

  const pictures = useMemo(() => {
    const all: Record<string, NodePicture> = { ...featurePictures };
    const count = NEURON_RESOLUTION * NEURON_RESOLUTION;
    neurons?.layers.forEach(({ layer, shape, values }) => {
      const width = shape[1] ?? 0;
      for (let j = 0; j < width; j++) {
        all[`h-${layer}-${j}`] = { resolution: NEURON_RESOLUTION, paint: (pixels) => paintActivation(values, count, width, j, settings.activation, palette, pixels) };
      }
    });
    for (let k = 0; k < units; k++) {
      all[`o-${k}`] = {
        resolution: BOUNDARY_RESOLUTION,
        paint: !boundary || boundary.shape[1] !== units ? null : probabilities ? (pixels) => paintClassProbability(probabilities, classCount, k, palette, pixels) : boundaryPaint,
      };
    }
    return all;
  }, [featurePictures, neurons, settings.activation, palette, units, boundary, probabilities, classCount, boundaryPaint]);

  // The diagram.
  const diagramRef = useRef<HTMLDivElement>(null);
  const diagramWidth = useElementWidth(diagramRef, 700);
  const layout = useMemo(() => layoutDiagram(features, hiddenLayers, units, diagramWidth), [features, hiddenLayers, units, diagramWidth]);
  const outputNames = useMemo(() => (kind === 'softmax' ? Array.from({ length: classCount }, (_, k) => `class ${k + 1} (${CLASS_NAMES[k]})`) : ['output']), [kind, classCount]);
  const [selection, setSelection] = useState<{ key: string; focus: string | null } | null>(null);
  const allNodes = [...layout.hidden.flat(), ...layout.outputs];
  const selectedNode = selection ? (allNodes.find((node) => node.key === selection.key) ?? null) : null;
  const editableWeights = useMemo<EditableWeight[]>(() => {
    if (!selectedNode) return [];
    const incoming = layout.edges.filter((edge) => edge.to.key === selectedNode.key);
    return [
      ...incoming.map((edge) => ({
        key: edge.key,
        label: `from ${nodeName(edge.from, outputNames)}`,
        layer: edge.layer,
        parameter: 'kernel' as const,
        index: edge.kernelIndex,
        value: edgeWeight(parameters, edge),
      })),
      { key: 'bias', label: 'bias', layer: selectedNode.layer, parameter: 'bias', index: selectedNode.index, value: nodeBias(parameters, selectedNode) },
    ];
  }, [selectedNode, layout.edges, parameters, outputNames]);

  const selectNode = useCallback((node: DiagramNode, edgeKey?: string) => setSelection({ key: node.key, focus: edgeKey ?? null }), []);
  const pickEdge = useCallback((edge: DiagramEdge) => setSelection({ key: edge.to.key, focus: edge.key }), []);
  const toggleFeature = useCallback(
    (node: DiagramNode) => {
      if (!node.feature) return;
      const next = node.active ? features.filter((id) => id !== node.feature) : [...features, node.feature];
      if (next.length === 0) return;
      update({ features: formatFeatures(next) });
    },
    [features, update],
  );
  const changeUnits = useCallback(
    (layer: number, delta: 1 | -1) => update({ layers: formatLayers(hiddenLayers.map((size, i) => (i === layer ? Math.max(1, Math.min(MAX_UNITS, size + delta)) : size))) }),
    [hiddenLayers, update],
  );
  const changeLayers = (delta: 1 | -1) => {
    const next = delta > 0 ? [...hiddenLayers, hiddenLayers[hiddenLayers.length - 1] ?? 2] : hiddenLayers.slice(0, -1);
    update({ layers: formatLayers(next.slice(0, MAX_HIDDEN_LAYERS)) });
  };
  const changeProblem = useCallback(
    (value: ProblemType) => {
      if (value !== problem) update({ problem: value, dataset: custom ? 'custom' : datasetsFor(value)[0] });
    },
    [problem, custom, update],
  );
  const { setPoints } = drawn;
  const drawing = useMemo(
    () => ({
      points: drawn.points,
      drawClass,
      setDrawClass,
      clear: () => setPoints([]),
      removeLast: () => setPoints((current) => current.slice(0, -1)),
    }),
    [drawn.points, drawClass, setPoints],
  );
  // The settings change rarely: not redrawn with every progress report.
  const hyperParameters = useMemo(
    () => (
      <div className="mlp-hyper">
        <NumberField {...LIMITS.learningRate} value={settings.learningRate} onChange={(learningRate) => update({ learningRate })} hint="η, applies at once" />
        <SelectField<HiddenActivation> label="Activation" value={settings.activation} options={ACTIVATIONS} disabled={locked} onChange={(activation) => update({ activation })} />
        <SelectField<Regularization>
          label="Regularization"
          value={settings.regularization}
          options={REGULARIZATIONS}
          disabled={locked}
          onChange={(regularization) => update({ regularization })}
        />
        <NumberField
          {...LIMITS.regularizationRate}
          value={settings.regularizationRate}
          disabled={locked}
          onChange={(regularizationRate) => update({ regularizationRate })}
          hint="λ"
        />
        <NumberField {...LIMITS.batchSize} value={settings.batchSize} disabled={locked} onChange={(batchSize) => update({ batchSize })} />
        <SelectField<OptimizerKind> label="Optimizer" value={settings.optimizer} options={OPTIMIZER_OPTIONS} disabled={locked} onChange={(optimizer) => update({ optimizer })} />
        <SelectField<ProblemType> label="Problem type" value={problem} options={PROBLEM_OPTIONS} disabled={locked} onChange={changeProblem} />
      </div>
    ),
    [
      settings.learningRate,
      settings.activation,
      settings.regularization,
      settings.regularizationRate,
      settings.batchSize,
      settings.optimizer,
      problem,
      locked,
      update,
      changeProblem,
    ],
  );

  // Share link.
  const [link, setLink] = useState<{ url: string; message: string } | null>(null);
  const copyLink = async () => {
    const shared = buildShareLink(window.location.href, widget.shareNamespace, settings, defaults, custom ? drawn.points : null, problem, widget.domId);
    let message = 'Link copied: it opens this page with exactly these settings.';
    try {
      await navigator.clipboard.writeText(shared.url);
    } catch {
      message = 'Copy this link (the browser did not allow copying it for you):';
    }
    if (shared.pointsLeftOut > 0) message += ` Your ${shared.pointsLeftOut} drawn points are too many for a link (at most 200): it keeps every other setting.`;
    setLink({ url: shared.url, message });
  };

  // Curves and numbers while training: a few times a second.
  const curves = useThrottled(state, CURVE_INTERVAL_MS, training);

  // Read-outs for the text alternatives.
  const lastTest = curves.validation.loss.length > 0 ? curves.validation.loss[curves.validation.loss.length - 1] : null;
  const lastAccuracy = curves.validation.accuracy.length > 0 ? curves.validation.accuracy[curves.validation.accuracy.length - 1] : null;
  const shares = useMemo(
    () => (boundary && problem === 'classification' ? classShares(probabilities ?? boundary.values, kind === 'softmax' ? classCount : 2, kind !== 'softmax') : null),
    [boundary, probabilities, problem, kind, classCount],
  );
  const plotLabel = `The network's output over the plane (x₁ and x₂ from −6 to 6)${
    shares ? `: ${shares.map((share, k) => `${CLASS_NAMES[k]} on ${Math.round(share * 100)} %`).join(', ')}` : ''
  }. ${split.train.length} training points${settings.showTest === 'on' ? ` and ${split.test.length} test points (outlined)` : ''} drawn.`;
  const epoch = state.epoch;
  const plotWidthRef = useRef<HTMLDivElement>(null);
  const plotColumnWidth = useElementWidth(plotWidthRef, 320);
  const plotSize = Math.max(220, Math.min(340, plotColumnWidth - 34));

  const blocked = data ? null : custom ? 'Draw some points: click the plot (or focus it and press Enter) to add a point of the chosen class.' : 'There are no training points.';

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={run}
      title="A neural network playground"
      blocked={blocked}
      controls={
        <p className="mlp-epoch" aria-live="off" data-epoch={epoch.toFixed(3)} data-steps-per-epoch={stepsPerEpoch(split.train.length, settings.batchSize)}>
          <span className="mlp-epoch-label">Epoch</span> <span className="mlp-epoch-value">{Math.floor(epoch).toLocaleString('en-US')}</span>
        </p>
      }
    >
      <div ref={colorsRef} className="mlp-playground">
        {drawn.linkProblem ? <p className="widget-notice">{drawn.linkProblem}; the drawing starts empty.</p> : null}
        {hyperParameters}
        <div className="mlp-top">
          <DataPanel settings={settings} problem={problem} palette={palette} locked={locked} update={update} drawing={drawing} />
          <div className="mlp-output" ref={plotWidthRef}>
            <h4 className="mlp-heading">Output</h4>
            <dl className="mlp-stats">
              <div>
                <dt>Training loss</dt>
                <dd>{formatLoss(curves.latestLoss)}</dd>
              </div>
              <div>
                <dt>Test loss</dt>
                <dd>{formatLoss(lastTest)}</dd>
              </div>
              {problem === 'classification' ? (
                <div>
                  <dt>Test accuracy</dt>
                  <dd>{lastAccuracy === null ? '–' : `${Math.round(lastAccuracy * 100)} %`}</dd>
                </div>
              ) : null}
            </dl>
            <OutputPlot
              size={plotSize}
              resolution={BOUNDARY_RESOLUTION}
              paint={boundaryPaint}
              train={split.train}
              test={split.test}
              showTest={settings.showTest === 'on'}
              problem={problem}
              classCount={classCount}
              colors={colors}
              label={plotLabel}
              draw={
                custom
                  ? {
                      drawClass: Math.min(drawClass, problem === 'classification' ? classCount - 1 : 1),
                      disabled: locked,
                      onAdd: (point) => drawn.setPoints((current) => [...current, point]),
                      onRemoveLast: () => drawn.setPoints((current) => current.slice(0, -1)),
                    }
                  : null
              }
            />
            <div className="mlp-toggles">
              <label>
                <input type="checkbox" checked={settings.showTest === 'on'} onChange={(event) => update({ showTest: event.target.checked ? 'on' : 'off' })} /> Show test data
              </label>
              <label>
                <input type="checkbox" checked={discretize} onChange={(event) => update({ discretize: event.target.checked ? 'on' : 'off' })} /> Discretize output
              </label>
            </div>
            <p className="mlp-legend widget-caption">
              {kind === 'softmax'
                ? 'Each colour is the winning class; paler where the network is less sure. '
                : kind === 'binary'
                  ? 'Blue: output near +1 (class 2), orange: near −1 (class 1), pale: undecided. '
                  : 'Blue: output near +1, orange: near −1. '}
              Filled markers are training points{settings.showTest === 'on' ? '; outlined ones are test points' : ''}.
            </p>
          </div>
        </div>
        <div className="mlp-network-head">
          <h4 className="mlp-heading">Network</h4>
          <div className="mlp-stepper" role="group" aria-label={`${hiddenLayers.length} hidden layers`}>
            <button type="button" className="mlp-stepper-button" disabled={locked || hiddenLayers.length === 0} onClick={() => changeLayers(-1)} aria-label="Remove a hidden layer">
              −
            </button>
            <span aria-hidden="true">{hiddenLayers.length}</span>
            <button
              type="button"
              className="mlp-stepper-button"
              disabled={locked || hiddenLayers.length >= MAX_HIDDEN_LAYERS}
              onClick={() => changeLayers(1)}
              aria-label="Add a hidden layer"
            >
              +
            </button>
          </div>
          <span className="mlp-network-caption">{hiddenLayers.length === 1 ? 'hidden layer' : 'hidden layers'}</span>
          <p className="widget-caption mlp-network-help">
            Click a feature to use it or not. Hover or focus a node to see it large; click an edge or a neuron to edit weights. Edges: blue positive, orange negative, thicker for
            larger |w|.
          </p>
        </div>
        <div className="mlp-diagram-scroll" ref={diagramRef}>
          <NetworkDiagram
            layout={layout}
            palette={palette}
            parameters={parameters}
            pictures={pictures}
            activationLabel={settings.activation}
            outputNames={outputNames}
            selectedKey={selectedNode?.key ?? null}
            locked={locked}
            onToggleFeature={toggleFeature}
            onSelectNode={selectNode}
            onPickEdge={pickEdge}
            onChangeUnits={changeUnits}
            maxUnits={MAX_UNITS}
          />
        </div>
        {selectedNode ? (
          <WeightEditor
            title={selectedNode.kind === 'hidden' ? `hidden ${nodeName(selectedNode, outputNames)}` : nodeName(selectedNode, outputNames)}
            weights={editableWeights}
            focusKey={selection?.focus ?? null}
            locked={locked}
            onCommit={(weight, value) => void run.setParameterValue(weight.layer, weight.parameter, weight.index, value)}
            onClose={() => setSelection(null)}
          />
        ) : null}
        <div className="mlp-curves">
          <Curves state={curves} title="Loss per step: training batches and test points" validationLabel="Test loss" height={180} />
        </div>
        <div className="mlp-share">
          <button type="button" className="button" onClick={() => void copyLink()}>
            Copy link
          </button>
          {link ? (
            <p className="mlp-share-result" role="status">
              {link.message}{' '}
              <input className="mlp-share-url" type="text" readOnly value={link.url} aria-label="Link to these settings" onFocus={(event) => event.target.select()} />
            </p>
          ) : null}
        </div>
      </div>
    </TrainingWidgetFrame>
  );
}
