import { useMemo, useState, type CSSProperties } from 'react';
import katex from 'katex';
import { LineChart, type LineSeries } from '../../charts/line-chart';
import type { ReadoutValue } from '../../core/training/readouts';
import { concurrentDutyCycle } from '../../core/training/run-training-loop';
import { useDataset } from '../../hooks/use-dataset';
import { useTrainingRun, type TrainingRun } from '../../hooks/use-training-run';
import { BackendBadge, BackendReason, backendNotice } from '../../ui/backend-badge';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';
import { LoadingProgress } from '../../ui/loading-progress';
import { NumberField } from '../../ui/number-field';
import { PillChoices } from '../../ui/pill-choices';
import { TrainingControls } from '../../ui/training-controls';
import { WidgetFrame } from '../../ui/widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { HistogramPanels, type HistogramPanel } from './histogram-panels';
import {
  ACTIVATION_LABELS,
  BATCH_SIZE,
  DEFAULT_SETTINGS,
  HIDDEN_ACTIVATIONS,
  INIT_DASHED,
  INIT_KINDS,
  INIT_LABELS,
  LEARNING_RATE_RULE,
  MOMENTUM,
  PROBE_IMAGES,
  SCHEME_TEX,
  SEED_RULE,
  STEPS_RULE,
  TRAINING_IMAGES,
  VALIDATION_IMAGES,
  VARIANCE_TEX,
  WIDTH_RULE,
  canTrain,
  combinedStatus,
  describeActivations,
  fanTable,
  formatPercent,
  formatValue,
  gradientLayers,
  histogramReadouts,
  keepFirstReadout,
  HISTOGRAM_TIMES,
  labData,
  runSummary,
  settingsSchema,
  summarizeLayers,
  trainingConfig,
  varianceGain,
  type HiddenActivation,
  type InitKind,
  type InitializationSettings,
  type LabData,
} from './initialization-lab-state';
import './initialization-lab.css';

