import { useMemo, useRef } from 'react';
import { ImageGrid } from '../../charts/image-grid';
import { LineChart } from '../../charts/line-chart';
import { choiceSetting, numberSetting } from '../../core/url/shared-settings';
import { useDataset } from '../../hooks/use-dataset';
import { useNearViewport } from '../../hooks/use-near-viewport';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { useTrainingRun } from '../../hooks/use-training-run';
import { BackendBadge, BackendReason, backendNotice } from '../../ui/backend-badge';
import { LoadingProgress } from '../../ui/loading-progress';
import { NumberField } from '../../ui/number-field';
import { SelectField } from '../../ui/select-field';
import { TrainingControls } from '../../ui/training-controls';
import { WidgetFrame } from '../../ui/widget-frame';
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

const percent = (value: number | undefined) => (value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);

/**
 * Widget "image-perceptron": a 784-input perceptron trained live on two MNIST digits picked by the
 * learner. Its weights are drawn as a 28×28 template; held-out (validation) accuracy is measured on
 * images it never trains on.
 */
export function ImagePerceptron({ classA = 0, classB = 1, learningRate = 0.1, batchSize = 32 }: ImagePerceptronProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearViewport(rootRef);
  const { values: settings, setValues: setSettings, problems } = useSharedSettings<Settings>('image-perceptron', settingsSchema, {
    classA: String(classA) as DigitText,
    classB: String(classB) as DigitText,
    learningRate,
    batchSize,
  });
  const { load, retry } = useDataset('mnist', SPLITS, near);
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
  const run = useTrainingRun({ active: near, data, config });
  const { state } = run;
  const weights = state.parameters?.kernels[0];
  const lastAccuracy = state.validation.accuracy[state.validation.accuracy.length - 1];
  const samples = useMemo(() => (data ? sampleIndices(data.validation.count, 10) : []), [data]);
  const update = (patch: Partial<Settings>) => setSettings((current) => ({ ...current, ...patch }));
  const locked = state.status === 'training';
  const notice = backendNotice(state.backend);

  // Pixels of the sample images change only with the data; their labels change with every update.
  const samplePixels = useMemo(
    () => (data ? samples.map((index) => Float32Array.from(data.validation.inputs.subarray(index * 784, (index + 1) * 784), (v) => v / 255)) : []),
    [data, samples],
  );
  const sampleImages = useMemo(() => {
    if (!data) return [];
    return samples.map((index, i) => {
      const probability = state.parameters ? predictProbability(state.parameters, data.validation, index) : 0.5;
      const truth = data.validation.targets[index] === 1 ? digitB : digitA;
      const guess = probability > 0.5 ? digitB : digitA;
      return {
        values: samplePixels[i],
        width: 28,
        height: 28,
        label: `${guess === truth ? '✓' : '✗'} says ${guess} (${Math.round(Math.max(probability, 1 - probability) * 100)}%)`,
      };
    });
  }, [data, samples, samplePixels, state.parameters, digitA, digitB]);

  const status = load.status === 'failed' ? 'error' : state.status;
  const loadingLabel = load.status === 'loading' ? 'Downloading MNIST…' : state.loadingLabel;

  return (
    <div ref={rootRef}>
      <WidgetFrame
        widgetId="image-perceptron"
        title={`A perceptron that tells ${digitA} from ${digitB}`}
        state={sameClass ? 'ready' : status}
        backend={state.backend?.backend}
        step={state.step}
        loss={state.latestLoss ?? undefined}
        error={load.status === 'failed' ? load.message : state.message}
        badges={<BackendBadge backend={state.backend} preference={run.backendPreference} onPreferenceChange={run.setBackendPreference} />}
      >
        {problems.length > 0 ? <p className="widget-notice">This link had settings that could not be used: {problems.join('; ')}. Defaults are shown instead.</p> : null}
        {notice ? <p className="widget-notice">{notice}</p> : null}
        {load.status === 'failed' ? (
          <button type="button" className="button" onClick={retry}>
            Retry download
          </button>
        ) : null}
        <div className="widget-controls">
          <SelectField label="Class A (target 0)" value={settings.classA} options={DIGIT_OPTIONS} disabled={locked} onChange={(value) => update({ classA: value })} />
          <SelectField label="Class B (target 1)" value={settings.classB} options={DIGIT_OPTIONS} disabled={locked} onChange={(value) => update({ classB: value })} />
          <NumberField {...LEARNING_RATE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} />
          <NumberField {...BATCH_SIZE} value={settings.batchSize} onChange={(value) => update({ batchSize: value })} hint="images per step" />
          <TrainingControls state={sameClass ? 'loading' : status} onTrain={run.train} onPause={run.pause} onStep={run.step} onReset={run.reset} />
        </div>
        {sameClass ? <p className="widget-notice">Pick two different digits: a perceptron needs two classes to tell apart.</p> : null}
        {status === 'loading' && !sameClass ? (
          <LoadingProgress label={loadingLabel} fraction={load.status === 'loading' ? load.fraction : null} />
        ) : null}
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
            <LineChart
              title="Loss: training batches and held-out images"
              xLabel="Step"
              yLabel="Loss"
              series={[
                { id: 'train', label: 'Training loss (batch)', X: state.trainLoss.steps, Y: state.trainLoss.values, color: 'var(--accent)' },
                { id: 'validation', label: 'Held-out loss', X: state.validation.steps, Y: state.validation.loss, color: 'var(--class-a)', dashed: true },
              ]}
              height={180}
            />
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
        <BackendReason backend={state.backend} />
      </WidgetFrame>
    </div>
  );
}
