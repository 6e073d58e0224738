import { useId, useMemo } from 'react';
import { ImageGrid } from '../../charts/image-grid';
import { numberSetting, type SettingParser } from '../../core/url/shared-settings';
import { useDataset } from '../../hooks/use-dataset';
import { useSharedSettings } from '../../hooks/use-shared-settings';
import { LoadingProgress } from '../../ui/loading-progress';
import { NumberField } from '../../ui/number-field';
import { WidgetFrame } from '../../ui/widget-frame';
import { widgetInstanceNames } from '../training-shell/widget-instance';
import {
  FILTERS_RULE,
  IMAGE_SIZES,
  INDEX_RULE,
  SEED_RULE,
  compareFullKernel,
  downscale,
  formatCount,
  formatDifference,
  formatOutput,
  randomFilters,
  sharedWeights,
  type ImageSize,
  type SmallKernel,
} from './conv-neuron-vs-perceptron-state';
import './conv-neuron-vs-perceptron.css';
import { LinkProblemsNotice } from '../../ui/link-problems-notice';

interface ConvNeuronVsPerceptronProps {
  /** Seed of the random weights (default 3). */
  seed?: number;
  /** Which copy of this widget on the page (0-based); LazyWidget sets it. */
  instance?: number;
}

interface Settings {
  size: ImageSize;
  filters: number;
  seed: number;
  index: number;
  kernel: SmallKernel;
}

const sizeSetting: SettingParser<ImageSize> = (raw) =>
  (IMAGE_SIZES as readonly number[]).includes(Number(raw))
    ? { value: Number(raw) as ImageSize }
    : { problem: `Image size "${raw}" in the link is not one of ${IMAGE_SIZES.join(', ')}` };
const kernelSetting: SettingParser<SmallKernel> = (raw) =>
  raw === '3' || raw === '5' ? { value: Number(raw) as SmallKernel } : { problem: `Small kernel "${raw}" in the link is not 3 or 5` };

const settingsSchema = {
  size: sizeSetting,
  filters: numberSetting(FILTERS_RULE),
  seed: numberSetting(SEED_RULE),
  index: numberSetting(INDEX_RULE),
  kernel: kernelSetting,
};

const SPLITS = ['test'] as const;

/**
 * Widget "conv-neuron-vs-perceptron": shows numerically that a convolution whose kernel is as large as the image
 * ('valid': one position per filter) is a fully connected layer with the kernel reshaped into its weight matrix,
 * then what weight sharing changes when the kernel is smaller than the image.
 */
