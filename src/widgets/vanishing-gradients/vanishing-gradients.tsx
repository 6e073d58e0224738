import { useMemo, useState } from 'react';
import { LineChart } from '../../charts/line-chart';
import { concurrentDutyCycle } from '../../core/training/run-training-loop';
import { choiceSetting, numberSetting } from '../../core/url/shared-settings';
import { useTrainingRun, type TrainingRun } from '../../hooks/use-training-run';
import { BackendBadge, BackendReason, backendNotice } from '../../ui/backend-badge';
import { LoadingProgress } from '../../ui/loading-progress';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { TrainingControls } from '../../ui/training-controls';
import { WidgetFrame } from '../../ui/widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { ACTIVATION_COLORS, GradientNormChart } from './gradient-norm-chart';
import {
  ACTIVATION_LABELS,
  DEFAULT_SETTINGS,
  DEPTH_RULE,
  INITIALIZATION_OPTIONS,
  LEARNING_RATE_RULE,
  SEED_RULE,
  VANISHING_ACTIVATIONS,
  VANISHING_READOUTS,
  WIDTH_RULE,
  canTrain,
  combinedStatus,
  decadesBetween,
  formatNorm,
  keepFirstProfiles,
  normProfile,
  twoSpirals,
  vanishingConfig,
  type NormProfile,
  type VanishingInitialization,
  type VanishingSettings,
} from './vanishing-gradients-state';
import './vanishing-gradients.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface VanishingGradientsProps {
  depth?: number;
  width?: number;
  initialization?: VanishingInitialization;
  learningRate?: number;
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const settingsSchema = {
  depth: numberSetting(DEPTH_RULE),
  width: numberSetting(WIDTH_RULE),
  initialization: choiceSetting<VanishingInitialization>(
    'Initialization',
    INITIALIZATION_OPTIONS.map((option) => option.value),
  ),
  learningRate: numberSetting(LEARNING_RATE_RULE),
  seed: numberSetting(SEED_RULE),
};

/** Three workers train at once: together they leave one core to the page (on two cores each trains a third of the time). */
const DUTY_CYCLE = concurrentDutyCycle(3, typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency);
/** Each worker reports about this often, and the widget redraws at most this often: three runs share the main thread. */
const REPORT_INTERVAL_MS = 100;
const DRAW_INTERVAL_MS = 200;
const RUN_OPTIONS = { readouts: VANISHING_READOUTS, chunkDurationMs: REPORT_INTERVAL_MS, dutyCycle: DUTY_CYCLE, minDrawIntervalMs: DRAW_INTERVAL_MS };

/** The data set does not change with the settings: one seed for the spirals, the learner's seed for the weights. */
const DATA_SEED = 7;

/**
 * Widget "vanishing-gradients": one deep MLP trained three times side by side on two spirals, with sigmoid, tanh and
 * ReLU hidden layers (three training workers; one Train / Pause / Step / Reset drives all three). It charts each
 * run's per-layer gradient norm ‖∂L/∂W_l‖ on a log scale and the first-layer ÷ output-layer ratio. The root's
 * `data-step` / `data-loss` / `data-backend` report the first run (sigmoid); each row of the summary table carries
 * its own run's `data-step`, `data-loss` and norms.
 */
