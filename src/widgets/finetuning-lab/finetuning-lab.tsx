import { memo, useEffect, useMemo, useState } from 'react';
import { ColorLegend } from '../../charts/color-legend';
import { ImageGrid } from '../../charts/image-grid';
import { LineChart } from '../../charts/line-chart';
import type { DatasetSplit } from '../../core/data/load-dataset';
import { readLearnerModel, subscribeLearnerModels, type LearnerModel } from '../../core/models/learner-model-store';
import { lenet5 } from '../../core/nn/architectures/lenet5';
import type { NetworkParameters, NetworkSpec } from '../../core/nn/network-spec';
import { concurrentDutyCycle } from '../../core/training/run-training-loop';
import type { ReadoutRequests } from '../../core/training/readouts';
import type { TrainingRunState } from '../../hooks/training-run-state';
import { useDataset } from '../../hooks/use-dataset';
import { usePretrainedModel } from '../../hooks/use-pretrained-model';
import { useTrainingRun, type TrainingRun } from '../../hooks/use-training-run';
import { NumberField } from '../../ui/number-field';
import { PillChoices } from '../../ui/pill-choices';
import { SelectField } from '../../ui/select-field';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import {
  BATCH_SIZE,
  CLASS_COUNT,
  DEFAULT_SETTINGS,
  EPOCHS,
  finetuneConfig,
  firstLayerFilters,
  firstStepReaching,
  formatFrozenLayers,
  gapInPoints,
  gatherLabelled,
  incompatibility,
  LEARNING_RATE,
  layerRows,
  maxChange,
  OPTIMIZER_LABELS,
  OPTIMIZERS,
  parseFrozenLayers,
  scratchConfig,
  SEED,
  selectBalancedIndices,
  settingsSchema,
  startingPoints,
  stepsPerEpoch,
  summarizeRun,
  totalSteps,
  TRAINING_IMAGE_CHOICES,
  TRAINING_POOL,
  VALIDATION_IMAGES,
  verdict,
  type FinetuningSettings,
  type LayerRow,
  type RunSummary,
  type SourceModel,
} from './finetuning-lab-state';
import './finetuning-lab.css';

/** Two workers train at once: together they leave one core to the page. */
const DUTY_CYCLE = concurrentDutyCycle(2, typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency);
const SPLITS = ['train', 'validation'] as const;
/** Only the images the lab uses are downloaded: the leading chunks of each split. */
const FIRST_IMAGES = { train: TRAINING_POOL, validation: VALIDATION_IMAGES };
const DRAW_INTERVAL_MS = 150;
const REPORT_INTERVAL_MS = 100;
const FINETUNED_COLOR = 'var(--accent)';
const SCRATCH_COLOR = 'var(--class-a)';
const ACCURACY_DOMAIN: [number, number] = [0, 100];
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
const count = (value: number) => COUNT_FORMAT.format(value);
const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const SOURCE_LABELS: Record<SourceModel, string> = { pretrained: 'The course’s LeNet-5 (MNIST)', learner: 'Your network from the CNN trainer (MNIST)' };

