import { useMemo } from 'react';
import { ImageGrid } from '../../charts/image-grid';
import { LineChart } from '../../charts/line-chart';
import { findParameter } from '../../core/nn/network-spec';
import { choiceSetting, numberSetting } from '../../core/url/shared-settings';
import type { ReadoutRequests } from '../../engine/engine-types';
import { useDataset } from '../../hooks/use-dataset';
import { useTrainingRun } from '../../hooks/use-training-run';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { LossCurves } from '../training-shell/loss-curves';
import { DIGIT_OPTIONS, imagePerceptronConfig, predictProbability, sampleIndices, twoClassData, type DigitText } from './image-perceptron-state';

const LEARNING_RATE = { label: 'Learning rate', min: 0.0001, max: 100 };
const BATCH_SIZE = { label: 'Batch size', min: 1, max: 1024, integer: true };
const SPLITS = ['train', 'validation'] as const;
const SEED = 7;
const DIGITS = DIGIT_OPTIONS.map((option) => option.value);

interface ImagePerceptronProps {
  classA?: number;
  classB?: number;
  learningRate?: number;
  batchSize?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

interface Settings {
  classA: DigitText;
  classB: DigitText;
  learningRate: number;
  batchSize: number;
}

const settingsSchema = {
  classA: choiceSetting<DigitText>('Class A', DIGITS),
  classB: choiceSetting<DigitText>('Class B', DIGITS),
  learningRate: numberSetting(LEARNING_RATE),
  batchSize: numberSetting(BATCH_SIZE),
};

/** The engine reports only the neuron's weights and bias. */
const READOUTS: ReadoutRequests = { weights: { kind: 'parameters' } };

const percent = (value: number | undefined) => (value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);

/**
 * Widget "image-perceptron": a 784-input perceptron trained live on two MNIST digits picked by the
 * learner. Its weights are drawn as a 28×28 template; held-out (validation) accuracy is measured on
 * images it never trains on.
 */
export function ImagePerceptron({ classA = 0, classB = 1, learningRate = 0.1, batchSize = 32, instance }: ImagePerceptronProps) {
  const widget = useTrainingWidget<Settings>({
    widgetId: 'image-perceptron',
    shareKey: 'image-perceptron',
    instance,
    settingsSchema,
    defaultSettings: { classA: String(classA) as DigitText, classB: String(classB) as DigitText, learningRate, batchSize },
  });
  const { settings, updateSettings: update } = widget;
  const { load, retry } = useDataset('mnist', SPLITS, widget.near);
  const digitA = Number(settings.classA);
  const digitB = Number(settings.classB);
  const sameClass = digitA === digitB;

  const data = useMemo(() => {
    if (load.status !== 'loaded' || sameClass) return null;
    const [trainSplit, validationSplit] = load.splits;
    const train = twoClassData(trainSplit, digitA, digitB);
    const validation = twoClassData(validationSplit, digitA, digitB);
    return train && validation ? { train, validation } : null;
  }, [load, digitA, digitB, sameClass]);

  const config = useMemo(() => imagePerceptronConfig(settings.learningRate, settings.batchSize, SEED), [settings.learningRate, settings.batchSize]);
  const run = useTrainingRun({ active: widget.near, data, config, readouts: READOUTS });
  const { state } = run;
  const parameters = state.readouts.weights?.kind === 'parameters' ? state.readouts.weights.parameters : null;
  const weights = findParameter(parameters, 0, 'kernel');
  const lastAccuracy = state.validation.accuracy[state.validation.accuracy.length - 1];
  const samples = useMemo(() => (data ? sampleIndices(data.validation.count, 10) : []), [data]);
  const locked = state.status === 'training';

  // Pixels of the sample images change only with the data; their labels change with every update.
  const samplePixels = useMemo(
    () => (data ? samples.map((index) => Float32Array.from(data.validation.inputs.subarray(index * 784, (index + 1) * 784), (v) => v / 255)) : []),
    [data, samples],
  );
  const sampleImages = useMemo(() => {
    if (!data) return [];
    return samples.map((index, i) => {
      const probability = parameters ? predictProbability(parameters, data.validation, index) : 0.5;
      const truth = data.validation.targets[index] === 1 ? digitB : digitA;
      const guess = probability > 0.5 ? digitB : digitA;
      return {
        values: samplePixels[i],
        width: 28,
        height: 28,
        label: `${guess === truth ? '✓' : '✗'} says ${guess} (${Math.round(Math.max(probability, 1 - probability) * 100)}%)`,
      };
    });
  }, [data, samples, samplePixels, parameters, digitA, digitB]);

  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: load.message, retry }
      : load.status === 'loading'
        ? { status: 'loading', label: 'Downloading MNIST…', fraction: load.fraction }
        : { status: 'loaded' };

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={run}
      title={`A perceptron that tells ${digitA} from ${digitB}`}
      blocked={sameClass ? 'Pick two different digits: a perceptron needs two classes to tell apart.' : null}
      dataStatus={dataStatus}
      controls={
        <>
          <SelectField label="Class A (target 0)" value={settings.classA} options={DIGIT_OPTIONS} disabled={locked} onChange={(value) => update({ classA: value })} />
          <SelectField label="Class B (target 1)" value={settings.classB} options={DIGIT_OPTIONS} disabled={locked} onChange={(value) => update({ classB: value })} />
          <NumberField {...LEARNING_RATE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} />
          <NumberField {...BATCH_SIZE} value={settings.batchSize} onChange={(value) => update({ batchSize: value })} hint="images per step" />
        </>
      }
    >
      <div className="widget-body">
        <div>
          {weights ? (
            <ImageGrid
              title="Weights as a 28 by 28 template"
              images={[{ values: weights, width: 28, height: 28, label: `red: evidence for ${digitB}, blue: for ${digitA}` }]}
              colorMode="diverging"
              pixelSize={8}
            />
          ) : null}
          <p className="widget-readout">
            Step {state.step} · epoch {state.epoch.toFixed(2)} · held-out accuracy {percent(lastAccuracy)}
            {data ? ` (${data.validation.count} validation images, ${data.train.count} training images)` : ''}
          </p>
        </div>
        <div>
          <LossCurves state={state} title="Loss: training batches and held-out images" validationLabel="Held-out loss" height={180} />
          <LineChart
            title="Held-out accuracy"
            xLabel="Step"
            yLabel="Accuracy"
            series={[{ id: 'accuracy', label: 'Held-out accuracy', X: state.validation.steps, Y: state.validation.accuracy, color: 'var(--good)' }]}
            yDomain={[0, 1]}
            logScaleToggle={false}
            formatY={(v) => `${Math.round(v * 100)}%`}
            height={160}
          />
        </div>
      </div>
      {sampleImages.length > 0 ? (
        <>
          <h4 className="widget-subtitle">What it says about held-out images</h4>
          <ImageGrid title="Held-out images with the perceptron's answer" images={sampleImages} colorMode="grayscale" pixelSize={3} />
        </>
      ) : null}
    </TrainingWidgetFrame>
  );
}
