import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import katex from 'katex';
import { ImageGrid, type GridImage } from '../../charts/image-grid';
import { LineChart } from '../../charts/line-chart';
import { gradCam } from '../../core/math/grad-cam';
import { unitGrid, upsampleAligned, type UnitGrid } from '../../core/math/feature-map-placement';
import { ascentStep, blur3x3, meanOfRows, occlusionGrid, occlusionMap, smoothGradInputs, type OcclusionGrid } from '../../core/math/explanations';
import { useLearnerModel } from '../../hooks/use-learner-model';
import type { DatasetName } from '../../core/data/dataset-chunks';
import type { LayerSummary } from '../../core/nn/network-spec';
import type { ReadoutRequests, ReadoutValues, TrainingSessionConfig } from '../../engine/engine-types';
import type { ReadoutValue } from '../../core/training/readouts';
import { useDataset } from '../../hooks/use-dataset';
import { useNearViewport } from '../../hooks/use-near-viewport';
import { usePretrainedModel } from '../../hooks/use-pretrained-model';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { useTrainingRun, type TrainingRunData } from '../../hooks/use-training-run';
import type { DatasetSplit } from '../../core/data/load-dataset';
import { DrawingPad } from '../../ui/drawing-pad';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';
import { LoadingWidgetFrame } from '../../ui/loading-widget-frame';
import { NumberField } from '../../ui/number-field';
import { PillChoices } from '../../ui/pill-choices';
import { SelectField } from '../../ui/select-field';
import { SliderField } from '../../ui/slider-field';
import { WidgetFrame, type WidgetState } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  ASCENT,
  DEFAULT_SETTINGS,
  FILL_VALUES,
  IMAGE_SIDE,
  IMAGE_SIZE,
  LIMITS,
  METHOD_LABELS,
  MODEL_OPTIONS,
  SETTINGS_SCHEMA,
  TEST_IMAGES,
  absolute,
  argmax,
  ascentStart,
  channelOf,
  clampToNetwork,
  datasetOf,
  describeNetwork,
  explainedClass,
  formatMs,
  gradCamLayer,
  isLearnerModel,
  maxOf,
  overlayRgba,
  softmax,
  testImage,
  tinyDataset,
  type ExplainedNetwork,
  type ExplainerModel,
  type ExplainerSettings,
  type MethodName,
} from './cnn-explainer-state';
import './cnn-explainer.css';

