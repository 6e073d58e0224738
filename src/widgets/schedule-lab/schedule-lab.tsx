import { memo, useCallback, useMemo, useRef, useState } from 'react';
import katex from 'katex';
import { LineChart } from '../../charts/line-chart';
import type { DatasetName, DatasetSplit } from '../../core/data/load-dataset';
import { countParameters } from '../../core/nn/network-spec';
import { labelledImages } from '../../core/data/labelled-images';
import { learningRateAt, type LearningRateScheduleKind } from '../../core/training/learning-rate-schedule';
import { concurrentDutyCycle } from '../../core/training/run-training-loop';
import type { TrainingRunState } from '../../hooks/training-run-state';
import type { DatasetLoad } from '../../hooks/use-dataset';
import { useDataset } from '../../hooks/use-dataset';
import { useTrainingRun, type TrainingRun, type TrainingRunData } from '../../hooks/use-training-run';
import { NumberField } from '../../ui/number-field';
import { PillChoices } from '../../ui/pill-choices';
import { SelectField } from '../../ui/select-field';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import {
  AFTER_WARMUP_KINDS,
  BATCH_SIZE,
  DATASET_LABELS,
  DATASETS,
  DEFAULT_SETTINGS,
  FIELDS,
  NETWORK,
  OPTIMIZER_CHOICES,
  OPTIMIZER_LABELS,
  OPTIMIZER_TEX,
  SCHEDULE_DASHES,
  SCHEDULE_FIELDS,
  SCHEDULE_KINDS,
  SCHEDULE_LABELS,
  SCHEDULE_TEX,
  SUGGESTED_LEARNING_RATES,
  TRAINING_IMAGE_CHOICES,
  TRAINING_POOL,
  VALIDATION_IMAGES,
  buildSchedule,
  combinedStatus,
  formatRate,
  gatherLabelledImages,
  leaders,
  optimizerProblem,
  parseEnabled,
  scheduleProblem,
  scheduleSeries,
  scheduleTexWithValues,
  selectTrainingIndices,
  serializeEnabled,
  settingsSchema,
  summarizeRun,
  trainingConfig,
  type AfterWarmupKind,
  type OptimizerChoice,
  type ScheduleLabSettings,
} from './schedule-lab-state';
import './schedule-lab.css';

interface ScheduleLabProps {
  dataset?: DatasetName;
  optimizer?: OptimizerChoice;
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const SPLITS = ['train', 'validation'] as const;
/** Only the images the lab uses are downloaded: the leading chunks of each split. */
const FIRST_IMAGES = { train: TRAINING_POOL, validation: VALIDATION_IMAGES };
/** Up to five workers report to one page: a report each every 400 ms, drawn at most 2.5 times a second each. */
const REPORT_INTERVAL_MS = 400;
const DRAW_INTERVAL_MS = 400;
const CORES = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency;
const ACCURACY_DOMAIN: [number, number] = [0, 100];
const percent = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);
const colorOf = (kind: LearningRateScheduleKind) => `var(--schedule-${kind})`;
const renderTex = (tex: string, displayMode = false) => katex.renderToString(tex, { displayMode, throwOnError: false, strict: 'ignore' });

/** The part of a split that has arrived when it holds at least `needed` images of `dataset`, else null. */
function arrivedSplit(load: DatasetLoad, index: number, needed: number, dataset: DatasetName): DatasetSplit | null {
  const split = load.status === 'loaded' ? load.splits[index] : load.status === 'loading' ? load.available[index] : null;
  return split && split.name === dataset && split.count >= needed ? split : null;
}

/** One schedule's model in its own worker, started only while that schedule is selected and valid. */
function useScheduleRun(kind: LearningRateScheduleKind, active: boolean, settings: ScheduleLabSettings, data: TrainingRunData | null, dutyCycle: number): TrainingRun {
  const { learningRate, momentum, weightDecay, optimizer, seed, steps, stepEvery, stepFactor, exponentialRate, exponentialSteps, cosineSteps, cosineMin, warmupSteps, warmupThen } =
    settings;
  const config = useMemo(
    () =>
      trainingConfig(kind, {
        ...DEFAULT_SETTINGS,
        learningRate,
        momentum,
        weightDecay,
        optimizer,
        seed,
        steps,
        stepEvery,
        stepFactor,
        exponentialRate,
        exponentialSteps,
        cosineSteps,
        cosineMin,
        warmupSteps,
        warmupThen,
      }),
    [kind, learningRate, momentum, weightDecay, optimizer, seed, steps, stepEvery, stepFactor, exponentialRate, exponentialSteps, cosineSteps, cosineMin, warmupSteps, warmupThen],
  );
  return useTrainingRun({ active, data, config, maxSteps: steps, chunkDurationMs: REPORT_INTERVAL_MS, dutyCycle, minDrawIntervalMs: DRAW_INTERVAL_MS });
}

