import { useCallback, useId, useMemo, useState } from 'react';
import { choiceSetting, type SettingParser } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import { DistributionBars } from './distribution-bars';
import {
  INFORMATION_UNITS,
  OUTCOME_COUNTS,
  OUTCOME_NAMES,
  PRESETS,
  computeReadouts,
  computeTerms,
  createDistributionLabState,
  distributionLabReducer,
  formatInformation,
  formatProbability,
  impossibleOutcomes,
  parseDistribution,
  serializeDistribution,
  type DistributionLabAction,
  type DistributionLabState,
  type InformationUnit,
  type PresetName,
} from './distribution-lab-state';
import './distribution-lab.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface DistributionLabProps {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** What a share link keeps: `?distributions.p=0.5,0.25,0.25,0&distributions.q=…&distributions.unit=nats`. */
interface SharedSettings {
  p: string;
  q: string;
  unit: InformationUnit;
}

const distributionSetting =
  (label: string): SettingParser<string> =>
  (raw) => {
    const parsed = parseDistribution(raw, label);
    return 'problem' in parsed ? parsed : { value: serializeDistribution(parsed.value) };
  };

const settingsSchema = {
  p: distributionSetting('P'),
  q: distributionSetting('Q'),
  unit: choiceSetting<InformationUnit>('Unit', INFORMATION_UNITS),
};

const toSettings = (state: DistributionLabState): SharedSettings => ({ p: serializeDistribution(state.p), q: serializeDistribution(state.q), unit: state.unit });

function fromSettings(settings: SharedSettings): DistributionLabState {
  const p = parseDistribution(settings.p, 'P');
  const q = parseDistribution(settings.q, 'Q');
  const fallback = createDistributionLabState();
  if ('problem' in p || 'problem' in q || p.value.length !== q.value.length) return { ...fallback, unit: settings.unit };
  return { p: p.value, q: q.value, unit: settings.unit };
}

/**
 * The distribution lab: two distributions P and Q over 4–8 outcomes, edited as bar charts (drag, keyboard,
 * typed numbers; the other bars rescale so each sums to 1), with H(P), H(Q), both cross entropies and both KL
 * divergences live, the identity H(P,Q) = H(P) + KL(P‖Q) in numbers, and KL's asymmetry side by side.
 */
