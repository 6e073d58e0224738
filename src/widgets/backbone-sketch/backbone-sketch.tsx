import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import katex from 'katex';
import { boxIoU, maskIoU, thresholdMask, tightBox, type Box } from '../../core/math/box-geometry';
import { gradCam } from '../../core/math/grad-cam';
import {
  accumulateNormalEquations,
  choleskyColumns,
  choleskySolve,
  createNormalEquations,
  finishNormalEquations,
  regularizedGram,
  type NormalEquations,
} from '../../core/math/ridge-regression';
import type { DatasetSplit } from '../../core/data/load-dataset';
import { summarizeNetwork } from '../../core/nn/network-spec';
import type { PretrainedModel } from '../../core/models/pretrained-model';
import type { ReadoutValue } from '../../core/training/readouts';
import type { ReadoutRequests, TrainingSessionConfig } from '../../engine/engine-types';
import { useDataset } from '../../hooks/use-dataset';
import { useNearViewport } from '../../hooks/use-near-viewport';
import { usePretrainedModel } from '../../hooks/use-pretrained-model';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { useTrainingRun, type TrainingRunData } from '../../hooks/use-training-run';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';
import { LoadingWidgetFrame } from '../../ui/loading-widget-frame';
import { NumberField } from '../../ui/number-field';
import { PillChoices } from '../../ui/pill-choices';
import { SliderField } from '../../ui/slider-field';
import { WidgetFrame, type WidgetState } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  BOX_TARGETS,
  CLASS_COLORS,
  DEFAULT_SETTINGS,
  EVAL_COUNT,
  EVAL_SEED,
  FEATURE_BATCH,
  IMAGE_SIZE,
  INK_THRESHOLD,
  LIMITS,
  MAX_SHIFT,
  MODEL_OPTIONS,
  SETTINGS_SCHEMA,
  SIDE,
  TEST_IMAGES,
  TRAIN_COUNT,
  TRAIN_SEED,
  argmax,
  camMask,
  datasetOf,
  featureCount,
  formatBox,
  formatIoU,
  formatMs,
  formatOffset,
  maskOverlayRgba,
  meanBox,
  meanIoU,
  poolFeatures,
  poolGrid,
  regressedBox,
  shiftedBatch,
  shiftedExample,
  type BackboneModel,
  type BackboneSettings,
} from './backbone-sketch-state';
import { unitGrid } from '../../core/math/feature-map-placement';
import './backbone-sketch.css';

