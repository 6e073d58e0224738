import { startTransition, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import katex from 'katex';
import { ContourPlot } from '../../charts/contour-plot';
import { LineChart } from '../../charts/line-chart';
import { LOSS_SURFACES, SURFACE_NAMES, sampleSurface, type SurfaceName } from '../../core/math/loss-surfaces';
import { OPTIMIZER_KINDS, type OptimizerKind } from '../../core/training/optimizers/optimizer-config';
import { choiceSetting, type SettingParser, type SettingsSchema } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { NumberField } from '../../ui/number-field';
import { WidgetFrame, type WidgetState } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  FIELD_RULES,
  MOMENTUM_UPDATE_TEX,
  OPTIMIZER_DASHES,
  OPTIMIZER_LABELS,
  RACER_FIELDS,
  advanceSurfaceRace,
  bestCurrentLoss,
  createSurfaceRace,
  defaultRacerSettings,
  parseEnabled,
  parseRacer,
  rankRacers,
  serializeEnabled,
  serializeRacer,
  withSuggestedRates,
  type RaceMode,
  type RacerSettingsMap,
} from './optimizer-race-state';
import { RealNetworkRace, type NetworkRaceSummary } from './real-network-race';
import './optimizer-race.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface OptimizerRaceProps {
  /** The surface raced on first (default the narrow ravine). */
  surface?: SurfaceName;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** What a share link keeps: `?race.surface=rosenbrock&race.on=sgd,adam&race.adam=0.1,0.9,0.999,1e-7&race.mode=network`. */
type SharedSettings = { mode: RaceMode; surface: SurfaceName; on: string } & Record<OptimizerKind, string>;

const MODES: ReadonlyArray<{ value: RaceMode; label: string }> = [
  { value: 'surface', label: 'On a 2-D surface' },
  { value: 'network', label: 'On a small real network' },
];

const SPEEDS = [1, 5, 20] as const;
/** Between two drawings while playing: each redraws six paths and the chart, so ~10 a second keeps the page responsive. */
const PLAY_INTERVAL_MS = 100;
const GRID_SIZE = 110;

function toShared(mode: RaceMode, surface: SurfaceName, enabled: readonly OptimizerKind[], settings: RacerSettingsMap): SharedSettings {
  const shared = { mode, surface, on: serializeEnabled(enabled) } as SharedSettings;
  for (const kind of OPTIMIZER_KINDS) shared[kind] = serializeRacer(kind, settings[kind]);
  return shared;
}

function buildSchema(fallback: RacerSettingsMap): SettingsSchema<SharedSettings> {
  const racer =
    (kind: OptimizerKind): SettingParser<string> =>
    (raw) => {
      const parsed = parseRacer(kind, raw, fallback[kind]);
      return 'problem' in parsed ? parsed : { value: serializeRacer(kind, parsed.value) };
    };
  const enabled: SettingParser<string> = (raw) => {
    const parsed = parseEnabled(raw);
    return 'problem' in parsed ? parsed : { value: serializeEnabled(parsed.value) };
  };
  return {
    mode: choiceSetting<RaceMode>('Mode', ['surface', 'network']),
    surface: choiceSetting<SurfaceName>('Surface', SURFACE_NAMES),
    on: enabled,
    sgd: racer('sgd'),
    momentum: racer('momentum'),
    nesterov: racer('nesterov'),
    rmsprop: racer('rmsprop'),
    adam: racer('adam'),
    adamw: racer('adamw'),
  };
}

function fromShared(shared: SharedSettings): { enabled: OptimizerKind[]; settings: RacerSettingsMap } {
  const fallback = defaultRacerSettings(shared.surface);
  const parsedEnabled = parseEnabled(shared.on);
  const settings = {} as RacerSettingsMap;
  for (const kind of OPTIMIZER_KINDS) {
    const parsed = parseRacer(kind, shared[kind], fallback[kind]);
    settings[kind] = 'value' in parsed ? parsed.value : fallback[kind];
  }
  return { enabled: 'value' in parsedEnabled ? parsedEnabled.value : [...OPTIMIZER_KINDS], settings };
}