export function VanishingGradients({ depth, width, initialization, learningRate, seed, instance }: VanishingGradientsProps) {
  const widget = useTrainingWidget<VanishingSettings>({
    widgetId: 'vanishing-gradients',
    shareKey: 'vanishing',
    instance,
    settingsSchema,
    defaultSettings: {
      depth: depth ?? DEFAULT_SETTINGS.depth,
      width: width ?? DEFAULT_SETTINGS.width,
      initialization: initialization ?? DEFAULT_SETTINGS.initialization,
      learningRate: learningRate ?? DEFAULT_SETTINGS.learningRate,
      seed: seed ?? DEFAULT_SETTINGS.seed,
    },
  });
  const { settings, updateSettings: update } = widget;
  const data = useMemo(() => ({ train: twoSpirals(DATA_SEED), validation: null }), []);
  const count = data.train.count;
  const sigmoidConfig = useMemo(() => vanishingConfig('sigmoid', settings, count), [settings, count]);
  const tanhConfig = useMemo(() => vanishingConfig('tanh', settings, count), [settings, count]);
  const reluConfig = useMemo(() => vanishingConfig('relu', settings, count), [settings, count]);
  const sigmoidRun = useTrainingRun({ active: widget.near, data, config: sigmoidConfig, ...RUN_OPTIONS });
  const tanhRun = useTrainingRun({ active: widget.near, data, config: tanhConfig, ...RUN_OPTIONS });
  const reluRun = useTrainingRun({ active: widget.near, data, config: reluConfig, ...RUN_OPTIONS });
  const runs: Array<[(typeof VANISHING_ACTIVATIONS)[number], TrainingRun]> = [
    ['sigmoid', sigmoidRun],
    ['tanh', tanhRun],
    ['relu', reluRun],
  ];

  const sigmoidNorms = sigmoidRun.state.readouts.norms;
  const tanhNorms = tanhRun.state.readouts.norms;
  const reluNorms = reluRun.state.readouts.norms;
  const profiles = useMemo(() => [normProfile('sigmoid', sigmoidNorms), normProfile('tanh', tanhNorms), normProfile('relu', reluNorms)], [sigmoidNorms, tanhNorms, reluNorms]);

  // The first norms after each reset (the starting weights' gradients), kept beside the newest ones.
  const [startProfiles, setStartProfiles] = useState<ReadonlyArray<NormProfile | null>>(profiles);
  const nextStart = keepFirstProfiles(startProfiles, profiles);
  if (nextStart !== startProfiles) setStartProfiles(nextStart);

  const sigmoidLoss = sigmoidRun.state.trainLoss;
  const tanhLoss = tanhRun.state.trainLoss;
  const reluLoss = reluRun.state.trainLoss;
  const lossSeries = useMemo(
    () => [
      { id: 'sigmoid', label: 'Sigmoid', X: sigmoidLoss.steps, Y: sigmoidLoss.values, color: ACTIVATION_COLORS.sigmoid },
      { id: 'tanh', label: 'Tanh', X: tanhLoss.steps, Y: tanhLoss.values, color: ACTIVATION_COLORS.tanh, dashed: true },
      { id: 'relu', label: 'ReLU', X: reluLoss.steps, Y: reluLoss.values, color: ACTIVATION_COLORS.relu },
    ],
    [sigmoidLoss, tanhLoss, reluLoss],
  );

  const statuses = runs.map(([, run]) => run.state.status);
  const status = combinedStatus(statuses);
  const first = sigmoidRun.state;
  const failed = runs.find(([, run]) => run.state.status === 'error');
  const error = failed ? `${ACTIVATION_LABELS[failed[0]]}: ${failed[1].state.message ?? 'the training engine failed.'}` : null;
  const notice = backendNotice(first.backend);
  const loadingRun = runs.find(([, run]) => run.state.status === 'loading');
  const locked = status === 'training';

  const train = () => runs.forEach(([, run]) => canTrain(run.state.status) && run.train());
  const pause = () => runs.forEach(([, run]) => run.state.status === 'training' && run.pause());
  const step = () => runs.forEach(([, run]) => canTrain(run.state.status) && run.step());
  const reset = () => runs.forEach(([, run]) => run.reset());

  return (
    <div ref={widget.rootRef}>
      <WidgetFrame
        widgetId={widget.widgetId}
        domId={widget.domId}
        title="Vanishing gradients: sigmoid, tanh and ReLU side by side"
        state={status}
        backend={first.backend?.backend}
        step={first.step}
        loss={first.latestLoss ?? undefined}
        error={error}
        badges={
          <BackendBadge
            backend={first.backend}
            preference={sigmoidRun.backendPreference}
            onPreferenceChange={(preference) => runs.forEach(([, run]) => run.setBackendPreference(preference))}
          />
        }
      >
        <LinkProblemsNotice problems={widget.linkProblems} />
        {notice ? <p className="widget-notice">{notice}</p> : null}
        <div className="widget-controls vg-controls">
          <NumberField {...DEPTH_RULE} value={settings.depth} disabled={locked} onChange={(value) => update({ depth: value })} hint="2 to 20" />
          <NumberField {...WIDTH_RULE} value={settings.width} disabled={locked} onChange={(value) => update({ width: value })} hint="2 to 64" />
          <SelectField
            label="Initialization"
            value={settings.initialization}
            options={INITIALIZATION_OPTIONS}
            disabled={locked}
            onChange={(value) => update({ initialization: value })}
          />
          <NumberField {...LEARNING_RATE_RULE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} hint="η, applies at once" />
          <NumberField {...SEED_RULE} value={settings.seed} disabled={locked} onChange={(value) => update({ seed: value })} hint="initial weights" />
          <TrainingControls state={status} onTrain={train} onPause={pause} onStep={step} onReset={reset} />
        </div>
        {status === 'loading' && loadingRun ? <LoadingProgress label={`${ACTIVATION_LABELS[loadingRun[0]]}: ${loadingRun[1].state.loadingLabel}`} fraction={null} /> : null}
        {locked ? <p className="widget-caption">Pause to change the network; the learning rate applies while training.</p> : null}

        <h4 className="widget-subtitle">Gradient norm of each layer&apos;s weights, log scale</h4>
        <GradientNormChart profiles={profiles} startProfiles={nextStart} layerCount={settings.depth + 1} />

        <div className="table-scroll" tabIndex={0} role="region" aria-label="Each activation's run (scrolls sideways on narrow screens)">
          <table className="vg-summary">
            <caption className="visually-hidden">Each activation's run</caption>
            <thead>
              <tr>
                <th scope="col">Activation</th>
                <th scope="col">Steps</th>
                <th scope="col">Loss</th>
                <th scope="col">‖∂L/∂W₁‖</th>
                <th scope="col">first ÷ last, at start</th>
                <th scope="col">first ÷ last, now</th>
              </tr>
            </thead>
            <tbody>
              {runs.map(([activation, run], index) => {
                const profile = profiles[index];
                const start = nextStart[index];
                const startDecades = start ? decadesBetween(start.first, start.last) : null;
                return (
                  <tr
                    key={activation}
                    data-activation={activation}
                    data-state={run.state.status}
                    data-step={run.state.step}
                    data-loss={run.state.latestLoss ?? undefined}
                    data-first-norm={profile?.first}
                    data-last-norm={profile?.last}
                    data-ratio={profile?.ratio}
                    data-start-ratio={start?.ratio}
                  >
                    <th scope="row">
                      <span className={`vg-swatch vg-swatch-${activation}`} aria-hidden="true" />
                      {ACTIVATION_LABELS[activation]}
                    </th>
                    <td>{run.state.step}</td>
                    <td>{run.state.latestLoss === null ? '–' : run.state.latestLoss.toFixed(3)}</td>
                    <td>{formatNorm(profile?.first)}</td>
                    <td>
                      <strong>{formatNorm(start?.ratio)}</strong>
                      {startDecades !== null && startDecades < -0.5 ? <span className="vg-decades"> ({Math.abs(startDecades).toFixed(1)} decades)</span> : null}
                    </td>
                    <td>{formatNorm(profile?.ratio)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {runs.map(([activation, run]) =>
          run.state.status === 'diverged' && run.state.message ? (
            <p key={activation} className="widget-error" role="alert">
              {ACTIVATION_LABELS[activation]}: {run.state.message}
            </p>
          ) : null,
        )}
        <p className="widget-caption">
          Each network: {settings.depth} hidden layers of {settings.width} units and one output unit, trained by full-batch gradient descent on {count} points of two spirals
          (sigmoid cross entropy); the same seed gives all three the same starting weights. “At start” is the first read-out after Reset, before training has moved the weights far;
          norms are read every few steps.
        </p>

        <h4 className="widget-subtitle">Training loss</h4>
        <LineChart title="Training loss per step for sigmoid, tanh and ReLU" xLabel="Step" yLabel="Loss" series={lossSeries} height={220} />
        <BackendReason backend={first.backend} />
      </WidgetFrame>
    </div>
  );
}
