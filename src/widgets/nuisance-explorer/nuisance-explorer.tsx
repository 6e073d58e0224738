import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { ImageGrid } from '../../charts/image-grid';
import { applyNuisances, elasticField, patchRectangle } from '../../core/math/image-transforms';
import { useLearnerModel } from '../../hooks/use-learner-model';
import { useDataset } from '../../hooks/use-dataset';
import { useNearViewport } from '../../hooks/use-near-viewport';
import { usePretrainedModel } from '../../hooks/use-pretrained-model';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { LoadingProgress } from '../../ui/loading-progress';
import { NumberField } from '../../ui/number-field';
import { SliderField } from '../../ui/slider-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  DATASET_OPTIONS,
  DEFAULT_SETTINGS,
  IMAGE_SIDE,
  LIMITS,
  NEIGHBOURS,
  PATCH_FILL_OPTIONS,
  SETTINGS_SCHEMA,
  classifyWithNetwork,
  describeTransform,
  emptyTally,
  formatAccuracy,
  formatNumber,
  imageAt,
  isIdentity,
  nearestNeighbours,
  nuisancesOf,
  studyStep,
  type ClassScores,
  type ExplorerDataset,
  type ExplorerSettings,
  type StudyInputs,
  type StudyTally,
} from './nuisance-explorer-state';
import './nuisance-explorer.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface NuisanceExplorerProps {
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

const SPLITS = ['test', 'validation'] as const;
const MODEL_IDS = { mnist: 'lenet5-mnist', 'fashion-mnist': 'fashion-cnn' } as const;
const DATASET_NAMES: Record<ExplorerDataset, string> = { mnist: 'MNIST', 'fashion-mnist': 'Fashion-MNIST' };
/** CSS pixels per image pixel for the two large images. */
const LARGE = 8;
/** A study slice stops after this long and yields to the browser (a long task is 50 ms). */
const SLICE_BUDGET_MS = 12;
/** Patch size given to a click on the transformed image while there is no patch. */
const CLICK_PATCH_SIZE = 8;

/** An accuracy given as a fraction (0.991) or a percentage (99.1) as "99.1 %". */
const formatPercentage = (accuracy: number) => `${(accuracy <= 1 ? accuracy * 100 : accuracy).toFixed(1)} %`;

type NetworkChoice = 'pretrained' | 'learner';

/** A 28×28 image in 0..1 on a canvas scaled up with crisp pixels, with an optional dashed patch outline. */
function LargeImage({
  values,
  label,
  patch,
  interactive,
}: {
  values: Float32Array;
  label: string;
  patch?: { left: number; top: number; right: number; bottom: number } | null;
  interactive?: {
    describedBy: string;
    onPlace: (column: number, row: number) => void;
    onKeyDown: (event: KeyboardEvent<HTMLCanvasElement>) => void;
  };
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const draggingRef = useRef<number | null>(null);
  useEffect(() => {
    const context = canvasRef.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(IMAGE_SIDE, IMAGE_SIDE);
    for (let i = 0; i < values.length; i++) {
      const v = Math.round(values[i] * 255);
      image.data.set([v, v, v, 255], 4 * i);
    }
    context.putImageData(image, 0, 0);
  }, [values]);
  const place = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const width = rect.width || IMAGE_SIDE * LARGE;
    const height = rect.height || IMAGE_SIDE * LARGE;
    const column = Math.floor(((event.clientX - rect.left) / width) * IMAGE_SIDE);
    const row = Math.floor(((event.clientY - rect.top) / height) * IMAGE_SIDE);
    interactive?.onPlace(Math.min(IMAGE_SIDE - 1, Math.max(0, column)), Math.min(IMAGE_SIDE - 1, Math.max(0, row)));
  };
  const side = IMAGE_SIDE * LARGE;
  return (
    <div className="nuisance-large" style={{ width: side, height: side }}>
      <canvas
        ref={canvasRef}
        width={IMAGE_SIDE}
        height={IMAGE_SIDE}
        className={interactive ? 'nuisance-canvas nuisance-canvas-interactive' : 'nuisance-canvas'}
        role={interactive ? 'application' : 'img'}
        aria-roledescription={interactive ? 'image with a movable patch' : undefined}
        aria-label={label}
        aria-describedby={interactive?.describedBy}
        tabIndex={interactive ? 0 : undefined}
        onKeyDown={interactive?.onKeyDown}
        onPointerDown={
          interactive
            ? (event) => {
                if (event.button !== 0) return;
                event.currentTarget.setPointerCapture?.(event.pointerId);
                draggingRef.current = event.pointerId;
                place(event);
              }
            : undefined
        }
        onPointerMove={interactive ? (event) => draggingRef.current === event.pointerId && place(event) : undefined}
        onPointerUp={interactive ? () => (draggingRef.current = null) : undefined}
        onPointerCancel={interactive ? () => (draggingRef.current = null) : undefined}
      />
      {patch && patch.right > patch.left && patch.bottom > patch.top ? (
        <div
          className="nuisance-patch-outline"
          aria-hidden="true"
          style={{ left: patch.left * LARGE, top: patch.top * LARGE, width: (patch.right - patch.left) * LARGE, height: (patch.bottom - patch.top) * LARGE }}
        />
      ) : null}
    </div>
  );
}

