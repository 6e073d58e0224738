import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ConfusionMatrix } from '../../charts/confusion-matrix';
import { confusionCounts } from '../../charts/confusion-matrix-model';
import { ImageGrid, type GridImage } from '../../charts/image-grid';
import { LineChart } from '../../charts/line-chart';
import type { DatasetName } from '../../core/data/load-dataset';
import { saveLearnerModel, type SaveResult } from '../../core/models/learner-model-store';
import { forwardPass } from '../../core/nn/forward-pass';
import { findParameter, summarizeNetwork, type LayerSummary, type NetworkSpec } from '../../core/nn/network-spec';
import { OPTIMIZER_KINDS, type OptimizerKind } from '../../core/training/optimizers/optimizer-config';
import { useDataset } from '../../hooks/use-dataset';
import { usePretrainedModel } from '../../hooks/use-pretrained-model';
import type { DatasetSplit } from '../../core/data/load-dataset';
import { useTrainingRun } from '../../hooks/use-training-run';
import { useStreamedTrainerData } from './use-streamed-trainer-data';
import { DrawingPad } from '../../ui/drawing-pad';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { LossCurves } from '../training-shell/loss-curves';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { ArchitectureDiagram } from './architecture-diagram';
import {
  ACTIVATIONS,
  appendScore,
  applySettingsChange,
  editorSettings,
  BATCH_SIZE_RULE,
  buildArchitecture,
  DEFAULT_SETTINGS,
  DENSE_RULE,
  EMPTY_CURVE,
  EPOCHS_RULE,
  evaluateEvery,
  examplesPerSecond,
  FILTERS_RULE,
  findMistakes,
  firstStepReaching,
  formatCount,
  formatDuration,
  LEARNING_RATE_RULE,
  MAX_BLOCKS,
  networkTotals,
  parseFilters,
  PRETRAINED_STARTS,
  SEED_RULE,
  SETTINGS_SCHEMA,
  scoreOutputs,
  softmaxRow,
  splitImages,
  stepsForEpochs,
  TEST_SUBSET,
  TRAIN_SUBSET,
  trainerConfig,
  trainerReadouts,
  VALIDATION_SUBSET,
  withFilterCount,
  type CnnTrainerSettings,
  type MapSource,
  type Pooling,
  type ScoreCurve,
  type StepSample,
  type TrainerActivation,
} from './cnn-trainer-state';
import { FeatureMaps } from './feature-maps';
import { MistakesGallery } from './mistakes-gallery';
import { ProbabilityBars } from './probability-bars';
import './cnn-trainer.css';

const SPLITS = ['train', 'validation', 'test'] as const;
const TARGET_ACCURACY = 0.97;
const MISTAKES_SHOWN = 14;
/** Above this many multiply–adds per image, feature maps are recomputed on the page only while paused. */
const LIVE_MAPS_MULTIPLY_ADDS = 6_000_000;

const DATASET_OPTIONS: ReadonlyArray<{ value: DatasetName; label: string }> = [
  { value: 'mnist', label: 'MNIST digits' },
  { value: 'fashion-mnist', label: 'Fashion-MNIST' },
];
const OPTIMIZER_LABELS: Record<OptimizerKind, string> = { sgd: 'SGD', momentum: 'Momentum', nesterov: 'Nesterov', rmsprop: 'RMSProp', adam: 'Adam', adamw: 'AdamW' };
const ACTIVATION_LABELS: Record<TrainerActivation, string> = { relu: 'ReLU', 'leaky-relu': 'Leaky ReLU', tanh: 'tanh', sigmoid: 'sigmoid' };
const POOLING_LABELS: Record<Pooling, string> = { max: 'Max', avg: 'Average', none: 'None' };