interface BackboneSketchProps {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const TITLE = 'One backbone, two tasks: a box and a mask (a sketch)';
const SPLITS = ['train', 'test'] as const;
const FIRST_IMAGES = { train: TRAIN_COUNT, test: TEST_IMAGES };
const DATASET_LABEL = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' } as const;
const ENGINE_IMAGES = 8;
/** Rows of XᵀX accumulated, and Cholesky columns factored, per main-thread slice. */
const ROWS_PER_SLICE = 8;
const COLUMNS_PER_SLICE = 16;
const SCALE = 6;

const tex = (source: string) => katex.renderToString(source, { displayMode: true, throwOnError: false, strict: 'ignore' });
/** The fit and the prediction, two formulas that sit side by side where there is room and wrap on a phone. */
const RIDGE_FORMULAS = [
  tex(String.raw`W = \big(X^\top X + \lambda N\, I\big)^{-1} X^\top Y,`),
  tex(String.raw`\hat b = W^\top \phi(x) = (\hat x_0, \hat y_0, \hat x_1, \hat y_1)`),
];

/**
 * The backbone sketch: a frozen shipped classifier (LeNet-5 on MNIST, the small Fashion-MNIST CNN) serves a
 * "segmentation" (its Grad-CAM at the last conv layer, upsampled and thresholded into a coarse mask) and a "detection"
 * (a ridge-regression box head on its pooled last-conv feature map, fitted in the page on shifted training images).
 */
export function BackboneSketch({ instance }: BackboneSketchProps) {
  const names = widgetInstanceNames('backbone-sketch', 'backbone', instance);
  const shared = useSharedSettings<BackboneSettings>(names.shareNamespace, SETTINGS_SCHEMA, DEFAULT_SETTINGS);
  const { setValues } = shared;
  const update = useCallback((changes: Partial<BackboneSettings>) => setValues((current) => ({ ...current, ...changes })), [setValues]);
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearViewport(rootRef);
  const dataset = datasetOf(shared.values.model);
  const { load, retry } = useDataset(dataset, SPLITS, near, FIRST_IMAGES);
  const pretrained = usePretrainedModel(shared.values.model, near);
  const model = pretrained.load.status === 'loaded' ? pretrained.load.model : null;
  const error = load.status === 'failed' ? load.message : pretrained.load.status === 'failed' ? `The network could not be loaded: ${pretrained.load.message}` : null;
  const splits = load.status === 'loaded' ? load.splits : null;
  return (
    <div ref={rootRef}>
      {splits && model && model.id === shared.values.model ? (
        <SketchBody key={shared.values.model} names={names} settings={shared.values} update={update} problems={shared.problems} train={splits[0]} test={splits[1]} model={model} />
      ) : (
        <LoadingWidgetFrame
          widgetId="backbone-sketch"
          domId={names.domId}
          title={TITLE}
          problems={shared.problems}
          error={error}
          onRetry={() => {
            retry();
            pretrained.retry();
          }}
          label={`Loading ${DATASET_LABEL[dataset]} images and the network…`}
          fraction={load.status === 'loading' ? load.fraction : null}
        />
      )}
    </div>
  );
}

interface BodyProps {
  names: ReturnType<typeof widgetInstanceNames>;
  settings: BackboneSettings;
  update: (changes: Partial<BackboneSettings>) => void;
  problems: readonly string[];
  train: DatasetSplit;
  test: DatasetSplit;
  model: PretrainedModel;
}

type JobKind = 'probe' | 'cam' | 'train' | 'eval-forward' | 'eval-cam';
interface Job {
  id: string;
  kind: JobKind;
  signature: string;
  requests: ReadoutRequests;
  /** Training batch start, or the evaluation images of one predicted class. */
  first?: number;
  members?: number[];
  classIndex?: number;
}

/** The fit's data: pooled training features and boxes, evaluation features, CAMs and predictions. */
interface FitData {
  trainFeatures: Float64Array;
  trainBoxes: Float32Array;
  trainDone: number;
  evalPredicted: Int32Array | null;
  evalFeatures: Float64Array;
  evalCams: Array<Float32Array | null>;
  evalCamDone: number;
  startedAt: number;
  featureMs: number;
}

interface Solution {
  lambda: number;
  weights: Float64Array;
  solveMs: number;
}

type FitPhase = 'idle' | 'features' | 'solving' | 'done' | 'failed';

/** Runs a generator one step per macrotask, so that no step blocks the page long; reports each step's duration. */
function runSliced<T>(work: Generator<void, T>, onSlice: (ms: number) => void, cancelled: () => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const step = () => {
      if (cancelled()) return;
      const start = performance.now();
      try {
        const next = work.next();
        onSlice(performance.now() - start);
        if (next.done) resolve(next.value);
        else setTimeout(step, 0);
      } catch (error) {
        reject(error);
      }
    };
    setTimeout(step, 0);
  });
}

function* accumulateSlices(equations: NormalEquations, x: Float64Array, y: Float32Array, count: number): Generator<void, void> {
  const d = equations.features;
  for (let row = 0; row < count; row += ROWS_PER_SLICE) {
    const rows = Math.min(ROWS_PER_SLICE, count - row);
    accumulateNormalEquations(equations, x.subarray(row * d, (row + rows) * d), y.subarray(row * BOX_TARGETS, (row + rows) * BOX_TARGETS), rows);
    yield;
  }
  finishNormalEquations(equations);
}

function* solveSlices(equations: NormalEquations, lambda: number): Generator<void, Float64Array> {
  const d = equations.features;
  const a = regularizedGram(equations, lambda * equations.rows, [d - 1]);
  yield;
  for (let column = 0; column < d; column += COLUMNS_PER_SLICE) {
    choleskyColumns(a, d, column, column + COLUMNS_PER_SLICE);
    yield;
  }
  return choleskySolve(a, equations.moment, d, BOX_TARGETS);
}