/** Ten classes as labelled horizontal bars (a list: its text is the chart's text alternative). */
function ClassBars({ scores, classNames, truth, title }: { scores: Float32Array; classNames: string[]; truth: number; title: string }) {
  let top = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] > scores[top]) top = i;
  return (
    <ol className="nuisance-bars" aria-label={title}>
      {Array.from(scores, (score, index) => (
        <li key={index} className={index === top ? 'nuisance-bar nuisance-bar-top' : 'nuisance-bar'}>
          <span className="nuisance-bar-name">
            {classNames[index] ?? index}
            {index === truth ? <span className="visually-hidden"> (true class)</span> : null}
            {index === truth ? (
              <span className="nuisance-truth-mark" aria-hidden="true">
                {' '}
                ✓
              </span>
            ) : null}
          </span>
          <span className="nuisance-bar-track" aria-hidden="true">
            <span className="nuisance-bar-fill" style={{ width: `${(score * 100).toFixed(1)}%` }} />
          </span>
          <span className="nuisance-bar-value">{(score * 100).toFixed(0)} %</span>
        </li>
      ))}
    </ol>
  );
}

/** The headline of one classifier: its top class, confidence, and whether that is right. */
function Verdict({ result, classNames, truth, testId }: { result: ClassScores; classNames: string[]; truth: number; testId: string }) {
  const right = result.top === truth;
  return (
    <p className="nuisance-verdict" data-testid={testId} data-correct={right ? 'true' : 'false'} data-class={result.top}>
      <strong className="nuisance-verdict-class">{classNames[result.top] ?? result.top}</strong>{' '}
      <span className="nuisance-verdict-confidence">{(result.confidence * 100).toFixed(0)} % sure</span>{' '}
      <span className={right ? 'nuisance-right' : 'nuisance-wrong'}>{right ? '✓ right' : '✗ wrong'}</span>
    </p>
  );
}

/**
 * Nuisance explorer: a test image from MNIST or Fashion-MNIST, changed by scale, rotation, an elastic warp, an
 * occluding patch, brightness and contrast; a raw-pixel nearest-neighbour classifier (memory: the validation
 * split) and the pretrained CNN answer side by side, and a study measures how often each breaks on the first
 * N test images.
 */
