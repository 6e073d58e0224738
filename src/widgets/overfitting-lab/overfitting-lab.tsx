import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { LineChart, type LineChartMarker, type LineSeries } from '../../charts/line-chart';
import type { Histogram } from '../../core/math/histogram';
import type { DatasetName } from '../../core/data/load-dataset';
import type { ReadoutRequests } from '../../core/training/readouts';
import { useDataset } from '../../hooks/use-dataset';
import { useTrainingRun } from '../../hooks/use-training-run';
import { NumberField } from '../../ui/number-field';
import { PillChoices } from '../../ui/pill-choices';
import { SelectField } from '../../ui/select-field';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { DropoutNetwork, UNITS_DRAWN } from './dropout-network';
import {
  appendTrainPoint,
  corruptLabels,
  DATASET_LABELS,
  DATASETS,
  DEFAULT_SETTINGS,
  describeSettings,
  DROPOUT_PLACEMENT_LABELS,
  DROPOUT_PLACEMENTS,
  DROPOUT_RATE,
  drawSubset,
  EPOCHS,
  gatherImages,
  generalizationGap,
  inputDropoutRate,
  LABEL_NOISE,
  LEARNING_RATE,
  logitMetrics,
  MAX_PINNED,
  nearestPoint,
  networkLayout,
  PATIENCE,
  pinnedRunFrom,
  pinRun,
  POOL_IMAGES,
  SEED,
  sessionConfig,
  settingsSchema,
  stepsPerEpoch,
  totalSteps,
  TRAINING_IMAGE_CHOICES,
  VALIDATION_IMAGES,
  WEIGHT_DECAY,
  type ImageSet,
  type OverfittingSettings,
  type PinnedRun,
  type TrainPoint,
  toLabelledData,
  type TrainingImagesText,
} from './overfitting-lab-state';
import { WeightHistogram } from './weight-histogram';
import './overfitting-lab.css';

