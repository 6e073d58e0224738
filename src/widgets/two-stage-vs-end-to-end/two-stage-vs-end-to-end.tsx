import { memo, useMemo } from 'react';
import { LineChart } from '../../charts/line-chart';
import type { DatasetName } from '../../core/data/load-dataset';
import { FEATURE_SETS, type FeatureSet } from '../../core/math/hand-features';
import { concurrentDutyCycle } from '../../core/training/run-training-loop';
import type { TrainingRunState } from '../../hooks/training-run-state';
import { useDataset } from '../../hooks/use-dataset';
import { useTrainingRun, type TrainingRun } from '../../hooks/use-training-run';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import {
  accuracyCurve,
  BATCH_SIZE,
  cnnConfig,
  combinedStatus,
  comparisonSentence,
  DATASET_LABELS,
  DATASETS,
  DEFAULT_SETTINGS,
  EPOCHS,
  evaluationImages,
  FEATURE_LABELS,
  FEATURE_PHRASES,
  featureData,
  gatherImages,
  latestAccuracy,
  linearConfig,
  parameterCounts,
  pixelData,
  SEED,
  selectTrainingIndices,
  settingsSchema,
  stepsPerEpoch,
  totalSteps,
  TRAINING_IMAGE_CHOICES,
  type TrainingImagesText,
  type TwoStageSettings,
} from './two-stage-vs-end-to-end-state';
import { useHandFeatures } from './use-hand-features';
import './two-stage-vs-end-to-end.css';

/** Two workers train at once: together they leave one core to the page. */
const DUTY_CYCLE = concurrentDutyCycle(2, typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency);
const SPLITS = ['train', 'validation'] as const;
/** Each run's progress is drawn at most this often (two runs share the page's main thread). */
const DRAW_INTERVAL_MS = 150;
const REPORT_INTERVAL_MS = 100;
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
const count = (value: number) => COUNT_FORMAT.format(value);
const percent = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);
const LINEAR_COLOR = 'var(--class-a)';
const CNN_COLOR = 'var(--accent)';
const ACCURACY_DOMAIN: [number, number] = [0, 100];

interface TwoStageVsEndToEndProps {
  dataset?: DatasetName;
  trainingImages?: 1000 | 5000 | 10000;
  features?: FeatureSet;
  epochs?: number;
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/**
 * Widget "two-stage-vs-end-to-end": the classical pipeline (hand-made intensity and gradient-orientation
 * histograms, then a linear softmax classifier) against a small CNN that learns its features from the pixels,
 * trained side by side in two workers on the same training images, with the same optimizer, batch size and
 * epochs, and scored on the same held-out validation images.
 */
export function TwoStageVsEndToEnd({
  dataset = DEFAULT_SETTINGS.dataset,
  trainingImages = Number(DEFAULT_SETTINGS.trainingImages) as 1000 | 5000 | 10000,
  features = DEFAULT_SETTINGS.features,
  epochs = DEFAULT_SETTINGS.epochs,
  seed = DEFAULT_SETTINGS.seed,
  instance,
}: TwoStageVsEndToEndProps) {
  const widget = useTrainingWidget<TwoStageSettings>({
    widgetId: 'two-stage-vs-end-to-end',
    shareKey: 'twostage',
    instance,
    settingsSchema,
    defaultSettings: { dataset, trainingImages: String(trainingImages) as TrainingImagesText, features, epochs, seed },
  });
  const { settings, updateSettings: update } = widget;
  const { load, retry } = useDataset(settings.dataset, SPLITS, widget.near);

  const requested = Number(settings.trainingImages);
  const train = useMemo(
    () => (load.status === 'loaded' ? gatherImages(load.splits[0], selectTrainingIndices(load.splits[0].count, requested, settings.seed)) : null),
    [load, requested, settings.seed],
  );
  const evaluation = useMemo(() => (load.status === 'loaded' ? evaluationImages(load.splits[1]) : null), [load]);
  const handFeatures = useHandFeatures(train, evaluation);

  const images = train?.count ?? requested;
  const cnnData = useMemo(() => (train && evaluation ? { train: pixelData(train), validation: pixelData(evaluation) } : null), [train, evaluation]);
  const linearData = useMemo(
    () => (handFeatures.status === 'done' && train && evaluation ? featureData(handFeatures.train, train, handFeatures.evaluation, evaluation, settings.features) : null),
    [handFeatures, train, evaluation, settings.features],
  );
  const inputSize = linearData?.train.inputSize ?? 0;
  const linearSessionConfig = useMemo(() => linearConfig(Math.max(1, inputSize), images, settings.epochs, settings.seed), [inputSize, images, settings.epochs, settings.seed]);
  const cnnSessionConfig = useMemo(() => cnnConfig(images, settings.epochs, settings.seed), [images, settings.epochs, settings.seed]);
  const maxSteps = totalSteps(images, settings.epochs);

  const runOptions = { active: widget.near, maxSteps, chunkDurationMs: REPORT_INTERVAL_MS, dutyCycle: DUTY_CYCLE, minDrawIntervalMs: DRAW_INTERVAL_MS };
  const linear = useTrainingRun({ ...runOptions, data: linearData, config: linearSessionConfig });
  const cnn = useTrainingRun({ ...runOptions, data: cnnData, config: cnnSessionConfig });

  const status = combinedStatus([linear.state.status, cnn.state.status]);
  const combinedRun = useMemo<TrainingRun>(() => {
    const runs = [linear, cnn];
    const each = (action: (run: TrainingRun) => void) => () => runs.forEach(action);
    const messages = [
      ['Linear classifier', linear.state.message],
      ['CNN', cnn.state.message],
    ].flatMap(([name, message]) => (message ? [`${name}: ${message}`] : []));
    const state: TrainingRunState = {
      ...cnn.state,
      status,
      loadingLabel: cnn.state.status === 'loading' ? cnn.state.loadingLabel : linear.state.loadingLabel,
      message: messages.length > 0 ? messages.join(' ') : null,
    };
    return {
      ...cnn,
      state,
      train: each((run) => run.state.status !== 'diverged' && run.train()),
      pause: each((run) => run.pause()),
      step: each((run) => run.state.status !== 'diverged' && run.step()),
      reset: each((run) => run.reset()),
      setBackendPreference: (preference) => runs.forEach((run) => run.setBackendPreference(preference)),
    };
  }, [linear, cnn, status]);

  const datasetName = DATASET_LABELS[settings.dataset];
  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: load.message, retry }
      : handFeatures.status === 'failed'
        ? { status: 'failed', message: handFeatures.message, retry }
        : load.status !== 'loaded'
          ? { status: 'loading', label: `Downloading ${datasetName} (training and validation images)…`, fraction: load.status === 'loading' ? load.fraction : null }
          : handFeatures.status !== 'done'
            ? {
                status: 'loading',
                label: `Computing hand-made features of ${count(images + (evaluation?.count ?? 0))} images…`,
                fraction: handFeatures.status === 'computing' ? handFeatures.fraction : 0,
              }
            : { status: 'loaded' };

