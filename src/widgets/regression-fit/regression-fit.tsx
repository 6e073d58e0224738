import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { LineChart } from '../../charts/line-chart';
import { meanSquaredError, type DataPoint } from '../../core/math/least-squares';
import { numberSetting, type SettingParser } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { NumberField } from '../../ui/number-field';
import { TrainingControls } from '../../ui/training-controls';
import { WidgetFrame, type WidgetState } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import { RegressionPlane } from './regression-plane';
import {
  DEFAULT_LEARNING_RATE,
  DEFAULT_POINTS,
  DEGREE_MAX,
  DEGREE_MIN,
  LEARNING_RATE_MAX,
  LEARNING_RATE_MIN,
  MAX_STEPS,
  PLANE_LIMIT,
  POINTS_MAX,
  POINTS_MIN,
  SPEEDS,
  addPoint,
  createHistory,
  exactFit,
  formatValue,
  interpolationWarning,
  movePoint,
  parsePoints,
  recordHistory,
  removePoint,
  residualRows,
  resizeWeights,
  runDescent,
  serializePoints,
  stableLearningRate,
  suggestNewPoint,
  type LossHistory,
} from './regression-fit-state';
import './regression-fit.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface RegressionFitProps {
  /** Polynomial degree at the start (1–6, default 1). */
  initialDegree?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** What a share link keeps: `?regression.points=-4.2,3.8;…&regression.degree=2&regression.learningRate=0.3`. */
interface SharedSettings {
  points: string;
  degree: number;
  learningRate: number;
}

const pointsSetting: SettingParser<string> = (raw) => {
  const parsed = parsePoints(raw);
  return 'problem' in parsed ? parsed : { value: serializePoints(parsed.value) };
};

const settingsSchema = {
  points: pointsSetting,
  degree: numberSetting({ label: 'Degree', min: DEGREE_MIN, max: DEGREE_MAX, integer: true }),
  learningRate: numberSetting({ label: 'Learning rate', min: LEARNING_RATE_MIN, max: LEARNING_RATE_MAX }),
};

const DEGREES = Array.from({ length: DEGREE_MAX - DEGREE_MIN + 1 }, (_, i) => DEGREE_MIN + i);

/** Gradient descent's progress; mutated by the animation loop, shown after each `version` bump. */
interface Descent {
  weights: number[];
  step: number;
  history: LossHistory;
}

type RunStatus = 'idle' | 'training' | 'diverged';