const percent = (value: number | undefined | null, digits = 1) => (value === undefined || value === null || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(digits)} %`);

/** "Conv 3×3 (8)", "Max pool", "Dense 64", "Output". */
function layerTitle(summary: LayerSummary): string {
  const layer = summary.layer;
  switch (layer.kind) {
    case 'conv2d':
      return `Conv ${layer.kernelSize}×${layer.kernelSize}, ${layer.filters} filters`;
    case 'max-pool':
      return 'Max pool 2×2';
    case 'avg-pool':
      return 'Average pool 2×2';
    case 'dense':
      return layer.activation === 'linear' ? 'Output (logits)' : `Dense ${layer.units}`;
    default:
      return layer.kind;
  }
}

interface PillGroupProps<T extends string> {
  legend: string;
  name: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T) => void;
}

function PillGroup<T extends string>({ legend, name, value, options, onChange }: PillGroupProps<T>) {
  return (
    <fieldset className="pill-choices">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="pill-choice">
          <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

interface CnnTrainerProps {
  /** The dataset it starts on (a share link overrides it). */
  dataset?: DatasetName;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/**
 * Widget "cnn-trainer": a convolutional network trained live on MNIST or Fashion-MNIST in the engine, with an
 * editable architecture (drawn with every layer's shape and parameter count), hyperparameters, live loss and
 * accuracy curves, the first layer's filters, every layer's feature maps for a test image or a drawing, class
 * probabilities for a drawing, and a confusion matrix with a gallery of mistakes on a fixed test subset.
 */
export function CnnTrainer({ dataset, instance }: CnnTrainerProps) {
  const defaults = useMemo(() => ({ ...DEFAULT_SETTINGS, ...(dataset ? { dataset } : {}) }), [dataset]);
  const widget = useTrainingWidget<CnnTrainerSettings>({ widgetId: 'cnn-trainer', shareKey: 'cnn', instance, settingsSchema: SETTINGS_SCHEMA, defaultSettings: defaults });
  const { settings, updateSettings } = widget;
  // Editing the architecture leaves the pretrained start; a new dataset moves to that dataset's pretrained network.
  const update = useCallback((changes: Partial<CnnTrainerSettings>) => updateSettings(applySettingsChange(settings, changes)), [updateSettings, settings]);
  const names = useId();

  // The course's pretrained network for this dataset: its metadata is shown next to the button that starts from it.
  const pretrainedStart = PRETRAINED_STARTS[settings.dataset];
  const fromPretrained = settings.start === 'pretrained';
  const pretrained = usePretrainedModel(pretrainedStart.modelId, widget.near);
  const pretrainedModel = pretrained.load.status === 'loaded' ? pretrained.load.model : null;
  /** What the architecture editor shows (the pretrained network's settings while its start is on). */
  const shownSettings = editorSettings(settings);

  // Data: the whole training split, a fixed validation subset scored while training, and test images to look at.
  // Training starts on the first chunk of training images; the rest join the running model as they arrive.
  const { load, retry } = useDataset(settings.dataset, SPLITS, widget.near);
  const streamed = useStreamedTrainerData(load);
  const { data, moreTrainingData, train: trainSplit, validation: validationSplit } = streamed;
  // The test images shown are a fixed subset: taken once it has arrived, not again for every later chunk.
  const testReady = streamed.test !== null && streamed.test.count >= Math.min(TEST_SUBSET, streamed.test.totalCount);
  const testSplitRef = useRef<DatasetSplit | null>(null);
  if (!testReady) testSplitRef.current = null;
  else if (testSplitRef.current?.name !== streamed.test!.name) testSplitRef.current = streamed.test;
  const testSplit = testSplitRef.current;
  const classNames = testSplit?.classNames ?? Array.from({ length: 10 }, (_, i) => String(i));

  // Architecture: the settings' network, or (while they describe none) the last one that worked, with the reason.
  const architecture = useMemo(
    () => buildArchitecture(settings),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the architecture's settings
    [settings.blocks, settings.filters, settings.kernelSize, settings.padding, settings.pooling, settings.denseUnits, settings.activation],
  );
  const lastValid = useRef(buildArchitecture(DEFAULT_SETTINGS));
  if (architecture.ok) lastValid.current = architecture;
  const shown = architecture.ok ? architecture : lastValid.current;
  if (!shown.ok) throw new Error('the default architecture must be valid');
  // While the pretrained start is on, the network is the model's own (LeNet-5's is more than the editor can say).
  const pretrainedNetwork = pretrainedModel?.network ?? pretrainedStart.network;
  const pretrainedSummary = useMemo(() => summarizeNetwork(pretrainedNetwork), [pretrainedNetwork]);
  const network: NetworkSpec = fromPretrained ? pretrainedNetwork : shown.network;
  const summary = fromPretrained ? pretrainedSummary : shown.summary;
  const totals = networkTotals(summary);
  const initialParameters = fromPretrained && pretrainedModel ? pretrainedModel.parameters : undefined;

  const config = useMemo(() => trainerConfig(settings, network, initialParameters), [settings, network, initialParameters]);
  const maxSteps = stepsForEpochs(settings.epochs, streamed.trainTotal || 1, settings.batchSize);

  // What the feature maps show, and the learner's drawing.
  const [mapSource, setMapSource] = useState<MapSource>({ kind: 'test', index: 0 });
  const [drawing, setDrawing] = useState<Float32Array | null>(null);
  const [stepping, setStepping] = useState(false);

  const trainImages = useMemo(() => (data ? (data.train.inputs as Uint8Array).subarray(0, Math.min(TRAIN_SUBSET, data.train.count) * 784) : null), [data]);
  const testImages = useMemo(() => (testSplit ? splitImages(testSplit, 0, Math.min(TEST_SUBSET, testSplit.count)) : null), [testSplit]);
  const testCount = testImages ? testImages.length / 784 : 0;

  // Every validation image is scored when training pauses or ends (not on Step: that would slow each click).
  const [paused, setPaused] = useState(false);
  const fullValidation = paused && !stepping && validationSplit ? validationSplit.images : null;
  const trainEvery = evaluateEvery(settings.batchSize) * 2;
  const readouts = useMemo(
    () =>
      trainImages && testImages ? trainerReadouts({ trainImages, testImages, fullValidation, trainEvery, parametersEvery: totals.parameters > 200_000 ? 50 : 10 }) : undefined,
    [trainImages, testImages, fullValidation, trainEvery, totals.parameters],
  );

  // With the pretrained start, the model is built once its weights have arrived (never from random weights first).
  const waitingForPretrained = fromPretrained && !pretrainedModel;
  const run = useTrainingRun({ active: widget.near, data: waitingForPretrained ? null : data, moreTrainingData, config, maxSteps, readouts, minDrawIntervalMs: 100 });
  const { state } = run;
  useEffect(() => setPaused(state.status === 'paused'), [state.status]);
  const blocked = architecture.ok || fromPretrained ? null : `This architecture cannot be trained. ${architecture.problem}`;

  // The Train and Step buttons: Step does not score every validation image on each click.
  const { train: startTraining, step: stepOnce } = run;
  const train = useCallback(() => {
    setStepping(false);
    startTraining();
  }, [startTraining]);
  const step = useCallback(() => {
    setStepping(true);
    stepOnce();
  }, [stepOnce]);

  // Wall time spent training (Train to now, pauses excluded), the throughput, and when the target was first reached.
  const trainingSince = useRef<number | null>(null);
  const trainedMs = useRef(0);
  const samples = useRef<StepSample[]>([]);
  const [rate, setRate] = useState<number | null>(null);
  const [reached, setReached] = useState<{ step: number; ms: number } | null>(null);
  const elapsed = () => trainedMs.current + (trainingSince.current === null ? 0 : performance.now() - trainingSince.current);
  useEffect(() => {
    if (state.status === 'training') {
      trainingSince.current ??= performance.now();
      samples.current.push({ ms: performance.now(), step: state.step });
      if (samples.current.length > 200) samples.current.splice(0, 100);
      setRate(examplesPerSecond(samples.current, settings.batchSize));
    } else {
      if (trainingSince.current !== null) trainedMs.current += performance.now() - trainingSince.current;
      trainingSince.current = null;
      samples.current = [];
    }
  }, [state.status, state.step, settings.batchSize]);
  useEffect(() => {
    if (state.step === 0) {
      trainedMs.current = 0;
      setReached(null);
      setRate(null);
    }
  }, [state.step]);
  const reachedStep = firstStepReaching(state.validation, TARGET_ACCURACY);
  useEffect(() => {
    if (reachedStep !== null && reached === null) setReached({ step: reachedStep, ms: elapsed() });
  }, [reachedStep, reached]);

  // Scores computed from the read-outs.
  const trainOutputs = state.readouts.train;
  const [trainCurve, setTrainCurve] = useState<ScoreCurve>(EMPTY_CURVE);
  useEffect(() => {
    if (trainOutputs?.kind !== 'outputs' || !trainSplit) return;
    const scores = scoreOutputs(trainOutputs.values, trainSplit.labels, trainOutputs.shape[0]);
    setTrainCurve((curve) => appendScore(curve, trainOutputs.step, scores.loss, scores.accuracy));
  }, [trainOutputs, trainSplit]);

  const testOutputs = state.readouts.test;
  const testScores = useMemo(
    () => (testOutputs?.kind === 'outputs' && testSplit ? scoreOutputs(testOutputs.values, testSplit.labels, testOutputs.shape[0]) : null),
    [testOutputs, testSplit],
  );
  const counts = useMemo(
    () => (testScores && testSplit ? confusionCounts(testSplit.labels.subarray(0, testScores.predicted.length), testScores.predicted, 10) : null),
    [testScores, testSplit],
  );
  const [cell, setCell] = useState<{ label: number; predicted: number } | null>(null);
  const mistakes = useMemo(
    () => (testScores && testSplit ? findMistakes(testScores, testSplit.labels, MISTAKES_SHOWN, cell && cell.label !== cell.predicted ? cell : undefined) : []),
    [testScores, testSplit, cell],
  );
  const imageOf = useCallback((index: number) => (testSplit ? splitImages(testSplit, index, 1) : new Uint8Array(784)), [testSplit]);
  const selectCell = useCallback(
    (label: number, predicted: number) => setCell((current) => (current?.label === label && current.predicted === predicted ? null : { label, predicted })),
    [],
  );

  const fullOutputs = state.readouts.fullValidation;
  const fullScores = useMemo(
    () =>
      fullOutputs?.kind === 'outputs' && validationSplit && fullOutputs.step === state.step ? scoreOutputs(fullOutputs.values, validationSplit.labels, fullOutputs.shape[0]) : null,
    [fullOutputs, validationSplit, state.step],
  );

  // Filters and feature maps, computed on the page from the newest parameters (one image: a few milliseconds).
  const parametersReadout = state.readouts.parameters;
  const parameters = parametersReadout?.kind === 'parameters' ? parametersReadout.parameters : null;
  const filters = useMemo<GridImage[]>(() => {
    const kernel = findParameter(parameters, 0, 'kernel');
    const first = network.layers[0];
    if (!kernel || first.kind !== 'conv2d') return [];
    const k = first.kernelSize;
    return Array.from({ length: first.filters }, (_, f) => ({
      width: k,
      height: k,
      values: Float32Array.from({ length: k * k }, (_, i) => kernel[i * first.filters + f]),
      label: `${f + 1}`,
    }));
  }, [parameters, network]);

  const mapInput = useMemo(() => {
    if (mapSource.kind === 'drawing') return drawing;
    if (!testSplit) return null;
    const pixels = splitImages(testSplit, Math.min(mapSource.index, testSplit.count - 1), 1);
    return Float32Array.from(pixels, (value) => value / 255);
  }, [mapSource, drawing, testSplit]);
  const liveMaps = totals.multiplyAdds <= LIVE_MAPS_MULTIPLY_ADDS || state.status !== 'training';
  const frozenParameters = useRef(parameters);
  if (liveMaps) frozenParameters.current = parameters;
  const mapParameters = frozenParameters.current;
  const mapsResult = useMemo(() => {
    if (!mapInput || !mapParameters) return null;
    try {
      return forwardPass(network, mapParameters, mapInput);
    } catch {
      return null; // parameters of the previous architecture, until the new model reports
    }
  }, [network, mapParameters, mapInput]);
  const drawingProbabilities = useMemo(() => {
    if (!drawing || !parameters) return null;
    try {
      const result = mapSource.kind === 'drawing' && mapsResult ? mapsResult : forwardPass(network, parameters, drawing);
      return softmaxRow(result.outputs);
    } catch {
      return null;
    }
  }, [drawing, parameters, network, mapSource.kind, mapsResult]);

  const onDraw = useCallback((pixels: Float32Array | null) => {
    setDrawing(pixels);
    if (pixels) setMapSource({ kind: 'drawing' });
  }, []);

  // The learner's network, kept for the other lessons ("the network you trained") when training pauses or ends.
  const [kept, setKept] = useState<{ step: number; result: SaveResult } | null>(null);
  const keptKey = useRef('');
  const keepAccuracy = fullScores?.accuracy ?? state.validation.accuracy[state.validation.accuracy.length - 1];
  useEffect(() => {
    if (state.status !== 'paused' || state.step <= 0 || parametersReadout?.kind !== 'parameters' || parametersReadout.step !== state.step) return;
    const key = `${settings.dataset}#${state.step}#${keepAccuracy ?? ''}#${parametersReadout.parameters.length}`;
    if (keptKey.current === key) return;
    keptKey.current = key;
    const result = saveLearnerModel({
      dataset: settings.dataset,
      network,
      parameters: parametersReadout.parameters,
      step: state.step,
      validationAccuracy: keepAccuracy ?? null,
      savedAt: new Date().toISOString(),
    });
    setKept({ step: state.step, result });
  }, [state.status, state.step, parametersReadout, settings.dataset, network, keepAccuracy]);
  useEffect(() => {
    if (state.step === 0) setKept(null);
  }, [state.step]);

  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: load.message, retry }
      : fromPretrained && pretrained.load.status === 'failed'
        ? { status: 'failed', message: pretrained.load.message, retry: pretrained.retry }
        : data === null
          ? { status: 'loading', label: `Downloading ${settings.dataset === 'mnist' ? 'MNIST' : 'Fashion-MNIST'}…`, fraction: load.status === 'loading' ? load.fraction : null }
          : waitingForPretrained
            ? { status: 'loading', label: `Downloading the pretrained ${pretrainedStart.name}…`, fraction: null }
            : { status: 'loaded' };
  const streaming = data !== null && streamed.trainCount < streamed.trainTotal;

  const filterCounts = parseFilters(shownSettings.filters) ?? [8, 16, 32, 64];
  const lastValidation = state.validation.accuracy[state.validation.accuracy.length - 1];
  const kind = settings.dataset === 'mnist' ? 'digit' : 'garment';
  const mapTitle = mapSource.kind === 'drawing' ? 'your drawing' : `test image ${mapSource.index + 1} (${testSplit ? classNames[testSplit.labels[mapSource.index]] : '…'})`;

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={{ ...run, train, step }}
      title="Train a convolutional network"
      dataStatus={dataStatus}
      blocked={blocked}
      controls={
        <>
          <SelectField label="Dataset" value={settings.dataset} options={DATASET_OPTIONS} onChange={(value) => update({ dataset: value })} />
          <SelectField
            label="Optimizer"
            value={settings.optimizer}
            options={OPTIMIZER_KINDS.map((value) => ({ value, label: OPTIMIZER_LABELS[value] }))}
            onChange={(value) => update({ optimizer: value })}
          />
          <NumberField {...LEARNING_RATE_RULE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} hint="η, applies live" />
          <NumberField {...BATCH_SIZE_RULE} value={settings.batchSize} onChange={(value) => update({ batchSize: value })} hint="images per step" />
          <NumberField {...EPOCHS_RULE} value={settings.epochs} onChange={(value) => update({ epochs: value })} hint={`${formatCount(maxSteps)} steps`} />
          <NumberField {...SEED_RULE} value={settings.seed} onChange={(value) => update({ seed: value })} hint="weights, order" />
        </>
      }
    >
      <div className="cnn-trainer">
        <section className="cnn-section" aria-labelledby={`${widget.domId}-arch`}>
          <h4 id={`${widget.domId}-arch`} className="cnn-heading">
            Architecture
          </h4>
          <div className="cnn-start" role="group" aria-labelledby={`${widget.domId}-start`}>
            <p id={`${widget.domId}-start`} className="cnn-subheading">
              Starting weights: {fromPretrained ? `the pretrained ${pretrainedStart.name}` : `random, from seed ${settings.seed}`}
            </p>
            <div className="button-row">
              <button
                type="button"
                className={fromPretrained ? 'button' : 'button button-primary'}
                onClick={() => update({ start: 'pretrained', ...pretrainedStart.settings })}
                disabled={fromPretrained}
                aria-describedby={`${widget.domId}-pretrained-about`}
              >
                Start from the pretrained network
              </button>
              <button type="button" className="button" onClick={() => update({ start: 'random' })} disabled={!fromPretrained}>
                Back to random initialization
              </button>
            </div>
            <p id={`${widget.domId}-pretrained-about`} className="cnn-note cnn-start-about" data-testid="cnn-pretrained-about">
              {pretrainedModel ? (
                <>
                  <strong>{pretrainedModel.metadata.title}</strong>: {percent(pretrainedModel.metadata.testAccuracy, 2)} right on {formatCount(pretrainedModel.metadata.testCount)}{' '}
                  test images, after {pretrainedModel.metadata.epochs} epochs on {formatCount(pretrainedModel.metadata.split.train)} training images (
                  {formatCount(pretrainedModel.metadata.parameterCount)} parameters, trained here on {pretrainedModel.metadata.date}).{' '}
                  {fromPretrained ? 'Reset returns to these weights.' : ''}
                </>
              ) : pretrained.load.status === 'failed' ? (
                <>
                  The pretrained {pretrainedStart.name} could not be loaded: {pretrained.load.message}
                </>
              ) : (
                <>Loading the description of the pretrained {pretrainedStart.name}…</>
              )}
            </p>
          </div>
          <div className="cnn-arch-controls">
            <SelectField
              label="Conv blocks"
              value={String(shownSettings.blocks)}
              options={Array.from({ length: MAX_BLOCKS }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
              onChange={(value) => update({ blocks: Number(value) })}
            />
            {filterCounts.slice(0, shownSettings.blocks).map((count, block) => (
              <NumberField
                key={block}
                {...FILTERS_RULE}
                label={`Filters, block ${block + 1}`}
                value={count}
                onChange={(value) => update({ filters: withFilterCount(shownSettings.filters, block, value) })}
              />
            ))}
            <NumberField {...DENSE_RULE} value={shownSettings.denseUnits} onChange={(value) => update({ denseUnits: value })} hint="0 = none" />
            <SelectField
              label="Activation"
              value={shownSettings.activation}
              options={ACTIVATIONS.map((value) => ({ value, label: ACTIVATION_LABELS[value] }))}
              onChange={(value) => update({ activation: value })}
            />
          </div>
          <div className="cnn-arch-controls">
            <PillGroup
              legend="Kernel"
              name={`${names}-kernel`}
              value={shownSettings.kernelSize}
              options={[
                { value: '3', label: '3×3' },
                { value: '5', label: '5×5' },
              ]}
              onChange={(value) => update({ kernelSize: value })}
            />
            <PillGroup
              legend="Padding"
              name={`${names}-padding`}
              value={shownSettings.padding}
              options={[
                { value: 'same', label: 'Same' },
                { value: 'valid', label: 'Valid (none)' },
              ]}
              onChange={(value) => update({ padding: value })}
            />
            <PillGroup
              legend="Pooling"
              name={`${names}-pooling`}
              value={shownSettings.pooling}
              options={(['max', 'avg', 'none'] as const).map((value) => ({ value, label: POOLING_LABELS[value] }))}
              onChange={(value) => update({ pooling: value })}
            />
          </div>
          {fromPretrained ? (
            <p className="cnn-pretrained-flag" data-testid="cnn-pretrained-flag">
              <span className="cnn-pretrained-tag">Pretrained</span> The diagram shows {pretrainedModel?.metadata.title ?? pretrainedStart.name}, the network being trained.{' '}
              {pretrainedStart.exact
                ? 'The settings above describe it exactly.'
                : 'The settings above are the nearest the editor can express (LeNet-5 pads only its first convolution and has two dense layers, 120 and 84).'}{' '}
              Editing the architecture goes back to random initialization.
            </p>
          ) : null}
          <ArchitectureDiagram summary={summary} />
        </section>

        <section className="cnn-section" aria-labelledby={`${widget.domId}-progress`}>
          <h4 id={`${widget.domId}-progress`} className="cnn-heading">
            Training
          </h4>
          <dl className="cnn-stats">
            <div>
              <dt>Step</dt>
              <dd data-testid="cnn-step">
                {formatCount(state.step)} <span className="cnn-stat-sub">epoch {state.epoch.toFixed(2)}</span>
              </dd>
            </div>
            <div>
              <dt>Examples / s</dt>
              <dd data-testid="cnn-rate">{rate === null ? '–' : formatCount(rate)}</dd>
            </div>
            <div>
              <dt>Validation accuracy</dt>
              <dd data-testid="cnn-validation-accuracy">{percent(lastValidation)}</dd>
            </div>
            <div>
              <dt>Time to 97 %</dt>
              <dd data-testid="cnn-time-to-target">{reached ? (reached.step === 0 ? 'step 0' : formatDuration(reached.ms)) : '–'}</dd>
            </div>
          </dl>
          {streaming ? (
            <p className="cnn-note" role="status" data-testid="cnn-streaming">
              Training images arrived: {formatCount(streamed.trainCount)} of {formatCount(streamed.trainTotal)}. Training can start now; the rest join the run as they arrive.
            </p>
          ) : null}
          {kept ? (
            <p className="cnn-note" role="status" data-testid="cnn-kept">
              {kept.result.saved
                ? `Kept in this browser for the other lessons as "the network you trained" (step ${formatCount(kept.step)}).`
                : `Not kept for the other lessons: ${kept.result.message}`}
            </p>
          ) : null}
          <p className="cnn-note">
            Validation accuracy is scored on a fixed {formatCount(VALIDATION_SUBSET)} validation images every {evaluateEvery(settings.batchSize)} steps, training accuracy on{' '}
            {formatCount(TRAIN_SUBSET)} training images every {trainEvery} steps.
            {reached ? ` 97 % was first reached at step ${formatCount(reached.step)}.` : ''}
            {fullScores ? (
              <>
                {' '}
                <strong data-testid="cnn-full-validation">
                  All {formatCount(validationSplit?.count ?? 0)} validation images: {percent(fullScores.accuracy, 2)}
                </strong>{' '}
                (loss {fullScores.loss.toFixed(3)}).
              </>
            ) : null}
          </p>
          <div className="cnn-charts">
            <LossCurves
              state={state}
              title="Loss: training batches and validation images"
              validationLabel={`Validation loss (${formatCount(VALIDATION_SUBSET)} images)`}
              height={220}
            />
            <LineChart
              title="Accuracy: training and validation images"
              xLabel="Step"
              yLabel="Accuracy"
              series={[
                { id: 'train-accuracy', label: `Training (${formatCount(TRAIN_SUBSET)} images)`, X: trainCurve.steps, Y: trainCurve.accuracy, color: 'var(--accent)' },
                {
                  id: 'validation-accuracy',
                  label: `Validation (${formatCount(VALIDATION_SUBSET)} images)`,
                  X: state.validation.steps,
                  Y: state.validation.accuracy,
                  color: 'var(--class-a)',
                  dashed: true,
                },
                ...(state.validation.steps.length > 0
                  ? [{ id: 'target', label: '97 % target', X: [0, state.step], Y: [TARGET_ACCURACY, TARGET_ACCURACY], color: 'var(--text-muted)', dashed: true }]
                  : []),
              ]}
              height={220}
              logScaleToggle={false}
              formatY={(value) => `${(value * 100).toFixed(1)} %`}
              markers={reached ? [{ x: reached.step, label: '97 %' }] : undefined}
            />
          </div>
        </section>

        <section className="cnn-section" aria-labelledby={`${widget.domId}-sees`}>
          <h4 id={`${widget.domId}-sees`} className="cnn-heading">
            What the network sees
          </h4>
          {filters.length > 0 ? (
            <div className="cnn-filters">
              <p className="cnn-subheading">First-layer filters (blue negative, red positive), updated every 10 steps</p>
              <ImageGrid
                images={filters}
                colorMode="diverging"
                pixelSize={network.layers[0].kind === 'conv2d' && network.layers[0].kernelSize === 3 ? 14 : 9}
                title="First-layer filters"
              />
            </div>
          ) : null}
          <div className="cnn-map-source">
            <PillGroup
              legend="Feature maps of"
              name={`${names}-source`}
              value={mapSource.kind}
              options={[
                { value: 'test', label: 'A test image' },
                { value: 'drawing', label: `Your drawing${drawing ? '' : ' (draw below)'}` },
              ]}
              onChange={(value) => setMapSource(value === 'test' ? { kind: 'test', index: 0 } : { kind: 'drawing' })}
            />
            {mapSource.kind === 'test' ? (
              <NumberField
                label="Test image"
                min={1}
                max={testSplit?.count ?? 10000}
                integer
                value={mapSource.index + 1}
                onChange={(value) => setMapSource({ kind: 'test', index: value - 1 })}
                hint={testSplit ? `1–${formatCount(testSplit.count)}` : undefined}
              />
            ) : null}
          </div>
          <p className="cnn-subheading">Every layer's output for {mapTitle}</p>
          {mapsResult ? (
            <FeatureMaps summary={summary} layers={mapsResult.layers} layerTitle={layerTitle} />
          ) : (
            <p className="cnn-placeholder">
              {mapSource.kind === 'drawing' && !drawing ? `Draw a ${kind} below to see its feature maps.` : 'The feature maps appear once the model is built.'}
            </p>
          )}
        </section>

        <section className="cnn-section" aria-labelledby={`${widget.domId}-draw`}>
          <h4 id={`${widget.domId}-draw`} className="cnn-heading">
            Draw a {kind}
          </h4>
          <div className="cnn-draw">
            <DrawingPad label={`Draw a ${kind} for the network`} onChange={onDraw} />
            <div className="cnn-draw-result">
              {drawingProbabilities ? (
                <ProbabilityBars probabilities={drawingProbabilities} classNames={classNames} title={`Class probabilities for your drawing`} />
              ) : (
                <p className="cnn-placeholder">Draw with the mouse, a finger or the keyboard: the network's class probabilities appear here.</p>
              )}
            </div>
          </div>
        </section>

        <section className="cnn-section" aria-labelledby={`${widget.domId}-mistakes`}>
          <h4 id={`${widget.domId}-mistakes`} className="cnn-heading">
            Where it goes wrong
          </h4>
          <p className="cnn-note">
            The first {formatCount(testCount)} test images, scored every {trainEvery} steps and on pause{testScores ? `: ${percent(testScores.accuracy)} correct` : ''}. Choose a
            cell to see only its mistakes; choose an image to see its feature maps.
          </p>
          {counts ? (
            <div className="cnn-mistakes-layout">
              <ConfusionMatrix
                counts={counts}
                classNames={classNames}
                title={`Confusion matrix of the first ${testCount} test images`}
                onSelectCell={selectCell}
                selectedCell={cell}
              />
              <div>
                <p className="cnn-subheading">
                  {cell && cell.label !== cell.predicted ? `${classNames[cell.label]} taken for ${classNames[cell.predicted]}` : 'Most confident mistakes'}
                  {cell ? (
                    <button type="button" className="button cnn-link-button" onClick={() => setCell(null)}>
                      Show all mistakes
                    </button>
                  ) : null}
                </p>
                {mistakes.length > 0 ? (
                  <MistakesGallery
                    mistakes={mistakes}
                    imageOf={imageOf}
                    classNames={classNames}
                    selectedIndex={mapSource.kind === 'test' ? mapSource.index : null}
                    onSelect={(index) => setMapSource({ kind: 'test', index })}
                  />
                ) : (
                  <p className="cnn-placeholder">No mistakes here.</p>
                )}
              </div>
            </div>
          ) : (
            <p className="cnn-placeholder">The confusion matrix appears once the model is built.</p>
          )}
        </section>
      </div>
    </TrainingWidgetFrame>
  );
}