const SPLITS = ['train', 'validation'] as const;
/** Only the images the lab uses are downloaded: the leading chunks of each split. */
const FIRST_IMAGES = { train: POOL_IMAGES, validation: VALIDATION_IMAGES };
const CLASSES = 10;
/** The weight histogram's fixed range: ±4 σ of He-normal weights with fan-in 512 (σ = √(2/512) = 0.0625). */
const HISTOGRAM_RANGE: [number, number] = [-0.25, 0.25];
const HISTOGRAM_BINS = 50;
const TRAIN_COLOR = 'var(--accent)';
const VALIDATION_COLOR = 'var(--class-a)';
const PINNED_COLORS = ['var(--good)', 'var(--warn)', 'var(--danger)', 'var(--text-muted)'];
const ACCURACY_DOMAIN: [number, number] = [0, 100];
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
const count = (value: number) => COUNT_FORMAT.format(value);
const percent = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(1)}%`);
const decimal = (value: number | null | undefined, digits = 3) => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const epochText = (epoch: number) => (Number.isInteger(epoch) ? String(epoch) : epoch.toFixed(1));
const formatPercentAxis = (value: number) => `${value.toFixed(0)}%`;

interface OverfittingLabProps {
  dataset?: DatasetName;
  trainingImages?: 100 | 250 | 500 | 1000 | 5000;
  labelNoise?: number;
  dropoutRate?: number;
  weightDecay?: number;
  epochs?: number;
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** The pools the lab draws from: the first POOL_IMAGES training images and the first VALIDATION_IMAGES validation images. */
interface Pools {
  dataset: DatasetName;
  train: ImageSet;
  validation: ImageSet;
}

/** The pools as soon as enough of both splits has arrived (taken once per dataset: later chunks change nothing). */
function usePools(load: ReturnType<typeof useDataset>['load'], dataset: DatasetName): Pools | null {
  const parts = load.status === 'loaded' ? load.splits : load.status === 'loading' ? load.available : null;
  const train = parts?.[0] ?? null;
  const validation = parts?.[1] ?? null;
  const ready =
    train !== null && validation !== null && train.count >= Math.min(POOL_IMAGES, train.totalCount) && validation.count >= Math.min(VALIDATION_IMAGES, validation.totalCount);
  const [pools, setPools] = useState<Pools | null>(null);
  useEffect(() => {
    if (!ready || !train || !validation || train.name !== dataset || pools?.dataset === dataset) return;
    const take = (split: typeof train, n: number) =>
      gatherImages(
        { images: split.images, labels: split.labels, pixels: split.imageWidth * split.imageHeight, classCount: split.classNames.length },
        Int32Array.from({ length: Math.min(n, split.count) }, (_, i) => i),
      );
    setPools({ dataset, train: take(train, POOL_IMAGES), validation: take(validation, VALIDATION_IMAGES) });
  }, [ready, train, validation, dataset, pools]);
  return pools && pools.dataset === dataset ? pools : null;
}

/**
 * Widget "overfitting-lab": a network far too large for its few training images memorizes them; its training and
 * validation curves part, and the cures (more data, dropout, decoupled weight decay, early stopping) can be tried
 * one at a time or together, with runs kept on the charts for comparison.
 */
export function OverfittingLab({
  dataset = DEFAULT_SETTINGS.dataset,
  trainingImages = Number(DEFAULT_SETTINGS.trainingImages) as 500,
  labelNoise = DEFAULT_SETTINGS.labelNoise,
  dropoutRate = DEFAULT_SETTINGS.dropoutRate,
  weightDecay = DEFAULT_SETTINGS.weightDecay,
  epochs = DEFAULT_SETTINGS.epochs,
  seed = DEFAULT_SETTINGS.seed,
  instance,
}: OverfittingLabProps) {
  const widget = useTrainingWidget<OverfittingSettings>({
    widgetId: 'overfitting-lab',
    shareKey: 'overfit',
    instance,
    settingsSchema,
    defaultSettings: { ...DEFAULT_SETTINGS, dataset, trainingImages: String(trainingImages) as TrainingImagesText, labelNoise, dropoutRate, weightDecay, epochs, seed },
  });
  const { settings, updateSettings: update } = widget;
  const { load, retry } = useDataset(settings.dataset, SPLITS, widget.near, FIRST_IMAGES);
  const pools = usePools(load, settings.dataset);

  const requested = Number(settings.trainingImages);
  const training = useMemo(() => {
    if (!pools) return null;
    const set = gatherImages(pools.train, drawSubset(pools.train.count, requested, settings.seed));
    const noisy = corruptLabels(set.labels, CLASSES, settings.labelNoise, settings.seed);
    return { set, noisy };
  }, [pools, requested, settings.seed, settings.labelNoise]);
  const images = training?.set.count ?? requested;
  const perEpoch = stepsPerEpoch(images);
  const data = useMemo(
    () => (training && pools ? { train: toLabelledData(training.set, training.noisy.labels), validation: toLabelledData(pools.validation) } : null),
    [training, pools],
  );

  const layout = useMemo(() => networkLayout(settings), [settings]);
  const config = useMemo(() => sessionConfig(settings, images, layout.network), [settings, images, layout]);
  const readouts = useMemo<ReadoutRequests>(() => {
    const requests: ReadoutRequests = {
      weights: { kind: 'parameter-histograms', layers: [...layout.dense], bins: HISTOGRAM_BINS, range: HISTOGRAM_RANGE, everySteps: perEpoch },
    };
    if (training) requests.trainOutputs = { kind: 'outputs', inputs: training.set.images, count: training.set.count, everySteps: perEpoch };
    if (layout.dropout.length > 0) requests.masks = { kind: 'dropout-masks', everySteps: 2 };
    return requests;
  }, [layout, training, perEpoch]);
  const maxSteps = totalSteps(images, settings.epochs);
  const run = useTrainingRun({ active: widget.near, data, config, maxSteps, readouts });
  const { state } = run;

  // Training-set loss and accuracy (inference mode, the whole subset, the labels it trains on) from the outputs read-out.
  const runKey = `${JSON.stringify(config)}#${settings.labelNoise}`;
  const [trainHistory, setTrainHistory] = useState<{ key: string; points: TrainPoint[] }>({ key: runKey, points: [] });
  const outputs = state.readouts.trainOutputs;
  useEffect(() => {
    if (!outputs || outputs.kind !== 'outputs' || !training || outputs.shape[0] !== training.set.count) return;
    const metrics = logitMetrics(outputs.values, training.noisy.labels, CLASSES);
    setTrainHistory((previous) => ({ key: runKey, points: appendTrainPoint(previous.key === runKey ? previous.points : [], { step: outputs.step, ...metrics }) }));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one point per read-out
  }, [outputs]);
  const trainPoints = trainHistory.key === runKey ? trainHistory.points : [];

  // The weights at step 0 of this run: the outline the histogram keeps for comparison.
  const weights = state.readouts.weights;
  const weightLayers = weights && weights.kind === 'parameter-histograms' ? weights : null;
  const [initialWeights, setInitialWeights] = useState<{ key: string; histograms: Histogram[] } | null>(null);
  useEffect(() => {
    if (weightLayers && weightLayers.step === 0) setInitialWeights({ key: runKey, histograms: weightLayers.layers.map((layer) => layer.histogram) });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the step-0 read-out of each run
  }, [weightLayers]);
  const initial = initialWeights?.key === runKey ? initialWeights.histograms : null;
  const masks = state.readouts.masks && state.readouts.masks.kind === 'dropout-masks' ? state.readouts.masks : null;

  // Runs kept for comparison.
  const [pinned, setPinned] = useState<PinnedRun[]>([]);
  const [nextPinId, setNextPinId] = useState(1);
  const hiddenWeights = weightLayers?.layers[1]?.histogram ?? null;
  const keepRun = useCallback(() => {
    const kept = pinnedRunFrom(nextPinId, describeSettings(settings), state.validation, perEpoch, hiddenWeights?.std ?? null);
    if (!kept) return;
    setPinned((previous) => pinRun(previous, kept));
    setNextPinId((id) => id + 1);
  }, [nextPinId, settings, state.validation, perEpoch, hiddenWeights]);

  const latestTrain = trainPoints.length > 0 ? trainPoints[trainPoints.length - 1] : null;
  const n = state.validation.steps.length;
  const latestValidation = n > 0 ? { step: state.validation.steps[n - 1], loss: state.validation.loss[n - 1], accuracy: state.validation.accuracy[n - 1] } : null;
  // The gap compares the two at (nearly) the same weights: the training measurement nearest in step to the newest validation one.
  const pairedTrain = latestValidation ? nearestPoint(trainPoints, latestValidation.step) : null;
  const gap = pairedTrain && latestValidation ? generalizationGap(pairedTrain, latestValidation) : null;
  const early = state.earlyStopping;

  const datasetName = DATASET_LABELS[settings.dataset];
  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: load.message, retry }
      : !pools
        ? { status: 'loading', label: `Downloading ${datasetName} (the first ${count(POOL_IMAGES)} training and ${count(VALIDATION_IMAGES)} validation images)…`, fraction: null }
        : { status: 'loaded' };

  const locked = state.status === 'training';
  const canAct = state.status === 'paused' || state.status === 'ready';
  const controls = (
    <>
      <SelectField
        label="Dataset"
        value={settings.dataset}
        options={DATASETS.map((name) => ({ value: name, label: DATASET_LABELS[name] }))}
        disabled={locked}
        onChange={(value) => update({ dataset: value })}
      />
      <PillChoices
        legend="Training images"
        value={settings.trainingImages}
        options={TRAINING_IMAGE_CHOICES.map((choice) => ({ value: choice, label: count(Number(choice)) }))}
        disabled={locked}
        onChange={(choice) => update({ trainingImages: choice })}
      />
      <NumberField {...LABEL_NOISE} value={settings.labelNoise} disabled={locked} onChange={(value) => update({ labelNoise: value })} hint="training labels made wrong, 0–80" />
      <NumberField
        {...DROPOUT_RATE}
        value={settings.dropoutRate}
        disabled={locked}
        onChange={(value) => update({ dropoutRate: value })}
        hint="p per hidden unit, 0–0.9 (0 = off)"
      />
      <SelectField
        label="Dropout on"
        value={settings.dropoutPlacement}
        options={DROPOUT_PLACEMENTS.map((placement) => ({ value: placement, label: DROPOUT_PLACEMENT_LABELS[placement] }))}
        disabled={locked}
        onChange={(value) => update({ dropoutPlacement: value })}
      />
      <NumberField {...WEIGHT_DECAY} value={settings.weightDecay} disabled={locked} onChange={(value) => update({ weightDecay: value })} hint="decoupled (AdamW), 0–50 (0 = off)" />
      <PillChoices
        legend="Early stopping"
        value={settings.earlyStopping}
        options={[
          { value: 'off', label: 'Off' },
          { value: 'on', label: 'On' },
        ]}
        disabled={locked}
        onChange={(choice) => update({ earlyStopping: choice })}
      />
      <NumberField {...PATIENCE} value={settings.patience} disabled={locked} onChange={(value) => update({ patience: value })} hint="epochs without a better validation loss" />
      <NumberField {...LEARNING_RATE} value={settings.learningRate} disabled={locked} onChange={(value) => update({ learningRate: value })} hint="η of AdamW" />
      <NumberField {...EPOCHS} value={settings.epochs} disabled={locked} onChange={(value) => update({ epochs: value })} hint="length of the run, 1–300" />
      <NumberField {...SEED} value={settings.seed} disabled={locked} onChange={(value) => update({ seed: value })} hint="images, noise, weights, order, masks" />
    </>
  );

  const epoch = state.step / perEpoch;
  const stopNote =
    state.stopReason === 'early-stopped' && early?.stoppedAtStep !== null && early?.stoppedAtStep !== undefined
      ? `Early stopping ended the run at epoch ${epochText(early.stoppedAtStep / perEpoch)}: the validation loss had not improved for ${settings.patience} epochs. ` +
        (early.restoredStep !== null ? `The weights of epoch ${epochText(early.restoredStep / perEpoch)} (the best) are back in the model.` : '')
      : early?.restoredStep !== null && early?.restoredStep !== undefined
        ? `The weights of epoch ${epochText(early.restoredStep / perEpoch)} (the best validation loss) were restored.`
        : null;

  return (
    <TrainingWidgetFrame widget={widget} run={run} title={`Overfitting lab: a big network on ${count(images)} ${datasetName} images`} dataStatus={dataStatus} controls={controls}>
      <p className="widget-caption">
        {`The network, 784 → 512 → 512 → 10 with ReLU (669,706 weights), learns from ${count(images)} images drawn with seed ${settings.seed} from the first ${count(POOL_IMAGES)} of ${datasetName}'s training split` +
          (settings.labelNoise > 0 ? `, ${training ? count(training.noisy.corruptedCount) : '…'} of them (${settings.labelNoise}%) with a wrong label` : '') +
          `. After each epoch (${perEpoch} steps of 50 images) it is scored on ${count(VALIDATION_IMAGES)} images of the validation split, which it never trains on.`}
      </p>

      <div className="overfitting-readouts" aria-live="off">
        <dl className="overfitting-facts" data-testid="overfitting-facts">
          <div>
            <dt>Epoch</dt>
            <dd>
              {epochText(epoch)} of {settings.epochs}
            </dd>
          </div>
          <div>
            <dt>Training loss / accuracy</dt>
            <dd data-testid="train-metrics">
              {decimal(latestTrain?.loss)} / {percent(latestTrain?.accuracy)}
            </dd>
          </div>
          <div>
            <dt>Validation loss / accuracy</dt>
            <dd data-testid="validation-metrics">
              {decimal(latestValidation?.loss)} / {percent(latestValidation?.accuracy)}
            </dd>
          </div>
          <div className="overfitting-gap">
            <dt>Generalization gap</dt>
            <dd data-testid="gap" data-loss-gap={gap ? gap.loss.toFixed(4) : undefined}>
              {gap ? `${decimal(gap.loss)} in loss, ${(gap.accuracy * 100).toFixed(1)} points in accuracy` : '–'}
            </dd>
          </div>
          <div>
            <dt>Best validation (early stopping&apos;s pick)</dt>
            <dd data-testid="best-epoch" data-best-step={early?.bestStep ?? undefined}>
              {early?.bestStep
                ? `epoch ${epochText(early.bestStep / perEpoch)}: loss ${decimal(early.bestValue)}, accuracy ${percent(state.validation.accuracy[state.validation.steps.indexOf(early.bestStep)])}`
                : '–'}
            </dd>
          </div>
          <div>
            <dt>Patience used</dt>
            <dd>
              {early ? `${Math.min(early.evaluationsSinceBest, settings.patience)} of ${settings.patience} epochs` : '–'}
              {early?.stoppedAtStep !== null && early?.stoppedAtStep !== undefined
                ? settings.earlyStopping === 'on'
                  ? ` (stopped at epoch ${epochText(early.stoppedAtStep / perEpoch)})`
                  : ` (would have stopped at epoch ${epochText(early.stoppedAtStep / perEpoch)})`
                : ''}
            </dd>
          </div>
        </dl>
        <div className="button-row overfitting-actions">
          <button type="button" className="button" disabled={!canAct || !early || early.bestStep === null || early.bestStep === 0} onClick={() => void run.restoreBestWeights()}>
            Restore best weights
          </button>
          <button type="button" className="button" disabled={!canAct || !state.validation.steps.some((step) => step > 0)} onClick={keepRun}>
            Keep this run for comparison
          </button>
          <button type="button" className="button" disabled={pinned.length === 0} onClick={() => setPinned([])}>
            Clear kept runs
          </button>
        </div>
        {stopNote ? (
          <p className="widget-notice" role="status">
            {stopNote}
          </p>
        ) : null}
      </div>

      <Curves state={state} trainPoints={trainPoints} pinned={pinned} perEpoch={perEpoch} early={early} earlyStoppingOn={settings.earlyStopping === 'on'} />
      {pinned.length > 0 ? <PinnedTable pinned={pinned} /> : null}

      <div className="overfitting-panels">
        <section className="overfitting-panel" aria-labelledby={`${widget.domId}-weights-title`}>
          <h4 id={`${widget.domId}-weights-title`}>Weights of hidden layer 2 (512 × 512)</h4>
          <WeightHistogram current={hiddenWeights} initial={initial?.[1] ?? null} layerName="hidden layer 2" step={weightLayers?.step ?? 0} />
          <p className="overfitting-note">
            {settings.weightDecay > 0
              ? `Weight decay is on, decoupled as in AdamW: after each step every weight (not the biases) is multiplied by 1 − ηλ = ${(1 - settings.learningRate * settings.weightDecay).toPrecision(6)}, separately from the Adam update; that is not an L2 penalty added to the loss, whose gradient Adam would rescale. Watch the bars gather towards 0.`
              : 'Weight decay is off (λ = 0). Set λ (try 5) and train again: after each step every weight is multiplied by 1 − ηλ, decoupled from the Adam update as in AdamW, and the histogram narrows.'}
            {weightLayers && weightLayers.layers.length === 3
              ? ` Spread σ of all three layers now: ${weightLayers.layers.map((layer) => layer.histogram.std.toFixed(4)).join(', ')}.`
              : ''}
          </p>
        </section>
        <section className="overfitting-panel" aria-labelledby={`${widget.domId}-dropout-title`}>
          <h4 id={`${widget.domId}-dropout-title`}>Dropout in the newest step</h4>
          <DropoutNetwork layout={layout} masks={masks} rate={settings.dropoutRate} />
          <p className="overfitting-note">
            {`Drawn: the first ${UNITS_DRAWN} units of each layer (a sample), for the first image of the newest minibatch; hollow crossed units were switched off in that step. `}
            {settings.dropoutRate > 0
              ? `Each hidden unit is off with probability ${settings.dropoutRate}` +
                (settings.dropoutPlacement === 'input-hidden' ? `, each input pixel with ${inputDropoutRate(settings.dropoutRate)}` : '') +
                ', and the kept ones are scaled by 1/(1 − p). '
              : ''}
            So every step trains a different thinned network, and no unit can rely on a particular partner. At inference every unit works, and the scaling keeps each unit’s
            expected input the same: the full network approximates the average of the whole ensemble of thinned ones.
          </p>
        </section>
      </div>

      <details className="overfitting-discipline">
        <summary>Training, validation, test: who decides what</summary>
        <p>
          The network learns only from the training images. Every choice you make here (how long to train, which epoch early stopping keeps, the dropout rate, λ) is judged on the
          validation images. The test split, never shown here, is for one final, honest measurement after all choices are made: a score you used to choose settings is no longer an
          unbiased estimate of how the network does on new images.
        </p>
      </details>
    </TrainingWidgetFrame>
  );
}