interface InitializationLabProps {
  activation?: HiddenActivation;
  inspect?: InitKind;
  width?: number;
  learningRate?: number;
  steps?: number;
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** Four workers train at once: together they leave one core to the page. */
const DUTY_CYCLE = concurrentDutyCycle(INIT_KINDS.length, typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency);
const REPORT_INTERVAL_MS = 150;
const DRAW_INTERVAL_MS = 250;
const SPLITS = ['train', 'validation'] as const;
/** Only the images the lab uses are downloaded: the leading chunks of each split. */
const FIRST_IMAGES = { train: TRAINING_IMAGES, validation: VALIDATION_IMAGES };
const ACCURACY_DOMAIN: [number, number] = [0, 100];
const color = (kind: InitKind) => `var(--init-${kind})`;
const renderTex = (tex: string, displayMode = false) => katex.renderToString(tex, { displayMode, throwOnError: true, strict: 'error' });

function useInitRun(init: InitKind, settings: InitializationSettings, data: LabData | null, near: boolean): TrainingRun {
  const config = useMemo(() => trainingConfig(init, settings), [init, settings]);
  const runData = useMemo(() => (data ? { train: data.train, validation: data.validation } : null), [data]);
  const readouts = useMemo(() => (data ? histogramReadouts(settings.activation, data.probe) : undefined), [data, settings.activation]);
  return useTrainingRun({
    active: near,
    data: runData,
    config,
    readouts,
    maxSteps: settings.steps,
    chunkDurationMs: REPORT_INTERVAL_MS,
    dutyCycle: DUTY_CYCLE,
    minDrawIntervalMs: DRAW_INTERVAL_MS,
  });
}

/** The histogram read-outs drawn for one run. */
interface ShownReadouts {
  activations?: ReadoutValue;
  gradients?: ReadoutValue;
}
const emptyReadouts = (): Record<InitKind, ShownReadouts> => ({ small: {}, unit: {}, xavier: {}, he: {} });

/** Loss ticks stay short even when N(0, 1) with ReLU starts at a loss of 10⁹. */
const formatLoss = (value: number) => formatValue(value, 3);

/** log₁₀ of a positive σ for the per-layer charts (0 and NaN leave a gap). */
const log10 = (value: number) => (value > 0 && Number.isFinite(value) ? Math.log10(value) : NaN);
const formatLogTick = (exponent: number) => formatValue(10 ** exponent, 2);

/**
 * Widget "initialization-lab": a ten-layer MLP (784 → 10 × width → 10) on MNIST started from N(0, 0.01²), N(0, 1),
 * Xavier/Glorot and He weights, with tanh or ReLU units. Four workers hold the four starts; per-layer histograms of
 * the activations (on 500 validation images) and of the newest step's gradients show what each start does to the
 * signal, and Train trains all four on the same images in the same order, curves overlaid. The root's
 * `data-step` is the furthest run's step and `data-loss` the lowest latest loss; each table row carries its run's.
 */
export function InitializationLab({ activation, inspect, width, learningRate, steps, seed, instance }: InitializationLabProps) {
  const widget = useTrainingWidget<InitializationSettings>({
    widgetId: 'initialization-lab',
    shareKey: 'init',
    instance,
    settingsSchema,
    defaultSettings: {
      activation: activation ?? DEFAULT_SETTINGS.activation,
      inspect: inspect ?? DEFAULT_SETTINGS.inspect,
      when: DEFAULT_SETTINGS.when,
      width: width ?? DEFAULT_SETTINGS.width,
      learningRate: learningRate ?? DEFAULT_SETTINGS.learningRate,
      steps: steps ?? DEFAULT_SETTINGS.steps,
      seed: seed ?? DEFAULT_SETTINGS.seed,
    },
  });
  const { settings, updateSettings: update } = widget;

  // The images: the first 2,000 of the training split and the first 1,000 of the validation split, taken once both
  // have arrived (the rest of the training split may still be streaming; it is not needed).
  const { load, retry } = useDataset('mnist', SPLITS, widget.near, FIRST_IMAGES);
  const [data, setData] = useState<LabData | null>(null);
  if (data === null) {
    const splits = load.status === 'loaded' ? load.splits : load.status === 'loading' ? load.available : null;
    const ready = splits ? labData(splits[0], splits[1]) : null;
    if (ready) setData(ready);
  }

  // Settings that do not change the runs' structure are kept out of their config (the inspected start).
  const runSettings = useMemo(
    () => ({ ...settings, inspect: DEFAULT_SETTINGS.inspect, when: DEFAULT_SETTINGS.when }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the fields trainingConfig reads
    [settings.activation, settings.width, settings.learningRate, settings.steps, settings.seed],
  );
  const runs: Record<InitKind, TrainingRun> = {
    small: useInitRun('small', runSettings, data, widget.near),
    unit: useInitRun('unit', runSettings, data, widget.near),
    xavier: useInitRun('xavier', runSettings, data, widget.near),
    he: useInitRun('he', runSettings, data, widget.near),
  };
  const list = INIT_KINDS.map((kind) => [kind, runs[kind]] as const);

  const dataFailed = load.status === 'failed';
  const statuses = list.map(([, run]) => run.state.status);
  const status = dataFailed ? 'error' : data === null ? 'loading' : combinedStatus(statuses);
  const locked = status === 'training';
  const failed = list.find(([, run]) => run.state.status === 'error');
  const error = dataFailed
    ? `MNIST could not be loaded: ${load.message}`
    : failed
      ? `${INIT_LABELS[failed[0]]}: ${failed[1].state.message ?? 'the training engine failed.'}`
      : null;
  const lead = runs.xavier;
  const notice = backendNotice(lead.state.backend);
  const step = Math.max(0, ...list.map(([, run]) => run.state.step));
  const losses = list.map(([, run]) => run.state.latestLoss).filter((loss): loss is number => loss !== null && Number.isFinite(loss));
  const loss = losses.length > 0 ? Math.min(...losses) : undefined;

  const train = () => list.forEach(([, run]) => canTrain(run.state.status) && run.train());
  const pause = () => list.forEach(([, run]) => run.state.status === 'training' && run.pause());
  const stepAll = () => list.forEach(([, run]) => canTrain(run.state.status) && run.step());
  const reset = () => list.forEach(([, run]) => run.state.status !== 'loading' && run.reset());

  // Each run's first histograms since its last build (the starting weights' activations, the first gradients), kept
  // beside the newest ones; the learner picks which to draw.
  const [firstReadouts, setFirstReadouts] = useState<Record<InitKind, ShownReadouts>>(() => emptyReadouts());
  let nextFirst = firstReadouts;
  for (const [kind, run] of list) {
    const kept = firstReadouts[kind];
    const activations = keepFirstReadout(kept.activations, run.state.readouts.activations);
    const gradients = keepFirstReadout(kept.gradients, run.state.readouts.gradients);
    if (activations !== kept.activations || gradients !== kept.gradients) nextFirst = { ...nextFirst, [kind]: { activations, gradients } };
  }
  if (nextFirst !== firstReadouts) setFirstReadouts(nextFirst);
  const atStart = settings.when === 'start';
  const shown = (kind: InitKind): ShownReadouts =>
    atStart ? nextFirst[kind] : { activations: runs[kind].state.readouts.activations, gradients: runs[kind].state.readouts.gradients };
  const shownByKind = Object.fromEntries(INIT_KINDS.map((kind) => [kind, shown(kind)])) as Record<InitKind, ShownReadouts>;

  // Histograms of the inspected start.
  const activationReadout = shownByKind[settings.inspect].activations;
  const gradientReadout = shownByKind[settings.inspect].gradients;
  const activationPanels = useMemo<HistogramPanel[]>(
    () =>
      activationReadout && activationReadout.kind === 'activation-histograms'
        ? [...activationReadout.layers].sort((a, b) => a.layer - b.layer).map(({ layer, histogram }) => ({ title: `Layer ${layer + 1}`, histogram }))
        : [],
    [activationReadout],
  );
  const gradientPanels = useMemo<HistogramPanel[]>(
    () => gradientLayers(gradientReadout).map(({ layer, histogram }) => ({ title: layer === 11 ? 'Output' : `Layer ${layer}`, histogram })),
    [gradientReadout],
  );
  const inspectedLayers = useMemo(() => summarizeLayers(activationReadout, settings.activation), [activationReadout, settings.activation]);
  const activationStep = activationReadout?.step ?? 0;
  const gradientStep = gradientReadout?.step ?? null;

  // σ per layer of all four starts, on a log axis.
  const smallA = shownByKind.small.activations;
  const unitA = shownByKind.unit.activations;
  const xavierA = shownByKind.xavier.activations;
  const heA = shownByKind.he.activations;
  const stdSeries = useMemo<LineSeries[]>(() => {
    const byKind: Record<InitKind, ReadoutValue | undefined> = { small: smallA, unit: unitA, xavier: xavierA, he: heA };
    return INIT_KINDS.map((kind) => {
      const layers = summarizeLayers(byKind[kind], settings.activation);
      return {
        id: kind,
        label: INIT_LABELS[kind],
        X: layers.map((layer) => layer.layer),
        Y: layers.map((layer) => log10(layer.std)),
        color: color(kind),
        dashed: INIT_DASHED[kind],
      };
    });
  }, [smallA, unitA, xavierA, heA, settings.activation]);
  const smallG = shownByKind.small.gradients;
  const unitG = shownByKind.unit.gradients;
  const xavierG = shownByKind.xavier.gradients;
  const heG = shownByKind.he.gradients;
  const gradientSeries = useMemo<LineSeries[]>(() => {
    const byKind: Record<InitKind, ReadoutValue | undefined> = { small: smallG, unit: unitG, xavier: xavierG, he: heG };
    return INIT_KINDS.map((kind) => {
      const layers = gradientLayers(byKind[kind]);
      return {
        id: kind,
        label: INIT_LABELS[kind],
        X: layers.map((layer) => layer.layer),
        Y: layers.map((layer) => log10(layer.histogram.std)),
        color: color(kind),
        dashed: INIT_DASHED[kind],
      };
    });
  }, [smallG, unitG, xavierG, heG]);

  // The comparison: loss and validation accuracy of the four runs.
  const curves = list.map(([kind, run]) => [kind, run.state.trainLoss, run.state.validation] as const);
  const curveKey = curves.map(([, trainLoss, validation]) => `${trainLoss.steps.length}:${validation.steps.length}`).join('|');
  const lossSeries = useMemo<LineSeries[]>(
    () => curves.map(([kind, trainLoss]) => ({ id: kind, label: INIT_LABELS[kind], X: trainLoss.steps, Y: trainLoss.values, color: color(kind), dashed: INIT_DASHED[kind] })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the curves only grow: their lengths say when they changed
    [curveKey],
  );
  const accuracySeries = useMemo<LineSeries[]>(
    () =>
      curves.map(([kind, , validation]) => ({
        id: kind,
        label: INIT_LABELS[kind],
        X: validation.steps,
        Y: validation.accuracy.map((accuracy) => accuracy * 100),
        color: color(kind),
        dashed: INIT_DASHED[kind],
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
    [curveKey],
  );

  const fans = useMemo(() => fanTable(settings.width), [settings.width]);
  const schemeHtml = useMemo(() => Object.fromEntries(INIT_KINDS.map((kind) => [kind, renderTex(SCHEME_TEX[kind])])) as Record<InitKind, string>, []);
  const varianceHtml = useMemo(() => renderTex(VARIANCE_TEX, true), []);
  const loadingRun = list.find(([, run]) => run.state.status === 'loading');
  const loadingLabel =
    data === null
      ? load.status === 'loading'
        ? 'Downloading MNIST…'
        : 'Waiting to come into view…'
      : loadingRun
        ? `${INIT_LABELS[loadingRun[0]]}: ${loadingRun[1].state.loadingLabel}`
        : '';
  const fraction = data === null && load.status === 'loading' ? load.fraction : null;

  return (
    <div ref={widget.rootRef}>
      <WidgetFrame
        widgetId={widget.widgetId}
        domId={widget.domId}
        title="Initialization lab: ten layers, four starting points"
        state={status}
        backend={lead.state.backend?.backend}
        step={step}
        loss={loss}
        error={error}
        badges={
          <BackendBadge
            backend={lead.state.backend}
            preference={lead.backendPreference}
            onPreferenceChange={(preference) => list.forEach(([, run]) => run.setBackendPreference(preference))}
          />
        }
      >
        <LinkProblemsNotice problems={widget.linkProblems} />
        {notice ? <p className="widget-notice">{notice}</p> : null}
        {dataFailed ? (
          <button type="button" className="button" onClick={retry}>
            Retry download
          </button>
        ) : null}
        <div className="widget-controls init-controls">
          <PillChoices
            legend="Hidden activation"
            value={settings.activation}
            options={HIDDEN_ACTIVATIONS.map((option) => ({ value: option, label: ACTIVATION_LABELS[option] }))}
            disabled={locked}
            onChange={(option) => update({ activation: option })}
          />
          <NumberField {...WIDTH_RULE} value={settings.width} disabled={locked} onChange={(value) => update({ width: value })} hint="10 to 256" />
          <NumberField {...LEARNING_RATE_RULE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} hint="η, applies at once" />
          <NumberField {...STEPS_RULE} value={settings.steps} onChange={(value) => update({ steps: value })} hint={`batches of ${BATCH_SIZE}`} />
          <NumberField {...SEED_RULE} value={settings.seed} disabled={locked} onChange={(value) => update({ seed: value })} hint="weights, example order" />
          <TrainingControls state={status} onTrain={train} onPause={pause} onStep={stepAll} onReset={reset} />
        </div>
        {status === 'loading' && !dataFailed ? <LoadingProgress label={loadingLabel} fraction={fraction} /> : null}
        {locked ? <p className="widget-caption">Pause to change the activation, the width or the seed; the learning rate and the step limit apply while training.</p> : null}

        <h4 className="widget-subtitle">Activations of each hidden layer{activationReadout ? (activationStep === 0 ? ' at initialization' : ` at step ${activationStep}`) : ''}</h4>
        <div className="init-pickers">
          <PillChoices
            legend="Histograms of"
            value={settings.inspect}
            options={INIT_KINDS.map((kind) => ({
              value: kind,
              label: (
                <>
                  <i className="init-swatch" style={{ background: color(kind) }} aria-hidden="true" />
                  {INIT_LABELS[kind]}
                </>
              ),
            }))}
            onChange={(kind) => update({ inspect: kind })}
          />
          <PillChoices
            legend="At"
            value={settings.when}
            options={HISTOGRAM_TIMES.map((time) => ({ value: time, label: time === 'start' ? 'Initialization' : 'Newest step' }))}
            onChange={(time) => update({ when: time })}
          />
        </div>
        <p className="visually-hidden" aria-live="polite">
          {describeActivations(settings.inspect, settings.activation, inspectedLayers, activationStep)}
        </p>
        <div className="init-panels-wrap" style={{ '--init-current': color(settings.inspect) } as CSSProperties}>
          {activationPanels.length > 0 ? (
            <HistogramPanels
              panels={activationPanels}
              mode={settings.activation}
              label={`Histograms of the ten hidden layers' ${ACTIVATION_LABELS[settings.activation]} outputs, ${INIT_LABELS[settings.inspect]}`}
            />
          ) : (
            <p className="widget-caption">The histograms appear once the network is built.</p>
          )}
        </div>
        <p className="widget-caption">
          {settings.activation === 'tanh'
            ? 'Each panel: the share of the layer’s 500 × width outputs in each bin, over tanh’s range [−1, 1]; “near ±1” counts saturated units.'
            : `Each panel: the ReLU outputs that are not 0, over [0, 2] (values past 2 pile up in the last bar, marked “≥ 2”); “exactly 0” counts the units that are off.`}{' '}
          Computed on the first {PROBE_IMAGES} validation images, in inference mode.
        </p>

        <div className="init-charts">
          <div>
            <h4 className="widget-subtitle">σ of each layer&apos;s activations, log scale</h4>
            <LineChart
              title="Standard deviation of each hidden layer's activations for the four starts, log scale"
              xLabel="Hidden layer"
              yLabel="σ of activations"
              series={stdSeries}
              height={220}
              logScaleToggle={false}
              formatY={formatLogTick}
            />
          </div>
          <div>
            <h4 className="widget-subtitle">σ of each layer&apos;s gradient ∂L/∂W, log scale</h4>
            {gradientSeries.some((series) => series.X.length > 0) ? (
              <LineChart
                title="Standard deviation of each layer's weight gradient for the four starts, log scale (layer 11 is the output layer)"
                xLabel="Layer (11 = output)"
                yLabel="σ of ∂L/∂W"
                series={gradientSeries}
                height={220}
                logScaleToggle={false}
                formatY={formatLogTick}
              />
            ) : (
              <p className="widget-notice init-placeholder">Press Step: the gradients of the first minibatch appear here.</p>
            )}
          </div>
        </div>

        {gradientPanels.length > 0 ? (
          <details className="init-gradients">
            <summary>
              Gradient histograms of {INIT_LABELS[settings.inspect]} at step {gradientStep}
            </summary>
            <div style={{ '--init-current': color(settings.inspect) } as CSSProperties}>
              <HistogramPanels
                panels={gradientPanels}
                mode="gradient"
                label={`Histograms of each layer's weight gradient, ${INIT_LABELS[settings.inspect]}, step ${gradientStep}`}
              />
            </div>
            <p className="widget-caption">Each panel over its own range ±max|∂L/∂W| (the ends are labelled): compare the σ values, not the shapes.</p>
          </details>
        ) : null}

        <h4 className="widget-subtitle">Training the four starts on the same images</h4>
        <p className="widget-caption">
          Each start trains the same network ({ACTIVATION_LABELS[settings.activation]}, {settings.width} units per hidden layer) on the first{' '}
          {TRAINING_IMAGES.toLocaleString('en-US')} MNIST training images in the same seeded order, batches of {BATCH_SIZE}, SGD with momentum {MOMENTUM}, for {settings.steps}{' '}
          steps; accuracy on {VALIDATION_IMAGES.toLocaleString('en-US')} validation images. Four workers train at once. The table's loss is the mean of the last 20 steps.
        </p>
        <div className="init-charts">
          <LineChart title="Training loss per step for the four starts" xLabel="Step" yLabel="Training loss" series={lossSeries} height={220} formatY={formatLoss} />
          <LineChart
            title="Validation accuracy for the four starts"
            xLabel="Step"
            yLabel="Validation accuracy (%)"
            series={accuracySeries}
            height={220}
            yDomain={ACCURACY_DOMAIN}
            logScaleToggle={false}
            formatY={(value) => `${Math.round(value)}%`}
          />
        </div>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Each start's run (scrolls sideways on narrow screens)">
          <table className="init-table">
            <caption className="visually-hidden">Each start&apos;s run</caption>
            <thead>
              <tr>
                <th scope="col">Start</th>
                <th scope="col">Step</th>
                <th scope="col">Loss</th>
                <th scope="col">Validation accuracy</th>
                <th scope="col">σ, layer 1 → 10</th>
              </tr>
            </thead>
            <tbody>
              {list.map(([kind, run]) => {
                const summary = runSummary(run.state.step, run.state.trainLoss, run.state.validation);
                const layers = summarizeLayers(shownByKind[kind].activations, settings.activation);
                return (
                  <tr
                    key={kind}
                    data-init={kind}
                    data-state={run.state.status}
                    data-step={run.state.step}
                    data-loss={run.state.latestLoss ?? undefined}
                    data-accuracy={summary.accuracy ?? undefined}
                    data-best-accuracy={summary.bestAccuracy ?? undefined}
                    data-std-first={layers[0]?.std}
                    data-std-last={layers[layers.length - 1]?.std}
                  >
                    <th scope="row">
                      <i className="init-swatch" style={{ background: color(kind) }} aria-hidden="true" />
                      {INIT_LABELS[kind]}
                    </th>
                    <td>{run.state.status === 'loading' ? '…' : run.state.step}</td>
                    <td>{run.state.status === 'diverged' ? 'diverged' : formatValue(summary.loss)}</td>
                    <td>{formatPercent(summary.accuracy)}</td>
                    <td>{layers.length > 0 ? `${formatValue(layers[0].std, 2)} → ${formatValue(layers[layers.length - 1].std, 2)}` : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {list.map(([kind, run]) =>
          run.state.status === 'diverged' && run.state.message ? (
            <p key={kind} className="widget-error" role="alert">
              {INIT_LABELS[kind]}: {run.state.message}
            </p>
          ) : null,
        )}

        <h4 className="widget-subtitle">The four rules, and σ for this network</h4>
        <div className="init-variance">
          <span dangerouslySetInnerHTML={{ __html: varianceHtml }} />
          <p className="widget-caption">
            A unit adds up n<sub>in</sub> inputs times weights, so the variance of its sum z is n<sub>in</sub>·σ<sub>w</sub>² times its inputs&apos; mean square. With n
            <sub>in</sub>·σ<sub>w</sub>² = 1 the signal keeps its size through tanh (Xavier; it averages in n<sub>out</sub> so the backward pass keeps its size too). ReLU passes
            only half of E[z²], so He doubles σ<sub>w</sub>² to make n<sub>in</sub>·σ<sub>w</sub>² = 2. The fixed normals ignore the fans: here n<sub>in</sub>·σ<sub>w</sub>² is{' '}
            {formatValue(varianceGain('small', settings.width))} and {formatValue(varianceGain('unit', settings.width))} per layer.
          </p>
        </div>
        <ul className="init-schemes" aria-label="Each rule and the σ it gives this network's layers">
          {INIT_KINDS.map((kind) => (
            <li key={kind} className="init-scheme">
              <p className="init-scheme-name">
                <i className="init-swatch" style={{ background: color(kind) }} aria-hidden="true" />
                {INIT_LABELS[kind]}
              </p>
              <div className="init-math" dangerouslySetInnerHTML={{ __html: schemeHtml[kind] }} />
              <dl className="init-scheme-stds">
                {fans.map((row) => (
                  <div key={row.layers}>
                    <dt>
                      {row.layers} ({row.fanIn} → {row.fanOut})
                    </dt>
                    <dd>σ = {formatValue(row.std[kind])}</dd>
                  </div>
                ))}
                <div>
                  <dt>
                    n<sub>in</sub>·σ² per hidden layer
                  </dt>
                  <dd>{formatValue(varianceGain(kind, settings.width))}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
        <BackendReason backend={lead.state.backend} />
      </WidgetFrame>
    </div>
  );
}