/**
 * Widget "schedule-lab": five learning-rate schedules (constant, step decay, exponential, cosine, warm-up then one
 * of the others) drawn against the step with their formulas, then each used to train the same small network on the
 * same images with the same optimizer (SGD + momentum, Adam or AdamW) and seed, side by side in one worker each;
 * training loss and validation accuracy overlaid, and a table of final and best validation accuracy.
 */
export function ScheduleLab({ dataset = DEFAULT_SETTINGS.dataset, optimizer = DEFAULT_SETTINGS.optimizer, seed = DEFAULT_SETTINGS.seed, instance }: ScheduleLabProps) {
  const [defaults] = useState(() => ({ ...DEFAULT_SETTINGS, dataset, optimizer, seed, learningRate: SUGGESTED_LEARNING_RATES[optimizer] }));
  const widget = useTrainingWidget<ScheduleLabSettings>({ widgetId: 'schedule-lab', shareKey: 'schedules', instance, settingsSchema, defaultSettings: defaults });
  const { settings, updateSettings } = widget;
  const enabled = useMemo(() => {
    const parsed = parseEnabled(settings.on);
    return 'value' in parsed ? parsed.value : [...SCHEDULE_KINDS];
  }, [settings.on]);
  const problems = useMemo(
    () => Object.fromEntries(SCHEDULE_KINDS.map((kind) => [kind, scheduleProblem(kind, settings)])) as Record<LearningRateScheduleKind, string | null>,
    [settings],
  );
  const optimizerIssue = optimizerProblem(settings);
  const running = enabled.filter((kind) => problems[kind] === null);

  const { load, retry } = useDataset(settings.dataset, SPLITS, widget.near, FIRST_IMAGES);
  const trainSplit = arrivedSplit(load, 0, TRAINING_POOL, settings.dataset);
  const validationSplit = arrivedSplit(load, 1, VALIDATION_IMAGES, settings.dataset);
  // The splits grow while they stream in; the data is taken once, when enough has arrived (a new object would reset every run).
  const splitsRef = useRef({ trainSplit, validationSplit });
  splitsRef.current = { trainSplit, validationSplit };
  const haveSplits = trainSplit !== null && validationSplit !== null;
  const data = useMemo<TrainingRunData | null>(() => {
    const { trainSplit: train, validationSplit: validation } = splitsRef.current;
    if (!haveSplits || !train || !validation || train.name !== settings.dataset) return null;
    return {
      train: gatherLabelledImages(train, selectTrainingIndices(TRAINING_POOL, Number(settings.trainingImages), settings.seed)),
      validation: labelledImages(validation, 0, VALIDATION_IMAGES),
    };
  }, [haveSplits, settings.dataset, settings.trainingImages, settings.seed]);

  const dutyCycle = concurrentDutyCycle(Math.max(1, running.length), CORES);
  const isActive = (kind: LearningRateScheduleKind) => widget.near && optimizerIssue === null && running.includes(kind);
  // One hook call per schedule, always in the same order (the rules of hooks); unselected ones start no worker.
  const runs: Record<LearningRateScheduleKind, TrainingRun> = {
    constant: useScheduleRun('constant', isActive('constant'), settings, data, dutyCycle),
    step: useScheduleRun('step', isActive('step'), settings, data, dutyCycle),
    exponential: useScheduleRun('exponential', isActive('exponential'), settings, data, dutyCycle),
    cosine: useScheduleRun('cosine', isActive('cosine'), settings, data, dutyCycle),
    warmup: useScheduleRun('warmup', isActive('warmup'), settings, data, dutyCycle),
  };
  const active = running.map((kind) => runs[kind]);
  const status = combinedStatus(active.map((run) => run.state.status));
  const lead = active[0] ?? runs.constant;
  const finished = (run: TrainingRun) => run.state.step >= settings.steps;

  const combinedRun: TrainingRun = {
    ...lead,
    state: {
      ...lead.state,
      status,
      loadingLabel: active.find((run) => run.state.status === 'loading')?.state.loadingLabel ?? lead.state.loadingLabel,
      message:
        running
          .map((kind) => (runs[kind].state.message ? `${SCHEDULE_LABELS[kind]}: ${runs[kind].state.message}` : null))
          .filter((text) => text !== null)
          .join(' ') || null,
    },
    train: () => active.forEach((run) => (run.state.status === 'ready' || run.state.status === 'paused') && !finished(run) && run.train()),
    pause: () => active.forEach((run) => run.state.status === 'training' && run.pause()),
    step: () => active.forEach((run) => (run.state.status === 'ready' || run.state.status === 'paused') && !finished(run) && run.step()),
    reset: () => active.forEach((run) => run.state.status !== 'loading' && run.reset()),
    setBackendPreference: (preference) => SCHEDULE_KINDS.forEach((kind) => runs[kind].setBackendPreference(preference)),
  };

  // Stable callbacks: the cards and the η chart are memoized and must not redraw (KaTeX, SVG) on every training report.
  const update = updateSettings;
  const enabledRef = useRef(enabled);
  enabledRef.current = enabled;
  const toggle = useCallback(
    (kind: LearningRateScheduleKind, on: boolean) => {
      const current = enabledRef.current;
      updateSettings({ on: serializeEnabled(on ? [...current, kind] : current.filter((other) => other !== kind)) });
    },
    [updateSettings],
  );
  const setAtStep = useCallback((atStep: number) => updateSettings({ atStep }), [updateSettings]);
  // A new η₀ would apply live to a running model; the comparison is only fair from the start, so every run restarts.
  const restartAll = () => active.forEach((run) => run.state.status !== 'loading' && run.reset());
  const setLearningRate = (learningRate: number) => {
    update({ learningRate });
    restartAll();
  };
  const chooseOptimizer = (next: OptimizerChoice) => {
    update({ optimizer: next, learningRate: SUGGESTED_LEARNING_RATES[next] });
    restartAll();
  };

  const locked = status === 'training';
  const datasetName = DATASET_LABELS[settings.dataset];
  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: load.message, retry }
      : !data
        ? {
            status: 'loading',
            label: `Downloading ${datasetName} (the first training images and the validation images)…`,
            fraction: load.status === 'loading' ? load.fraction : null,
          }
        : { status: 'loaded' };
  const blocked = optimizerIssue ?? (running.length === 0 ? 'Select at least one schedule with valid settings to train.' : null);

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
        options={TRAINING_IMAGE_CHOICES.map((choice) => ({ value: choice, label: Number(choice).toLocaleString('en-US') }))}
        disabled={locked}
        onChange={(choice) => update({ trainingImages: choice })}
      />
      <PillChoices
        legend="Optimizer (all runs)"
        value={settings.optimizer}
        options={OPTIMIZER_CHOICES.map((choice) => ({ value: choice, label: OPTIMIZER_LABELS[choice] }))}
        disabled={locked}
        onChange={chooseOptimizer}
      />
      <NumberField {...FIELDS.learningRate} value={settings.learningRate} disabled={locked} onChange={setLearningRate} hint="η at its peak; each schedule scales it" />
      {settings.optimizer === 'momentum' ? (
        <NumberField {...FIELDS.momentum} value={settings.momentum} disabled={locked} onChange={(value) => update({ momentum: value })} />
      ) : null}
      {settings.optimizer === 'adamw' ? (
        <NumberField
          {...FIELDS.weightDecay}
          value={settings.weightDecay}
          disabled={locked}
          onChange={(value) => update({ weightDecay: value })}
          hint="decoupled from the gradient"
        />
      ) : null}
      <NumberField {...FIELDS.steps} value={settings.steps} disabled={locked} onChange={(value) => update({ steps: value })} hint={`${BATCH_SIZE} images a step`} />
      <NumberField {...FIELDS.seed} value={settings.seed} disabled={locked} onChange={(value) => update({ seed: value })} hint="images, weights, order" />
    </>
  );

  const summaries = running.map((kind) => ({ kind, summary: summarizeRun(runs[kind].state.validation, runs[kind].state.trainLoss), finished: finished(runs[kind]) }));
  const winners = leaders(summaries);
  const allFinished = summaries.length > 0 && summaries.every((entry) => entry.finished);

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={combinedRun}
      title={`Learning-rate schedules: five ways to change η, raced on ${datasetName}`}
      blocked={blocked}
      dataStatus={dataStatus}
      controls={controls}
    >
      <ScheduleCards settings={settings} enabled={enabled} problems={problems} locked={locked} domId={widget.domId} onToggle={toggle} onChange={update} />
      <ScheduleChart settings={settings} enabled={enabled} onAtStep={setAtStep} />
      <OptimizerNote optimizer={settings.optimizer} />
      <ResultsTable kinds={running} runs={runs} summaries={summaries} winners={allFinished ? winners : []} steps={settings.steps} />
      <p className="schedule-verdict" aria-live="polite" data-testid="schedule-verdict">
        {allFinished && winners.length > 0
          ? `Highest final validation accuracy here: ${winners.map((kind) => SCHEDULE_LABELS[kind]).join(' and ')}. Change the optimizer, η₀ or the seed and the order can change: no schedule wins everywhere.`
          : 'Press Train: every selected schedule trains the same network from the same starting weights, side by side.'}
      </p>
      <TrainingCharts kinds={running} states={running.map((kind) => runs[kind].state)} />
      <p className="widget-caption">
        {`Every run trains the same network (784 → 64 ReLU → 10, ${WEIGHT_COUNT} parameters) from the same seeded weights on the same ${Number(settings.trainingImages).toLocaleString('en-US')} ` +
          `${datasetName} training images (drawn with seed ${settings.seed} from the first ${TRAINING_POOL.toLocaleString('en-US')}), in the same order, ${BATCH_SIZE} per step, for ${settings.steps} steps; ` +
          `validation accuracy is measured every few steps on ${VALIDATION_IMAGES.toLocaleString('en-US')} images of the validation split, which no run trains on (the test split is not used here). ` +
          'Each run has its own worker; together they leave a core to the page. Changing a setting, or which schedules run, starts the runs afresh.'}
      </p>
    </TrainingWidgetFrame>
  );
}

