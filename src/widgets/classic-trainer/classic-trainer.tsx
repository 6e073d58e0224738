import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LineChart } from '../../charts/line-chart';
import { labelledImages } from '../../core/data/labelled-images';
import type { ReadoutRequests } from '../../core/training/readouts';
import { describeOptimizer } from '../../core/training/optimizers/optimizer-config';
import { useDataset } from '../../hooks/use-dataset';
import { useTrainingRun } from '../../hooks/use-training-run';
import { NumberField } from '../../ui/number-field';
import { LossCurves } from '../training-shell/loss-curves';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import {
  BATCH_SIZE_RULE,
  CLASSIC_SETUPS,
  classicConfig,
  COMPARE_STEPS_RULE,
  EVALUATE_EVERY,
  formatCount,
  formatDuration,
  L2_RULE,
  lastAccuracy,
  layerTable,
  LEARNING_RATE_RULE,
  PATIENCE_RULE,
  percent,
  PHASE_LABELS,
  plateauSchedule,
  recentLoss,
  SEED_RULE,
  SETTINGS_SCHEMA,
  SHALLOW_STEPS_RULE,
  shallowMiniVgg,
  STEPS_RULE,
  VALIDATION_SUBSET,
  warmStartFromShallow,
  type ClassicModel,
  type ClassicTrainerSettings,
  type ComparisonPhase,
  type PhaseCurves,
  type WarmStart,
} from './classic-trainer-state';
import './classic-trainer.css';

const SPLITS = ['train', 'validation'] as const;
/** Training images used (the first ones of the split): more than the default run's steps × batch for mini-VGG. */
const TRAIN_IMAGES = 30_000;
const FIRST_IMAGES = { train: TRAIN_IMAGES, validation: VALIDATION_SUBSET };
/** Parameters are read back only on pause (the comparison copies the shallow net's weights then). */
const ONLY_ON_PAUSE = 1_000_000_000;

