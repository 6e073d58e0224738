import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useDataset } from '../../hooks/use-dataset';
import { useTrainingRun, type TrainingRun } from '../../hooks/use-training-run';
import type { TrainingRunState } from '../../hooks/training-run-state';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { SliderField } from '../../ui/slider-field';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { BatchSizeCharts, RUN_COLORS, type ChartRange, type RunCurve } from './batch-size-charts';
import {
  BATCH_SIZE,
  combinedStatus,
  DEFAULT_SETTINGS,
  DIGITS,
  effectiveSubsetSize,
  flipLabels,
  LABEL_NOISE,
  LEARNING_RATE,
  millisecondsPerStep,
  recentTrainingLoss,
  RUN_KINDS,
  runBatchSizes,
  runConfigs,
  runLabel,
  runShortLabel,
  SEED,
  selectTwoClassSubset,
  settingsSchema,
  SUBSET_SIZE,
  twoClassSplit,
  withTargets,
  type BatchSizeLabSettings,
  type DigitText,
  type RunKind,
  type StepSample,
} from './batch-size-lab-state';
import { useThrottledValue } from './use-throttled-value';
import './batch-size-lab.css';
import { concurrentDutyCycle } from '../../core/training/run-training-loop';

/** Three workers train at once: together they leave one core to the page (on two cores each trains a third of the time). */
const DUTY_CYCLE = concurrentDutyCycle(3, typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency);

const SPLITS = ['train', 'validation'] as const;
const DIGIT_OPTIONS = DIGITS.map((digit) => ({ value: digit, label: digit }));
/** Charts and the table are redrawn at most this often while training (the runs report far more often). */
const DRAW_INTERVAL_MS = 250;
/** Each worker reports about this often: three workers share the page's main thread. */
const REPORT_INTERVAL_MS = 100;