const WEIGHT_COUNT = countParameters(NETWORK).toLocaleString('en-US');

interface ScheduleCardsProps {
  settings: ScheduleLabSettings;
  enabled: readonly LearningRateScheduleKind[];
  problems: Record<LearningRateScheduleKind, string | null>;
  locked: boolean;
  domId: string;
  onToggle: (kind: LearningRateScheduleKind, on: boolean) => void;
  onChange: (patch: Partial<ScheduleLabSettings>) => void;
}

/** One card per schedule: select it, its rule in math (in symbols and with the numbers), its parameters, η at the chosen step. */
const ScheduleCards = memo(function ScheduleCards({ settings, enabled, problems, locked, domId, onToggle, onChange }: ScheduleCardsProps) {
  const symbolic = useMemo(() => Object.fromEntries(SCHEDULE_KINDS.map((kind) => [kind, renderTex(SCHEDULE_TEX[kind], true)])) as Record<LearningRateScheduleKind, string>, []);
  return (
    <fieldset className="schedule-cards">
      <legend>Schedules to compare (colour and line style in the charts)</legend>
      {SCHEDULE_KINDS.map((kind) => {
        const problem = problems[kind];
        const eta = problem === null ? learningRateAt(buildSchedule(kind, settings), settings.learningRate, settings.atStep) : null;
        return (
          <section key={kind} className="schedule-card" style={{ ['--schedule-color' as string]: colorOf(kind) }} data-schedule={kind} aria-label={SCHEDULE_LABELS[kind]}>
            <label className="schedule-toggle">
              <input type="checkbox" checked={enabled.includes(kind)} disabled={locked} onChange={(event) => onToggle(kind, event.target.checked)} />
              <svg width="30" height="12" aria-hidden="true" focusable="false">
                <line x1="2" x2="28" y1="6" y2="6" className="schedule-legend-line" strokeDasharray={SCHEDULE_DASHES[kind] ? '6 3' : undefined} />
              </svg>
              {SCHEDULE_LABELS[kind]}
            </label>
            <div className="schedule-formula" dangerouslySetInnerHTML={{ __html: symbolic[kind] }} />
            {problem === null ? <div className="schedule-formula-values" dangerouslySetInnerHTML={{ __html: renderTex(scheduleTexWithValues(kind, settings)) }} /> : null}
            {SCHEDULE_FIELDS[kind].length > 0 || kind === 'warmup' ? (
              <div className="schedule-fields">
                {SCHEDULE_FIELDS[kind].map((field) => (
                  <NumberField key={field} {...FIELDS[field]} value={settings[field]} disabled={locked} onChange={(value) => onChange({ [field]: value })} />
                ))}
                {kind === 'warmup' ? (
                  <SelectField<AfterWarmupKind>
                    label="Then"
                    value={settings.warmupThen}
                    options={AFTER_WARMUP_KINDS.map((after) => ({ value: after, label: SCHEDULE_LABELS[after] }))}
                    disabled={locked}
                    onChange={(value) => onChange({ warmupThen: value })}
                  />
                ) : null}
              </div>
            ) : (
              <p className="schedule-note">No parameters: η₀ throughout.</p>
            )}
            {kind === 'cosine' ? <p className="schedule-note">{`For t ≤ T; from step ${settings.cosineSteps} on, η stays at η_min.`}</p> : null}
            {kind === 'warmup' ? (
              <p className="schedule-note">{`From step ${settings.warmupSteps} on: ${SCHEDULE_LABELS[settings.warmupThen].toLowerCase()}, with that card’s parameters, counting steps from the end of the warm-up.`}</p>
            ) : null}
            {problem !== null ? (
              <p className="widget-error" role="alert" id={`${domId}-${kind}-problem`}>
                {problem}
              </p>
            ) : (
              <p className="schedule-eta">
                η at step {settings.atStep}: <strong data-testid={`eta-${kind}`}>{formatRate(eta)}</strong>
              </p>
            )}
          </section>
        );
      })}
    </fieldset>
  );
});