interface FinetuningLabProps {
  trainingImages?: '100' | '300' | '1000';
  epochs?: number;
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/**
 * The MNIST network the learner trained in the CNN trainer (kept in localStorage), read again when this page saves
 * one or another tab changes it; null when none is kept.
 */
function useLearnerModel(active: boolean): LearnerModel | null {
  const [model, setModel] = useState<LearnerModel | null>(null);
  useEffect(() => {
    if (!active) return;
    const read = () => setModel(readLearnerModel('mnist'));
    read();
    const unsubscribe = subscribeLearnerModels((changed) => changed === 'mnist' && read());
    const onStorage = (event: StorageEvent) => (event.key === null || event.key.startsWith('receptive-field.learner-model.')) && read();
    window.addEventListener('storage', onStorage);
    return () => {
      unsubscribe();
      window.removeEventListener('storage', onStorage);
    };
  }, [active]);
  return model;
}

/** The first TRAINING_POOL training and VALIDATION_IMAGES validation images, once they have arrived; fixed from then on. */
function usePool(load: ReturnType<typeof useDataset>['load']): { train: DatasetSplit; validation: DatasetSplit } | null {
  const [pool, setPool] = useState<{ train: DatasetSplit; validation: DatasetSplit } | null>(null);
  const parts = load.status === 'loaded' ? load.splits : load.status === 'loading' ? load.available : null;
  const ready = !!parts && !!parts[0] && !!parts[1] && parts[0].count >= TRAINING_POOL && parts[1].count >= VALIDATION_IMAGES;
  useEffect(() => {
    if (!pool && ready && parts?.[0] && parts[1]) setPool({ train: parts[0], validation: parts[1] });
  }, [pool, ready, parts]);
  return pool;
}

/**
 * Widget "finetuning-lab": transfer learning made visible. The MNIST digit network (the course's LeNet-5 or the
 * learner's own) gets a fresh 10-class head and is finetuned on a few hundred Fashion-MNIST images with the chosen
 * layers frozen, side by side with the same network trained from seeded random weights on the same images with the
 * same optimizer, learning rate, batch and seed; both scored on the same validation images.
 */
export function FinetuningLab({ trainingImages = DEFAULT_SETTINGS.trainingImages, epochs = DEFAULT_SETTINGS.epochs, seed = DEFAULT_SETTINGS.seed, instance }: FinetuningLabProps) {
  const widget = useTrainingWidget<FinetuningSettings>({
    widgetId: 'finetuning-lab',
    shareKey: 'finetune',
    instance,
    settingsSchema,
    defaultSettings: { ...DEFAULT_SETTINGS, trainingImages, epochs, seed },
  });
  const { settings, updateSettings: update } = widget;
  const pretrained = usePretrainedModel('lenet5-mnist', widget.near);
  const learner = useLearnerModel(widget.near);
  const learnerProblem = learner ? incompatibility(learner.network) : null;
  const learnerUsable = learner !== null && learnerProblem === null;
  const source: SourceModel = settings.source === 'learner' && learnerUsable ? 'learner' : 'pretrained';
  const sourceModel = source === 'learner' ? learner : pretrained.load.status === 'loaded' ? pretrained.load.model : null;

  const { load, retry } = useDataset('fashion-mnist', SPLITS, widget.near, FIRST_IMAGES);
  const pool = usePool(load);
  const images = Number(settings.trainingImages);
  const data = useMemo(() => {
    if (!pool) return null;
    const indices = selectBalancedIndices(pool.train.labels, TRAINING_POOL, images, CLASS_COUNT, settings.seed);
    const validation = gatherLabelled(
      pool.validation,
      Int32Array.from({ length: VALIDATION_IMAGES }, (_, i) => i),
    );
    return { train: gatherLabelled(pool.train, indices), validation };
  }, [pool, images, settings.seed]);

  const start = useMemo(() => {
    if (!sourceModel) return null;
    try {
      return startingPoints(sourceModel, settings.seed);
    } catch (error) {
      return { problem: error instanceof Error ? error.message : String(error) };
    }
  }, [sourceModel, settings.seed]);
  const points = start && 'finetuned' in start ? start : null;

  const requestedFrozen = useMemo(() => parseFrozenLayers(settings.frozen) ?? [], [settings.frozen]);
  // Until the model has loaded, the runs are configured with a placeholder (LeNet-5 from its seed) they never train.
  const finetunedConfig = useMemo(() => (points ? finetuneConfig(points.finetuned, settings, images) : null), [points, settings, images]);
  const fromScratchConfig = useMemo(() => (points ? scratchConfig(points.finetuned.network, points.scratch, settings, images) : null), [points, settings, images]);
  const maxSteps = totalSteps(images, settings.epochs);
  const perEpoch = stepsPerEpoch(images);
  const readouts = useMemo<ReadoutRequests>(() => ({ parameters: { kind: 'parameters', everySteps: perEpoch } }), [perEpoch]);

  const runOptions = { active: widget.near, maxSteps, chunkDurationMs: REPORT_INTERVAL_MS, dutyCycle: DUTY_CYCLE, minDrawIntervalMs: DRAW_INTERVAL_MS };
  const ready = data && finetunedConfig && fromScratchConfig;
  const finetuned = useTrainingRun({ ...runOptions, data: ready ? data : null, config: finetunedConfig ?? PLACEHOLDER_CONFIG, readouts });
  const scratch = useTrainingRun({ ...runOptions, data: ready ? data : null, config: fromScratchConfig ?? PLACEHOLDER_CONFIG });

  const status = combinedStatus(finetuned.state.status, scratch.state.status);
  const combinedRun = useMemo<TrainingRun>(() => {
    const runs = [finetuned, scratch];
    const each = (action: (run: TrainingRun) => void) => () => runs.forEach(action);
    const messages = [
      ['Finetuned', finetuned.state.message],
      ['From scratch', scratch.state.message],
    ].flatMap(([name, message]) => (message ? [`${name}: ${message}`] : []));
    const state: TrainingRunState = {
      ...finetuned.state,
      status,
      loadingLabel: finetuned.state.status === 'loading' ? finetuned.state.loadingLabel : scratch.state.loadingLabel,
      message: messages.length > 0 ? messages.join(' ') : null,
    };
    return {
      ...finetuned,
      state,
      train: each((run) => run.state.status !== 'diverged' && run.state.step < maxSteps && run.train()),
      pause: each((run) => run.pause()),
      step: each((run) => run.state.status !== 'diverged' && run.step()),
      reset: each((run) => run.reset()),
      setBackendPreference: (preference) => runs.forEach((run) => run.setBackendPreference(preference)),
    };
  }, [finetuned, scratch, status, maxSteps]);

  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: `Fashion-MNIST did not load: ${load.message}`, retry }
      : pretrained.load.status === 'failed' && source === 'pretrained'
        ? { status: 'failed', message: `The MNIST network did not load: ${pretrained.load.message}`, retry: pretrained.retry }
        : start && 'problem' in start
          ? { status: 'failed', message: `This network cannot be finetuned here: ${start.problem}`, retry: () => update({ source: 'pretrained' }) }
          : !pool
            ? {
                status: 'loading',
                label: 'Downloading Fashion-MNIST (the first 2,000 training and 2,000 validation images)…',
                fraction: load.status === 'loading' ? load.fraction : null,
              }
            : !sourceModel
              ? { status: 'loading', label: 'Downloading the MNIST network…', fraction: null }
              : { status: 'loaded' };