interface BatchSizeLabProps {
  classA?: number;
  classB?: number;
  subsetSize?: number;
  batchSize?: number;
  learningRate?: number;
  labelNoise?: number;
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const percent = (value: number | undefined | null) => (value === undefined || value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const decimal = (value: number | null | undefined, digits = 3) => (value === null || value === undefined ? '–' : Number.isFinite(value) ? value.toFixed(digits) : 'diverged');
/** One formatter for every count (toLocaleString builds a new one per call, which is slow at ~40 renders a second). */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
const count = (value: number) => COUNT_FORMAT.format(value);
const last = (values: number[]) => (values.length > 0 ? values[values.length - 1] : undefined);
function formatMs(ms: number | null): string {
  if (ms === null) return '–';
  return ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(0)} ms`;
}

/**
 * Widget "batch-size-lab": the same logistic-regression classifier for two MNIST digits trained three ways at
 * once, in three workers, from the same initial weights with the same learning rate: one example per step, a
 * minibatch, and the whole training subset. Loss against steps and against examples seen, validation accuracy
 * and measured wall time per step for each; optional label noise shows single-example SGD thrown around by
 * wrong labels while bigger batches average them out.
 */
export function BatchSizeLab({
  classA = Number(DEFAULT_SETTINGS.classA),
  classB = Number(DEFAULT_SETTINGS.classB),
  subsetSize = DEFAULT_SETTINGS.subsetSize,
  batchSize = DEFAULT_SETTINGS.batchSize,
  learningRate = DEFAULT_SETTINGS.learningRate,
  labelNoise = DEFAULT_SETTINGS.labelNoise,
  seed = DEFAULT_SETTINGS.seed,
  instance,
}: BatchSizeLabProps) {
  const widget = useTrainingWidget<BatchSizeLabSettings>({
    widgetId: 'batch-size-lab',
    shareKey: 'batch',
    instance,
    settingsSchema,
    defaultSettings: { classA: String(classA) as DigitText, classB: String(classB) as DigitText, subsetSize, batchSize, learningRate, labelNoise, seed },
  });
  const { settings, updateSettings: update } = widget;
  const { load, retry } = useDataset('mnist', SPLITS, widget.near);
  const digitA = Number(settings.classA);
  const digitB = Number(settings.classB);
  const sameClass = digitA === digitB;

  // Data conversions run only when their own inputs change (not on every progress report).
  const subset = useMemo(
    () => (load.status === 'loaded' && !sameClass ? selectTwoClassSubset(load.splits[0], digitA, digitB, settings.subsetSize, settings.seed) : null),
    [load, digitA, digitB, sameClass, settings.subsetSize, settings.seed],
  );
  const validation = useMemo(() => (load.status === 'loaded' && !sameClass ? twoClassSplit(load.splits[1], digitA, digitB) : null), [load, digitA, digitB, sameClass]);
  const noisy = useMemo(() => (subset ? flipLabels(subset.data.targets, settings.labelNoise, settings.seed) : null), [subset, settings.labelNoise, settings.seed]);
  const data = useMemo(() => (subset && noisy && validation ? { train: withTargets(subset.data, noisy.targets), validation } : null), [subset, noisy, validation]);

  const trainCount = subset ? effectiveSubsetSize(settings.subsetSize, subset.available) : settings.subsetSize;
  const sizes = useMemo(() => runBatchSizes(trainCount, settings.batchSize), [trainCount, settings.batchSize]);
  const configs = useMemo(() => runConfigs(settings, trainCount), [settings, trainCount]);

  const single = useTrainingRun({ active: widget.near, data, config: configs.single, chunkDurationMs: REPORT_INTERVAL_MS, dutyCycle: DUTY_CYCLE });
  const minibatch = useTrainingRun({ active: widget.near, data, config: configs.minibatch, chunkDurationMs: REPORT_INTERVAL_MS, dutyCycle: DUTY_CYCLE });
  const full = useTrainingRun({ active: widget.near, data, config: configs.full, chunkDurationMs: REPORT_INTERVAL_MS, dutyCycle: DUTY_CYCLE });
  const runs = useMemo<Record<RunKind, TrainingRun>>(() => ({ single, minibatch, full }), [single, minibatch, full]);

  // A new minibatch size rebuilds that run; the other two start over with it, so all three stay comparable.
  const previousBatch = useRef(sizes.minibatch);
  const { reset: resetSingle } = single;
  const { reset: resetFull } = full;
  useEffect(() => {
    if (previousBatch.current === sizes.minibatch) return;
    previousBatch.current = sizes.minibatch;
    resetSingle();
    resetFull();
  }, [sizes.minibatch, resetSingle, resetFull]);

  const status = combinedStatus(RUN_KINDS.map((kind) => runs[kind].state.status));
  const training = status === 'training';
  const combinedRun = useMemo<TrainingRun>(() => {
    const each = (action: (run: TrainingRun) => void) => () => RUN_KINDS.forEach((kind) => action(runs[kind]));
    const messages = RUN_KINDS.flatMap((kind) => (runs[kind].state.message ? [`${runLabel(kind, sizes[kind])}: ${runs[kind].state.message}`] : []));
    const loadingRun = RUN_KINDS.map((kind) => runs[kind].state).find((state) => state.status === 'loading');
    const state: TrainingRunState = {
      ...runs.minibatch.state,
      status,
      loadingLabel: loadingRun?.loadingLabel ?? runs.minibatch.state.loadingLabel,
      message: messages.length > 0 ? messages.join(' ') : null,
    };
    return {
      ...runs.minibatch,
      state,
      train: each((run) => run.state.status !== 'diverged' && run.train()),
      pause: each((run) => run.pause()),
      step: each((run) => run.state.status !== 'diverged' && run.step()),
      reset: each((run) => run.reset()),
      backendPreference: runs.minibatch.backendPreference,
      setBackendPreference: (preference) => RUN_KINDS.forEach((kind) => runs[kind].setBackendPreference(preference)),
    };
  }, [runs, status, sizes]);

  // What the charts and the table draw: the three runs' states, at most four times a second while training.
  const liveStates = useMemo(() => ({ single: single.state, minibatch: minibatch.state, full: full.state }), [single.state, minibatch.state, full.state]);
  const shown = useThrottledValue(liveStates, DRAW_INTERVAL_MS, !training);
  const curves = useMemo<Record<RunKind, RunCurve>>(() => ({ single: shown.single.trainLoss, minibatch: shown.minibatch.trainLoss, full: shown.full.trainLoss }), [shown]);

  // Wall time per step, measured here while the three train side by side (they share this computer's cores).
  const samples = useRef<Record<RunKind, StepSample[]>>({ single: [], minibatch: [], full: [] });
  const [stepMs, setStepMs] = useState<Record<RunKind, number | null>>({ single: null, minibatch: null, full: null });
  useEffect(() => {
    if (!training) {
      samples.current = { single: [], minibatch: [], full: [] };
      return;
    }
    const now = performance.now();
    const next = { ...stepMs };
    for (const kind of RUN_KINDS) {
      const list = samples.current[kind];
      list.push({ ms: now, step: shown[kind].step });
      if (list.length > 100) list.splice(0, 50);
      next[kind] = millisecondsPerStep(list) ?? next[kind];
    }
    setStepMs(next);
    // stepMs is the previous measurement, kept when no new one is ready; it must not re-trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, training]);
  useEffect(() => setStepMs({ single: null, minibatch: null, full: null }), [data, configs]);

  const [showRaw, setShowRaw] = useState(true);
  const [range, setRange] = useState<ChartRange>('common');
  const rawId = useId();
  const rangeName = `${widget.domId}-range`;

  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: load.message, retry }
      : load.status === 'loading' || load.status === 'idle'
        ? { status: 'loading', label: 'Downloading MNIST…', fraction: load.status === 'loading' ? load.fraction : null }
        : { status: 'loaded' };

  const flipped = noisy ? noisy.flipped.length : 0;
  const subsetNote =
    subset && trainCount < settings.subsetSize
      ? `MNIST's training split here holds only ${count(subset.available[0] + subset.available[1])} images of ${digitA} and ${digitB}, so all ${count(trainCount)} are used.`
      : null;
  const locked = training;

  // The controls and the table change with the settings and the drawn snapshot, not with every report.
  const controls = useMemo(
    () => (
      <>
        <SelectField label="Digit A (target 0)" value={settings.classA} options={DIGIT_OPTIONS} disabled={locked} onChange={(value) => update({ classA: value })} />
        <SelectField label="Digit B (target 1)" value={settings.classB} options={DIGIT_OPTIONS} disabled={locked} onChange={(value) => update({ classB: value })} />
        <NumberField
          {...SUBSET_SIZE}
          value={settings.subsetSize}
          disabled={locked}
          onChange={(value) => update({ subsetSize: value })}
          hint={`${SUBSET_SIZE.min}–${count(SUBSET_SIZE.max)}`}
        />
        <NumberField
          {...BATCH_SIZE}
          max={trainCount}
          value={sizes.minibatch}
          disabled={locked}
          onChange={(value) => update({ batchSize: value })}
          hint={`images per step, 1–${count(trainCount)}`}
        />
        <NumberField {...LEARNING_RATE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} hint="same for all three" />
        <SliderField
          label={LABEL_NOISE.label}
          value={settings.labelNoise}
          min={LABEL_NOISE.min}
          max={LABEL_NOISE.max}
          step={0.05}
          disabled={locked}
          format={(value) => `${Math.round(value * 100)}% flipped`}
          onChange={(value) => update({ labelNoise: value })}
        />
        <NumberField {...SEED} value={settings.seed} disabled={locked} onChange={(value) => update({ seed: value })} hint="images, flips, weights, order" />
      </>
    ),
    [settings, locked, trainCount, sizes.minibatch, update],
  );

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={combinedRun}
      title={`Batch size on real digits: ${digitA} or ${digitB}, learned from 1, ${count(sizes.minibatch)} or all ${count(trainCount)} images per step`}
      blocked={sameClass ? 'Pick two different digits: the classifier needs two classes to tell apart.' : null}
      dataStatus={dataStatus}
      controls={controls}
    >
      <p className="widget-caption batch-size-lab-intro">
        Three copies of one classifier (784 pixels → one logit, sigmoid cross entropy) start from the same weights and use the same learning rate; only the number of images
        averaged per step differs. The full batch&apos;s gradient is exact, so it could safely take larger steps than the noisy ones: here all three share one learning rate.
      </p>
      <RunTable shown={shown} sizes={sizes} stepMs={stepMs} />
      <div className="batch-size-lab-chart-options">
        <fieldset className="pill-choices">
          <legend>Charts show</legend>
          {(
            [
              ['common', 'The range all three reached'],
              ['all', 'Everything so far'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="pill-choice">
              <input type="radio" name={rangeName} value={value} checked={range === value} onChange={() => setRange(value)} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <label className="chart-toggle" htmlFor={rawId}>
          <input id={rawId} type="checkbox" checked={showRaw} onChange={(event) => setShowRaw(event.target.checked)} />
          Each step&apos;s own loss, faint (steps chart)
        </label>
      </div>
      <BatchSizeCharts curves={curves} batchSizes={sizes} showRaw={showRaw} range={range} />
      <p className="widget-caption">
        {data
          ? `Training: ${count(data.train.count)} images of ${digitA} and ${digitB} from MNIST's training split` +
            (flipped > 0 ? `, ${count(flipped)} of them (${Math.round((flipped / data.train.count) * 100)}%) with the wrong label` : ', all correctly labelled') +
            `. Validation: ${count(data.validation.count)} other images from the validation split, labels untouched, measured every 256 examples seen. ` +
            'Wall time per step is measured in this browser while all three train at once.'
          : null}
        {subsetNote ? ` ${subsetNote}` : null}
      </p>
    </TrainingWidgetFrame>
  );
}

interface RunTableProps {
  shown: Record<RunKind, TrainingRunState>;
  sizes: Record<RunKind, number>;
  stepMs: Record<RunKind, number | null>;
}

/** The three runs side by side: steps, examples seen, epochs, recent training loss, validation accuracy and wall time per step. */
const RunTable = memo(function RunTable({ shown, sizes, stepMs }: RunTableProps) {
  return (
    <div className="batch-size-lab-table-wrap">
      <table className="batch-size-lab-table">
        <caption className="visually-hidden">The three runs side by side</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Measure</span>
            </th>
            {RUN_KINDS.map((kind) => (
              <th key={kind} scope="col" data-run={kind}>
                <span className="batch-size-lab-swatch" style={{ background: RUN_COLORS[kind] }} aria-hidden="true" />
                {runShortLabel(kind, sizes[kind])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Optimizer steps</th>
            {RUN_KINDS.map((kind) => (
              <td key={kind} data-run={kind} data-testid={`steps-${kind}`} data-step={shown[kind].step}>
                {count(shown[kind].step)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Examples seen</th>
            {RUN_KINDS.map((kind) => (
              <td key={kind}>{count(shown[kind].step * sizes[kind])}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">Epochs</th>
            {RUN_KINDS.map((kind) => (
              <td key={kind}>{shown[kind].epoch.toFixed(1)}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">Training loss, last ~256 examples</th>
            {RUN_KINDS.map((kind) => {
              const loss = recentTrainingLoss(shown[kind].trainLoss, sizes[kind]);
              return (
                <td key={kind} data-testid={`loss-${kind}`} data-loss={loss ?? undefined}>
                  {decimal(loss)}
                </td>
              );
            })}
          </tr>
          <tr>
            <th scope="row">Validation accuracy</th>
            {RUN_KINDS.map((kind) => (
              <td key={kind} data-testid={`accuracy-${kind}`}>
                {percent(last(shown[kind].validation.accuracy))}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row">Wall time per step</th>
            {RUN_KINDS.map((kind) => (
              <td key={kind}>{formatMs(stepMs[kind])}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
});