function SketchBody({ names, settings, update, problems, train, test, model }: BodyProps) {
  const summary = useMemo(() => summarizeNetwork(model.network), [model.network]);
  const camLayer = useMemo(() => summary.filter((layer) => layer.layer.kind === 'conv2d').at(-1)!.index, [summary]);
  const [mapHeight, mapWidth, channels] = summary[camLayer].outputShape;
  const grid = poolGrid(mapHeight, mapWidth, channels);
  const units = useMemo(() => unitGrid(model.network, camLayer), [model.network, camLayer]);
  const d = featureCount(grid, channels);
  const classNames = test.classNames;
  const index = Math.min(settings.index, test.count - 1);
  const example = useMemo(() => shiftedExample(test.images, index, settings.shift), [test, index, settings.shift]);
  const imageKey = `${index}|${settings.shift}`;

  const data = useMemo<TrainingRunData>(() => {
    const inputs = new Float32Array(ENGINE_IMAGES * IMAGE_SIZE);
    for (let i = 0; i < ENGINE_IMAGES * IMAGE_SIZE; i++) inputs[i] = test.images[i] / 255;
    const targets = new Float32Array(ENGINE_IMAGES * classNames.length);
    for (let i = 0; i < ENGINE_IMAGES; i++) targets[i * classNames.length + test.labels[i]] = 1;
    return { train: { inputs, targets, count: ENGINE_IMAGES, inputSize: IMAGE_SIZE, targetSize: classNames.length }, validation: null };
  }, [test, classNames.length]);
  const config = useMemo<TrainingSessionConfig>(
    () => ({
      network: model.network,
      loss: 'softmax-cross-entropy',
      learningRate: 0.01,
      batchSize: ENGINE_IMAGES,
      seed: 1,
      recordEvery: 1,
      evaluateEvery: 0,
      initialParameters: model.parameters,
    }),
    [model],
  );
  const [job, setJob] = useState<Job | null>(null);
  const [requests, setRequests] = useState<ReadoutRequests>({});
  const run = useTrainingRun({ active: true, data, config, readouts: requests });
  const engineReady = run.state.status === 'ready' || run.state.status === 'paused';
  const counter = useRef(0);

  // The shown image: its prediction, then its CAM (and its feature map, from the same read-out).
  const [probe, setProbe] = useState<{ signature: string; logits: Float32Array } | null>(null);
  const [cam, setCam] = useState<{ signature: string; map: Float32Array; features: Float64Array } | null>(null);
  const logits = probe?.signature === imageKey ? probe.logits : null;
  const predicted = logits ? argmax(logits) : null;
  const currentCam = cam?.signature === `${imageKey}|${predicted}` ? cam : null;

  // The fit.
  const [fitRun, setFitRun] = useState(1);
  const [phase, setPhase] = useState<FitPhase>('idle');
  const [fitError, setFitError] = useState<string | null>(null);
  const fit = useRef<FitData | null>(null);
  const [equations, setEquations] = useState<NormalEquations | null>(null);
  const [evalReady, setEvalReady] = useState<{ predicted: Int32Array; features: Float64Array; cams: Float32Array[] } | null>(null);
  const [solution, setSolution] = useState<Solution | null>(null);
  const [progress, setProgress] = useState(0);
  const [timing, setTiming] = useState<{ featureMs: number; totalMs: number; slices: number; longestMs: number } | null>(null);
  const slices = useRef({ count: 0, longest: 0 });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const evalSet = useMemo(() => {
    const batch = shiftedBatch(test.images, 0, EVAL_COUNT, EVAL_SEED);
    const boxes: Array<Box | null> = [];
    const masks: Uint8Array[] = [];
    for (let i = 0; i < EVAL_COUNT; i++) {
      const image = batch.inputs.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE);
      const mask = thresholdMask(image, INK_THRESHOLD);
      masks.push(mask);
      boxes.push(tightBox(mask, SIDE));
    }
    return { ...batch, truth: boxes, masks };
  }, [test]);
  const trainSet = useMemo(() => shiftedBatch(train.images, 0, Math.min(TRAIN_COUNT, train.count), TRAIN_SEED), [train]);
  const trainCount = trainSet.boxes.length / BOX_TARGETS;

  const startFit = useCallback(() => {
    fit.current = {
      trainFeatures: new Float64Array(trainCount * d),
      trainBoxes: trainSet.boxes,
      trainDone: 0,
      evalPredicted: null,
      evalFeatures: new Float64Array(EVAL_COUNT * d),
      evalCams: new Array<Float32Array | null>(EVAL_COUNT).fill(null),
      evalCamDone: 0,
      startedAt: performance.now(),
      featureMs: 0,
    };
    slices.current = { count: 0, longest: 0 };
    setEquations(null);
    setEvalReady(null);
    setSolution(null);
    setTiming(null);
    setFitError(null);
    setProgress(0);
    setPhase('features');
  }, [trainCount, d, trainSet]);

  // Fit once automatically, when the network is up and the shown image is explained.
  const autoStarted = useRef(false);
  useEffect(() => {
    if (autoStarted.current || !engineReady || !currentCam) return;
    autoStarted.current = true;
    startFit();
  }, [engineReady, currentCam, startFit]);

  // The next job: the shown image first, then the fit's read-outs.
  useEffect(() => {
    if (job || !engineReady) return;
    const id = `j${++counter.current}`;
    const start = (kind: JobKind, signature: string, asked: ReadoutRequests, extra: Partial<Job> = {}) => {
      const keyed: ReadoutRequests = {};
      for (const [name, request] of Object.entries(asked)) keyed[`${id}:${name}`] = request;
      setJob({ id, kind, signature, requests: keyed, ...extra });
      setRequests(keyed);
    };
    const one = { inputs: example.image, count: 1 };
    if (probe?.signature !== imageKey) return start('probe', imageKey, { out: { kind: 'outputs', ...one } });
    if (predicted !== null && cam?.signature !== `${imageKey}|${predicted}`) {
      return start('cam', `${imageKey}|${predicted}`, { cam: { kind: 'layer-gradient', layer: camLayer, outputIndex: predicted, ...one } });
    }
    const state = fit.current;
    if (phase !== 'features' || !state) return;
    if (state.trainDone < trainCount) {
      const first = state.trainDone;
      const count = Math.min(FEATURE_BATCH, trainCount - first);
      return start(
        'train',
        String(fitRun),
        { act: { kind: 'activations', layers: [camLayer], inputs: trainSet.inputs.slice(first * IMAGE_SIZE, (first + count) * IMAGE_SIZE), count } },
        { first },
      );
    }
    if (!state.evalPredicted) return start('eval-forward', String(fitRun), { out: { kind: 'outputs', inputs: evalSet.inputs, count: EVAL_COUNT } });
    // The evaluation images' CAMs, one read-out per predicted class (the read-out takes one output index).
    const pending = new Map<number, number[]>();
    state.evalCams.forEach((value, i) => {
      if (value) return;
      const c = state.evalPredicted![i];
      pending.set(c, [...(pending.get(c) ?? []), i]);
    });
    const next = [...pending.entries()][0];
    if (!next) return;
    const [classIndex, members] = next;
    const inputs = new Float32Array(members.length * IMAGE_SIZE);
    members.forEach((member, k) => inputs.set(evalSet.inputs.subarray(member * IMAGE_SIZE, (member + 1) * IMAGE_SIZE), k * IMAGE_SIZE));
    start('eval-cam', String(fitRun), { cam: { kind: 'layer-gradient', layer: camLayer, outputIndex: classIndex, inputs, count: members.length } }, { members, classIndex });
  }, [job, engineReady, example, imageKey, probe, cam, predicted, camLayer, phase, fitRun, trainCount, trainSet, evalSet]);

  // A job's answer.
  useEffect(() => {
    if (!job) return;
    const keys = Object.keys(job.requests);
    if (!keys.every((key) => run.state.readouts[key] !== undefined)) return;
    const value = (name: string) => run.state.readouts[`${job.id}:${name}`] as ReadoutValue;
    setJob(null);
    const state = fit.current;
    if (job.kind === 'probe') {
      const out = value('out') as Extract<ReadoutValue, { kind: 'outputs' }>;
      setProbe({ signature: job.signature, logits: Float32Array.from(out.values) });
    } else if (job.kind === 'cam') {
      const result = value('cam') as Extract<ReadoutValue, { kind: 'layer-gradient' }>;
      const { map } = gradCam(result.activations, result.gradient, mapHeight, mapWidth, channels);
      setCam({ signature: job.signature, map, features: poolFeatures(result.activations, 1, mapHeight, mapWidth, channels, grid) });
    } else if (!state || job.signature !== String(fitRun)) {
      return;
    } else if (job.kind === 'train') {
      const act = value('act') as Extract<ReadoutValue, { kind: 'activations' }>;
      const count = act.layers[0].shape[0];
      state.trainFeatures.set(poolFeatures(act.layers[0].values, count, mapHeight, mapWidth, channels, grid), job.first! * d);
      state.trainDone = job.first! + count;
      setProgress(state.trainDone);
    } else if (job.kind === 'eval-forward') {
      const out = value('out') as Extract<ReadoutValue, { kind: 'outputs' }>;
      const classes = out.shape[1];
      state.evalPredicted = Int32Array.from({ length: EVAL_COUNT }, (_, i) => argmax(out.values, i * classes, classes));
      setProgress((p) => p + 1);
    } else if (job.kind === 'eval-cam') {
      const result = value('cam') as Extract<ReadoutValue, { kind: 'layer-gradient' }>;
      const size = mapHeight * mapWidth * channels;
      const pooled = poolFeatures(result.activations, job.members!.length, mapHeight, mapWidth, channels, grid);
      job.members!.forEach((member, k) => {
        const slice = (values: Float32Array) => values.subarray(k * size, (k + 1) * size);
        state.evalCams[member] = gradCam(slice(result.activations), slice(result.gradient), mapHeight, mapWidth, channels).map;
        state.evalFeatures.set(pooled.subarray(k * d, (k + 1) * d), member * d);
      });
      state.evalCamDone += job.members!.length;
      setProgress(state.trainDone + state.evalCamDone);
      if (state.evalCamDone >= EVAL_COUNT) {
        state.featureMs = performance.now() - state.startedAt;
        setEvalReady({ predicted: state.evalPredicted!, features: state.evalFeatures, cams: state.evalCams as Float32Array[] });
        setPhase('solving');
        const equations = createNormalEquations(d, BOX_TARGETS);
        const onSlice = (ms: number) => {
          slices.current.count++;
          slices.current.longest = Math.max(slices.current.longest, ms);
        };
        const current = fitRun;
        runSliced(accumulateSlices(equations, state.trainFeatures, state.trainBoxes, trainCount), onSlice, () => !alive.current).then(
          () => current === fitRun && setEquations(equations),
          (failure: unknown) => {
            setFitError(failure instanceof Error ? failure.message : String(failure));
            setPhase('failed');
          },
        );
      }
    }
  }, [job, run.state.readouts, mapHeight, mapWidth, channels, grid, d, fitRun, trainCount]);

  // The solve for the current λ (again whenever λ changes), sliced by Cholesky columns.
  useEffect(() => {
    if (!equations) return;
    let cancelled = false;
    const started = performance.now();
    setPhase('solving');
    const onSlice = (ms: number) => {
      slices.current.count++;
      slices.current.longest = Math.max(slices.current.longest, ms);
    };
    runSliced(solveSlices(equations, settings.lambda), onSlice, () => cancelled || !alive.current).then(
      (weights) => {
        if (cancelled) return;
        const now = performance.now();
        setSolution({ lambda: settings.lambda, weights, solveMs: now - started });
        setTiming(
          (previous) =>
            previous ?? { featureMs: fit.current?.featureMs ?? 0, totalMs: now - (fit.current?.startedAt ?? now), slices: slices.current.count, longestMs: slices.current.longest },
        );
        setPhase('done');
      },
      (failure: unknown) => {
        if (cancelled) return;
        setFitError(failure instanceof Error ? failure.message : String(failure));
        setPhase('failed');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [equations, settings.lambda]);

  const refit = () => {
    setFitRun((n) => n + 1);
    startFit();
  };

  // Scores over the held-out images.
  const scores = useMemo(() => {
    if (!evalReady) return null;
    const camBoxes: Array<Box | null> = [];
    let maskSum = 0;
    for (let i = 0; i < EVAL_COUNT; i++) {
      const { mask } = camMask(evalReady.cams[i], mapHeight, mapWidth, settings.threshold, units);
      camBoxes.push(tightBox(mask, SIDE));
      maskSum += maskIoU(mask, evalSet.masks[i]);
    }
    const trivial = meanBox(trainSet.boxes, trainCount);
    const regressed = solution ? Array.from({ length: EVAL_COUNT }, (_, i) => regressedBox(solution.weights, evalReady.features, d, i)) : null;
    return {
      cam: meanIoU(camBoxes, evalSet.truth),
      mask: maskSum / EVAL_COUNT,
      trivial: meanIoU(new Array<Box>(EVAL_COUNT).fill(trivial), evalSet.truth),
      regressed: regressed ? meanIoU(regressed, evalSet.truth) : null,
      trivialBox: trivial,
    };
  }, [evalReady, solution, settings.threshold, units, mapHeight, mapWidth, evalSet, trainSet, trainCount, d]);

  // The shown image's mask and boxes.
  const shown = useMemo(() => {
    if (!currentCam) return null;
    const { heat, mask, max } = camMask(currentCam.map, mapHeight, mapWidth, settings.threshold, units);
    const ink = thresholdMask(example.image, INK_THRESHOLD);
    const camBox = tightBox(mask, SIDE);
    return { heat, mask, max, maskIoU: maskIoU(mask, ink), camBox, camBoxIoU: boxIoU(camBox, example.box) };
  }, [currentCam, mapHeight, mapWidth, settings.threshold, units, example]);
  const headBox = solution && currentCam ? regressedBox(solution.weights, currentCam.features, d) : null;
  const headIoU = headBox ? boxIoU(headBox, example.box) : null;

  const className = (label: number) => classNames[label] ?? String(label);
  const truth = test.labels[index];
  const color = CLASS_COLORS[(predicted ?? 0) % CLASS_COLORS.length];
  const busy = job !== null || !engineReady || phase === 'features' || phase === 'solving';
  const state: WidgetState = run.state.status === 'error' ? 'error' : !engineReady ? 'loading' : 'ready';
  const step = (delta: number) => update({ index: (((index + delta) % test.count) + test.count) % test.count });
  const shuffle = () => update({ shift: ((settings.shift * 48_271) % LIMITS.shift.max) + 1 });
  const datasetLabel = DATASET_LABEL[test.name as 'mnist' | 'fashion-mnist'] ?? test.name;
  const totalFeatureJobs = trainCount + EVAL_COUNT;
  const fitStatus =
    phase === 'features'
      ? `Reading the frozen feature maps from the network… ${Math.min(progress, totalFeatureJobs)} / ${totalFeatureJobs} images`
      : phase === 'solving'
        ? 'Solving the normal equations in short slices…'
        : phase === 'done' && timing
          ? `Fitted on ${trainCount} shifted training images in ${formatMs(timing.totalMs)} (feature maps from the network: ${formatMs(timing.featureMs)}; normal equations and Cholesky solve on this page in ${timing.slices} slices, the longest ${formatMs(timing.longestMs)}).`
          : phase === 'failed'
            ? 'The fit failed.'
            : 'Not fitted yet.';

  const summaryText = [
    `${datasetLabel} test image ${index} (${className(truth)}), shifted by ${formatOffset(example.offset)}.`,
    predicted !== null ? `Predicted: ${className(predicted)}.` : '',
    shown ? `CAM mask at ${settings.threshold.toFixed(2)} of its max: mask IoU ${formatIoU(shown.maskIoU)}, CAM box IoU ${formatIoU(shown.camBoxIoU)}.` : '',
    headIoU !== null ? `Regressed box IoU ${formatIoU(headIoU)}.` : '',
    scores?.regressed != null
      ? `Over ${EVAL_COUNT} held-out images: regressed box mean IoU ${formatIoU(scores.regressed)}, CAM box ${formatIoU(scores.cam)}, mean training box ${formatIoU(scores.trivial)}, mask ${formatIoU(scores.mask)}.`
      : '',
  ].join(' ');

  return (
    <WidgetFrame
      widgetId="backbone-sketch"
      domId={names.domId}
      title={TITLE}
      state={state}
      backend={run.state.backend?.backend}
      error={run.state.status === 'error' ? run.state.message : fitError}
      badges={busy ? <span className="backbone-sketch-busy">computing…</span> : null}
    >
      <LinkProblemsNotice problems={problems} />
      <div
        className="backbone-sketch"
        data-testid="backbone-body"
        data-busy={busy ? 'true' : 'false'}
        data-fit={phase}
        data-mask-iou={shown ? shown.maskIoU.toFixed(4) : ''}
        data-box-iou={headIoU !== null ? headIoU.toFixed(4) : ''}
        data-mean-box-iou={scores?.regressed != null ? scores.regressed.toFixed(4) : ''}
        data-mean-cam-box-iou={scores ? scores.cam.toFixed(4) : ''}
        data-mean-trivial-iou={scores ? scores.trivial.toFixed(4) : ''}
        data-mean-mask-iou={scores ? scores.mask.toFixed(4) : ''}
        data-fit-ms={timing ? timing.totalMs.toFixed(0) : ''}
        data-longest-slice-ms={timing ? timing.longestMs.toFixed(1) : ''}
      >
        <p className="backbone-sketch-note" role="note">
          <strong>Sketch.</strong> Real detectors (the R-CNN family, YOLO) and segmenters (FCN, U-Net) train their heads on a backbone’s features with annotated boxes and per-pixel
          labels. Here the box labels come from each image’s own ink, and the mask from a classifier’s class-activation map: the same frozen features, two crude heads.
        </p>
        <div className="widget-controls backbone-sketch-controls">
          <PillChoices<BackboneModel> legend="Backbone" value={settings.model} options={MODEL_OPTIONS} onChange={(model) => update({ model })} />
          <NumberField {...LIMITS.index} max={test.count - 1} value={index} onChange={(value) => update({ index: value })} />
          <div className="button-row">
            <button type="button" className="button" onClick={() => step(-1)}>
              <span aria-hidden="true">←</span> Previous
            </button>
            <button type="button" className="button" onClick={() => step(1)}>
              Next <span aria-hidden="true">→</span>
            </button>
            <button type="button" className="button" onClick={shuffle}>
              Shuffle shift
            </button>
          </div>
          <NumberField {...LIMITS.shift} value={settings.shift} onChange={(shift) => update({ shift })} hint={`shift ${formatOffset(example.offset)}`} />
        </div>

        <p className="backbone-sketch-status" aria-live="polite">
          Test image {index}: <strong>{className(truth)}</strong>, shifted by <span data-testid="offset">{formatOffset(example.offset)}</span> (at most ±{MAX_SHIFT} px, the{' '}
          {test.name === 'mnist' ? 'digit' : 'garment'} stays in frame).{' '}
          {predicted !== null ? (
            <>
              The frozen network predicts <strong data-testid="predicted">{className(predicted)}</strong>
              {predicted === truth ? '.' : ' (wrong).'}
            </>
          ) : (
            'Classifying…'
          )}
        </p>

        <div className="backbone-sketch-panels">
          <section className="backbone-sketch-panel" aria-labelledby={`${names.domId}-seg`}>
            <h4 id={`${names.domId}-seg`}>Segmentation sketch: a mask from Grad-CAM</h4>
            <div className="backbone-sketch-figures">
              <SketchCanvas
                image={example.image}
                heat={shown ? { values: shown.heat, max: shown.max } : null}
                label={`Grad-CAM of ${predicted !== null ? className(predicted) : '…'} at the last conv layer (${mapHeight}×${mapWidth}), upsampled to 28×28`}
                caption={`Grad-CAM (${mapHeight}×${mapWidth}, upsampled)`}
              />
              <SketchCanvas
                image={example.image}
                mask={shown?.mask ?? null}
                color={color}
                boxes={shown?.camBox ? [{ box: shown.camBox, kind: 'cam' }] : []}
                label={`Coarse mask: CAM above ${settings.threshold.toFixed(2)} of its max, painted in the class colour; mask IoU with the ink ${formatIoU(shown?.maskIoU ?? null)}`}
                caption="Coarse mask and its box"
              />
            </div>
            <SliderField
              label="Mask threshold (fraction of the CAM’s max)"
              min={0.05}
              max={0.95}
              step={0.05}
              value={settings.threshold}
              onChange={(threshold) => update({ threshold })}
              format={(v) => v.toFixed(2)}
            />
            <dl className="backbone-sketch-scores">
              <div>
                <dt>Mask IoU with the ink (pixels &gt; {INK_THRESHOLD})</dt>
                <dd data-testid="mask-iou">{formatIoU(shown?.maskIoU ?? null)}</dd>
              </div>
              <div>
                <dt>Mean mask IoU, {EVAL_COUNT} held-out images</dt>
                <dd data-testid="mean-mask-iou">{formatIoU(scores?.mask ?? null)}</dd>
              </div>
            </dl>
            <p className="backbone-sketch-caption">
              A real segmenter (FCN, U-Net) learns a class for every pixel from pixel labels, with layers that bring the resolution back up. This mask comes from a classifier’s
              CAM, so it is coarse: its resolution is the feature map’s, {mapHeight}×{mapWidth}, laid over 28×28 where each unit sits (every {units.jump} px).
            </p>
          </section>

          <section className="backbone-sketch-panel" aria-labelledby={`${names.domId}-det`}>
            <h4 id={`${names.domId}-det`}>Detection sketch: a box regressed from the feature map</h4>
            <div className="backbone-sketch-figures">
              <SketchCanvas
                image={example.image}
                boxes={[...(example.box ? [{ box: example.box, kind: 'truth' as const }] : []), ...(headBox ? [{ box: headBox, kind: 'head' as const }] : [])]}
                label={`Regressed box ${formatBox(headBox)} and true ink box ${formatBox(example.box)}; IoU ${formatIoU(headIoU)}`}
                caption="Regressed box (solid), ink box (dashed)"
              />
              <ul className="backbone-sketch-legend">
                <li>
                  <span className="backbone-sketch-swatch backbone-sketch-swatch-head" aria-hidden="true" /> regressed box: {formatBox(headBox)}
                </li>
                <li>
                  <span className="backbone-sketch-swatch backbone-sketch-swatch-truth" aria-hidden="true" /> ink box (the label): {formatBox(example.box)}
                </li>
                <li>
                  <span className="backbone-sketch-swatch backbone-sketch-swatch-cam" aria-hidden="true" /> CAM mask’s box: {formatBox(shown?.camBox ?? null)}
                </li>
              </ul>
            </div>
            <div className="backbone-sketch-formulas">
              {RIDGE_FORMULAS.map((html) => (
                <div key={html} className="backbone-sketch-formula" dangerouslySetInnerHTML={{ __html: html }} />
              ))}
            </div>
            <p className="backbone-sketch-caption">
              φ(x): the frozen last conv layer’s map ({mapHeight}×{mapWidth}×{channels}) averaged to a {grid}×{grid} grid per channel, plus a 1: d = {d} features. N = {trainCount}{' '}
              shifted training images, box labels from their ink.
            </p>
            <div className="widget-controls">
              <NumberField {...LIMITS.lambda} value={settings.lambda} onChange={(lambda) => update({ lambda })} hint="0.0001 to 100; larger shrinks the weights" />
              <div className="button-row">
                <button type="button" className="button" onClick={refit} disabled={!engineReady || phase === 'features' || phase === 'solving'}>
                  Fit box head
                </button>
              </div>
            </div>
            <p className="backbone-sketch-fit" data-testid="fit-status" aria-live="polite">
              {fitStatus}
            </p>
            <dl className="backbone-sketch-scores">
              <div>
                <dt>This image: regressed box IoU</dt>
                <dd data-testid="box-iou">{formatIoU(headIoU)}</dd>
              </div>
              <div>
                <dt>This image: CAM box IoU</dt>
                <dd data-testid="cam-box-iou">{formatIoU(shown?.camBoxIoU ?? null)}</dd>
              </div>
            </dl>
            <table className="backbone-sketch-table">
              <caption>Mean box IoU over {EVAL_COUNT} held-out shifted test images</caption>
              <thead>
                <tr>
                  <th scope="col">Box from</th>
                  <th scope="col">Mean IoU</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">Ridge box head, λ = {settings.lambda}</th>
                  <td data-testid="mean-box-iou">{formatIoU(scores?.regressed ?? null)}</td>
                </tr>
                <tr>
                  <th scope="row">Tight box of the CAM mask (threshold {settings.threshold.toFixed(2)})</th>
                  <td data-testid="mean-cam-box-iou">{formatIoU(scores?.cam ?? null)}</td>
                </tr>
                <tr>
                  <th scope="row">The mean training box, for every image</th>
                  <td data-testid="mean-trivial-iou">{formatIoU(scores?.trivial ?? null)}</td>
                </tr>
              </tbody>
            </table>
          </section>
        </div>
        <p className="visually-hidden" data-testid="backbone-summary">
          {summaryText}
        </p>
      </div>
    </WidgetFrame>
  );
}

type BoxKind = 'truth' | 'head' | 'cam';
const BOX_STYLES: Record<BoxKind, { color: string; dash: number[]; width: number }> = {
  truth: { color: '#ffffff', dash: [5, 4], width: 2 },
  head: { color: '#ffd43b', dash: [], width: 2.5 },
  cam: { color: '#ff6b6b', dash: [2, 3], width: 2 },
};

interface SketchCanvasProps {
  image: Float32Array;
  heat?: { values: Float32Array; max: number } | null;
  mask?: Uint8Array | null;
  color?: readonly [number, number, number];
  boxes?: Array<{ box: Box; kind: BoxKind }>;
  label: string;
  caption: string;
}

/** A 28×28 image drawn 6× on a canvas, with a heat map or a mask laid over it and boxes on top. */
function SketchCanvas({ image, heat, mask, color = [255, 255, 255], boxes = [], label, caption }: SketchCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const context = canvas?.getContext('2d');
    if (!canvas || !context) return;
    const pixels = new ImageData(SIDE, SIDE);
    if (heat) {
      const scale = heat.max > 0 ? 1 / heat.max : 0;
      for (let p = 0; p < IMAGE_SIZE; p++) {
        const grey = Math.round(Math.min(1, Math.max(0, image[p])) * 200);
        const h = Math.min(1, Math.max(0, heat.values[p] * scale));
        const alpha = 0.75 * h;
        pixels.data[4 * p] = Math.round(grey * (1 - alpha) + 255 * alpha);
        pixels.data[4 * p + 1] = Math.round(grey * (1 - alpha) + 230 * (1 - h) * alpha);
        pixels.data[4 * p + 2] = Math.round(grey * (1 - alpha));
        pixels.data[4 * p + 3] = 255;
      }
    } else {
      maskOverlayRgba(image, mask ?? new Uint8Array(IMAGE_SIZE), color, pixels.data);
    }
    const small = document.createElement('canvas');
    small.width = SIDE;
    small.height = SIDE;
    small.getContext('2d')!.putImageData(pixels, 0, 0);
    context.imageSmoothingEnabled = false;
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(small, 0, 0, SIDE * SCALE, SIDE * SCALE);
    for (const { box, kind } of boxes) {
      const style = BOX_STYLES[kind];
      context.strokeStyle = style.color;
      context.lineWidth = style.width;
      context.setLineDash(style.dash);
      context.strokeRect(box.x0 * SCALE, box.y0 * SCALE, (box.x1 - box.x0) * SCALE, (box.y1 - box.y0) * SCALE);
    }
    context.setLineDash([]);
  }, [image, heat, mask, color, boxes]);
  return (
    <figure className="backbone-sketch-figure">
      <canvas ref={ref} width={SIDE * SCALE} height={SIDE * SCALE} role="img" aria-label={label} className="backbone-sketch-canvas" />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