interface CurvesProps {
  state: ReturnType<typeof useTrainingRun>['state'];
  trainPoints: TrainPoint[];
  pinned: PinnedRun[];
  perEpoch: number;
  early: ReturnType<typeof useTrainingRun>['state']['earlyStopping'];
  earlyStoppingOn: boolean;
}

/** Training and validation loss and accuracy against epochs, with the best epoch marked and kept runs drawn dashed. */
const Curves = memo(function Curves({ state, trainPoints, pinned, perEpoch, early, earlyStoppingOn }: CurvesProps) {
  const { loss, accuracy } = useMemo(() => {
    const trainX = trainPoints.map((point) => point.step / perEpoch);
    const validationX = state.validation.steps.map((step) => step / perEpoch);
    const kept = (metric: 'validationLoss' | 'validationAccuracy', scale: number): LineSeries[] =>
      pinned.map((run, i) => ({
        id: `kept-${run.id}`,
        label: `Kept: ${run.label}`,
        X: run.epochs,
        Y: run[metric].map((value) => value * scale),
        color: PINNED_COLORS[i % PINNED_COLORS.length],
        dashed: true,
      }));
    return {
      loss: [
        { id: 'train', label: 'Training loss', X: trainX, Y: trainPoints.map((point) => point.loss), color: TRAIN_COLOR },
        { id: 'validation', label: 'Validation loss', X: validationX, Y: state.validation.loss, color: VALIDATION_COLOR },
        ...kept('validationLoss', 1),
      ],
      accuracy: [
        { id: 'train', label: 'Training accuracy', X: trainX, Y: trainPoints.map((point) => point.accuracy * 100), color: TRAIN_COLOR },
        { id: 'validation', label: 'Validation accuracy', X: validationX, Y: state.validation.accuracy.map((value) => value * 100), color: VALIDATION_COLOR },
        ...kept('validationAccuracy', 100),
      ],
    };
  }, [state.validation, trainPoints, pinned, perEpoch]);
  const markers = useMemo(() => {
    const list: LineChartMarker[] = [];
    if (early?.bestStep) list.push({ x: early.bestStep / perEpoch, label: 'best' });
    if (early?.stoppedAtStep) list.push({ x: early.stoppedAtStep / perEpoch, label: earlyStoppingOn ? 'stop' : 'would stop' });
    return list;
  }, [early?.bestStep, early?.stoppedAtStep, perEpoch, earlyStoppingOn]);
  return (
    <div className="overfitting-charts">
      <LineChart title="Training and validation loss against epochs" xLabel="Epoch" yLabel="Cross-entropy loss" series={loss} height={250} markers={markers} />
      <LineChart
        title="Training and validation accuracy against epochs"
        xLabel="Epoch"
        yLabel="Accuracy (%)"
        series={accuracy}
        height={250}
        markers={markers}
        yDomain={ACCURACY_DOMAIN}
        logScaleToggle={false}
        formatY={formatPercentAxis}
      />
    </div>
  );
});

/** The kept runs side by side: best and final validation accuracy, and how spread their weights ended. */
const PinnedTable = memo(function PinnedTable({ pinned }: { pinned: PinnedRun[] }) {
  return (
    <div className="table-scroll">
      <table className="overfitting-table" data-testid="kept-runs">
        <caption>Kept runs (at most {MAX_PINNED}; keeping another drops the oldest)</caption>
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Best validation accuracy</th>
            <th scope="col">Final validation accuracy</th>
            <th scope="col">σ of hidden-2 weights</th>
          </tr>
        </thead>
        <tbody>
          {pinned.map((run, i) => (
            <tr key={run.id}>
              <th scope="row">
                <span className="overfitting-swatch" style={{ background: PINNED_COLORS[i % PINNED_COLORS.length] }} aria-hidden="true" />
                {run.label}
              </th>
              <td>
                {percent(run.bestAccuracy)} (epoch {epochText(run.bestEpoch)})
              </td>
              <td>{percent(run.finalAccuracy)}</td>
              <td>{decimal(run.weightStd, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