  const locked = status === 'training';
  const network = points?.finetuned.network ?? null;
  const headLayer = points?.finetuned.headLayer ?? -1;
  const rows = useMemo(() => (network ? layerRows(network, headLayer, requestedFrozen) : []), [network, headLayer, requestedFrozen]);
  const toggleFrozen = (layer: number, frozen: boolean) => {
    const current = rows.filter((row) => row.frozen).map((row) => row.index);
    update({ frozen: formatFrozenLayers(frozen ? [...current, layer] : current.filter((index) => index !== layer)) });
  };

  const controls = (
    <>
      <PillChoices
        legend="Start from"
        value={source}
        options={(learnerUsable ? (['pretrained', 'learner'] as const) : (['pretrained'] as const)).map((choice) => ({ value: choice, label: SOURCE_LABELS[choice] }))}
        disabled={locked}
        onChange={(choice) => update({ source: choice })}
      />
      <PillChoices
        legend="Fashion-MNIST training images"
        value={settings.trainingImages}
        options={TRAINING_IMAGE_CHOICES.map((choice) => ({ value: choice, label: count(Number(choice)) }))}
        disabled={locked}
        onChange={(choice) => update({ trainingImages: choice })}
      />
      <SelectField
        label="Optimizer"
        value={settings.optimizer}
        options={OPTIMIZERS.map((kind) => ({ value: kind, label: OPTIMIZER_LABELS[kind] }))}
        disabled={locked}
        onChange={(value) => update({ optimizer: value })}
      />
      <NumberField {...LEARNING_RATE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} hint="both networks; applies at once" />
      <NumberField {...EPOCHS} value={settings.epochs} disabled={locked} onChange={(value) => update({ epochs: value })} hint={`${perEpoch} steps of ${BATCH_SIZE} images each`} />
      <NumberField {...SEED} value={settings.seed} disabled={locked} onChange={(value) => update({ seed: value })} hint="images, new head, order" />
    </>
  );

