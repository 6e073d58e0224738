import { useCallback, useId, useMemo, useState } from 'react';
import { choiceSetting, numberSetting, type SettingParser } from '../../core/url/shared-settings';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { NumberField } from '../../ui/number-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  CLASS_NAMES,
  LEARNING_RATE_MAX,
  LEARNING_RATE_MIN,
  SCORE_LIMIT,
  SCORE_STEP,
  SOFTMAX_TARGETS,
  computeMultiLabelView,
  createMultiLabelState,
  formatNumber,
  formatSigned,
  multiLabelReducer,
  parsePresent,
  parseScores,
  serializePresent,
  serializeScores,
  type MultiLabelAction,
  type MultiLabelState,
  type SoftmaxTarget,
} from './multi-label-vs-softmax-state';
import './multi-label-vs-softmax.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface MultiLabelVsSoftmaxProps {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

/** What a share link keeps: `?multilabel.scores=2,-0.5,1.5,-1,0.3&multilabel.targets=10101&multilabel.softmaxTarget=first&multilabel.learningRate=1`. */
interface SharedSettings {
  scores: string;
  targets: string;
  softmaxTarget: SoftmaxTarget;
  learningRate: number;
}

const scoresSetting: SettingParser<string> = (raw) => {
  const parsed = parseScores(raw);
  return 'problem' in parsed ? parsed : { value: serializeScores(parsed.value) };
};
const targetsSetting: SettingParser<string> = (raw) => {
  const parsed = parsePresent(raw);
  return 'problem' in parsed ? parsed : { value: serializePresent(parsed.value) };
};

const settingsSchema = {
  scores: scoresSetting,
  targets: targetsSetting,
  softmaxTarget: choiceSetting<SoftmaxTarget>('Softmax target', SOFTMAX_TARGETS),
  learningRate: numberSetting({ label: 'Learning rate', min: LEARNING_RATE_MIN, max: LEARNING_RATE_MAX }),
};

const toSettings = (state: MultiLabelState): SharedSettings => ({
  scores: serializeScores(state.scores),
  targets: serializePresent(state.present),
  softmaxTarget: state.softmaxTarget,
  learningRate: state.learningRate,
});

function fromSettings(settings: SharedSettings): MultiLabelState {
  const fallback = createMultiLabelState();
  const scores = parseScores(settings.scores);
  const present = parsePresent(settings.targets);
  return {
    scores: 'value' in scores ? scores.value : fallback.scores,
    present: 'value' in present ? present.value : fallback.present,
    softmaxTarget: settings.softmaxTarget,
    learningRate: settings.learningRate,
  };
}

const TARGET_LABELS: Record<SoftmaxTarget, string> = {
  spread: 'Spread over the present classes',
  first: 'Only the first present class',
};

/** What the softmax panel says about its target and its decision, in words. */
function softmaxVerdict(mode: SoftmaxTarget, presentIndices: readonly number[], decision: number, lowestLoss: number | null): string {
  const count = presentIndices.length;
  if (count === 0) return 'No class is ticked: softmax has no target distribution, so its loss is undefined. It must still name one class.';
  const found = `“${CLASS_NAMES[decision]}” is ${presentIndices.includes(decision) ? '' : 'not '}in the image, and it is the only class softmax names.`;
  if (count === 1) return `With one class present, softmax and its one-hot target fit the question. ${found}`;
  if (mode === 'spread') {
    return `With ${count} classes present the best softmax can do is ${formatNumber(1 / count, 2)} each, so the loss never drops below log ${count} = ${formatNumber(lowestLoss ?? 0)} nats. ${found}`;
  }
  const ignored = presentIndices.slice(1);
  return `The one-hot target pushes ${listClasses(ignored)} down as if ${ignored.length > 1 ? 'they were' : 'it were'} absent, although ${ignored.length > 1 ? 'they are' : 'it is'} in the image. ${found}`;
}

function listClasses(indices: readonly number[]): string {
  return indices.length === 0 ? 'nothing' : indices.map((k) => CLASS_NAMES[k]).join(', ');
}

/**
 * Multi-label vs softmax: the same five class scores go through (a) softmax + cross entropy against one target
 * distribution and (b) a sigmoid per class + the multi-label soft-margin loss against a multi-hot target. Both
 * show probabilities, per-class terms, the loss, the decision and a gradient step on the scores.
 */