function startDescent(points: readonly DataPoint[], degree: number, exactMse: number): Descent {
  const weights = new Array<number>(degree + 1).fill(0);
  const history = createHistory();
  recordHistory(history, 0, meanSquaredError(weights, points, PLANE_LIMIT), exactMse);
  return { weights, step: 0, history };
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/**
 * Regression fit: points on a plane fitted by a polynomial of degree 1–6 under the mean squared error, two
 * ways: the exact least-squares solution (QR) and gradient descent animated step by step (Train / Pause / Step /
 * Reset), with residuals drawn, the MSE written out, and the MSE per step against the exact optimum. Runs on the
 * main thread (a few hundred multiply-adds a step); with reduced motion the figure updates a few times a second.
 */
export function RegressionFit({ initialDegree = 1, instance }: RegressionFitProps) {
  const names = widgetInstanceNames('regression-fit', 'regression', instance);
  const [defaults] = useState<SharedSettings>(() => ({
    points: serializePoints(DEFAULT_POINTS),
    degree: Math.min(DEGREE_MAX, Math.max(DEGREE_MIN, Math.round(Number.isFinite(initialDegree) ? initialDegree : 1))),
    learningRate: DEFAULT_LEARNING_RATE,
  }));
  const shared = useSharedSettings<SharedSettings>(names.shareNamespace, settingsSchema, defaults);
  const { setValues } = shared;
  const { degree, learningRate } = shared.values;
  const points = useMemo(() => {
    const parsed = parsePoints(shared.values.points);
    return 'value' in parsed ? parsed.value : [...DEFAULT_POINTS];
  }, [shared.values.points]);
  const exact = useMemo(() => exactFit(points, degree), [points, degree]);
  const stableRate = useMemo(() => stableLearningRate(points, degree), [points, degree]);

  const descentRef = useRef<Descent | null>(null);
  if (descentRef.current === null) descentRef.current = startDescent(points, degree, exact.meanSquaredError);
  const descent = descentRef.current;
  if (descent.weights.length !== degree + 1) descent.weights = resizeWeights(descent.weights, degree);
  const [version, setVersion] = useState(0);
  const [status, setStatus] = useState<RunStatus>('idle');
  const [speed, setSpeed] = useState<number>(SPEEDS[1].value);
  const [residualsTo, setResidualsTo] = useState<'exact' | 'descent'>('exact');
  const [selected, setSelected] = useState(points.length - 1);
  const [focusRequest, setFocusRequest] = useState<number | null>(null);
  const baseId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const clearFocusRequest = useCallback(() => setFocusRequest(null), []);

  // The animation loop reads the latest data through refs, so a point dragged mid-run is chased at once.
  const live = useRef({ points, learningRate, speed, exactMse: exact.meanSquaredError });
  useEffect(() => {
    live.current = { points, learningRate, speed, exactMse: exact.meanSquaredError };
  });

  const advance = useCallback((count: number): boolean => {
    const current = descentRef.current;
    if (!current) return false;
    const { points: data, learningRate: rate, exactMse } = live.current;
    const run = runDescent(current.weights, data, rate, count);
    run.losses.forEach((loss, i) => recordHistory(current.history, current.step + i + 1, loss, exactMse));
    current.weights = run.weights;
    current.step += run.losses.length;
    return run.diverged;
  }, []);

  useEffect(() => {
    if (status !== 'training') return;
    const reduced = prefersReducedMotion();
    let frame = 0;
    let lastShown = -Infinity;
    const tick = (time: number) => {
      const diverged = advance(live.current.speed);
      const finished = (descentRef.current?.step ?? 0) >= MAX_STEPS;
      if (diverged || finished) {
        setStatus(diverged ? 'diverged' : 'idle');
        setVersion((v) => v + 1);
        return;
      }
      // With reduced motion the curve jumps a few times a second instead of gliding.
      if (!reduced || time - lastShown >= 400) {
        lastShown = time;
        setVersion((v) => v + 1);
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [status, advance]);

  const updatePoints = useCallback(
    (change: (current: DataPoint[]) => DataPoint[]) =>
      setValues((current) => {
        const parsed = parsePoints(current.points);
        const next = serializePoints(change('value' in parsed ? parsed.value : [...DEFAULT_POINTS]));
        return next === current.points ? current : { ...current, points: next };
      }),
    [setValues],
  );

  const reset = () => {
    descentRef.current = startDescent(points, degree, exact.meanSquaredError);
    setStatus('idle');
    setVersion((v) => v + 1);
  };
  const step = () => {
    if (advance(1)) setStatus('diverged');
    setVersion((v) => v + 1);
  };

  const descentMse = meanSquaredError(descent.weights, points, PLANE_LIMIT);
  const widgetState: WidgetState = status === 'training' ? 'training' : status === 'diverged' ? 'diverged' : descent.step > 0 ? 'paused' : 'ready';
  const warning = interpolationWarning(points, degree);
  const residualWeights = residualsTo === 'exact' ? exact.weights : descent.weights;
  const rows = residualRows(points, residualWeights);
  const shownMse = residualsTo === 'exact' ? exact.meanSquaredError : descentMse;
  const gap = descentMse - exact.meanSquaredError;
  const { history } = descent;
  const series = useMemo(
    () => [
      { id: 'descent', label: 'Gradient descent', X: history.steps, Y: history.descent, color: 'var(--accent)' },
      { id: 'exact', label: 'Least squares (the minimum)', X: history.steps, Y: history.exact, color: 'var(--class-a)', dashed: true },
    ],
    // The history arrays are mutated in place; `version` says when they changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [history, version],
  );

  return (
    <WidgetFrame
      widgetId="regression-fit"
      domId={names.domId}
      title="Fit a curve: least squares, exactly and by gradient descent"
      state={widgetState}
      step={descent.step}
      loss={Number.isFinite(descentMse) ? Number(descentMse.toPrecision(8)) : descentMse}
      error={
        status === 'diverged'
          ? `Gradient descent diverged: learning rate ${learningRate} is above the stable limit 2/λ ≈ ${formatValue(stableRate)} for these points and this degree, so every step overshoots further. Lower the learning rate and press Reset.`
          : null
      }
    >
      <LinkProblemsNotice problems={shared.problems} />
      <div className="widget-controls">
        <fieldset className="pill-choices">
          <legend>Polynomial degree</legend>
          {DEGREES.map((value) => (
            <label key={value} className="pill-choice">
              <input type="radio" name={`${baseId}-degree`} value={value} checked={degree === value} onChange={() => setValues((current) => ({ ...current, degree: value }))} />
              <span>{value}</span>
            </label>
          ))}
        </fieldset>
        <div className="button-row regression-point-buttons">
          <button
            type="button"
            className="button"
            disabled={points.length >= POINTS_MAX}
            onClick={() => {
              updatePoints((current) => addPoint(current, suggestNewPoint(current, exact.weights)));
              setSelected(points.length);
              setFocusRequest(points.length);
            }}
          >
            Add point
          </button>
          <button
            type="button"
            className="button"
            disabled={points.length <= POINTS_MIN}
            onClick={() => {
              const index = Math.min(selected, points.length - 1);
              updatePoints((current) => removePoint(current, index));
              setSelected(Math.max(0, index - 1));
            }}
          >
            Remove point {Math.min(selected, points.length - 1) + 1}
          </button>
        </div>
      </div>
      {warning ? (
        <p className="widget-notice" data-testid="interpolation-warning">
          {warning}
        </p>
      ) : null}

      <div className="regression-legend" aria-hidden="true">
        <span className="regression-key regression-key-exact">least squares (exact)</span>
        <span className="regression-key regression-key-descent">gradient descent</span>
        <span className="regression-key regression-key-residual">residual ŷ − y</span>
      </div>
      <RegressionPlane
        points={points}
        exactWeights={exact.weights}
        descentWeights={descent.weights}
        residualsTo={residualsTo}
        focusRequest={focusRequest}
        onFocusHandled={clearFocusRequest}
        onMove={(index, to) => updatePoints((current) => movePoint(current, index, to))}
        onAdd={(point) => updatePoints((current) => addPoint(current, point))}
        onRemove={(index) => updatePoints((current) => removePoint(current, index))}
        onSelect={setSelected}
      />
      <p className="widget-caption">
        Drag a point, or press on empty space to add one. Keyboard: Tab to a point, move it with the arrow keys (Shift: bigger steps), Delete removes it ({POINTS_MIN}–{POINTS_MAX}{' '}
        points).
      </p>

      <div className="regression-formula" aria-live="polite">
        <fieldset className="pill-choices">
          <legend>Residuals and MSE of</legend>
          <label className="pill-choice">
            <input type="radio" name={`${baseId}-residuals`} checked={residualsTo === 'exact'} onChange={() => setResidualsTo('exact')} />
            <span>least squares</span>
          </label>
          <label className="pill-choice">
            <input type="radio" name={`${baseId}-residuals`} checked={residualsTo === 'descent'} onChange={() => setResidualsTo('descent')} />
            <span>gradient descent</span>
          </label>
        </fieldset>
        <p className="regression-mse-sum" data-testid="mse-formula">
          MSE = (1/n) Σ (ŷᵢ − yᵢ)² = (1/{points.length}) [{rows.map((row) => `(${formatValue(row.residual, 2)})²`).join(' + ')}] = <strong>{formatValue(shownMse)}</strong>
        </p>
      </div>

      <dl className="regression-readouts">
        <div>
          <dt>Least-squares MSE</dt>
          <dd data-testid="exact-mse">{formatValue(exact.meanSquaredError)}</dd>
        </div>
        <div>
          <dt>Gradient descent MSE</dt>
          <dd data-testid="descent-mse">{formatValue(descentMse)}</dd>
        </div>
        <div>
          <dt>Gap</dt>
          <dd data-testid="mse-gap">{formatValue(gap)}</dd>
        </div>
        <div>
          <dt>Steps</dt>
          <dd data-testid="descent-steps">{descent.step}</dd>
        </div>
      </dl>

      <div className="regression-training">
        <div className="widget-controls">
          <TrainingControls state={widgetState} onTrain={() => setStatus('training')} onPause={() => setStatus('idle')} onStep={step} onReset={reset} />
          <div className="regression-rate">
            <NumberField
              label="Learning rate"
              min={LEARNING_RATE_MIN}
              max={LEARNING_RATE_MAX}
              value={learningRate}
              hint={`stable below 2/λ ≈ ${formatValue(stableRate)}`}
              onChange={(value) => setValues((current) => ({ ...current, learningRate: value }))}
            />
          </div>
          <fieldset className="pill-choices">
            <legend>Speed</legend>
            {SPEEDS.map((option) => (
              <label key={option.value} className="pill-choice">
                <input type="radio" name={`${baseId}-speed`} checked={speed === option.value} onChange={() => setSpeed(option.value)} />
                <span>{option.label}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <LineChart series={series} title="MSE per gradient descent step" xLabel="Step" yLabel="MSE" height={220} />
        <p className="widget-caption">
          Gradient descent starts from the flat line ŷ = 0 and repeats w ← w − η ∇MSE(w). Its MSE falls toward the least-squares minimum, never below it.
          {degree >= 3 ? ' At higher degrees it crawls: the features t, t², t³, … (t = x/5) look alike on [−1, 1], so the loss is a long, narrow valley.' : ''}
        </p>
      </div>

      <details className="regression-table">
        <summary>The points and their residuals</summary>
        <div className="table-scroll">
          <table>
            <caption>Residuals to the {residualsTo === 'exact' ? 'least-squares' : 'gradient descent'} curve</caption>
            <thead>
              <tr>
                <th scope="col">Point</th>
                <th scope="col">x</th>
                <th scope="col">y</th>
                <th scope="col">ŷ</th>
                <th scope="col">ŷ − y</th>
                <th scope="col">(ŷ − y)²</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  <th scope="row">{i + 1}</th>
                  <td>{formatValue(row.x, 2)}</td>
                  <td>{formatValue(row.y, 2)}</td>
                  <td>{formatValue(row.prediction)}</td>
                  <td>{formatValue(row.residual)}</td>
                  <td>{formatValue(row.squared)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </WidgetFrame>
  );
}