const formatLoss = (value: number) => (Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(1) : String(Number(value.toPrecision(3))));

/**
 * The optimizer race: SGD, momentum, Nesterov, RMSProp, Adam and AdamW from one start on one 2-D surface
 * (the engine's update rules in plain JS, step by step on the page), paths overlaid on the contours and
 * f per step in a chart; and, in the second mode, the same optimizers training one small real network in
 * the engine (a worker each). Every optimizer's hyper-parameters are editable.
 */
export function OptimizerRace({ surface: initialSurface = 'ravine', instance }: OptimizerRaceProps) {
  const names = widgetInstanceNames('optimizer-race', 'race', instance);
  const [defaults] = useState(() => toShared('surface', initialSurface, OPTIMIZER_KINDS, defaultRacerSettings(initialSurface)));
  const [schema] = useState(() => buildSchema(defaultRacerSettings(initialSurface)));
  const shared = useSharedSettings<SharedSettings>(names.shareNamespace, schema, defaults);
  const { values, setValues } = shared;
  const { mode, surface: surfaceName } = values;
  const { enabled, settings } = useMemo(() => fromShared(values), [values]);
  const surface = LOSS_SURFACES[surfaceName];

  const [race, setRace] = useState(() => createSurfaceRace(surfaceName));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(1);
  const [network, setNetwork] = useState<NetworkRaceSummary | null>(null);
  const ids = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const settingsRef = useRef(settings);
  settingsRef.current = settings;
  const advance = useCallback((count: number) => setRace((current) => advanceSurfaceRace(current, settingsRef.current, count)), []);

  useEffect(() => {
    if (!playing || mode !== 'surface') return;
    const timer = setInterval(() => startTransition(() => advance(speed)), PLAY_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [playing, mode, speed, advance]);

  const allDiverged = enabled.length > 0 && enabled.every((kind) => race.racers[kind].diverged);
  useEffect(() => {
    if (allDiverged) setPlaying(false);
  }, [allDiverged]);

  const surfaceState: WidgetState = enabled.length === 0 ? 'loading' : allDiverged ? 'diverged' : playing ? 'training' : race.step === 0 ? 'ready' : 'paused';
  const canStep = surfaceState === 'ready' || surfaceState === 'paused';
  const best = bestCurrentLoss(race, enabled);

  const update = (patch: Partial<{ mode: RaceMode; surface: SurfaceName; enabled: OptimizerKind[]; settings: RacerSettingsMap }>) =>
    setValues((current) => {
      const decoded = fromShared(current);
      return toShared(patch.mode ?? current.mode, patch.surface ?? current.surface, patch.enabled ?? decoded.enabled, patch.settings ?? decoded.settings);
    });

  const reset = (name: SurfaceName = surfaceName) => {
    setPlaying(false);
    setRace(createSurfaceRace(name));
  };
  const chooseSurface = (name: SurfaceName) => {
    update({ surface: name, settings: withSuggestedRates(settings, name) });
    reset(name);
  };
  const chooseMode = (next: RaceMode) => {
    setPlaying(false);
    setNetwork(null);
    update({ mode: next, settings: withSuggestedRates(settings, next === 'network' ? 'network' : surfaceName) });
  };
  const toggle = (kind: OptimizerKind, on: boolean) => update({ enabled: on ? [...enabled, kind] : enabled.filter((other) => other !== kind) });
  const setField = (kind: OptimizerKind, field: keyof RacerSettingsMap[OptimizerKind], value: number) =>
    update({ settings: { ...settings, [kind]: { ...settings[kind], [field]: value } } });

  const grid = useMemo(
    () => ({ values: sampleSurface(surface, GRID_SIZE, GRID_SIZE), columns: GRID_SIZE, rows: GRID_SIZE, xDomain: surface.xDomain, yDomain: surface.yDomain }),
    [surface],
  );
  const momentumHtml = useMemo(() => katex.renderToString(MOMENTUM_UPDATE_TEX, { displayMode: true, throwOnError: true, strict: 'error' }), []);
  const formulaHtml = useMemo(() => katex.renderToString(surface.formulaTex, { throwOnError: true, strict: 'error' }), [surface.formulaTex]);

  const paths = enabled.map((kind) => ({
    id: kind,
    label: OPTIMIZER_LABELS[kind],
    points: race.racers[kind].path,
    color: `var(--race-${kind})`,
    dash: OPTIMIZER_DASHES[kind],
  }));
  const series = enabled.map((kind) => ({
    id: kind,
    label: OPTIMIZER_LABELS[kind],
    X: race.racers[kind].lossSteps,
    Y: race.racers[kind].lossValues,
    color: `var(--race-${kind})`,
    dashed: OPTIMIZER_DASHES[kind] !== undefined,
  }));
  const ranking = rankRacers(race, enabled);
  const describeRacer = (kind: OptimizerKind) => {
    const racer = race.racers[kind];
    return racer.diverged ? `${OPTIMIZER_LABELS[kind]} diverged` : `${OPTIMIZER_LABELS[kind]} f = ${formatLoss(racer.lossValues[racer.lossValues.length - 1])}`;
  };
  const description = `${surface.label}, ${surface.formula}. Step ${race.step}: ${ranking.map(describeRacer).join('; ') || 'no optimizer selected'}.`;

  const rootState: WidgetState = mode === 'network' ? (network?.state ?? 'loading') : surfaceState;
  const rootStep = mode === 'network' ? (network?.step ?? 0) : race.step;
  const rootLoss = mode === 'network' ? network?.loss : (best ?? undefined);

  return (
    <WidgetFrame
      widgetId="optimizer-race"
      domId={names.domId}
      title="Optimizer race"
      state={rootState}
      backend={mode === 'network' ? network?.backend : undefined}
      step={rootStep}
      loss={rootLoss}
      error={mode === 'network' ? network?.message : null}
    >
      <LinkProblemsNotice problems={shared.problems} />
      <div className="widget-controls race-controls">
        <fieldset className="pill-choices">
          <legend>Race</legend>
          {MODES.map((option) => (
            <label key={option.value} className="pill-choice">
              <input type="radio" name={`race-mode-${ids}`} value={option.value} checked={mode === option.value} onChange={() => chooseMode(option.value)} />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        {mode === 'surface' ? (
          <fieldset className="pill-choices">
            <legend>Surface</legend>
            {SURFACE_NAMES.map((name) => (
              <label key={name} className="pill-choice">
                <input type="radio" name={`race-surface-${ids}`} value={name} checked={surfaceName === name} onChange={() => chooseSurface(name)} />
                <span>{LOSS_SURFACES[name].label}</span>
              </label>
            ))}
          </fieldset>
        ) : null}
      </div>

      <fieldset className="race-optimizers">
        <legend>Optimizers (colour and line style in the plots)</legend>
        {OPTIMIZER_KINDS.map((kind) => (
          <label key={kind} className="race-optimizer">
            <input type="checkbox" checked={enabled.includes(kind)} onChange={(event) => toggle(kind, event.target.checked)} />
            <svg width="30" height="12" aria-hidden="true" focusable="false">
              <line x1="2" x2="28" y1="6" y2="6" className="race-legend-line" style={{ stroke: `var(--race-${kind})` }} strokeDasharray={OPTIMIZER_DASHES[kind]} />
            </svg>
            {OPTIMIZER_LABELS[kind]}
          </label>
        ))}
      </fieldset>

      <details className="race-hyper">
        <summary>Hyperparameters</summary>
        <p className="widget-caption">
          {mode === 'network'
            ? 'Learning rates suited to the network are loaded when you switch to it.'
            : 'Choosing a surface loads learning rates suited to it; the other values stay.'}{' '}
          Changes apply from the next step{mode === 'network' ? ' (a new β, μ, ρ, ε or λ restarts that optimizer)' : ''}.
        </p>
        <div className="race-hyper-grid">
          {OPTIMIZER_KINDS.map((kind) => (
            <fieldset key={kind} className="race-hyper-group">
              <legend>
                <span className="race-swatch" style={{ background: `var(--race-${kind})` }} aria-hidden="true" /> {OPTIMIZER_LABELS[kind]}
              </legend>
              {RACER_FIELDS[kind].map((field) => {
                const rule = FIELD_RULES[field];
                return (
                  <NumberField
                    key={field}
                    label={`${OPTIMIZER_LABELS[kind]} ${rule.symbol}`}
                    min={rule.min}
                    max={rule.max}
                    value={settings[kind][field]}
                    onChange={(value) => setField(kind, field, value)}
                  />
                );
              })}
            </fieldset>
          ))}
        </div>
      </details>

      {mode === 'network' ? (
        <RealNetworkRace enabled={enabled} settings={settings} onSummary={setNetwork} />
      ) : (
        <>
          <div className="race-bar">
            <div className="button-row" role="group" aria-label="Race">
              {playing ? (
                <button type="button" className="button button-primary" onClick={() => setPlaying(false)}>
                  <span aria-hidden="true">❚❚</span> Pause
                </button>
              ) : (
                <button type="button" className="button button-primary" onClick={() => setPlaying(true)} disabled={!canStep}>
                  <span aria-hidden="true">▶</span> Play
                </button>
              )}
              <button type="button" className="button" onClick={() => advance(1)} disabled={!canStep}>
                Step
              </button>
              <button type="button" className="button" onClick={() => reset()}>
                <span aria-hidden="true">↺</span> Reset
              </button>
            </div>
            <div className="field race-speed">
              <label htmlFor={`${names.domId}-speed`}>Steps per tick</label>
              <select id={`${names.domId}-speed`} value={speed} onChange={(event) => setSpeed(Number(event.target.value) as (typeof SPEEDS)[number])}>
                {SPEEDS.map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </div>
            <p className="widget-readout race-step">
              Step <strong>{race.step}</strong>
            </p>
          </div>
          {enabled.length === 0 ? <p className="widget-notice">Select at least one optimizer to race.</p> : null}
          {allDiverged ? (
            <p className="widget-error" role="alert">
              Every selected optimizer diverged (f → ∞). Lower their learning rates under Hyperparameters, then Reset.
            </p>
          ) : null}
          <div className="race-body">
            <ContourPlot
              grid={grid}
              title={`${surface.label}: optimizer paths`}
              description={description}
              paths={paths}
              minima={surface.minima}
              start={surface.start}
              glide={playing && speed === 1}
            />
            <div className="race-side">
              <p className="race-math">
                <span dangerouslySetInnerHTML={{ __html: formulaHtml }} />
              </p>
              <div className="race-math race-momentum">
                <span className="race-math-label">Momentum, as the engine does it:</span>
                <span dangerouslySetInnerHTML={{ __html: momentumHtml }} />
              </div>
              <ol className="race-ranking" aria-label="Current f, best first">
                {ranking.map((kind) => (
                  <li key={kind}>
                    <span className="race-swatch" style={{ background: `var(--race-${kind})` }} aria-hidden="true" />
                    <span className="race-ranking-name">{OPTIMIZER_LABELS[kind]}</span>
                    <span className="race-ranking-value">
                      {race.racers[kind].diverged ? 'diverged' : formatLoss(race.racers[kind].lossValues[race.racers[kind].lossValues.length - 1])}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          </div>
          <LineChart title="f at each optimizer's point per step" xLabel="Step" yLabel="f(w)" series={series} height={240} />
        </>
      )}
    </WidgetFrame>
  );
}