export function ConvNeuronVsPerceptron({ seed = 3, instance }: ConvNeuronVsPerceptronProps) {
  const names = widgetInstanceNames('conv-neuron-vs-perceptron', 'conv-fc', instance);
  const shared = useSharedSettings<Settings>(names.shareNamespace, settingsSchema, { size: 14, filters: 4, seed, index: 0, kernel: 3 });
  const { values: settings, setValues } = shared;
  const update = (patch: Partial<Settings>) => setValues((current) => ({ ...current, ...patch }));
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const { load, retry } = useDataset('mnist', SPLITS, true);
  const split = load.status === 'loaded' ? load.splits[0] : null;
  const index = split ? Math.min(settings.index, split.count - 1) : settings.index;
  const { size, filters: filterCount } = settings;

  const image = useMemo(() => {
    if (!split) return null;
    const offset = index * 784;
    return downscale(
      Float32Array.from(split.images.subarray(offset, offset + 784), (v) => v / 255),
      size,
    );
  }, [split, index, size]);
  const comparison = useMemo(() => (image ? compareFullKernel(image, size, filterCount, settings.seed) : null), [image, size, filterCount, settings.seed]);
  const kernels = useMemo(() => {
    const { filters } = randomFilters(size, filterCount, settings.seed);
    return Array.from({ length: Math.min(filterCount, 4) }, (_, f) => ({
      values: Float64Array.from({ length: size * size }, (_, p) => filters.values[p * filterCount + f]),
      width: size,
      height: size,
      label: `Filter ${f + 1} = column ${f + 1} of W`,
    }));
  }, [size, filterCount, settings.seed]);
  const smallKernelTooBig = settings.kernel >= size;
  const shared2 = useMemo(
    () => (image && !smallKernelTooBig ? sharedWeights(image, size, settings.kernel, filterCount, settings.seed) : null),
    [image, size, settings.kernel, filterCount, settings.seed, smallKernelTooBig],
  );
  const label = split ? split.labels[index] : null;
  const pixelSize = Math.round(168 / size);

  const state = load.status === 'loaded' ? 'ready' : load.status === 'failed' ? 'error' : 'loading';
  return (
    <WidgetFrame
      widgetId="conv-neuron-vs-perceptron"
      domId={names.domId}
      title="A convolution neuron versus a perceptron"
      state={state}
      error={load.status === 'failed' ? `The MNIST test images could not be loaded: ${load.message}` : null}
    >
      <LinkProblemsNotice problems={shared.problems} />
      {load.status === 'failed' ? (
        <div className="button-row">
          <button type="button" className="button" onClick={retry}>
            Retry
          </button>
        </div>
      ) : null}
      {load.status === 'loading' || load.status === 'idle' ? (
        <LoadingProgress label="Downloading the MNIST test images…" fraction={load.status === 'loading' ? load.fraction : null} />
      ) : null}

      <div className="widget-controls conv-fc-controls">
        <fieldset className="pill-choices">
          <legend>Image size H×W</legend>
          {IMAGE_SIZES.map((option) => (
            <label key={option} className="pill-choice">
              <input type="radio" name={`size-${uid}`} value={option} checked={size === option} onChange={() => update({ size: option })} />
              <span>
                {option}×{option}
              </span>
            </label>
          ))}
        </fieldset>
        <NumberField {...FILTERS_RULE} value={filterCount} onChange={(filters) => update({ filters })} hint="outputs of the layer" />
        <NumberField {...SEED_RULE} value={settings.seed} onChange={(next) => update({ seed: next })} hint="draws the weights" />
        <NumberField {...INDEX_RULE} max={split ? split.count - 1 : INDEX_RULE.max} value={index} onChange={(next) => update({ index: next })} />
        <div className="button-row conv-fc-buttons">
          <button type="button" className="button" onClick={() => update({ index: (index + 1) % (split?.count ?? INDEX_RULE.max + 1) })}>
            Next image
          </button>
        </div>
      </div>

      {image && comparison ? (
        <>
          <h4 className="conv-fc-heading">1. Kernel as large as the image: one position per filter</h4>
          <div className="conv-fc-pictures">
            <div>
              <p className="conv-fc-picture-title">
                Input x: MNIST test image {index}
                {label !== null ? ` (a ${label})` : ''}, {size}×{size}
              </p>
              <ImageGrid
                title={`Input x: MNIST test image ${index}, ${size} by ${size} pixels`}
                images={[{ values: image, width: size, height: size, label: `${size * size} pixels` }]}
                colorMode="grayscale"
                pixelSize={pixelSize}
              />
            </div>
            <div>
              <p className="conv-fc-picture-title">
                Kernel {size}×{size}×1×{filterCount}
                {filterCount > 4 ? ' (first 4 filters shown)' : ''}
              </p>
              <ImageGrid
                title={`The kernels of the first ${kernels.length} filters, ${size} by ${size}, seed ${settings.seed}`}
                images={kernels}
                colorMode="diverging"
                pixelSize={Math.max(3, Math.round(pixelSize / 2))}
                showLegend
              />
            </div>
          </div>
          <div className="conv-fc-table-wrap">
            <table className="conv-fc-table">
              <caption>
                (a) conv2d(x, kernel, &apos;valid&apos;) gives a 1×1×{filterCount} map; (b) x·W + b with W the kernel reshaped to [{size * size}, {filterCount}]
              </caption>
              <thead>
                <tr>
                  <th scope="col">Filter / unit</th>
                  <th scope="col">(a) convolution</th>
                  <th scope="col">(b) fully connected</th>
                  <th scope="col">|a − b|</th>
                </tr>
              </thead>
              <tbody>
                {Array.from(comparison.conv, (value, f) => (
                  <tr key={f}>
                    <th scope="row">{f + 1}</th>
                    <td>{formatOutput(value)}</td>
                    <td>{formatOutput(comparison.dense[f])}</td>
                    <td>{formatDifference(Math.abs(value - comparison.dense[f]))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="widget-readout" aria-live="polite">
            max |a − b| = <strong data-testid="max-difference">{formatDifference(comparison.maxDifference)}</strong> · output shape{' '}
            <span data-testid="output-shape">{comparison.outputShape.join('×')}</span>
          </p>
          <p className="widget-caption">
            Both compute the same {size * size} products per unit and add them in the same order, so they agree to the last bit. In 32-bit floats, with the sums grouped differently
            (as GPU kernels do), they could differ around the 7th significant digit: rounding, not a different function.
          </p>
          <dl className="conv-fc-counts">
            <div>
              <dt>Convolution parameters</dt>
              <dd>
                {size}·{size}·1·{filterCount} + {filterCount} = <strong data-testid="conv-parameters">{formatCount(comparison.convParameters)}</strong>
              </dd>
            </div>
            <div>
              <dt>Fully connected parameters</dt>
              <dd>
                {size * size}·{filterCount} + {filterCount} = <strong data-testid="dense-parameters">{formatCount(comparison.denseParameters)}</strong>
              </dd>
            </div>
          </dl>

          <h4 className="conv-fc-heading">2. A smaller kernel: the same weights at every position</h4>
          <div className="widget-controls">
            <fieldset className="pill-choices">
              <legend>Small kernel k×k</legend>
              {([3, 5] as const).map((option) => (
                <label key={option} className="pill-choice">
                  <input type="radio" name={`kernel-${uid}`} value={option} checked={settings.kernel === option} onChange={() => update({ kernel: option })} />
                  <span>
                    {option}×{option}
                  </span>
                </label>
              ))}
            </fieldset>
          </div>
          {shared2 ? (
            <div className="conv-fc-shared">
              <div>
                <p className="conv-fc-picture-title">
                  Filter 1&apos;s output map, {shared2.outputSize}×{shared2.outputSize}
                </p>
                <ImageGrid
                  title={`Filter 1's output map, ${shared2.outputSize}×${shared2.outputSize}`}
                  images={[
                    {
                      values: shared2.firstMap,
                      width: shared2.outputSize,
                      height: shared2.outputSize,
                      label: `${shared2.outputSize * shared2.outputSize} outputs, one ${settings.kernel}×${settings.kernel} kernel`,
                    },
                  ]}
                  colorMode="diverging"
                  pixelSize={Math.round(168 / shared2.outputSize)}
                  showLegend
                />
              </div>
              <div>
                <p>
                  With a {settings.kernel}×{settings.kernel} kernel each filter has {shared2.outputSize}×{shared2.outputSize} = {shared2.outputSize * shared2.outputSize} positions,
                  so the layer gives {shared2.outputSize}·{shared2.outputSize}·{filterCount} = <strong>{formatCount(shared2.outputs)}</strong> outputs.
                </p>
                <dl className="conv-fc-counts">
                  <div>
                    <dt>Convolution parameters (shared)</dt>
                    <dd>
                      {settings.kernel}·{settings.kernel}·{filterCount} + {filterCount} ={' '}
                      <strong data-testid="shared-conv-parameters">{formatCount(shared2.convParameters)}</strong>
                    </dd>
                  </div>
                  <div>
                    <dt>Fully connected, same outputs</dt>
                    <dd>
                      {size * size}·{formatCount(shared2.outputs)} + {formatCount(shared2.outputs)} ={' '}
                      <strong data-testid="shared-dense-parameters">{formatCount(shared2.denseParameters)}</strong>
                    </dd>
                  </div>
                </dl>
                <p className="widget-caption">
                  Written as a fully connected layer, this convolution is a {size * size}×{formatCount(shared2.outputs)} matrix with only {formatCount(shared2.equivalentNonzeros)}{' '}
                  nonzero entries ({((100 * shared2.equivalentNonzeros) / (size * size * shared2.outputs)).toFixed(1)}%), and those take just{' '}
                  {settings.kernel * settings.kernel * filterCount} distinct values: each unit sees a {settings.kernel}×{settings.kernel} patch, and every position reuses the same
                  kernel. {formatCount(Math.round(shared2.denseParameters / shared2.convParameters))} times fewer parameters.
                </p>
              </div>
            </div>
          ) : (
            <p className="widget-notice" role="alert">
              A {settings.kernel}×{settings.kernel} kernel is not smaller than a {size}×{size} image: pick a larger image size to see weight sharing.
            </p>
          )}
        </>
      ) : null}
    </WidgetFrame>
  );
}
