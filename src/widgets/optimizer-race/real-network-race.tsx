import { useEffect, useMemo, useRef, useState } from 'react';
import { LineChart } from '../../charts/line-chart';
import type { OptimizerKind } from '../../core/training/optimizers/optimizer-config';
import { useTrainingRun, type TrainingRun } from '../../hooks/use-training-run';
import { BackendBadge } from '../../ui/backend-badge';
import type { BackendName, WidgetState } from '../../ui/widget-frame';
import { NETWORK_STEPS, OPTIMIZER_DASHES, OPTIMIZER_LABELS, createCircleData, networkConfig, type RacerSettings, type RacerSettingsMap } from './optimizer-race-state';

/** What the widget's root shows about the network race. */
export interface NetworkRaceSummary {
  state: WidgetState;
  step: number;
  loss: number | undefined;
  backend: BackendName | undefined;
  message: string | null;
}

interface RealNetworkRaceProps {
  enabled: readonly OptimizerKind[];
  settings: RacerSettingsMap;
  onSummary: (summary: NetworkRaceSummary) => void;
}

/**
 * Six workers report to one page: at the default one report per frame each, the page would redraw ~90 times a
 * second. Four reports a second per worker keep the curves live and the page responsive.
 */
const REPORT_INTERVAL_MS = 250;

/** One optimizer's model in its own worker, started only while that optimizer is selected. */
function useRacerRun(kind: OptimizerKind, enabled: readonly OptimizerKind[], settings: RacerSettings, data: ReturnType<typeof createCircleData>): TrainingRun {
  const config = useMemo(() => networkConfig(kind, settings), [kind, settings]);
  const trainingData = useMemo(() => ({ train: data, validation: null }), [data]);
  return useTrainingRun({ active: enabled.includes(kind), data: trainingData, config, maxSteps: NETWORK_STEPS, chunkDurationMs: REPORT_INTERVAL_MS });
}

/** The combined state of several runs: loading or failing if any does, training while any trains, diverged when all did. */
export function combineStates(states: readonly WidgetState[]): WidgetState {
  if (states.length === 0) return 'loading';
  if (states.includes('error')) return 'error';
  if (states.includes('loading')) return 'loading';
  if (states.includes('training')) return 'training';
  if (states.every((state) => state === 'diverged')) return 'diverged';
  if (states.every((state) => state === 'ready' || state === 'diverged')) return 'ready';
  return 'paused';
}

const STEP_NOTE = `Each optimizer trains the same 2-8-8-1 tanh network (same initial weights) on the same 200 circle points, full batch, for ${NETWORK_STEPS} steps, one optimizer after another.`;

/**
 * The race on a small real network: one `useTrainingRun` (one worker) per selected optimizer, all trained
 * together by one set of buttons; their loss curves overlaid and their final losses listed.
 */
