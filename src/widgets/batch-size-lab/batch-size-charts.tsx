import { memo, useMemo } from 'react';
import { LineChart, type LineSeries } from '../../charts/line-chart';
import { commonRangeLimit, cropCurve, examplesSeen, RUN_KINDS, runLabel, smoothingWindowSteps, trailingMean, type RunKind } from './batch-size-lab-state';

/** One run's recorded training losses (one per step, batch mean). */
export interface RunCurve {
  steps: number[];
  values: number[];
}

/** Each run's colour: the same in the legend, the charts and the table's column headings. */
export const RUN_COLORS: Record<RunKind, string> = { single: 'var(--class-a)', minibatch: 'var(--accent)', full: 'var(--good)' };

/** The raw per-step curve of a noisy run: its colour, faded. */
const faded = (color: string) => `color-mix(in srgb, ${color} 28%, transparent)`;

/** Which part of the curves the charts show: where all three have data, or everything so far. */
export type ChartRange = 'common' | 'all';

interface BatchSizeChartsProps {
  curves: Record<RunKind, RunCurve>;
  batchSizes: Record<RunKind, number>;
  showRaw: boolean;
  range: ChartRange;
}

interface PreparedRun {
  kind: RunKind;
  label: string;
  steps: number[];
  examples: number[];
  raw: number[];
  smoothed: number[];
  /** False for the full batch: every step sees the same examples, so its per-step loss is already exact. */
  noisy: boolean;
}

/**
 * The series of one chart, against steps or against examples seen (steps × batch size), cropped to the range
 * all three runs have reached when `range` is 'common'; and the top of its y axis, fitted to the smoothed curves
 * (at least 0.75, above the initial ln 2 ≈ 0.69).
 */
function chartFor(runs: PreparedRun[], axis: 'steps' | 'examples', showRaw: boolean, range: ChartRange): { series: LineSeries[]; yTop: number } {
  const xOf = (run: PreparedRun) => (axis === 'steps' ? run.steps : run.examples);
  const limit = range === 'common' ? commonRangeLimit(runs.map(xOf)) : null;
  const raw: LineSeries[] = [];
  const smooth: LineSeries[] = [];
  let top = 0.75;
  for (const run of runs) {
    const color = RUN_COLORS[run.kind];
    const smoothed = cropCurve(xOf(run), run.smoothed, limit);
    for (const v of smoothed.Y) if (Number.isFinite(v) && v > top) top = v;
    smooth.push({ id: run.kind, label: run.noisy ? `${run.label}, mean of last ~256 examples` : run.label, ...smoothed, color, dashed: run.kind === 'full' });
    if (run.noisy && showRaw && axis === 'steps')
      raw.push({ id: `${run.kind}-raw`, label: `${run.label}, each step`, ...cropCurve(xOf(run), run.raw, limit), color: faded(color) });
  }
  return { series: [...raw, ...smooth], yTop: Math.ceil(top * 11) / 10 };
}

/**
 * The lab's two loss charts: training loss against optimizer steps, and against examples seen (steps × batch
 * size). Noisy runs show their trailing mean over ~256 examples boldly, and on the steps chart each step's batch
 * loss faintly (on the examples chart thousands of single-example spikes would fill the plot).
 * The y axis is fitted to the smoothed curves, so a wrong label's spike (single-example loss of 5 or 8) runs
 * off the top instead of flattening everything else.
 */
export const BatchSizeCharts = memo(function BatchSizeCharts({ curves, batchSizes, showRaw, range }: BatchSizeChartsProps) {
  const runs = useMemo<PreparedRun[]>(
    () =>
      RUN_KINDS.map((kind) => {
        const curve = curves[kind];
        const batchSize = batchSizes[kind];
        const noisy = kind !== 'full';
        return {
          kind,
          label: runLabel(kind, batchSize),
          steps: curve.steps,
          examples: examplesSeen(curve.steps, batchSize),
          raw: curve.values,
          smoothed: noisy ? trailingMean(curve.steps, curve.values, smoothingWindowSteps(batchSize)) : curve.values,
          noisy,
        };
      }),
    [curves, batchSizes],
  );
  const bySteps = useMemo(() => chartFor(runs, 'steps', showRaw, range), [runs, showRaw, range]);
  const byExamples = useMemo(() => chartFor(runs, 'examples', showRaw, range), [runs, showRaw, range]);
  // One y axis for both charts, so a loss reads the same height in each.
  const yDomain = useMemo<[number, number]>(() => [0, Math.max(bySteps.yTop, byExamples.yTop)], [bySteps, byExamples]);
  const formatY = (v: number) => v.toFixed(2);
  return (
    <div className="batch-size-lab-charts">
      <div>
        <h4 className="widget-subtitle">Training loss per optimizer step</h4>
        <LineChart
          title="Training loss against optimizer steps"
          xLabel="Optimizer steps"
          yLabel="Loss"
          series={bySteps.series}
          yDomain={yDomain}
          logScaleToggle={false}
          formatY={formatY}
          height={260}
        />
      </div>
      <div>
        <h4 className="widget-subtitle">Training loss per example seen</h4>
        <LineChart
          title="Training loss against examples seen"
          xLabel="Examples seen (steps × batch size)"
          yLabel="Loss"
          series={byExamples.series}
          yDomain={yDomain}
          logScaleToggle={false}
          formatY={formatY}
          height={260}
        />
      </div>
    </div>
  );
});