export function NuisanceExplorer({ instance }: NuisanceExplorerProps) {
  const names = widgetInstanceNames('nuisance-explorer', 'nuisance', instance);
  const shared = useSharedSettings<ExplorerSettings>(names.shareNamespace, SETTINGS_SCHEMA, DEFAULT_SETTINGS);
  const settings = shared.values;
  const { setValues } = shared;
  const update = useCallback((changes: Partial<ExplorerSettings>) => setValues((current) => ({ ...current, ...changes })), [setValues]);
  const rootRef = useRef<HTMLDivElement>(null);
  const near = useNearViewport(rootRef);
  const { load, retry } = useDataset(settings.dataset, SPLITS, near);
  const model = usePretrainedModel(MODEL_IDS[settings.dataset], near);
  const radioName = `nuisance-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const patchHelpId = `${names.domId}-patch-help`;

  const test = load.status === 'loaded' ? load.splits[0] : null;
  const memory = load.status === 'loaded' ? load.splits[1] : null;
  const classNames = test?.classNames ?? [];
  const index = test ? Math.min(settings.index, test.count - 1) : settings.index;
  const nuisances = useMemo(() => nuisancesOf(settings), [settings]);
  const field = useMemo(
    () => (settings.warp > 0 ? elasticField(IMAGE_SIDE, settings.smoothness, settings.warpSeed) : null),
    [settings.warp, settings.smoothness, settings.warpSeed],
  );
  const original = useMemo(() => (test ? imageAt(test, index) : null), [test, index]);
  const transformed = useMemo(() => (original ? applyNuisances(original, IMAGE_SIDE, nuisances, field) : null), [original, nuisances, field]);
  const truth = test ? test.labels[index] : 0;

  const knn = useMemo(() => (memory && transformed ? nearestNeighbours(transformed, memory, classNames.length) : null), [memory, transformed, classNames.length]);
  const knnOriginal = useMemo(() => (memory && original ? nearestNeighbours(original, memory, classNames.length) : null), [memory, original, classNames.length]);
  const learner = useLearnerModel(settings.dataset, near);
  const [networkChoice, setNetworkChoice] = useState<NetworkChoice>('pretrained');
  const useLearner = networkChoice === 'learner' && learner !== null;
  const pretrainedNetwork = model.load.status === 'loaded' ? model.load.model : null;
  const network = useLearner ? learner : pretrainedNetwork;
  const networkName = useLearner ? 'The network you trained' : 'Pretrained CNN';
  const learnerLabel = learner
    ? `The network you trained (step ${learner.step.toLocaleString('en')}${learner.validationAccuracy === null ? '' : `, validation ${formatPercentage(learner.validationAccuracy)}`})`
    : 'The network you trained';
  const cnn = useMemo(() => (network && transformed ? classifyWithNetwork(network, transformed) : null), [network, transformed]);
  const cnnOriginal = useMemo(() => (network && original ? classifyWithNetwork(network, original) : null), [network, original]);
  const nearestImage = useMemo(() => (memory && knn ? [{ values: imageAt(memory, knn.neighbours[0].index), width: IMAGE_SIDE, height: IMAGE_SIDE }] : []), [memory, knn]);
  const patch = settings.patchSize > 0 ? patchRectangle(IMAGE_SIDE, nuisances) : null;

  // The study: classify the first N test images, original and transformed, in slices that yield to the browser.
  const [study, setStudy] = useState<{ tally: StudyTally; transform: string; dataset: ExplorerDataset; network: string; running: boolean } | null>(null);
  const studyTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopStudy = useCallback(() => {
    if (studyTimer.current !== null) clearTimeout(studyTimer.current);
    studyTimer.current = null;
  }, []);
  useEffect(() => stopStudy, [stopStudy]);
  const runStudy = () => {
    if (!test || !memory) return;
    stopStudy();
    const inputs: StudyInputs = { test, memory, classCount: classNames.length, nuisances, field, model: network };
    const transform = describeTransform(settings);
    const dataset = settings.dataset;
    let tally = emptyTally(Math.min(settings.studyCount, test.count), network !== null);
    const networkUsed = networkName;
    setStudy({ tally, transform, dataset, network: networkUsed, running: true });
    const slice = () => {
      const start = performance.now();
      while (tally.done < tally.total && performance.now() - start < SLICE_BUDGET_MS) tally = studyStep(tally, inputs);
      const running = tally.done < tally.total;
      setStudy({ tally, transform, dataset, network: networkUsed, running });
      studyTimer.current = running ? setTimeout(slice, 0) : null;
    };
    studyTimer.current = setTimeout(slice, 0);
  };
  const cancelStudy = () => {
    stopStudy();
    setStudy((current) => (current ? { ...current, running: false } : current));
  };
  const studyStale = study !== null && !study.running && (study.transform !== describeTransform(settings) || study.dataset !== settings.dataset || study.network !== networkName);

  const step = (delta: number) => {
    if (!test) return;
    update({ index: (((index + delta) % test.count) + test.count) % test.count });
  };

  const onPatchKey = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const distance = event.shiftKey ? 4 : 1;
    const clampPixel = (value: number) => Math.min(IMAGE_SIDE - 1, Math.max(0, value));
    update({
      patchX: clampPixel(settings.patchX + move[0] * distance),
      patchY: clampPixel(settings.patchY + move[1] * distance),
      ...(settings.patchSize === 0 ? { patchSize: CLICK_PATCH_SIZE } : {}),
    });
  };

  const state = load.status === 'failed' ? 'error' : load.status === 'loaded' ? 'ready' : 'loading';
  const datasetName = DATASET_NAMES[settings.dataset];
  const className = (label: number) => classNames[label] ?? String(label);
  const transformText = describeTransform(settings);

  return (
    <WidgetFrame
      widgetId="nuisance-explorer"
      domId={names.domId}
      title="Nuisances: what breaks a pixel classifier, and what breaks a CNN"
      state={state}
      error={load.status === 'failed' ? load.message : null}
    >
      <div ref={rootRef} className="nuisance-explorer">
        <LinkProblemsNotice problems={shared.problems} />
        {load.status === 'failed' ? (
          <button type="button" className="button" onClick={retry}>
            Retry
          </button>
        ) : null}

        <div className="widget-controls">
          <fieldset className="pill-choices">
            <legend>Dataset</legend>
            {DATASET_OPTIONS.map((option) => (
              <label key={option.value} className="pill-choice">
                <input
                  type="radio"
                  name={`${radioName}-dataset`}
                  value={option.value}
                  checked={settings.dataset === option.value}
                  onChange={() => update({ dataset: option.value, index: 0 })}
                />
                <span>{option.label}</span>
              </label>
            ))}
          </fieldset>
          <NumberField {...LIMITS.index} max={test ? test.count - 1 : LIMITS.index.max} label="Test image number" value={index} onChange={(value) => update({ index: value })} />
          <div className="button-row">
            <button type="button" className="button" onClick={() => step(-1)} disabled={!test}>
              <span aria-hidden="true">←</span> Previous
            </button>
            <button type="button" className="button" onClick={() => step(1)} disabled={!test}>
              Next <span aria-hidden="true">→</span>
            </button>
            <button type="button" className="button" onClick={() => test && update({ index: Math.floor(Math.random() * test.count) })} disabled={!test}>
              Random
            </button>
          </div>
        </div>

        {load.status === 'loading' || load.status === 'idle' ? (
          <LoadingProgress label={`Downloading the ${datasetName} test and validation images…`} fraction={load.status === 'loading' ? load.fraction : null} />
        ) : null}

        {test && original && transformed ? (
          <div className="nuisance-images">
            <figure className="nuisance-figure">
              <LargeImage values={original} label={`Original ${datasetName} test image ${index}, labelled ${className(truth)}`} />
              <figcaption>
                Original: test image {index}, a <strong>{className(truth)}</strong>
              </figcaption>
            </figure>
            <figure className="nuisance-figure">
              <LargeImage
                values={transformed}
                label={`Transformed image: ${transformText}`}
                patch={patch}
                interactive={{
                  describedBy: patchHelpId,
                  onPlace: (column, row) => update({ patchX: column, patchY: row, ...(settings.patchSize === 0 ? { patchSize: CLICK_PATCH_SIZE } : {}) }),
                  onKeyDown: onPatchKey,
                }}
              />
              <figcaption>Transformed: {transformText}</figcaption>
              <p id={patchHelpId} className="nuisance-hint">
                Click or drag on it to place the patch; or focus it and move the patch with the arrow keys (Shift: 4 pixels).
              </p>
            </figure>
          </div>
        ) : null}

        <div className="nuisance-transforms">
          <fieldset className="nuisance-group">
            <legend>Geometry</legend>
            <SliderField {...LIMITS.scale} step={0.05} value={settings.scale} onChange={(value) => update({ scale: value })} format={(v) => `×${formatNumber(v, 2)}`} />
            <SliderField {...LIMITS.rotation} step={5} value={settings.rotation} onChange={(value) => update({ rotation: value })} format={(v) => `${v}°`} />
            <SliderField {...LIMITS.warp} step={0.1} value={settings.warp} onChange={(value) => update({ warp: value })} format={(v) => `${formatNumber(v, 1)} px`} />
            <SliderField
              {...LIMITS.smoothness}
              step={0.5}
              value={settings.smoothness}
              onChange={(value) => update({ smoothness: value })}
              format={(v) => `${formatNumber(v, 1)} px`}
            />
            <button
              type="button"
              className="button"
              onClick={() => update({ warpSeed: (settings.warpSeed % LIMITS.warpSeed.max) + 1, warp: settings.warp > 0 ? settings.warp : 1.5 })}
            >
              New warp
            </button>
          </fieldset>
          <fieldset className="nuisance-group">
            <legend>Occluding patch</legend>
            <SliderField
              {...LIMITS.patchSize}
              step={1}
              value={settings.patchSize}
              onChange={(value) => update({ patchSize: value })}
              format={(v) => (v === 0 ? 'none' : `${v} px`)}
            />
            <SliderField {...LIMITS.patchX} step={1} value={settings.patchX} onChange={(value) => update({ patchX: value })} />
            <SliderField {...LIMITS.patchY} step={1} value={settings.patchY} onChange={(value) => update({ patchY: value })} />
            <fieldset className="pill-choices">
              <legend>Patch colour</legend>
              {PATCH_FILL_OPTIONS.map((option) => (
                <label key={option.value} className="pill-choice">
                  <input
                    type="radio"
                    name={`${radioName}-fill`}
                    value={option.value}
                    checked={settings.patchFill === option.value}
                    onChange={() => update({ patchFill: option.value })}
                  />
                  <span>{option.label}</span>
                </label>
              ))}
            </fieldset>
          </fieldset>
          <fieldset className="nuisance-group">
            <legend>Lighting</legend>
            <SliderField {...LIMITS.brightness} step={0.05} value={settings.brightness} onChange={(value) => update({ brightness: value })} format={(v) => formatNumber(v, 2)} />
            <SliderField {...LIMITS.contrast} step={0.05} value={settings.contrast} onChange={(value) => update({ contrast: value })} format={(v) => `×${formatNumber(v, 2)}`} />
            <p className="nuisance-hint">Each pixel v becomes 0.5 + contrast·(v − 0.5) + brightness, clipped to 0…1.</p>
            <button
              type="button"
              className="button"
              disabled={isIdentity(settings)}
              onClick={() =>
                update({
                  scale: 1,
                  rotation: 0,
                  warp: 0,
                  patchSize: 0,
                  brightness: 0,
                  contrast: 1,
                })
              }
            >
              Undo changes
            </button>
          </fieldset>
        </div>

        <fieldset className="pill-choices nuisance-network-choice">
          <legend>Network</legend>
          <label className="pill-choice">
            <input type="radio" name={`${radioName}-network`} value="pretrained" checked={!useLearner} onChange={() => setNetworkChoice('pretrained')} />
            <span>The course's pretrained CNN</span>
          </label>
          <label className="pill-choice">
            <input
              type="radio"
              name={`${radioName}-network`}
              value="learner"
              checked={useLearner}
              disabled={!learner}
              aria-describedby={learner ? undefined : `${names.domId}-learner-help`}
              onChange={() => setNetworkChoice('learner')}
            />
            <span>{learnerLabel}</span>
          </label>
          {learner ? null : (
            <p id={`${names.domId}-learner-help`} className="nuisance-hint">
              No network of yours for {datasetName} yet: train one in the CNN trainer (lesson “Training a CNN”) and pause it; it is kept in this browser and offered here.
            </p>
          )}
        </fieldset>

        {test && knn && knnOriginal ? (
          <div className="nuisance-classifiers">
            <p className="visually-hidden" aria-live="polite">
              {`Nearest neighbour: ${className(knn.top)}, ${(knn.confidence * 100).toFixed(0)} % (${knn.top === truth ? 'right' : 'wrong'}).`}
              {cnn ? ` ${networkName}: ${className(cnn.top)}, ${(cnn.confidence * 100).toFixed(0)} % (${cnn.top === truth ? 'right' : 'wrong'}).` : ''}
            </p>
            <section className="nuisance-classifier" aria-labelledby={`${names.domId}-knn`}>
              <h4 id={`${names.domId}-knn`}>Nearest neighbour on raw pixels</h4>
              <p className="nuisance-hint">
                Its memory: the {memory!.count.toLocaleString('en')} {datasetName} validation images (none of them is a test image). The {NEIGHBOURS} closest by pixel distance
                vote; confidence = their share that agree.
              </p>
              <Verdict result={knn} classNames={classNames} truth={truth} testId="knn-verdict" />
              <p className="nuisance-small">
                On the original: {className(knnOriginal.top)}, {(knnOriginal.confidence * 100).toFixed(0)} % ({knnOriginal.top === truth ? 'right' : 'wrong'})
              </p>
              <div className="nuisance-answer">
                <ClassBars scores={knn.scores} classNames={classNames} truth={truth} title={`Nearest-neighbour votes per class for the transformed image`} />
                <figure className="nuisance-neighbour">
                  <ImageGrid
                    images={nearestImage}
                    colorMode="grayscale"
                    domain={[0, 1]}
                    pixelSize={3}
                    title={`Nearest neighbour: validation image ${knn.neighbours[0].index}, a ${className(knn.neighbours[0].label)}, squared distance ${knn.neighbours[0].distanceSquared.toFixed(1)}`}
                  />
                  <figcaption>
                    Nearest: a {className(knn.neighbours[0].label)}
                    <br />
                    d² = {knn.neighbours[0].distanceSquared.toFixed(1)}
                  </figcaption>
                </figure>
              </div>
            </section>
            <section className="nuisance-classifier" aria-labelledby={`${names.domId}-cnn`}>
              <h4 id={`${names.domId}-cnn`}>{networkName}</h4>
              {network ? (
                <>
                  <p className="nuisance-hint">
                    {useLearner || !pretrainedNetwork ? (
                      <>
                        Your network from the CNN trainer, after {learner!.step.toLocaleString('en')} steps on the {datasetName} training images
                        {learner!.validationAccuracy === null ? '' : `: ${formatPercentage(learner!.validationAccuracy)} right on the validation images`}. Confidence = its softmax
                        probability.
                      </>
                    ) : (
                      <>
                        {pretrainedNetwork.metadata.title}, trained on the {datasetName} training images: {formatPercentage(pretrainedNetwork.metadata.testAccuracy)} right on{' '}
                        {pretrainedNetwork.metadata.testCount.toLocaleString('en')} test images. Confidence = its softmax probability.
                      </>
                    )}
                  </p>
                  {cnn && cnnOriginal ? (
                    <>
                      <Verdict result={cnn} classNames={classNames} truth={truth} testId="cnn-verdict" />
                      <p className="nuisance-small">
                        On the original: {className(cnnOriginal.top)}, {(cnnOriginal.confidence * 100).toFixed(0)} % ({cnnOriginal.top === truth ? 'right' : 'wrong'})
                      </p>
                      <ClassBars
                        scores={cnn.scores}
                        classNames={classNames}
                        truth={truth}
                        title={useLearner ? 'Your CNN: probabilities per class for the transformed image' : 'CNN probabilities per class for the transformed image'}
                      />
                    </>
                  ) : null}
                </>
              ) : model.load.status === 'failed' ? (
                <div className="widget-error" role="alert">
                  <p>The pretrained CNN could not be loaded: {model.load.message}</p>
                  <button type="button" className="button" onClick={model.retry}>
                    Retry
                  </button>
                </div>
              ) : (
                <LoadingProgress label="Loading the pretrained CNN…" fraction={null} />
              )}
            </section>
          </div>
        ) : null}

        {test && memory ? (
          <section className="nuisance-study" aria-labelledby={`${names.domId}-study`}>
            <h4 id={`${names.domId}-study`}>How often does each break?</h4>
            <p className="nuisance-hint">Apply the current change ({transformText}) to the first test images and count how many each classifier gets right, before and after.</p>
            <div className="widget-controls">
              <NumberField
                {...LIMITS.studyCount}
                max={Math.min(LIMITS.studyCount.max, test.count)}
                value={settings.studyCount}
                onChange={(value) => update({ studyCount: value })}
              />
              <div className="button-row">
                <button type="button" className="button button-primary" onClick={runStudy} disabled={study?.running === true}>
                  Run the study
                </button>
                {study?.running ? (
                  <button type="button" className="button" onClick={cancelStudy}>
                    Stop
                  </button>
                ) : null}
              </div>
            </div>
            {study ? (
              <>
                {study.running ? (
                  <LoadingProgress label={`Classifying test image ${study.tally.done + 1} of ${study.tally.total}…`} fraction={study.tally.done / study.tally.total} />
                ) : null}
                <table className="nuisance-study-table" data-testid="study-results" data-done={study.tally.done} data-running={study.running ? 'true' : 'false'}>
                  <caption>
                    {study.running ? 'So far' : 'Result'}: {study.tally.done} of the first {study.tally.total} {DATASET_NAMES[study.dataset]} test images, {study.transform}
                    {studyStale ? ' (the settings have changed since: run it again)' : ''}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Classifier</th>
                      <th scope="col">Original</th>
                      <th scope="col">Changed</th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <th scope="row">Nearest neighbour (pixels)</th>
                      <td>{formatAccuracy(study.tally.knnBefore, study.tally.done)}</td>
                      <td>{formatAccuracy(study.tally.knnAfter, study.tally.done)}</td>
                    </tr>
                    <tr>
                      <th scope="row">{study.network}</th>
                      {study.tally.withCnn ? (
                        <>
                          <td>{formatAccuracy(study.tally.cnnBefore, study.tally.done)}</td>
                          <td>{formatAccuracy(study.tally.cnnAfter, study.tally.done)}</td>
                        </>
                      ) : (
                        <td colSpan={2}>not loaded: left out</td>
                      )}
                    </tr>
                  </tbody>
                </table>
              </>
            ) : null}
          </section>
        ) : null}
      </div>
    </WidgetFrame>
  );
}