interface CnnExplainerProps {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const SPLITS = ['test'] as const;
const FIRST_IMAGES = { test: TEST_IMAGES };
const PRETRAINED: Record<DatasetName, 'lenet5-mnist' | 'fashion-cnn'> = { mnist: 'lenet5-mnist', 'fashion-mnist': 'fashion-cnn' } as Record<
  DatasetName,
  'lenet5-mnist' | 'fashion-cnn'
>;
const DATASET_LABEL: Partial<Record<DatasetName, string>> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
const TINY_DATASET = 8;
const EMPTY_READOUTS: ReadoutRequests = {};

const tex = (source: string) => katex.renderToString(source, { displayMode: true, throwOnError: false, strict: 'ignore' });
const FORMULAS = {
  activations: tex(String.raw`A^{(l)} = \mathrm{ReLU}\big(W^{(l)} * A^{(l-1)} + b^{(l)}\big),\quad A^{(0)} = x`),
  saliency: tex(String.raw`M_{ij} = \left|\frac{\partial y_c}{\partial x_{ij}}\right|`),
  smoothgrad: tex(
    String.raw`\hat M(x) = \left|\frac{1}{n}\sum_{i=1}^{n} \frac{\partial y_c}{\partial x}\Big|_{x+\varepsilon_i}\right|,\quad \varepsilon_i \sim \mathcal N(0,\sigma^2 I)`,
  ),
  gradcam: tex(String.raw`\alpha_k = \frac{1}{Z}\sum_{i,j}\frac{\partial y_c}{\partial A_{ijk}},\qquad L_{ij} = \mathrm{ReLU}\Big(\sum_k \alpha_k A_{ijk}\Big)`),
  occlusion: tex(String.raw`S_{ij} = \operatorname{mean}_{P \ni (i,j)}\big(y_c(x) - y_c(x \text{ with patch } P \text{ filled})\big)`),
  ascent: tex(
    String.raw`x \leftarrow \mathrm{clip}_{[0,1]}\Big((1-\lambda)\,x + \eta\,\frac{g}{\mathrm{rms}(g)}\Big),\quad g = \frac{\partial a}{\partial x},\ a = z_k \text{ (before the ReLU)},\ \text{blur every ${ASCENT.blurEvery} steps}`,
  ),
};

function Formula({ html }: { html: string }) {
  return <div className="cnn-explainer-formula" dangerouslySetInnerHTML={{ __html: html }} />;
}

/**
 * CNN explainer: for a shipped network (LeNet-5 on MNIST, the Fashion-MNIST CNN) or the learner's own, and a test
 * image or a drawing, it shows every layer's activations, the first layer's filters, saliency and SmoothGrad,
 * Grad-CAM, occlusion sensitivity and activation maximization, each with its formula, its caveat and the time it took.
 * The network runs in the training engine's worker (never trained: read-outs only).
 */
export function CnnExplainer({ instance }: CnnExplainerProps) {
  const names = widgetInstanceNames('cnn-explainer', 'explain', instance);
  const shared = useSharedSettings<ExplainerSettings>(names.shareNamespace, SETTINGS_SCHEMA, DEFAULT_SETTINGS);
  const settings = shared.values;
  const { setValues } = shared;
  const update = useCallback((changes: Partial<ExplainerSettings>) => setValues((current) => ({ ...current, ...changes })), [setValues]);
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearViewport(rootRef);

  const mnistLearner = useLearnerModel('mnist', near);
  const fashionLearner = useLearnerModel('fashion-mnist', near);
  const learnerFor = (model: ExplainerModel) => (model === 'mine-mnist' ? mnistLearner : model === 'mine-fashion-mnist' ? fashionLearner : null);
  const missingLearner = isLearnerModel(settings.model) && !learnerFor(settings.model);
  const dataset = datasetOf(settings.model);
  const { load, retry } = useDataset(dataset, SPLITS, near, FIRST_IMAGES);
  const pretrained = usePretrainedModel(PRETRAINED[dataset], near && (!isLearnerModel(settings.model) || missingLearner));
  const learner = learnerFor(settings.model);
  const explained: ExplainedNetwork | null = learner ?? (pretrained.load.status === 'loaded' ? pretrained.load.model : null);
  const modelKey = learner ? `${settings.model}@${learner.savedAt}` : PRETRAINED[dataset];
  const split = load.status === 'loaded' ? load.splits[0] : null;
  const options = MODEL_OPTIONS.filter((option) => !option.learner || learnerFor(option.value)).map(({ value, label }) => ({ value, label }));

  const error = load.status === 'failed' ? load.message : pretrained.load.status === 'failed' ? `The network could not be loaded: ${pretrained.load.message}` : null;
  const ready = split && explained;
  return (
    <div ref={rootRef}>
      {ready ? (
        <ExplainerBody
          key={modelKey}
          names={names}
          settings={settings}
          update={update}
          problems={shared.problems}
          split={split}
          explained={explained}
          options={options}
          missingLearner={missingLearner}
        />
      ) : (
        <LoadingWidgetFrame
          widgetId="cnn-explainer"
          domId={names.domId}
          title="Explaining a CNN: what did it look at?"
          problems={shared.problems}
          error={error}
          onRetry={() => {
            retry();
            pretrained.retry();
          }}
          label={`Loading the ${DATASET_LABEL[dataset] ?? dataset} test images and the network…`}
          fraction={load.status === 'loading' ? load.fraction : null}
        />
      )}
    </div>
  );
}

interface BodyProps {
  names: ReturnType<typeof widgetInstanceNames>;
  settings: ExplainerSettings;
  update: (changes: Partial<ExplainerSettings>) => void;
  problems: readonly string[];
  split: DatasetSplit;
  explained: ExplainedNetwork;
  options: Array<{ value: ExplainerModel; label: string }>;
  missingLearner: boolean;
}

interface MethodResult {
  signature: string;
  ms: number;
  values: ReadoutValues;
  grid?: OcclusionGrid;
  classIndex?: number;
}

interface Job {
  id: string;
  method: MethodName | 'ascent';
  signature: string;
  requests: ReadoutRequests;
  sentAt: number;
  grid?: OcclusionGrid;
  classIndex?: number;
}

interface AscentState {
  running: boolean;
  step: number;
  total: number;
  image: Float32Array;
  layer: number;
  unit: number;
  isClass: boolean;
  /** True: the channel's centre neuron; false: its mean over the map (or a class score). */
  centre: boolean;
  description: string;
  values: number[];
  ms: number[];
}

function ExplainerBody({ names, settings, update, problems, split, explained, options, missingLearner }: BodyProps) {
  const { summary, convLayers } = useMemo(() => describeNetwork(explained.network), [explained.network]);
  const camLayer = useMemo(() => gradCamLayer(summary), [summary]);
  const classNames = split.classNames;
  const classCount = classNames.length;
  const index = Math.min(settings.index, split.count - 1);
  const [drawing, setDrawing] = useState<{ pixels: Float32Array; version: number } | null>(null);
  const image = useMemo(() => (settings.source === 'test' ? testImage(split.images, index) : (drawing?.pixels ?? null)), [settings.source, split, index, drawing]);
  const imageKey = settings.source === 'test' ? `test-${index}` : `drawing-${drawing?.version ?? 0}`;
  const truth = settings.source === 'test' ? split.labels[index] : null;

  const data = useMemo<TrainingRunData>(
    () => ({ train: tinyDataset(split.images, split.labels, Math.min(TINY_DATASET, split.count), classCount), validation: null }),
    [split, classCount],
  );
  const config = useMemo<TrainingSessionConfig>(
    () => ({
      network: explained.network,
      loss: 'softmax-cross-entropy',
      learningRate: 0.01,
      batchSize: TINY_DATASET,
      seed: 1,
      recordEvery: 1,
      evaluateEvery: 0,
      initialParameters: explained.parameters,
    }),
    [explained],
  );
  const [job, setJob] = useState<Job | null>(null);
  const [lastRequests, setLastRequests] = useState<ReadoutRequests>(EMPTY_READOUTS);
  const run = useTrainingRun({ active: true, data, config, readouts: lastRequests });
  const engineReady = run.state.status === 'ready' || run.state.status === 'paused';
  const [results, setResults] = useState<Partial<Record<MethodName, MethodResult>>>({});
  const [ascent, setAscent] = useState<AscentState | null>(null);
  const counter = useRef(0);

  const forward = results.forward && results.forward.signature === imageKey ? results.forward : null;
  const logits = forward ? (forward.values.out as Extract<ReadoutValue, { kind: 'outputs' }>).values : null;
  const probabilities = useMemo(() => (logits ? softmax(logits) : null), [logits]);
  const predicted = logits ? argmax(logits) : 0;
  const classIndex = explainedClass(settings.classIndex, predicted, classCount);
  const { layer: ascentLayer, channel: ascentChannel, convLayer } = clampToNetwork(settings, summary, convLayers);

  // The next job: the running ascent first, then the first method whose result is missing or stale.
  useEffect(() => {
    if (job || !engineReady || !image) return;
    const id = `j${++counter.current}`;
    const start = (method: Job['method'], signature: string, requests: ReadoutRequests, extra: Partial<Job> = {}) => {
      const keyed: ReadoutRequests = {};
      for (const [name, request] of Object.entries(requests)) keyed[`${id}:${name}`] = request;
      setJob({ id, method, signature, requests: keyed, sentAt: performance.now(), ...extra });
      setLastRequests(keyed);
    };
    const one = { inputs: image, count: 1 };
    if (ascent?.running) {
      const inputs = { inputs: ascent.image, count: 1 };
      start('ascent', String(ascent.step), {
        grad: { kind: 'unit-input-gradient', layer: ascent.layer, unit: ascent.unit, position: ascent.centre ? 'centre' : 'mean', ...inputs },
      });
      return;
    }
    const stale = (method: MethodName, signature: string) => results[method]?.signature !== signature;
    if (stale('forward', imageKey)) {
      start('forward', imageKey, {
        out: { kind: 'outputs', ...one },
        act: { kind: 'activations', layers: summary.map((layer) => layer.index), ...one },
        filters: { kind: 'parameters', layers: convLayers.slice(0, 1) },
      });
      return;
    }
    const base = `${imageKey}|${classIndex}`;
    if (stale('saliency', base)) return start('saliency', base, { grad: { kind: 'input-gradient', outputIndex: classIndex, ...one } }, { classIndex });
    const smoothKey = `${base}|${settings.samples}|${settings.noise}|${settings.seed}`;
    if (stale('smoothgrad', smoothKey)) {
      const inputs = smoothGradInputs(image, settings.samples, settings.noise, settings.seed);
      return start('smoothgrad', smoothKey, { grad: { kind: 'input-gradient', outputIndex: classIndex, inputs, count: settings.samples } }, { classIndex });
    }
    if (camLayer !== null && stale('gradcam', base))
      return start('gradcam', base, { cam: { kind: 'layer-gradient', layer: camLayer, outputIndex: classIndex, ...one } }, { classIndex });
    const patch = Math.min(settings.patch, IMAGE_SIDE);
    const occlusionKey = `${base}|${patch}|${settings.stride}|${settings.fill}`;
    if (stale('occlusion', occlusionKey)) {
      const grid = occlusionGrid(image, IMAGE_SIDE, IMAGE_SIDE, patch, settings.stride, FILL_VALUES[settings.fill]);
      return start('occlusion', occlusionKey, { out: { kind: 'outputs', inputs: grid.inputs, count: grid.corners.length } }, { grid, classIndex });
    }
  }, [
    job,
    engineReady,
    image,
    imageKey,
    ascent,
    results,
    summary,
    convLayers,
    classIndex,
    camLayer,
    settings.samples,
    settings.noise,
    settings.seed,
    settings.patch,
    settings.stride,
    settings.fill,
  ]);

  // A job's answer: every read-out it asked for has arrived.
  useEffect(() => {
    if (!job) return;
    const keys = Object.keys(job.requests);
    if (!keys.every((key) => run.state.readouts[key] !== undefined)) return;
    const ms = performance.now() - job.sentAt;
    const values: ReadoutValues = {};
    for (const key of keys) values[key.slice(job.id.length + 1)] = run.state.readouts[key];
    setJob(null);
    if (job.method === 'ascent') {
      setAscent((current) => {
        if (!current || String(current.step) !== job.signature) return current;
        const gradient = (values.grad as Extract<ReadoutValue, { kind: 'unit-input-gradient' }>).values;
        const activation = (values.grad as Extract<ReadoutValue, { kind: 'unit-input-gradient' }>).objective[0];
        let next = ascentStep(current.image, gradient, ASCENT.stepSize, ASCENT.decay);
        if ((current.step + 1) % ASCENT.blurEvery === 0) next = blur3x3(next, IMAGE_SIDE, IMAGE_SIDE);
        const step = current.step + 1;
        return { ...current, image: next, step, running: current.running && step < current.total, values: [...current.values, activation], ms: [...current.ms, ms] };
      });
      return;
    }
    setResults((current) => ({ ...current, [job.method]: { signature: job.signature, ms, values, grid: job.grid, classIndex: job.classIndex } }));
  }, [job, run.state.readouts]);

  const startAscent = () => {
    const isClass = settings.target === 'class';
    const layer = isClass ? summary.length - 1 : ascentLayer;
    if (layer < 0) return;
    const unit = isClass ? classIndex : ascentChannel;
    const centre = settings.target === 'unit';
    const description = isClass
      ? `class ${classNames[unit] ?? unit} (output score y_c)`
      : `${centre ? 'the centre neuron of ' : 'the mean of '}channel ${unit} of conv layer ${convLayer} (${summary[layer].name})`;
    setAscent({ running: true, step: 0, total: settings.steps, image: ascentStart(settings.seed), layer, unit, isClass, centre, description, values: [], ms: [] });
  };
  const stopAscent = () => setAscent((current) => (current ? { ...current, running: false } : current));

  const busy = job !== null || !engineReady;
  const state: WidgetState = run.state.status === 'error' ? 'error' : !engineReady ? 'loading' : 'ready';
  const className = (label: number) => classNames[label] ?? String(label);
  const datasetLabel = DATASET_LABEL[split.name] ?? split.name;
  const step = (delta: number) => update({ index: (((index + delta) % split.count) + split.count) % split.count, source: 'test' });
  const current = (method: MethodName, signature: string) => (results[method]?.signature === signature ? results[method] : null);
  const base = `${imageKey}|${classIndex}`;
  const saliency = current('saliency', base);
  const smooth = current('smoothgrad', `${base}|${settings.samples}|${settings.noise}|${settings.seed}`);
  const cam = current('gradcam', base);
  const occlusion = current('occlusion', `${base}|${Math.min(settings.patch, IMAGE_SIDE)}|${settings.stride}|${settings.fill}`);
  const classOptions = [
    { value: '-1', label: `Predicted${logits ? ` (${className(predicted)})` : ''}` },
    ...classNames.map((name, label) => ({ value: String(label), label: `${label}: ${name}` })),
  ];
  const timings = (['forward', 'saliency', 'smoothgrad', 'gradcam', 'occlusion'] as MethodName[]).map((method) => ({ method, ms: results[method]?.ms ?? null }));
  const ascentMs = ascent && ascent.ms.length > 0 ? ascent.ms.reduce((a, b) => a + b, 0) / ascent.ms.length : null;

  return (
    <WidgetFrame
      widgetId="cnn-explainer"
      domId={names.domId}
      title="Explaining a CNN: what did it look at?"
      state={state}
      backend={run.state.backend?.backend}
      error={run.state.status === 'error' ? run.state.message : null}
      badges={busy ? <span className="cnn-explainer-busy">computing…</span> : null}
    >
      <LinkProblemsNotice problems={problems} />
      {missingLearner ? <p className="widget-notice">No network of yours is kept in this browser for that dataset yet, so the course’s network is shown.</p> : null}
      <div className="cnn-explainer" data-busy={busy ? 'true' : 'false'} data-testid="cnn-explainer-body">
        <div className="widget-controls cnn-explainer-controls">
          <SelectField
            label="Network"
            value={missingLearner ? (datasetOf(settings.model) === 'mnist' ? 'lenet5-mnist' : 'fashion-cnn') : settings.model}
            options={options}
            onChange={(model) => update({ model, classIndex: -1 })}
          />
          <PillChoices
            legend="Input"
            value={settings.source}
            options={[
              { value: 'test', label: 'A test image' },
              { value: 'drawing', label: 'My drawing' },
            ]}
            onChange={(source) => update({ source })}
          />
          <NumberField {...LIMITS.index} max={split.count - 1} value={index} onChange={(value) => update({ index: value, source: 'test' })} />
          <div className="button-row">
            <button type="button" className="button" onClick={() => step(-1)}>
              <span aria-hidden="true">←</span> Previous
            </button>
            <button type="button" className="button" onClick={() => step(1)}>
              Next <span aria-hidden="true">→</span>
            </button>
          </div>
          <SelectField
            label="Class to explain"
            value={String(settings.classIndex < 0 ? -1 : settings.classIndex)}
            options={classOptions}
            onChange={(value) => update({ classIndex: Number(value) })}
          />
        </div>
        <div className="cnn-explainer-input">
          {settings.source === 'drawing' ? (
            <DrawingPad label="Draw an input for the network" size={168} onChange={(pixels) => setDrawing((d) => (pixels ? { pixels, version: (d?.version ?? 0) + 1 } : null))} />
          ) : null}
          {image ? (
            <figure className="cnn-explainer-figure">
              <ImageGrid
                images={[{ values: image, width: IMAGE_SIDE, height: IMAGE_SIDE }]}
                colorMode="grayscale"
                domain={[0, 1]}
                pixelSize={5}
                title={settings.source === 'test' ? `${datasetLabel} test image ${index}, labelled ${className(truth ?? 0)}` : 'Your drawing, 28×28'}
              />
              <figcaption>{settings.source === 'test' ? `Test image ${index}: ${className(truth ?? 0)}` : 'Your drawing'}</figcaption>
            </figure>
          ) : (
            <p className="cnn-explainer-hint">Draw something on the pad: the explanations follow your drawing.</p>
          )}
          {probabilities ? (
            <div className="cnn-explainer-prediction" data-testid="prediction" data-class={predicted} aria-live="polite">
              <p>
                Prediction: <strong>{className(predicted)}</strong> ({(probabilities[predicted] * 100).toFixed(1)} %)
                {truth !== null ? (
                  <span className={predicted === truth ? 'cnn-explainer-right' : 'cnn-explainer-wrong'}>{predicted === truth ? ' ✓ right' : ' ✗ wrong'}</span>
                ) : null}
              </p>
              <p>
                Explaining class <strong data-testid="explained-class">{className(classIndex)}</strong>: score y<sub>c</sub> = {logits![classIndex].toFixed(2)}, probability{' '}
                {(probabilities[classIndex] * 100).toFixed(1)} %.
              </p>
            </div>
          ) : null}
        </div>

        <section className="cnn-explainer-section" aria-labelledby={`${names.domId}-act`}>
          <h4 id={`${names.domId}-act`}>
            1. Activation maps and filters <Timing ms={forward?.ms ?? null} />
          </h4>
          <Formula html={FORMULAS.activations} />
          <p className="cnn-explainer-caveat">Caveat: a map shows where a filter responded, not whether the answer depended on it.</p>
          {forward ? <ActivationMaps summary={summary} values={forward.values} convLayers={convLayers} /> : <p className="cnn-explainer-hint">Computing…</p>}
        </section>

        <section className="cnn-explainer-section" aria-labelledby={`${names.domId}-sal`}>
          <h4 id={`${names.domId}-sal`}>
            2. Saliency and SmoothGrad <Timing ms={saliency?.ms ?? null} label="saliency" /> <Timing ms={smooth?.ms ?? null} label="SmoothGrad" />
          </h4>
          <div className="cnn-explainer-formulas">
            <Formula html={FORMULAS.saliency} />
            <Formula html={FORMULAS.smoothgrad} />
          </div>
          <p className="cnn-explainer-caveat">
            Caveat: saliency shows sensitivity, not causation: which pixels would change the score most if nudged. Maps for different classes often look alike.
          </p>
          <div className="widget-controls">
            <NumberField {...LIMITS.samples} value={settings.samples} onChange={(samples) => update({ samples })} />
            <SliderField label="Noise σ" min={0} max={0.5} step={0.05} value={settings.noise} onChange={(noise) => update({ noise })} format={(v) => v.toFixed(2)} />
            <NumberField {...LIMITS.seed} value={settings.seed} onChange={(seed) => update({ seed })} />
          </div>
          <div className="cnn-explainer-row">
            {saliency ? (
              <GradientMap
                values={(saliency.values.grad as Extract<ReadoutValue, { kind: 'input-gradient' }>).values}
                rows={1}
                title={`Saliency |∂y_c/∂x| for ${className(classIndex)}`}
                caption="Saliency"
              />
            ) : null}
            {smooth ? (
              <GradientMap
                values={(smooth.values.grad as Extract<ReadoutValue, { kind: 'input-gradient' }>).values}
                rows={settings.samples}
                title={`SmoothGrad for ${className(classIndex)}, n = ${settings.samples}, σ = ${settings.noise}`}
                caption={`SmoothGrad (n = ${settings.samples}, σ = ${settings.noise.toFixed(2)})`}
              />
            ) : null}
          </div>
        </section>

        <section className="cnn-explainer-section" aria-labelledby={`${names.domId}-cam`}>
          <h4 id={`${names.domId}-cam`}>
            3. Grad-CAM <Timing ms={cam?.ms ?? null} />
          </h4>
          <Formula html={FORMULAS.gradcam} />
          <p className="cnn-explainer-caveat">
            Caveat: Grad-CAM is coarse: it has the last conv layer’s resolution, each unit laid over the pixel its receptive field is centred on.
          </p>
          {camLayer === null ? (
            <p className="cnn-explainer-hint">This network has no convolution layer.</p>
          ) : cam && image ? (
            <GradCamView
              image={image}
              value={cam.values.cam as Extract<ReadoutValue, { kind: 'layer-gradient' }>}
              layerName={summary[camLayer].name}
              className={className(classIndex)}
              grid={unitGrid(explained.network, camLayer)}
            />
          ) : null}
        </section>

        <section className="cnn-explainer-section" aria-labelledby={`${names.domId}-occ`}>
          <h4 id={`${names.domId}-occ`}>
            4. Occlusion sensitivity <Timing ms={occlusion?.ms ?? null} />
          </h4>
          <Formula html={FORMULAS.occlusion} />
          <p className="cnn-explainer-caveat">Caveat: the answer depends on the fill value: a black patch on MNIST’s black background hides nothing there.</p>
          <div className="widget-controls">
            <NumberField {...LIMITS.patch} value={settings.patch} onChange={(patch) => update({ patch })} />
            <NumberField {...LIMITS.stride} value={settings.stride} onChange={(stride) => update({ stride })} />
            <PillChoices
              legend="Patch fill"
              value={settings.fill}
              options={[
                { value: 'black', label: 'Black (0)' },
                { value: 'grey', label: 'Grey (0.5)' },
                { value: 'white', label: 'White (1)' },
              ]}
              onChange={(fill) => update({ fill })}
            />
          </div>
          {occlusion && logits && occlusion.grid ? (
            <OcclusionView
              result={occlusion}
              baseScore={logits[occlusion.classIndex ?? classIndex]}
              classIndex={occlusion.classIndex ?? classIndex}
              classCount={classCount}
              patch={Math.min(settings.patch, IMAGE_SIDE)}
              className={className(classIndex)}
            />
          ) : null}
        </section>

        <section className="cnn-explainer-section" aria-labelledby={`${names.domId}-max`}>
          <h4 id={`${names.domId}-max`}>
            5. Activation maximization <Timing ms={ascentMs} label="per step" />
          </h4>
          <Formula html={FORMULAS.ascent} />
          <p className="cnn-explainer-caveat">
            Caveat: this shows what excites a unit under a chosen prior (start, decay λ = {ASCENT.decay}, blur), not “what the network sees”. Another prior gives another picture.
          </p>
          <div className="widget-controls">
            <PillChoices
              legend="Maximize"
              value={settings.target}
              options={[
                { value: 'unit', label: 'One neuron (centre of a channel)' },
                { value: 'channel', label: 'A whole channel (mean)' },
                { value: 'class', label: 'The class score' },
              ]}
              onChange={(target) => update({ target })}
            />
            {settings.target !== 'class' ? (
              <>
                <NumberField {...LIMITS.convLayer} max={Math.max(1, convLayers.length)} value={convLayer} onChange={(value) => update({ convLayer: value })} />
                <NumberField
                  {...LIMITS.channel}
                  max={ascentLayer >= 0 ? summary[ascentLayer].outputShape[summary[ascentLayer].outputShape.length - 1] - 1 : 0}
                  value={ascentChannel}
                  onChange={(value) => update({ channel: value })}
                />
              </>
            ) : (
              <p className="cnn-explainer-hint">Class: {className(classIndex)} (the class chosen above).</p>
            )}
            <NumberField {...LIMITS.steps} value={settings.steps} onChange={(steps) => update({ steps })} />
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={startAscent} disabled={!engineReady || ascent?.running === true}>
                Start ascent
              </button>
              <button type="button" className="button" onClick={stopAscent} disabled={!ascent?.running}>
                Stop
              </button>
            </div>
          </div>
          {ascent ? <AscentView ascent={ascent} /> : null}
        </section>

        <table className="cnn-explainer-timings" data-testid="timings">
          <caption>Time per method on this network ({run.state.backend?.backend ?? 'starting'}), read-out round trip</caption>
          <tbody>
            {timings.map(({ method, ms }) => (
              <tr key={method} data-method={method} data-ms={ms === null ? '' : ms.toFixed(1)}>
                <th scope="row">{METHOD_LABELS[method]}</th>
                <td>{ms === null ? '–' : formatMs(ms)}</td>
              </tr>
            ))}
            <tr data-method="ascent" data-ms={ascentMs === null ? '' : ascentMs.toFixed(1)}>
              <th scope="row">{METHOD_LABELS.ascent}</th>
              <td>{ascentMs === null ? '–' : formatMs(ascentMs)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </WidgetFrame>
  );
}

function Timing({ ms, label }: { ms: number | null; label?: string }) {
  if (ms === null) return null;
  return (
    <span className="cnn-explainer-timing">
      {label ? `${label}: ` : ''}
      {formatMs(ms)}
    </span>
  );
}

const mapSide = (side: number) => Math.max(1, Math.round(56 / side));

/** Every layer's activations as small multiples (flatten layers skipped: the same numbers as the layer before), and the first conv layer's filters. */
const ActivationMaps = memo(function ActivationMaps({ summary, values, convLayers }: { summary: LayerSummary[]; values: ReadoutValues; convLayers: number[] }) {
  const act = values.act as Extract<ReadoutValue, { kind: 'activations' }>;
  const filters = values.filters as Extract<ReadoutValue, { kind: 'parameters' }>;
  const layers = useMemo(
    () =>
      act.layers
        .filter(({ layer }) => summary[layer].layer.kind !== 'flatten')
        .map(({ layer, shape, values: data }) => {
          const outputShape = summary[layer].outputShape;
          if (outputShape.length === 3) {
            const [height, width, channels] = outputShape;
            const images: GridImage[] = Array.from({ length: channels }, (_, channel) => ({
              values: channelOf(data, height * width, channels, channel),
              width,
              height,
              label: `channel ${channel}`,
            }));
            return { layer, name: summary[layer].name, shape: outputShape, images, pixelSize: mapSide(Math.max(height, width)) };
          }
          const units = data.length / Math.max(1, shape[0]);
          return {
            layer,
            name: summary[layer].name,
            shape: outputShape,
            images: [{ values: data.subarray(0, units), width: units, height: 1, label: 'units' }],
            pixelSize: units > 100 ? 4 : 8,
          };
        }),
    [act, summary],
  );
  const kernel = convLayers.length > 0 ? filters.parameters.find((parameter) => parameter.layer === convLayers[0] && parameter.name === 'kernel') : undefined;
  const filterImages = useMemo(() => {
    if (!kernel) return [];
    const [kh, kw, inChannels, count] = kernel.shape;
    return Array.from({ length: count }, (_, f) => {
      const out = new Float32Array(kh * kw);
      for (let p = 0; p < kh * kw; p++) out[p] = kernel.values[p * inChannels * count + f];
      return { values: out, width: kw, height: kh, label: `filter ${f}` };
    });
  }, [kernel]);
  return (
    <div className="cnn-explainer-layers">
      {filterImages.length > 0 ? (
        <figure className="cnn-explainer-layer">
          <figcaption>
            Learned filters of the first conv layer ({filterImages.length} × {filterImages[0].width}×{filterImages[0].height}; blue negative, red positive)
          </figcaption>
          <ImageGrid images={filterImages} colorMode="diverging" pixelSize={Math.round(48 / filterImages[0].width)} title="Learned filters of the first conv layer" />
        </figure>
      ) : null}
      {layers.map((layer) => (
        <figure key={layer.layer} className="cnn-explainer-layer">
          <figcaption>
            Layer {layer.layer + 1}: {layer.name} → {layer.shape.join('×')}
          </figcaption>
          <ImageGrid
            images={layer.images}
            colorMode="grayscale"
            pixelSize={layer.pixelSize}
            title={`Activations of layer ${layer.layer + 1} (${layer.name}), ${layer.shape.join('×')}`}
          />
        </figure>
      ))}
    </div>
  );
});

/** |mean of the rows| of a gradient batch as a 28×28 grey map, white = most sensitive. */
function GradientMap({ values, rows, title, caption }: { values: Float32Array; rows: number; title: string; caption: string }) {
  const map = useMemo(() => absolute(rows > 1 ? meanOfRows(values, rows, IMAGE_SIZE) : values), [values, rows]);
  const max = maxOf(map);
  return (
    <figure className="cnn-explainer-figure">
      <ImageGrid
        images={[{ values: map, width: IMAGE_SIDE, height: IMAGE_SIDE }]}
        colorMode="grayscale"
        domain={[0, max > 0 ? max : 1]}
        pixelSize={5}
        title={`${title}: largest ${max.toExponential(2)}`}
      />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** A 28×28 RGBA picture on a canvas, scaled up with crisp pixels. */
function RgbaCanvas({ rgba, label }: { rgba: Uint8ClampedArray; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const data = context.createImageData(IMAGE_SIDE, IMAGE_SIDE);
    data.data.set(rgba);
    context.putImageData(data, 0, 0);
  }, [rgba]);
  return <canvas ref={ref} width={IMAGE_SIDE} height={IMAGE_SIDE} className="cnn-explainer-canvas" role="img" aria-label={label} />;
}

function peakOf(map: Float32Array, width: number): { row: number; column: number } {
  const at = argmax(map);
  return { row: Math.floor(at / width), column: at % width };
}

function GradCamView({
  image,
  value,
  layerName,
  className,
  grid,
}: {
  image: Float32Array;
  value: Extract<ReadoutValue, { kind: 'layer-gradient' }>;
  layerName: string;
  className: string;
  /** Where the layer's units sit in the image. */
  grid: UnitGrid;
}) {
  const [, height, width, channels] = value.shape;
  const view = useMemo(() => {
    const { map } = gradCam(value.activations, value.gradient, height, width, channels);
    const up = upsampleAligned(map, height, width, IMAGE_SIDE, grid.first, grid.jump);
    const rgba = new Uint8ClampedArray(IMAGE_SIZE * 4);
    const max = maxOf(up);
    overlayRgba(image, up, max, rgba);
    return { map, rgba, max: maxOf(map), peak: peakOf(map, width) };
  }, [value, image, height, width, channels, grid.first, grid.jump]);
  const label =
    view.max > 0
      ? `Grad-CAM for ${className} at ${layerName} (${height}×${width}), upsampled over the image where its units sit: strongest at row ${view.peak.row + 1}, column ${view.peak.column + 1} of ${height}×${width}`
      : `Grad-CAM for ${className} at ${layerName} is zero everywhere (no channel pushes this class up here)`;
  return (
    <div className="cnn-explainer-row">
      <figure className="cnn-explainer-figure">
        <RgbaCanvas rgba={view.rgba} label={label} />
        <figcaption>Over the image (yellow → red: more)</figcaption>
      </figure>
      <figure className="cnn-explainer-figure">
        <ImageGrid
          images={[{ values: view.map, width, height }]}
          colorMode="grayscale"
          domain={[0, view.max > 0 ? view.max : 1]}
          pixelSize={Math.round(140 / width)}
          title={`Grad-CAM map at its own resolution, ${height}×${width}`}
        />
        <figcaption>
          At {layerName}’s resolution: {height}×{width}
        </figcaption>
      </figure>
    </div>
  );
}

function OcclusionView({
  result,
  baseScore,
  classIndex,
  classCount,
  patch,
  className,
}: {
  result: MethodResult;
  baseScore: number;
  classIndex: number;
  classCount: number;
  patch: number;
  className: string;
}) {
  const out = result.values.out as Extract<ReadoutValue, { kind: 'outputs' }>;
  const grid = result.grid!;
  const map = useMemo(() => {
    const scores = new Float32Array(grid.corners.length);
    for (let n = 0; n < scores.length; n++) scores[n] = out.values[n * classCount + classIndex];
    return occlusionMap(grid, baseScore, scores, IMAGE_SIDE, IMAGE_SIDE, patch);
  }, [out, grid, baseScore, classIndex, classCount, patch]);
  const peak = peakOf(map, IMAGE_SIDE);
  return (
    <div className="cnn-explainer-row">
      <figure className="cnn-explainer-figure">
        <ImageGrid
          images={[{ values: map, width: IMAGE_SIDE, height: IMAGE_SIDE }]}
          colorMode="diverging"
          pixelSize={5}
          title={`Occlusion map for ${className}, ${grid.corners.length} patched copies: the score drops most (by ${map[peak.row * IMAGE_SIDE + peak.column].toFixed(2)}) around row ${peak.row + 1}, column ${peak.column + 1}`}
          showLegend
        />
        <figcaption>
          Drop in y<sub>c</sub> ({grid.corners.length} copies; red: covering it lowers the score)
        </figcaption>
      </figure>
    </div>
  );
}

function AscentView({ ascent }: { ascent: AscentState }) {
  const series = useMemo(() => [{ id: 'activation', label: 'Objective a (before the ReLU)', X: ascent.values.map((_, i) => i), Y: ascent.values }], [ascent.values]);
  const last = ascent.values.length > 0 ? ascent.values[ascent.values.length - 1] : null;
  const first = ascent.values.length > 0 ? ascent.values[0] : null;
  return (
    <div
      className="cnn-explainer-row"
      data-testid="ascent"
      data-step={ascent.step}
      data-running={ascent.running ? 'true' : 'false'}
      data-first={first ?? ''}
      data-last={last ?? ''}
    >
      <figure className="cnn-explainer-figure">
        <ImageGrid
          images={[{ values: ascent.image, width: IMAGE_SIDE, height: IMAGE_SIDE }]}
          colorMode="grayscale"
          domain={[0, 1]}
          pixelSize={5}
          title={`Image grown by gradient ascent for ${ascent.description}, step ${ascent.step}`}
        />
        <figcaption>
          Step {ascent.step} of {ascent.total}
          {ascent.running ? '…' : ''}
        </figcaption>
      </figure>
      <div className="cnn-explainer-chart">
        <LineChart series={series} xLabel="Ascent step" yLabel="Objective a" title={`Objective a (pre-activation) of ${ascent.description} during the ascent`} height={180} />
        <p className="cnn-explainer-hint" aria-live="polite">
          {ascent.description}: {first === null ? '…' : `${first.toFixed(3)} at the start → ${last!.toFixed(3)} at step ${ascent.values.length - 1}`}
        </p>
      </div>
    </div>
  );
}