interface ScheduleChartProps {
  settings: ScheduleLabSettings;
  enabled: readonly LearningRateScheduleKind[];
  onAtStep: (step: number) => void;
}

/** η against the step for the selected schedules over the run, a marker at the chosen step. */
const ScheduleChart = memo(function ScheduleChart({ settings, enabled, onAtStep }: ScheduleChartProps) {
  const series = useMemo(
    () =>
      scheduleSeries(enabled, settings).map((entry) => ({
        id: entry.kind,
        label: SCHEDULE_LABELS[entry.kind],
        X: entry.X,
        Y: entry.Y,
        color: colorOf(entry.kind),
        dashed: SCHEDULE_DASHES[entry.kind],
      })),
    [enabled, settings],
  );
  const markers = useMemo(() => [{ x: Math.min(settings.atStep, settings.steps), label: `step ${settings.atStep}` }], [settings.atStep, settings.steps]);
  return (
    <div className="schedule-chart">
      <div className="schedule-chart-bar">
        <NumberField {...FIELDS.atStep} max={settings.steps} value={settings.atStep} onChange={onAtStep} hint={`0–${settings.steps}; the cards show η there`} />
      </div>
      <LineChart
        title={`Learning rate η against the step for the selected schedules, steps 0 to ${settings.steps}`}
        xLabel="Step"
        yLabel="Learning rate η"
        series={series}
        height={240}
        markers={markers}
        formatY={formatRate}
      />
    </div>
  );
});

