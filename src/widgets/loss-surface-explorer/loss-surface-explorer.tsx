import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import katex from 'katex';
import { ContourPlot } from '../../charts/contour-plot';
import { LOSS_SURFACES, SURFACE_NAMES, sampleSurface, type Point, type SurfaceName } from '../../core/math/loss-surfaces';
import { choiceSetting, numberSetting, type SettingParser } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { NumberField } from '../../ui/number-field';
import { WidgetFrame, type WidgetState } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  LEARNING_RATE_RULE,
  LOG_RATE_RANGE,
  REGIME_OPTIONS,
  START_LIMIT,
  activeRegime,
  createDescent,
  formatStart,
  formatValue,
  parseStart,
  startOf,
  stepDescent,
  surfaceDefaults,
  type Descent,
  type ExplorerSettings,
} from './loss-surface-explorer-state';
import './loss-surface-explorer.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface LossSurfaceExplorerProps {
  /** The surface shown first (default the round bowl). */
  surface?: SurfaceName;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const startSetting: SettingParser<string> = (raw) =>
  parseStart(raw) ? { value: raw } : { problem: `Start "${raw}" in the link is not two numbers "x,y" from −${START_LIMIT} to ${START_LIMIT}` };

const settingsSchema = {
  surface: choiceSetting<SurfaceName>('Surface', SURFACE_NAMES),
  start: startSetting,
  learningRate: numberSetting(LEARNING_RATE_RULE),
};

/** Time between two steps while playing (the marker glides over ~110 ms of it unless motion is reduced). */
const PLAY_INTERVAL_MS = 160;
const GRID_SIZE = 120;

function renderMath(source: string): string {
  return katex.renderToString(source, { throwOnError: true, strict: 'error' });
}

/**
 * The loss-surface explorer: plain gradient descent w ← w − η ∇f on a 2-D surface drawn as filled contours.
 * The learner picks a surface, a start (click, or arrows + Enter on the plot) and η (log slider, typed
 * value or a preset for each regime), then steps or plays. Pure JS on the page; no TF.js.
 */