interface ClassicTrainerProps {
  /** Which classic network: LeNet-5 on MNIST or the mini-VGG on Fashion-MNIST. */
  model?: ClassicModel;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** Wall time spent training (pauses excluded), reset with the run. */
function useTrainingClock(status: string, step: number): number | null {
  const since = useRef<number | null>(null);
  const total = useRef(0);
  const [ms, setMs] = useState<number | null>(null);
  useEffect(() => {
    if (status === 'training') since.current ??= performance.now();
    else if (since.current !== null) {
      total.current += performance.now() - since.current;
      since.current = null;
    }
    if (step === 0) {
      total.current = 0;
      since.current = status === 'training' ? performance.now() : null;
    }
    setMs(step === 0 ? null : total.current + (since.current === null ? 0 : performance.now() - since.current));
  }, [status, step]);
  return ms;
}

/**
 * Widget "classic-trainer": LeNet-5 on MNIST or the course's mini-VGG on Fashion-MNIST, trained live in the engine
 * with its layer table (output shapes, parameters, multiply–adds), loss and accuracy curves and the time spent. The
 * mini-VGG follows VGG's recipe, with η divided by 10 on a validation plateau, and compares a deep net started from a
 * briefly trained shallower one against the same deep net from random weights.
 */
export function ClassicTrainer({ model = 'lenet5', instance }: ClassicTrainerProps) {
  const setup = CLASSIC_SETUPS[model];
  const widget = useTrainingWidget<ClassicTrainerSettings>({
    widgetId: 'classic-trainer',
    shareKey: 'classic',
    instance,
    settingsSchema: SETTINGS_SCHEMA,
    defaultSettings: setup.defaults,
  });
  const { settings, updateSettings } = widget;
  const { load, retry } = useDataset(setup.dataset, SPLITS, widget.near, FIRST_IMAGES);
  const data = useMemo(() => {
    if (load.status !== 'loaded') return null;
    const [train, validation] = load.splits;
    return { train: labelledImages(train, 0, TRAIN_IMAGES), validation: labelledImages(validation, 0, VALIDATION_SUBSET) };
  }, [load]);

  const table = useMemo(() => layerTable(setup.network), [setup.network]);

  // The main run: the plateau rule recomputes η from the validation curve; a new η applies live (no reset).
  const [validationCurve, setValidationCurve] = useState<{ steps: number[]; accuracy: number[] }>({ steps: [], accuracy: [] });
  const plateau = useMemo(
    () => (setup.vggRecipe ? plateauSchedule(validationCurve, settings.learningRate, settings.patience) : null),
    [setup.vggRecipe, validationCurve, settings.learningRate, settings.patience],
  );
  const learningRate = plateau?.learningRate ?? settings.learningRate;
  const baseConfig = useMemo(() => classicConfig(setup, settings), [setup, settings]);
  const config = useMemo(() => ({ ...baseConfig, learningRate }), [baseConfig, learningRate]);
  const run = useTrainingRun({ active: widget.near, data, config, maxSteps: settings.steps, minDrawIntervalMs: 100 });
  const { state } = run;
  useEffect(() => setValidationCurve(state.validation), [state.validation]);
  const trainedMs = useTrainingClock(state.status, state.step);

  // The shallow-first comparison: three phases, one after the other, on a second engine started on request.
  const [comparing, setComparing] = useState(false);
  const [phase, setPhase] = useState<ComparisonPhase>('shallow');
  const [results, setResults] = useState<Partial<Record<ComparisonPhase, PhaseCurves & { ms: number }>>>({});
  const [warm, setWarm] = useState<WarmStart | null>(null);
  const comparisonConfig = useMemo(() => {
    if (phase === 'shallow') return classicConfig(setup, settings, { network: shallowMiniVgg });
    if (phase === 'deep-warm' && warm) return classicConfig(setup, settings, { initialParameters: warm.parameters });
    return classicConfig(setup, settings);
  }, [phase, warm, setup, settings]);
  const comparisonReadouts = useMemo<ReadoutRequests>(() => ({ parameters: { kind: 'parameters', everySteps: ONLY_ON_PAUSE } }), []);
  const phaseSteps = phase === 'shallow' ? settings.shallowSteps : settings.compareSteps;
  const comparison = useTrainingRun({
    active: widget.near && setup.vggRecipe && comparing,
    data,
    config: comparisonConfig,
    maxSteps: phaseSteps,
    readouts: phase === 'shallow' ? comparisonReadouts : undefined,
    minDrawIntervalMs: 150,
  });
  const compareState = comparison.state;
  const phaseMs = useTrainingClock(compareState.status, compareState.step);
  const [running, setRunning] = useState(false);
  /** The phase whose model the comparison engine is training (null until its Train): a finished model is that phase's. */
  const startedPhase = useRef<ComparisonPhase | null>(null);
  // Start each phase once its model is ready; when it reaches its steps, keep its curves and move on.
  useEffect(() => {
    if (!running) return;
    if (compareState.status === 'ready' && compareState.step === 0 && startedPhase.current !== phase) {
      startedPhase.current = phase;
      comparison.train();
      return;
    }
    if (startedPhase.current !== phase || compareState.status !== 'paused' || compareState.step < phaseSteps) return;
    const curves = { trainLoss: compareState.trainLoss, validation: compareState.validation, ms: phaseMs ?? 0 };
    if (phase === 'shallow') {
      const readout = compareState.readouts.parameters;
      if (readout?.kind !== 'parameters' || readout.step !== compareState.step) return; // wait for the weights
      setResults({ shallow: curves });
      setWarm(warmStartFromShallow(shallowMiniVgg, readout.parameters, setup.network, settings.seed));
      setPhase('deep-warm');
    } else if (phase === 'deep-warm') {
      setResults((previous) => ({ ...previous, 'deep-warm': curves }));
      setPhase('deep-random');
    } else {
      setResults((previous) => ({ ...previous, 'deep-random': curves }));
      setRunning(false);
    }
  }, [running, compareState, phase, phaseSteps, phaseMs, comparison, setup.network, settings.seed]);

  const { pause: pauseMain } = run;
  const startComparison = useCallback(() => {
    pauseMain();
    startedPhase.current = null;
    setResults({});
    setWarm(null);
    setPhase('shallow');
    setComparing(true);
    setRunning(true);
    comparison.reset();
  }, [pauseMain, comparison]);
  const stopComparison = useCallback(() => {
    setRunning(false);
    comparison.pause();
  }, [comparison]);
  // Training the main model stops the comparison (two engines on two cores would halve both).
  const { train: trainMain } = run;
  const train = useCallback(() => {
    if (running) stopComparison();
    trainMain();
  }, [running, stopComparison, trainMain]);

  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: load.message, retry }
      : data === null
        ? { status: 'loading', label: `Downloading ${setup.datasetName}…`, fraction: load.status === 'loading' ? load.fraction : null }
        : { status: 'loaded' };