export function MultiLabelVsSoftmax({ instance }: MultiLabelVsSoftmaxProps) {
  const names = widgetInstanceNames('multi-label-vs-softmax', 'multilabel', instance);
  const [defaults] = useState(() => toSettings(createMultiLabelState()));
  const shared = useSharedSettings<SharedSettings>(names.shareNamespace, settingsSchema, defaults);
  const state = useMemo(() => fromSettings(shared.values), [shared.values]);
  const { setValues } = shared;
  const dispatch = useCallback((action: MultiLabelAction) => setValues((current) => toSettings(multiLabelReducer(fromSettings(current), action))), [setValues]);
  const view = useMemo(() => computeMultiLabelView(state), [state]);
  const baseId = useId().replace(/[^a-zA-Z0-9_-]/g, '');

  const presentIndices = state.present.flatMap((y, k) => (y === 1 ? [k] : []));
  const presentCount = presentIndices.length;
  const sigmoidHits = view.sigmoid.decision.filter((k) => state.present[k] === 1).length;
  const sigmoidFalse = view.sigmoid.decision.length - sigmoidHits;
  const sumSoftmax = view.softmax.probabilities.reduce((a, b) => a + b, 0);
  const sumSigmoid = view.sigmoid.probabilities.reduce((a, b) => a + b, 0);

  return (
    <WidgetFrame widgetId="multi-label-vs-softmax" domId={names.domId} title="One image, several classes: softmax or a sigmoid per class?" state="ready">
      <LinkProblemsNotice problems={shared.problems} />

      <fieldset className="multilabel-classes">
        <legend>The network’s scores, and what is really in the image</legend>
        {CLASS_NAMES.map((name, k) => (
          <div key={name} className="multilabel-class-row">
            <label className="multilabel-present">
              <input type="checkbox" checked={state.present[k] === 1} onChange={(event) => dispatch({ type: 'setPresent', index: k, present: event.target.checked })} />
              <span>
                <span className="visually-hidden">{`${name} is in the image`}</span>
                <span aria-hidden="true">{name}</span>
              </span>
            </label>
            <input
              type="range"
              className="multilabel-score"
              min={-SCORE_LIMIT}
              max={SCORE_LIMIT}
              step={SCORE_STEP}
              value={state.scores[k]}
              aria-label={`Score for ${name}`}
              aria-valuetext={formatNumber(state.scores[k], 2)}
              onChange={(event) => dispatch({ type: 'setScore', index: k, score: Number(event.target.value) })}
            />
            <output className="multilabel-score-value" aria-hidden="true">
              z = {formatNumber(state.scores[k], 2)}
            </output>
          </div>
        ))}
      </fieldset>
      <p className="widget-caption">Tick the classes that are in the image; drag a slider (or focus it and use the arrow keys) to change the network’s score z for that class.</p>

      <div className="widget-controls">
        <fieldset className="pill-choices">
          <legend>Softmax’s target when several classes are present</legend>
          {SOFTMAX_TARGETS.map((choice) => (
            <label key={choice} className="pill-choice">
              <input
                type="radio"
                name={`${baseId}-target`}
                value={choice}
                checked={state.softmaxTarget === choice}
                onChange={() => dispatch({ type: 'setSoftmaxTarget', softmaxTarget: choice })}
              />
              <span>{TARGET_LABELS[choice]}</span>
            </label>
          ))}
        </fieldset>
        <div className="multilabel-rate">
          <NumberField
            label="Learning rate"
            min={LEARNING_RATE_MIN}
            max={LEARNING_RATE_MAX}
            value={state.learningRate}
            onChange={(learningRate) => dispatch({ type: 'setLearningRate', learningRate })}
          />
        </div>
        <button type="button" className="button" onClick={() => dispatch({ type: 'reset' })}>
          <span aria-hidden="true">↺</span> Reset
        </button>
      </div>

      <div className="multilabel-panels">
        <section className="multilabel-panel multilabel-panel-softmax" aria-labelledby={`${names.domId}-softmax-title`}>
          <h4 id={`${names.domId}-softmax-title`}>Softmax + cross entropy</h4>
          <p className="multilabel-panel-lead">One distribution over all five classes: the probabilities share 1, so they compete. ✓ marks the class it names.</p>
          <div className="table-scroll">
            <table className="multilabel-table">
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  <th scope="col">p = softmax(z)</th>
                  <th scope="col">target t</th>
                  <th scope="col">∂L/∂z</th>
                </tr>
              </thead>
              <tbody>
                {CLASS_NAMES.map((name, k) => (
                  <tr key={name} className={k === view.softmax.decision ? 'multilabel-chosen' : undefined}>
                    <th scope="row">{name}</th>
                    <td>
                      <ProbabilityBar value={view.softmax.probabilities[k]} target={view.softmax.targets?.[k] ?? null} />
                    </td>
                    <td>{view.softmax.targets ? formatNumber(view.softmax.targets[k], 2) : '—'}</td>
                    <td className="multilabel-gradient">{view.softmax.gradient ? formatSigned(view.softmax.gradient[k]) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="multilabel-summary">
            <div>
              <dt>Σ p</dt>
              <dd data-testid="softmax-sum">{formatNumber(sumSoftmax)}</dd>
            </div>
            <div>
              <dt>Loss −Σ t log p</dt>
              <dd>
                <strong data-testid="softmax-loss">{view.softmax.loss === null ? '—' : formatNumber(view.softmax.loss)}</strong>
                {view.softmax.loss === null ? null : ' nats'}
              </dd>
            </div>
            <div>
              <dt>Says (argmax)</dt>
              <dd data-testid="softmax-decision">{CLASS_NAMES[view.softmax.decision]}</dd>
            </div>
          </dl>
          <p className="multilabel-verdict">{softmaxVerdict(state.softmaxTarget, presentIndices, view.softmax.decision, view.softmax.lowestLoss)}</p>
          <button type="button" className="button button-primary" disabled={view.softmax.gradient === null} onClick={() => dispatch({ type: 'step', loss: 'softmax' })}>
            Gradient step on cross entropy
          </button>
        </section>

        <section className="multilabel-panel multilabel-panel-sigmoid" aria-labelledby={`${names.domId}-sigmoid-title`}>
          <h4 id={`${names.domId}-sigmoid-title`}>Sigmoid per class + soft margin</h4>
          <p className="multilabel-panel-lead">Five independent yes/no questions: each σ(z) lies in (0, 1) on its own. ✓ marks every class it names.</p>
          <div className="table-scroll">
            <table className="multilabel-table">
              <thead>
                <tr>
                  <th scope="col">Class</th>
                  <th scope="col">σ(z)</th>
                  <th scope="col">y</th>
                  <th scope="col">term ℓ</th>
                  <th scope="col">∂L/∂z</th>
                </tr>
              </thead>
              <tbody>
                {CLASS_NAMES.map((name, k) => (
                  <tr key={name} className={view.sigmoid.decision.includes(k) ? 'multilabel-chosen' : undefined}>
                    <th scope="row">{name}</th>
                    <td>
                      <ProbabilityBar value={view.sigmoid.probabilities[k]} target={state.present[k]} threshold />
                    </td>
                    <td>{state.present[k]}</td>
                    <td data-testid={`sigmoid-term-${k}`}>{formatNumber(view.sigmoid.terms[k])}</td>
                    <td className="multilabel-gradient">{formatSigned(view.sigmoid.gradient[k])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="multilabel-summary">
            <div>
              <dt>Σ σ</dt>
              <dd data-testid="sigmoid-sum">{formatNumber(sumSigmoid)}</dd>
            </div>
            <div>
              <dt>Loss (1/5) Σ ℓ</dt>
              <dd>
                <strong data-testid="sigmoid-loss">{formatNumber(view.sigmoid.loss)}</strong> nats
              </dd>
            </div>
            <div>
              <dt>Says (σ &gt; 0.5)</dt>
              <dd data-testid="sigmoid-decision">{listClasses(view.sigmoid.decision)}</dd>
            </div>
          </dl>
          <p className="multilabel-verdict">
            ℓ = −[y log σ(z) + (1 − y) log(1 − σ(z))] for each class; the loss is their mean,{' '}
            <span className="multilabel-mean">
              ({view.sigmoid.terms.map((term) => formatNumber(term)).join(' + ')}) / 5 = {formatNumber(view.sigmoid.loss)}
            </span>
            . It finds {sigmoidHits} of {presentCount} present classes{sigmoidFalse > 0 ? ` and raises ${sigmoidFalse} false alarm${sigmoidFalse > 1 ? 's' : ''}` : ''}; the loss
            can reach 0.
          </p>
          <button type="button" className="button button-primary" onClick={() => dispatch({ type: 'step', loss: 'sigmoid' })}>
            Gradient step on soft margin
          </button>
        </section>
      </div>
      <p className="widget-caption">
        A step moves every score by −η · ∂L/∂z. Softmax’s gradients p − t always sum to 0: raising one class means lowering others. The sigmoid gradients (σ − y)/5 are independent:
        each class moves toward its own answer.
      </p>
    </WidgetFrame>
  );
}

interface ProbabilityBarProps {
  value: number;
  /** Target drawn as a tick (null: none). */
  target: number | null;
  /** Draw the 0.5 decision threshold. */
  threshold?: boolean;
}

/** A probability as a small horizontal bar with its number; the target is a dark tick on the track. */
function ProbabilityBar({ value, target, threshold }: ProbabilityBarProps) {
  return (
    <span className="multilabel-bar">
      <span className="multilabel-bar-track" aria-hidden="true">
        <span className="multilabel-bar-fill" style={{ width: `${(value * 100).toFixed(2)}%` }} />
        {threshold ? <span className="multilabel-bar-threshold" /> : null}
        {target !== null ? <span className="multilabel-bar-target" style={{ left: `${(target * 100).toFixed(2)}%` }} /> : null}
      </span>
      <span className="multilabel-bar-value">{formatNumber(value)}</span>
    </span>
  );
}
