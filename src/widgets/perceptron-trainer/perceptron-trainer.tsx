import { useId, useMemo, useState } from 'react';
import { LineChart } from '../../charts/line-chart';
import { useTrainingRun } from '../../hooks/use-training-run';
import { choiceSetting, numberSetting } from '../../core/url/shared-settings';
import type { ReadoutRequests } from '../../engine/engine-types';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { TrainingWidgetFrame } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { PointPlane } from './point-plane';
import {
  ACTIVATION_OPTIONS,
  PRESET_OPTIONS,
  lineParameters,
  perceptronConfig,
  pointAccuracy,
  pointsToTrainingData,
  presetPoints,
  type LabelledPoint,
  type PerceptronActivation,
  type PointClass,
  type PointPreset,
} from './perceptron-trainer-state';
import './perceptron-trainer.css';

const LEARNING_RATE = { label: 'Learning rate', min: 0.0001, max: 100 };
const SEED = 42;

interface PerceptronTrainerProps {
  preset?: PointPreset;
  activation?: PerceptronActivation;
  learningRate?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

interface Settings {
  preset: PointPreset;
  activation: PerceptronActivation;
  learningRate: number;
}

const settingsSchema = {
  preset: choiceSetting<PointPreset>('Preset', ['separable', 'overlapping', 'xor', 'empty']),
  activation: choiceSetting<PerceptronActivation>('Activation', ['sigmoid', 'tanh', 'linear']),
  learningRate: numberSetting(LEARNING_RATE),
};

/** The engine reports only the neuron's weights and bias. */
const READOUTS: ReadoutRequests = { weights: { kind: 'parameters' } };

const formatNumber = (value: number | null | undefined, digits = 3) =>
  value === null || value === undefined ? '–' : Number.isFinite(value) ? value.toFixed(digits) : String(value);

/**
 * Widget "perceptron-trainer": one neuron on 2-D points, trained by full-batch gradient descent on the
 * L2 loss in the training worker. Learners add points, pick presets, activation and learning rate.
 */
export function PerceptronTrainer({ preset = 'separable', activation = 'sigmoid', learningRate = 0.5, instance }: PerceptronTrainerProps) {
  const widget = useTrainingWidget<Settings>({
    widgetId: 'perceptron-trainer',
    shareKey: 'perceptron',
    instance,
    settingsSchema,
    defaultSettings: { preset, activation, learningRate },
  });
  const { settings, updateSettings: update } = widget;
  const [points, setPoints] = useState<LabelledPoint[]>(() => presetPoints(settings.preset));
  const [selectedClass, setSelectedClass] = useState<PointClass>(0);
  const classGroup = useId();

  const trainingData = useMemo(() => pointsToTrainingData(points, settings.activation), [points, settings.activation]);
  const data = useMemo(() => (trainingData ? { train: trainingData, validation: null } : null), [trainingData]);
  const config = useMemo(() => perceptronConfig(settings.activation, settings.learningRate, points.length, SEED), [settings.activation, settings.learningRate, points.length]);
  const run = useTrainingRun({ active: widget.near, data, config, readouts: READOUTS });
  const { state } = run;
  const line = lineParameters(state.readouts.weights?.kind === 'parameters' ? state.readouts.weights.parameters : null);
  const accuracy = line ? pointAccuracy(line, points) : null;
  const editingLocked = state.status === 'training';

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={run}
      title="Train a perceptron on points"
      blocked={trainingData ? null : 'Add at least one point to train.'}
      controls={
        <>
          <SelectField
            label="Points"
            value={settings.preset}
            options={PRESET_OPTIONS}
            disabled={editingLocked}
            onChange={(value) => {
              update({ preset: value });
              setPoints(presetPoints(value));
            }}
          />
          <SelectField label="Activation" value={settings.activation} options={ACTIVATION_OPTIONS} disabled={editingLocked} onChange={(value) => update({ activation: value })} />
          <NumberField {...LEARNING_RATE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} hint="η, the size of each step" />
        </>
      }
    >
      <div className="widget-body">
        <div>
          <fieldset className="class-picker" disabled={editingLocked}>
            <legend>Class to add</legend>
            <label>
              <input type="radio" name={classGroup} checked={selectedClass === 0} onChange={() => setSelectedClass(0)} />
              <span className="swatch-a" aria-hidden="true">
                ●
              </span>{' '}
              A
            </label>
            <label>
              <input type="radio" name={classGroup} checked={selectedClass === 1} onChange={() => setSelectedClass(1)} />
              <span className="swatch-b" aria-hidden="true">
                ■
              </span>{' '}
              B
            </label>
            <button type="button" className="button" onClick={() => setPoints([])} disabled={editingLocked || points.length === 0}>
              Clear points
            </button>
          </fieldset>
          <PointPlane
            points={points}
            line={line}
            selectedClass={selectedClass}
            disabled={editingLocked}
            onAddPoint={(point) => setPoints((current) => [...current, point])}
            onRemoveLastPoint={() => setPoints((current) => current.slice(0, -1))}
          />
          <p className="widget-caption">
            {editingLocked ? 'Pause to edit the points.' : 'Click to add a point of the selected class (Shift+click: the other class). Editing points restarts training.'}
          </p>
        </div>
        <div>
          <table className="readout-table" aria-label="Perceptron read-out">
            <tbody>
              <tr>
                <th scope="row">Step</th>
                <td>{state.step}</td>
              </tr>
              <tr>
                <th scope="row">Loss ½·mean(y−t)²</th>
                <td>{formatNumber(state.latestLoss, 4)}</td>
              </tr>
              <tr>
                <th scope="row">w₁</th>
                <td>{formatNumber(line?.w1)}</td>
              </tr>
              <tr>
                <th scope="row">w₂</th>
                <td>{formatNumber(line?.w2)}</td>
              </tr>
              <tr>
                <th scope="row">b</th>
                <td>{formatNumber(line?.b)}</td>
              </tr>
              <tr>
                <th scope="row">Points on the right side</th>
                <td>{accuracy === null ? '–' : `${Math.round(accuracy * 100)}%`}</td>
              </tr>
            </tbody>
          </table>
          <LineChart
            title="Training loss per step"
            xLabel="Step"
            yLabel="Loss"
            series={[{ id: 'train', label: 'Training loss', X: state.trainLoss.steps, Y: state.trainLoss.values, color: 'var(--accent)' }]}
          />
        </div>
      </div>
    </TrainingWidgetFrame>
  );
}