  const lastValidation = lastAccuracy(state);
  const liveCurves = (which: ComparisonPhase): PhaseCurves | null =>
    results[which] ?? (running && phase === which ? { trainLoss: compareState.trainLoss, validation: compareState.validation } : null);
  const colors: Record<ComparisonPhase, string> = { shallow: 'var(--text-muted)', 'deep-warm': 'var(--accent)', 'deep-random': 'var(--class-a)' };
  const comparisonSeries = (['shallow', 'deep-warm', 'deep-random'] as const).flatMap((which) => {
    const curves = liveCurves(which);
    return curves ? [{ id: which, label: PHASE_LABELS[which], X: curves.validation.steps, Y: curves.validation.accuracy, color: colors[which], dashed: which === 'shallow' }] : [];
  });
  const comparisonLossSeries = (['shallow', 'deep-warm', 'deep-random'] as const).flatMap((which) => {
    const curves = liveCurves(which);
    return curves ? [{ id: which, label: PHASE_LABELS[which], X: curves.trainLoss.steps, Y: curves.trainLoss.values, color: colors[which], dashed: which === 'shallow' }] : [];
  });
  const d = widget.domId;

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={{ ...run, train }}
      title={`Train ${setup.name} on ${setup.datasetName}`}
      dataStatus={dataStatus}
      controls={
        <>
          <NumberField {...LEARNING_RATE_RULE} value={settings.learningRate} onChange={(value) => updateSettings({ learningRate: value })} hint="η₀, applies live" />
          <NumberField {...BATCH_SIZE_RULE} value={settings.batchSize} onChange={(value) => updateSettings({ batchSize: value })} hint="images per step" />
          <NumberField
            {...STEPS_RULE}
            value={settings.steps}
            onChange={(value) => updateSettings({ steps: value })}
            hint={`${((settings.steps * settings.batchSize) / TRAIN_IMAGES).toFixed(2)} epochs of ${formatCount(TRAIN_IMAGES)}`}
          />
          {setup.vggRecipe ? (
            <>
              <NumberField {...L2_RULE} value={settings.l2} onChange={(value) => updateSettings({ l2: value })} hint="L2 on kernels" />
              <NumberField {...PATIENCE_RULE} value={settings.patience} onChange={(value) => updateSettings({ patience: value })} hint="evaluations, then η ÷ 10" />
            </>
          ) : null}
          <NumberField {...SEED_RULE} value={settings.seed} onChange={(value) => updateSettings({ seed: value })} hint="weights, order, dropout" />
        </>
      }
    >
      <div className="classic-trainer">
        <p className="classic-note">
          <strong>{describeOptimizer(setup.optimizer!)}</strong>. {setup.recipe}
        </p>
        <div className="classic-layout">
          <section className="classic-section" aria-labelledby={`${d}-layers`}>
            <h4 id={`${d}-layers`} className="classic-heading">
              {setup.name}, layer by layer
            </h4>
            <div className="classic-table-wrap" tabIndex={0} role="region" aria-label={`${setup.name} layer table (scrolls sideways on narrow screens)`}>
              <table className="classic-table" data-testid="classic-layer-table">
                <caption className="visually-hidden">{setup.name}: output shape, parameters and multiply–adds of every layer for one 28×28 image</caption>
                <thead>
                  <tr>
                    <th scope="col">Layer</th>
                    <th scope="col">Output</th>
                    <th scope="col">Parameters</th>
                    <th scope="col">Multiply–adds</th>
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row) => (
                    <tr key={row.name}>
                      <th scope="row">{row.description}</th>
                      <td>{row.outputShape}</td>
                      <td>{formatCount(row.parameters)}</td>
                      <td>{formatCount(row.multiplyAdds)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td>28×28×1 in</td>
                    <td data-testid="classic-total-parameters">{formatCount(table.parameters)}</td>
                    <td>{formatCount(table.multiplyAdds)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
          <section className="classic-section" aria-labelledby={`${d}-progress`}>
            <h4 id={`${d}-progress`} className="classic-heading">
              Training
            </h4>
            <dl className="classic-stats">
              <div>
                <dt>Step</dt>
                <dd data-testid="classic-step">
                  {formatCount(state.step)} / {formatCount(settings.steps)}
                </dd>
              </div>
              <div>
                <dt>Validation accuracy</dt>
                <dd data-testid="classic-validation-accuracy">{percent(lastValidation)}</dd>
              </div>
              <div>
                <dt>Training time</dt>
                <dd data-testid="classic-time">{trainedMs === null ? '–' : formatDuration(trainedMs)}</dd>
              </div>
              <div>
                <dt>Learning rate</dt>
                <dd data-testid="classic-learning-rate">{learningRate.toPrecision(2)}</dd>
              </div>
            </dl>
            <p className="classic-note">
              Validation: {formatCount(VALIDATION_SUBSET)} held-out images every {EVALUATE_EVERY} steps. Training on the first {formatCount(TRAIN_IMAGES)} training images.
              {plateau
                ? plateau.drops.length > 0
                  ? ` η divided by 10 at step${plateau.drops.length > 1 ? 's' : ''} ${plateau.drops.map((drop) => formatCount(drop.step)).join(', ')}.`
                  : ` No plateau yet: η is divided by 10 after ${settings.patience} evaluations without a new best (${percent(plateau.best)} so far).`
                : ''}
              {state.stopReason === 'completed' && lastValidation !== null && trainedMs !== null ? (
                <strong data-testid="classic-summary">
                  {' '}
                  Done: {percent(lastValidation)} of validation images right after {formatCount(state.step)} steps in {formatDuration(trainedMs)}.
                </strong>
              ) : null}
            </p>
            <div className="classic-charts">
              <LossCurves state={state} title={`${setup.name}: loss`} validationLabel={`Validation loss (${formatCount(VALIDATION_SUBSET)} images)`} height={200} />
              <LineChart
                title={`${setup.name}: validation accuracy`}
                xLabel="Step"
                yLabel="Accuracy"
                series={[{ id: 'validation-accuracy', label: 'Validation accuracy', X: state.validation.steps, Y: state.validation.accuracy, color: 'var(--class-a)' }]}
                height={200}
                logScaleToggle={false}
                formatY={(value) => `${(value * 100).toFixed(1)} %`}
                markers={plateau?.drops.map((drop) => ({ x: drop.step, label: 'η ÷ 10' }))}
              />
            </div>
          </section>
        </div>
        {setup.vggRecipe ? (
          <section className="classic-section" aria-labelledby={`${d}-shallow`}>
            <h4 id={`${d}-shallow`} className="classic-heading">
              Train a shallower net first
            </h4>
            <p className="classic-note">
              VGG trained its 11-layer net A first and started the deeper nets from it. Here: a mini-VGG with one 3×3 convolution per block trains for{' '}
              {formatCount(settings.shallowSteps)} steps; the deep mini-VGG then starts with its first convolution of each block and its three dense layers copied from it (the
              second convolutions random), and trains {formatCount(settings.compareSteps)} steps, against the same deep net from random weights (same seed, same batches).
            </p>
            <div className="classic-compare-controls">
              <NumberField {...SHALLOW_STEPS_RULE} value={settings.shallowSteps} onChange={(value) => updateSettings({ shallowSteps: value })} disabled={running} />
              <NumberField {...COMPARE_STEPS_RULE} value={settings.compareSteps} onChange={(value) => updateSettings({ compareSteps: value })} disabled={running} />
              <div className="button-row">
                <button type="button" className="button button-primary" onClick={startComparison} disabled={running || data === null} data-testid="classic-compare">
                  Run the shallow-first comparison
                </button>
                <button type="button" className="button" onClick={stopComparison} disabled={!running}>
                  Stop the comparison
                </button>
              </div>
            </div>
            <p className="classic-note" role="status" data-testid="classic-compare-status">
              {running
                ? `Running: ${PHASE_LABELS[phase].toLowerCase()}, step ${formatCount(compareState.step)} of ${formatCount(phaseSteps)}.`
                : results['deep-random']
                  ? 'Done.'
                  : comparing
                    ? 'Stopped.'
                    : 'Not run yet.'}
              {warm ? ` Copied: ${warm.copied.join(', ')}; fresh: ${warm.fresh.join(', ')}.` : ''}
            </p>
            {comparisonSeries.length > 0 ? (
              <>
                <div className="classic-charts">
                  <LineChart
                    title="Validation accuracy: shallow-first against random start"
                    xLabel="Step of that net"
                    yLabel="Accuracy"
                    series={comparisonSeries}
                    height={200}
                    logScaleToggle={false}
                    formatY={(value) => `${(value * 100).toFixed(1)} %`}
                  />
                  <LineChart title="Training loss (batches)" xLabel="Step of that net" yLabel="Loss" series={comparisonLossSeries} height={200} />
                </div>
                <table className="classic-table classic-compare-table" data-testid="classic-compare-table">
                  <caption className="visually-hidden">Measured results of the shallow-first comparison</caption>
                  <thead>
                    <tr>
                      <th scope="col">Run</th>
                      <th scope="col">Steps</th>
                      <th scope="col">Last validation accuracy</th>
                      <th scope="col">Recent training loss</th>
                      <th scope="col">Time</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(['shallow', 'deep-warm', 'deep-random'] as const).map((which) => {
                      const curves = liveCurves(which);
                      const done = results[which];
                      return (
                        <tr key={which} data-testid={`classic-compare-${which}`}>
                          <th scope="row">{PHASE_LABELS[which]}</th>
                          <td>{curves ? formatCount(curves.trainLoss.steps[curves.trainLoss.steps.length - 1] ?? 0) : '–'}</td>
                          <td>{percent(lastAccuracy(curves))}</td>
                          <td>{recentLoss(curves)?.toFixed(3) ?? '–'}</td>
                          <td>{done ? formatDuration(done.ms) : '–'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </>
            ) : null}
          </section>
        ) : null}
      </div>
    </TrainingWidgetFrame>
  );
}
