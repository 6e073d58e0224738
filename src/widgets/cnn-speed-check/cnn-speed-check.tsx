import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { numberSetting } from '../../core/url/shared-settings';
import { useDataset } from '../../hooks/use-dataset';
import { useTrainingRun } from '../../hooks/use-training-run';
import { NumberField } from '../../ui/number-field';
import { TrainingWidgetFrame, type WidgetDataStatus } from '../training-shell/training-widget-frame';
import { useTrainingWidget } from '../training-shell/use-training-widget';
import { LossCurves } from '../training-shell/loss-curves';
import { digitClassification, examplesPerSecond, lenetSpeedCheckConfig, type StepSample } from './cnn-speed-check-state';

const LEARNING_RATE = { label: 'Learning rate', min: 0.0001, max: 10 };
const BATCH_SIZE = { label: 'Batch size', min: 1, max: 512, integer: true };
const SPLITS = ['train', 'validation'] as const;
/** Validation every 25 steps on the first 1,000 of the 6,000 validation digits: enough for the curve, cheap enough not to slow the check. */
const VALIDATION_IMAGES = 1000;
const SEED = 1;

interface CnnSpeedCheckProps {
  learningRate?: number;
  batchSize?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

interface Settings {
  learningRate: number;
  batchSize: number;
}

const settingsSchema = { learningRate: numberSetting(LEARNING_RATE), batchSize: numberSetting(BATCH_SIZE) };

const percent = (value: number | undefined) => (value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);

/**
 * Widget "cnn-speed-check": LeNet-5 trained live on MNIST, with the examples per second and the Train → first
 * step time measured here, on whichever backend runs it (Auto, or the learner's pick in the badge). It shows
 * what the backend policy chose for a convolutional network in this browser, and lets the learner compare.
 */
export function CnnSpeedCheck({ learningRate = 0.05, batchSize = 64, instance }: CnnSpeedCheckProps) {
  const widget = useTrainingWidget<Settings>({ widgetId: 'cnn-speed-check', shareKey: 'speed', instance, settingsSchema, defaultSettings: { learningRate, batchSize } });
  const { settings, updateSettings: update } = widget;
  const { load, retry } = useDataset('mnist', SPLITS, widget.near);
  const data = useMemo(
    () => (load.status === 'loaded' ? { train: digitClassification(load.splits[0]), validation: digitClassification(load.splits[1], VALIDATION_IMAGES) } : null),
    [load],
  );
  const config = useMemo(() => lenetSpeedCheckConfig(settings.learningRate, settings.batchSize, SEED), [settings.learningRate, settings.batchSize]);
  const run = useTrainingRun({ active: widget.near, data, config });
  const { state } = run;

  // Throughput: the step count seen at each drawing while training, over the last three seconds.
  const samples = useRef<StepSample[]>([]);
  const [rate, setRate] = useState<number | null>(null);
  useEffect(() => {
    if (state.status !== 'training') {
      samples.current = [];
      return;
    }
    samples.current.push({ ms: performance.now(), step: state.step });
    if (samples.current.length > 200) samples.current.splice(0, 100);
    setRate(examplesPerSecond(samples.current, settings.batchSize));
  }, [state.status, state.step, settings.batchSize]);

  // Train → first step: from the click to the first report of a step beyond the one training started from.
  const trainClick = useRef<{ ms: number; step: number } | null>(null);
  const [firstStepMs, setFirstStepMs] = useState<number | null>(null);
  const { train } = run;
  const timedTrain = useCallback(() => {
    trainClick.current = { ms: performance.now(), step: state.step };
    train();
  }, [train, state.step]);
  useEffect(() => {
    const click = trainClick.current;
    if (click && state.step > click.step) {
      setFirstStepMs(performance.now() - click.ms);
      trainClick.current = null;
    }
  }, [state.step]);
  useEffect(() => {
    setRate(null);
    setFirstStepMs(null);
  }, [state.backend]);

  const lastAccuracy = state.validation.accuracy[state.validation.accuracy.length - 1];
  const dataStatus: WidgetDataStatus =
    load.status === 'failed'
      ? { status: 'failed', message: load.message, retry }
      : load.status === 'loading' || load.status === 'idle'
        ? { status: 'loading', label: 'Downloading MNIST…', fraction: load.status === 'loading' ? load.fraction : null }
        : { status: 'loaded' };

  return (
    <TrainingWidgetFrame
      widget={widget}
      run={{ ...run, train: timedTrain }}
      title="LeNet-5 on MNIST: how fast does this browser train it?"
      dataStatus={dataStatus}
      controls={
        <>
          <NumberField {...LEARNING_RATE} value={settings.learningRate} onChange={(value) => update({ learningRate: value })} />
          <NumberField {...BATCH_SIZE} value={settings.batchSize} onChange={(value) => update({ batchSize: value })} hint="images per step" />
        </>
      }
    >
      <div className="widget-body">
        <dl className="speed-readouts" aria-live="off">
          <div>
            <dt>Examples per second</dt>
            <dd data-testid="examples-per-second">{rate === null ? 'press Train' : Math.round(rate).toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Train → first step</dt>
            <dd data-testid="first-step-ms">{firstStepMs === null ? '–' : `${Math.round(firstStepMs)} ms`}</dd>
          </div>
          <div>
            <dt>Step · epoch</dt>
            <dd>
              {state.step} · {state.epoch.toFixed(2)}
            </dd>
          </div>
          <div>
            <dt>Validation accuracy</dt>
            <dd>{percent(lastAccuracy)}</dd>
          </div>
        </dl>
        <LossCurves state={state} title="Loss: training batches and validation images" validationLabel="Validation loss" height={200} />
      </div>
    </TrainingWidgetFrame>
  );
}