  const locked = status === 'training';
  const radioName = `${widget.domId}-features`;
  const imagesName = `${widget.domId}-images`;
  const controls = (
    <>
      <SelectField
        label="Dataset"
        value={settings.dataset}
        options={DATASETS.map((name) => ({ value: name, label: DATASET_LABELS[name] }))}
        disabled={locked}
        onChange={(value) => update({ dataset: value })}
      />
      <fieldset className="pill-choices">
        <legend>Training images</legend>
        {TRAINING_IMAGE_CHOICES.map((choice) => (
          <label key={choice} className="pill-choice">
            <input
              type="radio"
              name={imagesName}
              value={choice}
              checked={settings.trainingImages === choice}
              disabled={locked}
              onChange={() => update({ trainingImages: choice })}
            />
            <span>{count(Number(choice))}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="pill-choices">
        <legend>Features for the linear classifier</legend>
        {FEATURE_SETS.map((set) => (
          <label key={set} className="pill-choice">
            <input type="radio" name={radioName} value={set} checked={settings.features === set} disabled={locked} onChange={() => update({ features: set })} />
            <span>{FEATURE_LABELS[set]}</span>
          </label>
        ))}
      </fieldset>
      <NumberField
        {...EPOCHS}
        value={settings.epochs}
        disabled={locked}
        onChange={(value) => update({ epochs: value })}
        hint={`passes over the images, ${EPOCHS.min}–${EPOCHS.max}`}
      />
      <NumberField {...SEED} value={settings.seed} disabled={locked} onChange={(value) => update({ seed: value })} hint="images, weights, order" />
    </>
  );

  const linearLatest = latestAccuracy(linear.state.validation);
  const cnnLatest = latestAccuracy(cnn.state.validation);
  const counts = parameterCounts(settings.features);

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={combinedRun}
      title={`Hand-made features or learned ones? Two stages against end to end on ${datasetName}`}
      dataStatus={dataStatus}
      controls={controls}
    >
      <div className="two-stage-models">
        <ModelCard
          kind="linear"
          heading="Two stages"
          pipeline={`pixels → ${FEATURE_PHRASES[settings.features].replace(/^the /, '')} (fixed, ${inputSize || '…'} numbers) → linear classifier`}
          parameters={counts.linear}
          state={linear.state}
          images={images}
          maxSteps={maxSteps}
        />
        <ModelCard
          kind="cnn"
          heading="End to end"
          pipeline="pixels → convolutions → linear classifier, all learned"
          parameters={counts.cnn}
          state={cnn.state}
          images={images}
          maxSteps={maxSteps}
        />
      </div>
      <p className="two-stage-verdict" aria-live="polite" data-testid="two-stage-verdict">
        {comparisonSentence(linearLatest, cnnLatest, settings.features)}
      </p>
      <Charts linear={linear.state} cnn={cnn.state} images={images} />
      <p className="widget-caption">
        {`Both learn from the same ${count(images)} images drawn (seed ${settings.seed}) from ${datasetName}'s training split, with Adam, ${BATCH_SIZE} images per step, ` +
          `${stepsPerEpoch(images)} steps per epoch, and are scored on the same ${count(evaluation?.count ?? 2000)} images of the validation split, which neither trains on. ` +
          'The learning rate falls from its start to 0 along a cosine over the run. The histograms are standardized with the training images’ mean and spread; the CNN reads the pixels scaled to 0–1.' +
          (handFeatures.status === 'done' ? ` Computing the hand-made features took ${Math.round(handFeatures.milliseconds)} ms here.` : '')}
      </p>
    </TrainingWidgetFrame>
  );
}

interface ModelCardProps {
  kind: 'linear' | 'cnn';
  heading: string;
  pipeline: string;
  parameters: number;
  state: TrainingRunState;
  images: number;
  maxSteps: number;
}

/** One model's read-out: what it is, its parameters, how far it has trained and its newest held-out accuracy. */
const ModelCard = memo(function ModelCard({ kind, heading, pipeline, parameters, state, images, maxSteps }: ModelCardProps) {
  const latest = latestAccuracy(state.validation);
  const finished = state.step >= maxSteps;
  const epoch = state.step / stepsPerEpoch(images);
  return (
    <section className={`two-stage-card two-stage-card-${kind}`} aria-label={heading} data-model={kind} data-accuracy={latest ? String(latest.accuracy) : undefined}>
      <h4>
        <span className="two-stage-swatch" aria-hidden="true" />
        {heading}
      </h4>
      <p className="two-stage-pipeline">{pipeline}</p>
      <p className="two-stage-accuracy">
        <span className="two-stage-accuracy-value">{percent(latest?.accuracy)}</span>
        <span className="two-stage-accuracy-label">
          {finished ? 'final held-out accuracy' : state.step === 0 ? 'held-out accuracy before training' : 'held-out accuracy so far'}
        </span>
      </p>
      <dl className="two-stage-facts">
        <div>
          <dt>Trainable parameters</dt>
          <dd>{count(parameters)}</dd>
        </div>
        <div>
          <dt>Epoch</dt>
          <dd>
            {epoch.toFixed(epoch % 1 === 0 ? 0 : 2)} of {maxSteps / stepsPerEpoch(images)}
          </dd>
        </div>
        <div>
          <dt>Training loss</dt>
          <dd>{state.latestLoss === null ? '–' : Number.isFinite(state.latestLoss) ? state.latestLoss.toFixed(3) : 'diverged'}</dd>
        </div>
        <div>
          <dt>Backend</dt>
          <dd>{state.backend ? state.backend.backend.toUpperCase() : '–'}</dd>
        </div>
      </dl>
    </section>
  );
});

interface ChartsProps {
  linear: TrainingRunState;
  cnn: TrainingRunState;
  images: number;
}

/** Held-out accuracy and training loss of both models against epochs. */
const Charts = memo(function Charts({ linear, cnn, images }: ChartsProps) {
  const perEpoch = stepsPerEpoch(images);
  const accuracy = useMemo(() => {
    const linearCurve = accuracyCurve(linear.validation, images);
    const cnnCurve = accuracyCurve(cnn.validation, images);
    return [
      { id: 'linear', label: 'Two stages: histograms + linear', X: linearCurve.X, Y: linearCurve.Y, color: LINEAR_COLOR },
      { id: 'cnn', label: 'End to end: CNN', X: cnnCurve.X, Y: cnnCurve.Y, color: CNN_COLOR },
    ];
  }, [linear.validation, cnn.validation, images]);
  const loss = useMemo(
    () => [
      { id: 'linear', label: 'Two stages: histograms + linear', X: linear.trainLoss.steps.map((step) => step / perEpoch), Y: linear.trainLoss.values, color: LINEAR_COLOR },
      { id: 'cnn', label: 'End to end: CNN', X: cnn.trainLoss.steps.map((step) => step / perEpoch), Y: cnn.trainLoss.values, color: CNN_COLOR },
    ],
    [linear.trainLoss, cnn.trainLoss, perEpoch],
  );
  return (
    <div className="two-stage-charts">
      <LineChart
        title="Held-out accuracy of both models against epochs"
        xLabel="Epoch"
        yLabel="Held-out accuracy (%)"
        series={accuracy}
        height={240}
        yDomain={ACCURACY_DOMAIN}
        logScaleToggle={false}
        formatY={(value) => `${value.toFixed(1)}%`}
      />
      <LineChart title="Training loss of both models against epochs" xLabel="Epoch" yLabel="Training loss (batch)" series={loss} height={240} />
    </div>
  );
});