  const finetunedSummary = useMemo(() => summarizeRun(finetuned.state.validation), [finetuned.state.validation]);
  const scratchSummary = useMemo(() => summarizeRun(scratch.state.validation), [scratch.state.validation]);
  const latestParameters = finetuned.state.readouts.parameters?.kind === 'parameters' ? finetuned.state.readouts.parameters.parameters : null;
  const parametersStep = finetuned.state.readouts.parameters?.step ?? null;

  return (
    <TrainingWidgetFrame widget={widget} run={combinedRun} title="Finetuning lab: from MNIST digits to Fashion-MNIST clothes" dataStatus={dataStatus} controls={controls}>
      {settings.source === 'learner' && !learnerUsable ? (
        <p className="widget-notice">
          {learner
            ? `Your network from the CNN trainer cannot be used here (${learnerProblem}); the course’s LeNet-5 is used instead.`
            : 'No network from the CNN trainer is kept in this browser; the course’s LeNet-5 is used instead. Train one on MNIST in the CNN trainer to start from yours.'}
        </p>
      ) : null}
      <LayerTable
        rows={rows}
        domId={widget.domId}
        locked={locked || !points}
        sourceLabel={source === 'learner' ? 'your MNIST net' : 'MNIST'}
        initial={points?.finetuned.parameters ?? null}
        latest={latestParameters}
        latestStep={parametersStep}
        onToggle={toggleFrozen}
      />
      <FilterComparison initial={points?.finetuned.parameters ?? null} latest={latestParameters} latestStep={parametersStep} network={network} frozen={rows[0]?.frozen ?? false} />
      <p className="finetuning-verdict" aria-live="polite" data-testid="finetuning-verdict">
        {verdict(finetunedSummary, scratchSummary)}
      </p>
      <ComparisonTable finetuned={finetunedSummary} scratch={scratchSummary} scratchRecord={scratch.state.validation} />
      <Charts finetuned={finetuned.state} scratch={scratch.state} />
      <p className="widget-caption">
        {`Both networks have the same layers and the same new ${CLASS_COUNT}-unit head (drawn from seed ${settings.seed}); only where the other layers start differs: ` +
          `trained on MNIST digits, or seeded random (He-normal) weights with nothing frozen. They learn from the same ${count(images)} Fashion-MNIST training images ` +
          `(${images / CLASS_COUNT} of each class, drawn with seed ${settings.seed} from the first ${count(TRAINING_POOL)} of the training split), with ${OPTIMIZER_LABELS[settings.optimizer]}, ` +
          `learning rate ${settings.learningRate}, ${BATCH_SIZE} images per step, ${perEpoch} steps per epoch, ${count(maxSteps)} steps in all, ` +
          `and are scored after every epoch on the same ${count(VALIDATION_IMAGES)} images of the validation split. The test split is never used.`}
      </p>
    </TrainingWidgetFrame>
  );
}

/**
 * Never trained: stands in until the model has loaded (the hook needs a config from the first render, and picks the
 * backend from its network and batch, so it is the LeNet-5 the lab trains).
 */