/** The optimizer's update rule and why one optimizer serves all runs. */
const OptimizerNote = memo(function OptimizerNote({ optimizer }: { optimizer: OptimizerChoice }) {
  const html = useMemo(() => renderTex(OPTIMIZER_TEX[optimizer]), [optimizer]);
  return (
    <div className="schedule-optimizer">
      <p>
        <strong>{OPTIMIZER_LABELS[optimizer]}</strong>, the same for every run: <span dangerouslySetInnerHTML={{ __html: html }} />. The schedule only sets η<sub>t</sub>.
      </p>
      <p className="schedule-note">
        No schedule or optimizer wins everywhere: with SGD + momentum at a large η₀ the decaying schedules pull well ahead of a constant η, while Adam, which scales its own steps,
        is much less sensitive to the schedule. Compare them here, then try another η₀ or seed.
      </p>
    </div>
  );
});

interface ResultsTableProps {
  kinds: readonly LearningRateScheduleKind[];
  runs: Record<LearningRateScheduleKind, TrainingRun>;
  summaries: ReadonlyArray<{ kind: LearningRateScheduleKind; summary: ReturnType<typeof summarizeRun> }>;
  winners: readonly LearningRateScheduleKind[];
  steps: number;
}

/** Per schedule: η now, step, recent training loss, final and best validation accuracy. */
function ResultsTable({ kinds, runs, summaries, winners, steps }: ResultsTableProps) {
  return (
    <div className="schedule-table-wrap">
      <table className="schedule-table" aria-label="Each schedule's run: learning rate now, step, training loss, and validation accuracy">
        <thead>
          <tr>
            <th scope="col">Schedule</th>
            <th scope="col">η now</th>
            <th scope="col">Step</th>
            <th scope="col">Training loss (last 10 points)</th>
            <th scope="col">Validation accuracy ({`final at ${steps}`})</th>
            <th scope="col">Best validation accuracy (step)</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map((kind, i) => {
            const run = runs[kind].state;
            const { summary } = summaries[i];
            const done = run.step >= steps;
            return (
              <tr
                key={kind}
                data-schedule={kind}
                data-final-accuracy={done && summary.latest ? String(summary.latest.accuracy) : undefined}
                className={winners.includes(kind) ? 'schedule-winner' : undefined}
              >
                <th scope="row">
                  <span className="schedule-swatch" style={{ background: colorOf(kind) }} aria-hidden="true" /> {SCHEDULE_LABELS[kind]}
                </th>
                <td data-testid={`eta-now-${kind}`}>{formatRate(run.learningRate)}</td>
                <td>{run.status === 'loading' ? '…' : run.step}</td>
                <td>{run.status === 'diverged' ? 'diverged' : summary.recentLoss === null ? '–' : summary.recentLoss.toFixed(3)}</td>
                <td>
                  {percent(summary.latest?.accuracy)}
                  {summary.latest && !done ? <span className="schedule-so-far"> so far</span> : null}
                </td>
                <td>{summary.best ? `${percent(summary.best.accuracy)} (${summary.best.step})` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface TrainingChartsProps {
  kinds: readonly LearningRateScheduleKind[];
  states: readonly TrainingRunState[];
}

/** Training loss and validation accuracy of every run, overlaid. */
const TrainingCharts = memo(
  function TrainingCharts({ kinds, states }: TrainingChartsProps) {
    const loss = kinds.map((kind, i) => ({
      id: kind,
      label: SCHEDULE_LABELS[kind],
      X: states[i].trainLoss.steps,
      Y: states[i].trainLoss.values,
      color: colorOf(kind),
      dashed: SCHEDULE_DASHES[kind],
    }));
    const accuracy = kinds.map((kind, i) => ({
      id: kind,
      label: SCHEDULE_LABELS[kind],
      X: states[i].validation.steps,
      Y: states[i].validation.accuracy.map((value) => value * 100),
      color: colorOf(kind),
      dashed: SCHEDULE_DASHES[kind],
    }));
    return (
      <div className="schedule-training-charts">
        <LineChart title="Training loss per step, one curve per schedule" xLabel="Step" yLabel="Training loss (batch)" series={loss} height={240} />
        <LineChart
          title="Validation accuracy per step, one curve per schedule"
          xLabel="Step"
          yLabel="Validation accuracy (%)"
          series={accuracy}
          height={240}
          yDomain={ACCURACY_DOMAIN}
          logScaleToggle={false}
          formatY={(value) => `${value.toFixed(1)}%`}
        />
      </div>
    );
  },
  (before, after) =>
    before.kinds.join() === after.kinds.join() &&
    before.states.every((state, i) => state.trainLoss === after.states[i]?.trainLoss && state.validation === after.states[i]?.validation),
);