export function RealNetworkRace({ enabled, settings, onSummary }: RealNetworkRaceProps) {
  const data = useMemo(() => createCircleData(), []);
  // One hook call per optimizer, always in the same order (the rules of hooks); unselected ones start no worker.
  const runs: Record<OptimizerKind, TrainingRun> = {
    sgd: useRacerRun('sgd', enabled, settings.sgd, data),
    momentum: useRacerRun('momentum', enabled, settings.momentum, data),
    nesterov: useRacerRun('nesterov', enabled, settings.nesterov, data),
    rmsprop: useRacerRun('rmsprop', enabled, settings.rmsprop, data),
    adam: useRacerRun('adam', enabled, settings.adam, data),
    adamw: useRacerRun('adamw', enabled, settings.adamw, data),
  };
  const active = enabled.map((kind) => runs[kind]);
  const runsRef = useRef(runs);
  runsRef.current = runs;

  // Train runs the selected optimizers one after another: six workers training at once on a 2-core laptop
  // starve the page (measured: frames of 300 ms); one at a time keeps it responsive and takes no longer.
  const [queue, setQueue] = useState<OptimizerKind[]>([]);
  const startedRef = useRef<OptimizerKind | null>(null);
  const head = queue[0];
  const headStatus = head ? runs[head].state.status : null;
  useEffect(() => {
    if (!head) return;
    const run = runsRef.current[head];
    if (startedRef.current !== head) {
      if (headStatus === 'ready' || headStatus === 'paused') {
        startedRef.current = head;
        run.train();
      } else if (headStatus !== 'loading') {
        setQueue((current) => current.slice(1));
      }
      return;
    }
    if (headStatus !== 'training') {
      startedRef.current = null;
      setQueue((current) => current.slice(1));
    }
  }, [head, headStatus]);

  const state = queue.length > 0 ? 'training' : combineStates(active.map((run) => run.state.status));
  const step = Math.max(0, ...active.map((run) => run.state.step));
  const losses = active.map((run) => run.state.latestLoss).filter((loss): loss is number => loss !== null && Number.isFinite(loss));
  const loss = losses.length > 0 ? Math.min(...losses) : undefined;
  const lead = active.find((run) => run.state.backend !== null);
  const backend = lead?.state.backend?.backend;
  const message = active.map((run, i) => (run.state.message ? `${OPTIMIZER_LABELS[enabled[i]]}: ${run.state.message}` : null)).find((text) => text !== null) ?? null;

  useEffect(() => onSummary({ state, step, loss, backend, message }), [onSummary, state, step, loss, backend, message]);

  const canTrain = state === 'ready' || state === 'paused';
  const each = (action: (run: TrainingRun) => void, when: (status: WidgetState) => boolean) => () => active.forEach((run) => when(run.state.status) && action(run));
  const idle = (status: WidgetState) => status === 'ready' || status === 'paused';
  const series = enabled.map((kind) => ({
    id: kind,
    label: OPTIMIZER_LABELS[kind],
    X: runs[kind].state.trainLoss.steps,
    Y: runs[kind].state.trainLoss.values,
    color: `var(--race-${kind})`,
    dashed: OPTIMIZER_DASHES[kind] !== undefined,
  }));

  return (
    <div className="race-network">
      <div className="race-network-bar">
        <div className="button-row" role="group" aria-label="Training">
          {state === 'training' ? (
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setQueue([]);
                active.forEach((run) => run.state.status === 'training' && run.pause());
              }}
            >
              <span aria-hidden="true">❚❚</span> Pause
            </button>
          ) : (
            <button type="button" className="button button-primary" onClick={() => setQueue(enabled.filter((kind) => idle(runs[kind].state.status)))} disabled={!canTrain}>
              <span aria-hidden="true">▶</span> Train
            </button>
          )}
          <button type="button" className="button" onClick={each((run) => run.step(), idle)} disabled={!canTrain}>
            Step
          </button>
          <button
            type="button"
            className="button"
            onClick={each(
              (run) => run.reset(),
              (status) => status !== 'loading',
            )}
            disabled={state === 'loading' || enabled.length === 0}
          >
            <span aria-hidden="true">↺</span> Reset
          </button>
        </div>
        {lead ? (
          <BackendBadge
            backend={lead.state.backend}
            preference={lead.backendPreference}
            onPreferenceChange={(preference) => active.forEach((run) => run.setBackendPreference(preference))}
          />
        ) : null}
      </div>
      <p className="widget-caption">{STEP_NOTE} Each runs in its own worker; selecting fewer optimizers starts fewer.</p>
      {enabled.length === 0 ? <p className="widget-notice">Select at least one optimizer to train.</p> : null}
      <LineChart title="Training loss of the real network per step, one curve per optimizer" xLabel="Step" yLabel="Loss (cross entropy)" series={series} height={260} />
      <table className="race-table" aria-label="Loss of each optimizer on the real network">
        <thead>
          <tr>
            <th scope="col">Optimizer</th>
            <th scope="col">Step</th>
            <th scope="col">Loss</th>
          </tr>
        </thead>
        <tbody>
          {enabled.map((kind) => {
            const run = runs[kind].state;
            return (
              <tr key={kind}>
                <th scope="row">
                  <span className="race-swatch" style={{ background: `var(--race-${kind})` }} aria-hidden="true" /> {OPTIMIZER_LABELS[kind]}
                </th>
                <td>{run.status === 'loading' ? '…' : run.step}</td>
                <td>{run.status === 'diverged' ? 'diverged' : run.latestLoss === null ? '–' : run.latestLoss.toFixed(4)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