export function LossSurfaceExplorer({ surface: initialSurface = 'bowl', instance }: LossSurfaceExplorerProps) {
  const names = widgetInstanceNames('loss-surface-explorer', 'surface', instance);
  const [defaults] = useState(() => surfaceDefaults(initialSurface));
  const shared = useSharedSettings<ExplorerSettings>(names.shareNamespace, settingsSchema, defaults);
  const { values: settings, setValues } = shared;
  const surface = LOSS_SURFACES[settings.surface];
  const start = useMemo(() => startOf(settings), [settings]);
  const [descent, setDescent] = useState<Descent>(() => createDescent(settings.surface, start));
  const [playing, setPlaying] = useState(false);
  const surfaceGroup = `surface-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  const restart = useCallback((surfaceName: SurfaceName, from: Point) => {
    setPlaying(false);
    setDescent(createDescent(surfaceName, from));
  }, []);

  const learningRateRef = useRef(settings.learningRate);
  learningRateRef.current = settings.learningRate;
  const step = useCallback(() => setDescent((current) => stepDescent(current, settings.surface, learningRateRef.current)), [settings.surface]);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(step, PLAY_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing, step]);
  useEffect(() => {
    if (descent.diverged) setPlaying(false);
  }, [descent.diverged]);

  const state: WidgetState = descent.diverged ? 'diverged' : playing ? 'training' : descent.step === 0 ? 'ready' : 'paused';
  const canStep = state === 'ready' || state === 'paused';
  const current = descent.recent[descent.recent.length - 1];
  const grid = useMemo(() => {
    const s = LOSS_SURFACES[settings.surface];
    return { values: sampleSurface(s, GRID_SIZE, GRID_SIZE), columns: GRID_SIZE, rows: GRID_SIZE, xDomain: s.xDomain, yDomain: s.yDomain };
  }, [settings.surface]);
  const formulaHtml = useMemo(() => renderMath(surface.formulaTex), [surface.formulaTex]);
  const updateHtml = useMemo(() => renderMath('w \\leftarrow w - \\eta\\,\\nabla f(w)'), []);
  const regime = activeRegime(settings.surface, settings.learningRate);
  const good = surface.regimes.good;

  const chooseSurface = (name: SurfaceName) => {
    const next = surfaceDefaults(name);
    setValues(next);
    restart(name, LOSS_SURFACES[name].start);
  };
  const chooseStart = (point: [number, number]) => {
    setValues((currentSettings) => ({ ...currentSettings, start: formatStart(point) }));
    restart(settings.surface, parseStart(formatStart(point)) ?? point);
  };
  const setLearningRate = (learningRate: number) => setValues((currentSettings) => ({ ...currentSettings, learningRate }));
  const applyPreset = (learningRate: number) => {
    setLearningRate(learningRate);
    restart(settings.surface, start);
  };

  const minimumText =
    surface.minima.length > 0 ? `minimum f = ${formatValue(surface.minimumValue ?? NaN)} at ${surface.minima.map(([x, y]) => `(${x}, ${y})`).join(' and ')}` : 'no minimum';
  const description = `${surface.label}, ${surface.formula}; ${minimumText}. Descent from (${formatValue(start[0])}, ${formatValue(start[1])}) with η = ${settings.learningRate}: step ${descent.step}, at (${formatValue(current.x)}, ${formatValue(current.y)}), f = ${formatValue(current.f)}${descent.diverged ? ', diverged' : ''}.`;

  return (
    <WidgetFrame widgetId="loss-surface-explorer" domId={names.domId} title="Gradient descent on a loss surface" state={state} step={descent.step} loss={current.f}>
      <LinkProblemsNotice problems={shared.problems} />
      <div className="widget-controls lse-controls">
        <fieldset className="pill-choices">
          <legend>Surface</legend>
          {SURFACE_NAMES.map((name) => (
            <label key={name} className="pill-choice">
              <input type="radio" name={surfaceGroup} value={name} checked={settings.surface === name} onChange={() => chooseSurface(name)} />
              <span>{LOSS_SURFACES[name].label}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <div className="widget-controls lse-controls">
        <div className="field lse-rate-slider">
          <label htmlFor={`${names.domId}-log-rate`}>
            Learning rate (log scale) <output htmlFor={`${names.domId}-log-rate`}>η = {settings.learningRate}</output>
          </label>
          <input
            id={`${names.domId}-log-rate`}
            type="range"
            min={LOG_RATE_RANGE.min}
            max={LOG_RATE_RANGE.max}
            step={LOG_RATE_RANGE.step}
            value={Math.log10(settings.learningRate)}
            aria-valuetext={`η = ${settings.learningRate}`}
            onChange={(event) => setLearningRate(Number((10 ** Number(event.target.value)).toPrecision(2)))}
          />
        </div>
        <NumberField {...LEARNING_RATE_RULE} value={settings.learningRate} onChange={setLearningRate} hint="η, applies from the next step" />
        <div className="lse-presets" role="group" aria-label="Learning-rate presets">
          {REGIME_OPTIONS.map(({ regime: name, label }) => (
            <button key={name} type="button" className={`button lse-preset lse-preset-${name}`} aria-pressed={regime === name} onClick={() => applyPreset(surface.regimes[name])}>
              {label} <span className="lse-preset-value">{surface.regimes[name]}</span>
            </button>
          ))}
        </div>
      </div>
      <div className="button-row" role="group" aria-label="Descent">
        {playing ? (
          <button type="button" className="button button-primary" onClick={() => setPlaying(false)}>
            <span aria-hidden="true">❚❚</span> Pause
          </button>
        ) : (
          <button type="button" className="button button-primary" onClick={() => setPlaying(true)} disabled={!canStep}>
            <span aria-hidden="true">▶</span> Play
          </button>
        )}
        <button type="button" className="button" onClick={step} disabled={!canStep}>
          Step
        </button>
        <button type="button" className="button" onClick={() => restart(settings.surface, start)}>
          <span aria-hidden="true">↺</span> Reset
        </button>
      </div>
      {descent.diverged ? (
        <div className="widget-error lse-diverged" role="alert">
          <p>
            Diverged at step {descent.step}: f grew without bound (f → ∞). With η = {settings.learningRate} each step overshoots the valley by more than it gains. Try a smaller
            learning rate.
          </p>
          <button type="button" className="button" onClick={() => applyPreset(good)}>
            Use η = {good} and reset
          </button>
        </div>
      ) : null}

      <div className="lse-body">
        <ContourPlot
          grid={grid}
          title={`${surface.label} with the descent path`}
          description={description}
          paths={[{ id: 'descent', label: 'Gradient descent', points: descent.path, color: 'var(--lse-path)', dots: 40 }]}
          minima={surface.minima}
          start={start}
          onPick={chooseStart}
          glide={playing}
        />
        <div className="lse-side">
          <p className="lse-formula">
            <span dangerouslySetInnerHTML={{ __html: formulaHtml }} />
          </p>
          <p className="lse-formula">
            <span dangerouslySetInnerHTML={{ __html: updateHtml }} />
          </p>
          <dl className="lse-stats">
            <dt>Step</dt>
            <dd>{descent.step}</dd>
            <dt>f</dt>
            <dd data-testid="current-loss">{formatValue(current.f)}</dd>
            <dt>‖∇f‖</dt>
            <dd>{formatValue(current.gradientNorm)}</dd>
            <dt>at</dt>
            <dd>
              ({formatValue(current.x)}, {formatValue(current.y)})
            </dd>
          </dl>
          <p className="widget-caption">
            ✕ marks {surface.minima.length > 1 ? 'the minima' : 'the minimum'}, ○ the start. Click the surface (or focus it, move with the arrow keys and press Enter) to start
            elsewhere. Dots: the last 40 steps; tightly packed dots crawl, dots that flip sides overshoot.
          </p>
        </div>
      </div>
      <div className="lse-table-wrap">
        <table className="lse-table" aria-label="The most recent steps">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">x</th>
              <th scope="col">y</th>
              <th scope="col">f</th>
              <th scope="col">‖∇f‖</th>
            </tr>
          </thead>
          <tbody>
            {descent.recent
              .slice()
              .reverse()
              .map((row) => (
                <tr key={row.step}>
                  <td>{row.step}</td>
                  <td>{formatValue(row.x)}</td>
                  <td>{formatValue(row.y)}</td>
                  <td>{formatValue(row.f)}</td>
                  <td>{formatValue(row.gradientNorm)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </WidgetFrame>
  );
}