const PLACEHOLDER_CONFIG: Parameters<typeof useTrainingRun>[0]['config'] = {
  network: lenet5,
  loss: 'softmax-cross-entropy',
  learningRate: DEFAULT_SETTINGS.learningRate,
  batchSize: BATCH_SIZE,
  seed: 0,
  recordEvery: 1,
  evaluateEvery: 0,
};

/** One public state from the two runs: error or loading anywhere wins; then training while either trains; then diverged; then paused; else ready. */
function combinedStatus(a: TrainingRunState['status'], b: TrainingRunState['status']): TrainingRunState['status'] {
  for (const status of ['error', 'loading', 'training', 'diverged', 'paused'] as const) if (a === status || b === status) return status;
  return 'ready';
}

interface LayerTableProps {
  rows: LayerRow[];
  domId: string;
  locked: boolean;
  sourceLabel: string;
  initial: NetworkParameters | null;
  latest: NetworkParameters | null;
  latestStep: number | null;
  onToggle: (layer: number, frozen: boolean) => void;
}

/** Every layer of the finetuned network: where its parameters come from, a freeze toggle, and how far they have moved. */
const LayerTable = memo(function LayerTable({ rows, domId, locked, sourceLabel, initial, latest, latestStep, onToggle }: LayerTableProps) {
  const trained = latestStep !== null && latestStep > 0;
  return (
    <div className="finetuning-layers-wrap">
      <table className="finetuning-layers" data-testid="finetuning-layers">
        <caption>
          The finetuned network. Max change: the largest |w − w₀| over a layer’s weights and biases since the start{trained ? `, read out at step ${latestStep}` : ''}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Parameters</th>
            <th scope="col">Starts from</th>
            <th scope="col">Frozen</th>
            <th scope="col">Max change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const change = initial && row.role !== 'none' ? maxChange(initial, latest, row.index) : null;
            const id = `${domId}-freeze-${row.index}`;
            return (
              <tr key={row.index} className={`finetuning-layer finetuning-layer-${row.role}`} data-layer={row.index} data-frozen={row.frozen ? 'true' : 'false'}>
                <th scope="row">
                  {row.index + 1}. {row.description}
                </th>
                <td className="finetuning-number">{row.parameterCount === 0 ? '—' : count(row.parameterCount)}</td>
                <td>
                  {row.role === 'kept' ? (
                    <span className="finetuning-tag finetuning-tag-kept" title={`trained values from ${sourceLabel}`}>
                      kept ({sourceLabel})
                    </span>
                  ) : row.role === 'new' ? (
                    <span className="finetuning-tag finetuning-tag-new">new, seeded</span>
                  ) : (
                    <span className="finetuning-muted">no parameters</span>
                  )}
                </td>
                <td>
                  {row.freezable ? (
                    <label className="finetuning-freeze" htmlFor={id}>
                      <input id={id} type="checkbox" checked={row.frozen} disabled={locked} onChange={(event) => onToggle(row.index, event.target.checked)} />
                      <span>{row.frozen ? 'frozen' : 'trains'}</span>
                      <span className="visually-hidden">{`: freeze layer ${row.index + 1}, ${row.description}`}</span>
                    </label>
                  ) : row.role === 'new' ? (
                    <span className="finetuning-muted">always trains</span>
                  ) : (
                    <>
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">nothing to freeze</span>
                    </>
                  )}
                </td>
                <td className="finetuning-number" data-testid={`max-change-${row.index}`} data-value={change === null ? undefined : String(change)}>
                  {row.role === 'none' ? '—' : !trained || change === null ? '–' : change === 0 ? '0 exactly' : change.toPrecision(2)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

interface FilterComparisonProps {
  initial: NetworkParameters | null;
  latest: NetworkParameters | null;
  latestStep: number | null;
  network: NetworkSpec | null;
  frozen: boolean;
}

/** The first layer's filters at the start and now, on one colour scale, so a frozen layer visibly does not move. */
const FilterComparison = memo(function FilterComparison({ initial, latest, latestStep, network, frozen }: FilterComparisonProps) {
  const before = useMemo(() => (network ? firstLayerFilters(network, initial) : null), [network, initial]);
  const after = useMemo(() => (network ? firstLayerFilters(network, latest) : null), [network, latest]);
  const domain = useMemo<[number, number]>(() => {
    let m = 0;
    for (const filter of [...(before ?? []), ...(after ?? [])]) for (const value of filter) m = Math.max(m, Math.abs(value));
    return [-(m || 1), m || 1];
  }, [before, after]);
  if (!before || !network) return null;
  const size = Math.round(Math.sqrt(before[0].length));
  const toImages = (filters: Float32Array[]) => filters.map((values, i) => ({ values, width: size, height: size, label: String(i + 1) }));
  return (
    <div className="finetuning-filters">
      <h4>First-layer filters of the finetuned network ({frozen ? 'frozen' : 'training'})</h4>
      <div className="finetuning-filter-rows">
        <div>
          <p className="finetuning-filter-label">At the start (from MNIST)</p>
          <ImageGrid
            images={toImages(before)}
            colorMode="diverging"
            domain={domain}
            pixelSize={7}
            columns={before.length}
            title="First-layer filters at the start"
            showLegend={false}
          />
        </div>
        <div>
          <p className="finetuning-filter-label">{latestStep !== null && latestStep > 0 ? `After step ${latestStep}` : 'Now (press Train)'}</p>
          <ImageGrid
            images={toImages(after ?? before)}
            colorMode="diverging"
            domain={domain}
            pixelSize={7}
            columns={before.length}
            title={`First-layer filters after step ${latestStep ?? 0}`}
            showLegend={false}
          />
        </div>
        <ColorLegend colorMode="diverging" domain={domain} width={180} />
      </div>
    </div>
  );
});

interface ComparisonTableProps {
  finetuned: RunSummary;
  scratch: RunSummary;
  scratchRecord: { steps: number[]; loss: number[]; accuracy: number[] };
}

/** Accuracy before training, best and final, side by side, with the gap in percentage points. */
const ComparisonTable = memo(function ComparisonTable({ finetuned, scratch, scratchRecord }: ComparisonTableProps) {
  const points = (value: number | null) => (value === null ? '–' : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value).toFixed(1)}`);
  const at = (step: number | null) => (step === null ? '' : ` (step ${step})`);
  const catchUp = finetuned.finalAccuracy === null || finetuned.finalStep === 0 ? null : firstStepReaching(scratchRecord, finetuned.finalAccuracy);
  return (
    <div className="finetuning-table-wrap">
      <table className="finetuning-comparison" data-testid="finetuning-comparison">
        <caption>Validation accuracy on {count(VALIDATION_IMAGES)} Fashion-MNIST images</caption>
        <thead>
          <tr>
            <th scope="col">Network</th>
            <th scope="col">Before training</th>
            <th scope="col">Best</th>
            <th scope="col">Final</th>
            <th scope="col">Final loss</th>
          </tr>
        </thead>
        <tbody>
          <tr data-run="finetuned" data-final={finetuned.finalAccuracy ?? undefined}>
            <th scope="row">
              <span className="finetuning-swatch finetuning-swatch-finetuned" aria-hidden="true" />
              Finetuned
            </th>
            <td>{percent(finetuned.startAccuracy)}</td>
            <td>
              {percent(finetuned.bestAccuracy)}
              <span className="finetuning-step">{at(finetuned.bestStep)}</span>
            </td>
            <td>
              {percent(finetuned.finalAccuracy)}
              <span className="finetuning-step">{at(finetuned.finalStep)}</span>
            </td>
            <td>{finetuned.finalLoss === null ? '–' : finetuned.finalLoss.toFixed(3)}</td>
          </tr>
          <tr data-run="scratch" data-final={scratch.finalAccuracy ?? undefined}>
            <th scope="row">
              <span className="finetuning-swatch finetuning-swatch-scratch" aria-hidden="true" />
              From scratch
            </th>
            <td>{percent(scratch.startAccuracy)}</td>
            <td>
              {percent(scratch.bestAccuracy)}
              <span className="finetuning-step">{at(scratch.bestStep)}</span>
            </td>
            <td>
              {percent(scratch.finalAccuracy)}
              <span className="finetuning-step">{at(scratch.finalStep)}</span>
            </td>
            <td>{scratch.finalLoss === null ? '–' : scratch.finalLoss.toFixed(3)}</td>
          </tr>
          <tr className="finetuning-gap">
            <th scope="row">Gap (points)</th>
            <td>{points(gapInPoints(finetuned.startAccuracy, scratch.startAccuracy))}</td>
            <td>{points(gapInPoints(finetuned.bestAccuracy, scratch.bestAccuracy))}</td>
            <td>{points(gapInPoints(finetuned.finalAccuracy, scratch.finalAccuracy))}</td>
            <td>{finetuned.finalLoss === null || scratch.finalLoss === null ? '–' : (finetuned.finalLoss - scratch.finalLoss).toFixed(3)}</td>
          </tr>
        </tbody>
      </table>
      {catchUp !== null || (finetuned.finalStep ?? 0) > 0 ? (
        <p className="finetuning-catchup">
          {catchUp === null
            ? `From scratch has not yet reached the finetuned network’s ${percent(finetuned.finalAccuracy)}.`
            : `From scratch first reached the finetuned network’s ${percent(finetuned.finalAccuracy)} at step ${catchUp}.`}
        </p>
      ) : null}
    </div>
  );
});

interface ChartsProps {
  finetuned: TrainingRunState;
  scratch: TrainingRunState;
}

/** Validation accuracy, and validation and training loss, of both runs against the step. */
const Charts = memo(function Charts({ finetuned, scratch }: ChartsProps) {
  const accuracy = useMemo(
    () => [
      { id: 'finetuned', label: 'Finetuned', X: finetuned.validation.steps, Y: finetuned.validation.accuracy.map((a) => a * 100), color: FINETUNED_COLOR },
      { id: 'scratch', label: 'From scratch', X: scratch.validation.steps, Y: scratch.validation.accuracy.map((a) => a * 100), color: SCRATCH_COLOR },
    ],
    [finetuned.validation, scratch.validation],
  );
  const loss = useMemo(
    () => [
      { id: 'finetuned-validation', label: 'Finetuned, validation', X: finetuned.validation.steps, Y: finetuned.validation.loss, color: FINETUNED_COLOR },
      { id: 'scratch-validation', label: 'From scratch, validation', X: scratch.validation.steps, Y: scratch.validation.loss, color: SCRATCH_COLOR },
      { id: 'finetuned-training', label: 'Finetuned, training (batch)', X: finetuned.trainLoss.steps, Y: finetuned.trainLoss.values, color: FINETUNED_COLOR, dashed: true },
      { id: 'scratch-training', label: 'From scratch, training (batch)', X: scratch.trainLoss.steps, Y: scratch.trainLoss.values, color: SCRATCH_COLOR, dashed: true },
    ],
    [finetuned.validation, scratch.validation, finetuned.trainLoss, scratch.trainLoss],
  );
  return (
    <div className="finetuning-charts">
      <LineChart
        title="Validation accuracy of the finetuned and the from-scratch network against the step"
        xLabel="Step"
        yLabel="Validation accuracy (%)"
        series={accuracy}
        height={240}
        yDomain={ACCURACY_DOMAIN}
        logScaleToggle={false}
        formatY={(value) => `${value.toFixed(1)}%`}
      />
      <LineChart
        title="Validation loss (solid) and training loss (dashed) of both networks against the step"
        xLabel="Step"
        yLabel="Cross-entropy loss"
        series={loss}
        height={240}
      />
    </div>
  );
});