export function DistributionLab({ instance }: DistributionLabProps) {
  const names = widgetInstanceNames('distribution-lab', 'distributions', instance);
  const [defaults] = useState(() => toSettings(createDistributionLabState()));
  const shared = useSharedSettings<SharedSettings>(names.shareNamespace, settingsSchema, defaults);
  const linkMismatch = useMemo(() => {
    const p = parseDistribution(shared.values.p, 'P');
    const q = parseDistribution(shared.values.q, 'Q');
    return 'value' in p && 'value' in q && p.value.length !== q.value.length ? 'P and Q in the link have different numbers of outcomes' : null;
    // Only the link as first read can disagree with itself; every later change keeps the lengths equal.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const problems = linkMismatch ? [...shared.problems, linkMismatch] : shared.problems;
  const state = useMemo(() => fromSettings(shared.values), [shared.values]);
  const { setValues } = shared;
  const [presetShown, setPresetShown] = useState<PresetName | null>(null);
  const dispatch = useCallback(
    (action: DistributionLabAction) => {
      // A preset's description stays only until the bars are edited away from it.
      if (action.type === 'setProbability' || action.type === 'nudge' || action.type === 'setCount') setPresetShown(null);
      setValues((current) => toSettings(distributionLabReducer(fromSettings(current), action)));
    },
    [setValues],
  );
  const baseId = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const readouts = useMemo(() => computeReadouts(state.p, state.q, state.unit), [state]);
  const terms = useMemo(() => computeTerms(state.p, state.q, state.unit), [state]);
  const unit = state.unit;
  const f = formatInformation;
  const impossiblePQ = impossibleOutcomes(state.p, state.q);
  const impossibleQP = impossibleOutcomes(state.q, state.p);
  const ignoredP = state.p.flatMap((value, i) => (value === 0 && state.q[i] > 0 ? [OUTCOME_NAMES[i]] : []));
  const preset = PRESETS.find((entry) => entry.name === presetShown);

  return (
    <WidgetFrame widgetId="distribution-lab" domId={names.domId} title="Entropy, cross entropy and KL divergence" state="ready">
      <LinkProblemsNotice problems={problems} />
      <div className="widget-controls">
        <div className="distribution-presets" role="group" aria-label="Presets">
          <span className="distribution-presets-label" aria-hidden="true">
            Presets
          </span>
          <div className="button-row">
            {PRESETS.map((entry) => (
              <button
                key={entry.name}
                type="button"
                className="button"
                onClick={() => {
                  setPresetShown(entry.name);
                  dispatch({ type: 'preset', preset: entry.name });
                }}
              >
                {entry.label}
              </button>
            ))}
          </div>
        </div>
        <fieldset className="pill-choices">
          <legend>Outcomes</legend>
          {OUTCOME_COUNTS.map((count) => (
            <label key={count} className="pill-choice">
              <input type="radio" name={`${baseId}-count`} value={count} checked={state.p.length === count} onChange={() => dispatch({ type: 'setCount', count })} />
              <span>{count}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="pill-choices">
          <legend>Unit</legend>
          {INFORMATION_UNITS.map((choice) => (
            <label key={choice} className="pill-choice">
              <input type="radio" name={`${baseId}-unit`} value={choice} checked={unit === choice} onChange={() => dispatch({ type: 'setUnit', unit: choice })} />
              <span>{choice === 'bits' ? 'bits (log₂)' : 'nats (ln)'}</span>
            </label>
          ))}
        </fieldset>
      </div>
      {preset ? <p className="distribution-preset-note">{preset.description}</p> : null}

      <div className="distribution-charts">
        <DistributionBars
          which="p"
          heading="P: what happens (the label)"
          values={state.p}
          other={state.q}
          otherName="Q"
          onSet={(index, value) => dispatch({ type: 'setProbability', which: 'p', index, value })}
          onNudge={(index, delta) => dispatch({ type: 'nudge', which: 'p', index, delta })}
        />
        <DistributionBars
          which="q"
          heading="Q: what the model believes"
          values={state.q}
          other={state.p}
          otherName="P"
          onSet={(index, value) => dispatch({ type: 'setProbability', which: 'q', index, value })}
          onNudge={(index, delta) => dispatch({ type: 'nudge', which: 'q', index, delta })}
        />
      </div>
      <p className="widget-caption">
        Drag a bar, or click a chart and use ↑/↓ (±0.01), PageUp/PageDown (±0.1) and ←/→ for the next bar; or type a probability below it. The other bars scale by the same factor
        so the total stays 1. A dashed line marks the other distribution’s value.
      </p>

      <dl className="distribution-readouts" aria-live="polite">
        <Readout label="H(P)" caption="entropy of P" value={readouts.entropyP} unit={unit} testId="entropy-p" />
        <Readout label="H(P, Q)" caption="cross entropy" value={readouts.crossEntropyPQ} unit={unit} testId="cross-pq" />
        <Readout label="KL(P ‖ Q)" caption="divergence" value={readouts.klPQ} unit={unit} testId="kl-pq" />
        <Readout label="H(Q)" caption="entropy of Q" value={readouts.entropyQ} unit={unit} testId="entropy-q" />
        <Readout label="H(Q, P)" caption="cross entropy" value={readouts.crossEntropyQP} unit={unit} testId="cross-qp" />
        <Readout label="KL(Q ‖ P)" caption="divergence" value={readouts.klQP} unit={unit} testId="kl-qp" />
      </dl>

      <div className="distribution-identities">
        <p data-testid="identity-pq">
          <span className="distribution-identity-formula">H(P, Q) = H(P) + KL(P ‖ Q):</span>{' '}
          <span className="distribution-identity-numbers">
            {f(readouts.crossEntropyPQ)} = {f(readouts.entropyP)} + {f(readouts.klPQ)} {unit}
          </span>
        </p>
        <p data-testid="identity-qp">
          <span className="distribution-identity-formula">H(Q, P) = H(Q) + KL(Q ‖ P):</span>{' '}
          <span className="distribution-identity-numbers">
            {f(readouts.crossEntropyQP)} = {f(readouts.entropyQ)} + {f(readouts.klQP)} {unit}
          </span>
        </p>
      </div>

      <KlComparison klPQ={readouts.klPQ} klQP={readouts.klQP} unit={unit} />

      {impossiblePQ.length > 0 || impossibleQP.length > 0 ? (
        <div className="widget-notice distribution-infinity" data-testid="infinity-note">
          {impossiblePQ.length > 0 ? (
            <p>
              Q gives {listOutcomes(impossiblePQ)} probability 0, but P says {impossiblePQ.length > 1 ? 'they happen' : 'it happens'}: the surprise −log 0 is infinite, so H(P, Q)
              and KL(P ‖ Q) are ∞. A classifier that is certain and wrong pays an infinite loss; softmax never outputs an exact 0, so real losses stay finite (but can be huge).
            </p>
          ) : null}
          {impossibleQP.length > 0 ? <p>P gives {listOutcomes(impossibleQP)} probability 0 where Q does not, so H(Q, P) and KL(Q ‖ P) are ∞.</p> : null}
        </div>
      ) : null}
      {ignoredP.length > 0 ? (
        <p className="widget-caption">
          P(
          {ignoredP.join(') = P(')}) = 0: outcomes that never happen add nothing to H(P), H(P, Q) or KL(P ‖ Q), because 0 · log 0 counts as 0.
        </p>
      ) : null}

      <details className="distribution-terms">
        <summary>Term by term</summary>
        <div className="table-scroll">
          <table>
            <caption>Each outcome’s share of H(P, Q) and KL(P ‖ Q), in {unit}</caption>
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col">P</th>
                <th scope="col">Q</th>
                <th scope="col">−P log Q</th>
                <th scope="col">P log(P / Q)</th>
              </tr>
            </thead>
            <tbody>
              {terms.map((row) => (
                <tr key={row.name}>
                  <th scope="row">{row.name}</th>
                  <td>{formatProbability(row.p)}</td>
                  <td>{formatProbability(row.q)}</td>
                  <td>{f(row.crossTerm)}</td>
                  <td>{f(row.klTerm)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Sum</th>
                <td>1</td>
                <td>1</td>
                <td>{f(readouts.crossEntropyPQ)}</td>
                <td>{f(readouts.klPQ)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </details>
    </WidgetFrame>
  );
}

function listOutcomes(outcomes: readonly string[]): string {
  return outcomes.length === 1 ? outcomes[0] : `${outcomes.slice(0, -1).join(', ')} and ${outcomes[outcomes.length - 1]}`;
}

interface ReadoutProps {
  label: string;
  caption: string;
  value: number;
  unit: InformationUnit;
  testId: string;
}

function Readout({ label, caption, value, unit, testId }: ReadoutProps) {
  return (
    <div className={value === Infinity ? 'distribution-readout distribution-readout-infinite' : 'distribution-readout'}>
      <dt>
        {label} <span className="distribution-readout-caption">{caption}</span>
      </dt>
      <dd>
        <span data-testid={testId}>{formatInformation(value)}</span> <span className="distribution-readout-unit">{unit}</span>
      </dd>
    </div>
  );
}

interface KlComparisonProps {
  klPQ: number;
  klQP: number;
  unit: InformationUnit;
}

/** Both KL directions as horizontal bars on one scale (an infinite one fills the track and says ∞). */
function KlComparison({ klPQ, klQP, unit }: KlComparisonProps) {
  const finite = [klPQ, klQP].filter(Number.isFinite);
  const top = Math.max(1e-9, ...finite);
  const widthOf = (value: number) => (value === Infinity ? 100 : finite.length === 0 ? 0 : Math.max(0, (value / top) * (finite.length === 2 ? 100 : 70)));
  const rows = [
    { label: 'KL(P ‖ Q)', value: klPQ, className: 'distribution-kl-pq' },
    { label: 'KL(Q ‖ P)', value: klQP, className: 'distribution-kl-qp' },
  ];
  const summary =
    klPQ === klQP
      ? 'Both directions are equal here.'
      : Number.isFinite(klPQ) && Number.isFinite(klQP)
        ? `They differ by ${formatInformation(Math.abs(klPQ - klQP))} ${unit}: KL is not a distance, swapping P and Q changes it.`
        : 'One direction is infinite and the other need not be: KL is not a distance.';
  return (
    <figure className="distribution-kl" aria-label={`KL(P ‖ Q) = ${formatInformation(klPQ)} ${unit}, KL(Q ‖ P) = ${formatInformation(klQP)} ${unit}. ${summary}`} role="group">
      <figcaption>KL divergence, both directions</figcaption>
      {rows.map((row) => (
        <div key={row.label} className={`distribution-kl-row ${row.className}`} aria-hidden="true">
          <span className="distribution-kl-label">{row.label}</span>
          <span className="distribution-kl-track">
            <span className={row.value === Infinity ? 'distribution-kl-fill distribution-kl-fill-infinite' : 'distribution-kl-fill'} style={{ width: `${widthOf(row.value)}%` }} />
          </span>
          <span className="distribution-kl-value">
            {formatInformation(row.value)} {unit}
          </span>
        </div>
      ))}
      <p className="widget-caption">{summary}</p>
    </figure>
  );
}
