import { memo, useEffect, useId, useMemo, useRef } from 'react';
import { DATASET_LABELS, datasetsFor, generateDataset, PLANE_RADIUS, supportsManyClasses, type DataPoint, type DatasetId, type ProblemType } from './mlp-datasets';
import { classColor, type HeatmapPalette } from './mlp-heatmap';
import { LIMITS, type MlpSettings } from './mlp-settings';
import { SliderField } from '../../ui/slider-field';
import { NumberField } from '../../ui/number-field';

const THUMBNAIL = 56;

/** A data set's look at a glance: 160 noiseless points on a small canvas. */
const DatasetThumbnail = memo(function DatasetThumbnail({ dataset, classes, palette }: { dataset: DatasetId; classes: number; palette: HeatmapPalette }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, THUMBNAIL, THUMBNAIL);
    if (dataset === 'custom') return;
    const k = supportsManyClasses(dataset) ? classes : 2;
    const regression = dataset === 'plane' || dataset === 'multi-gauss';
    for (const point of generateDataset({ dataset, count: 160, noise: 0, classes: k, seed: 3 })) {
      const color = regression ? (point.label < 0 ? palette.negative : palette.positive) : classColor(palette, point.label, k);
      const alpha = regression ? 0.25 + 0.75 * Math.min(1, Math.abs(point.label)) : 1;
      context.fillStyle = `rgba(${color[0]}, ${color[1]}, ${color[2]}, ${alpha})`;
      const x = ((point.x / PLANE_RADIUS + 1) / 2) * THUMBNAIL;
      const y = ((1 - point.y / PLANE_RADIUS) / 2) * THUMBNAIL;
      context.fillRect(x - 1.5, y - 1.5, 3, 3);
    }
  }, [dataset, classes, palette]);
  return dataset === 'custom' ? (
    <span className="mlp-thumbnail mlp-thumbnail-draw" aria-hidden="true">
      ✎
    </span>
  ) : (
    <canvas ref={ref} className="mlp-thumbnail" width={THUMBNAIL} height={THUMBNAIL} aria-hidden="true" />
  );
});

/** The marker points of class k wear on the plot (circle, square, triangle, diamond), in its colour. */
function ClassMarker({ classIndex }: { classIndex: number }) {
  const shapes = ['M7 1.5a5.5 5.5 0 1 1 0 11a5.5 5.5 0 1 1 0-11z', 'M2 2h10v10H2z', 'M7 1.2L12.8 12H1.2z', 'M7 0.8L13.2 7L7 13.2L0.8 7z'];
  return (
    <svg className={`mlp-marker mlp-marker-${classIndex}`} width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <path d={shapes[classIndex % 4]} />
    </svg>
  );
}

interface DataPanelProps {
  settings: MlpSettings;
  problem: ProblemType;
  palette: HeatmapPalette;
  /** While training: the data cannot change. */
  locked: boolean;
  update: (patch: Partial<MlpSettings>) => void;
  drawing: {
    points: readonly DataPoint[];
    drawClass: number;
    setDrawClass: (value: number) => void;
    clear: () => void;
    removeLast: () => void;
  };
}

/** The data: which set (with thumbnails), classes, noise, how many points and how they split, the seed; and drawing tools. */
export const DataPanel = memo(function DataPanel({ settings, problem, palette, locked, update, drawing }: DataPanelProps) {
  const group = useId();
  const classGroup = useId();
  const datasets = useMemo(() => datasetsFor(problem), [problem]);
  const custom = settings.dataset === 'custom';
  const manyClasses = problem === 'classification' && supportsManyClasses(settings.dataset);
  const classNames = problem === 'regression' ? ['−1 (orange)', '+1 (blue)'] : Array.from({ length: settings.classes }, (_, k) => `Class ${k + 1}`);
  return (
    <div className="mlp-data">
      <fieldset className="mlp-datasets" disabled={locked}>
        <legend>Data set</legend>
        {datasets.map((dataset) => (
          <label key={dataset} className="mlp-dataset">
            <input type="radio" name={group} value={dataset} checked={settings.dataset === dataset} onChange={() => update({ dataset })} />
            <span className="mlp-dataset-card">
              <DatasetThumbnail dataset={dataset} classes={settings.classes} palette={palette} />
              <span>{DATASET_LABELS[dataset]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {problem === 'classification' ? (
        <div className="field">
          <label htmlFor={`${group}-classes`}>Classes</label>
          <select
            id={`${group}-classes`}
            value={manyClasses ? settings.classes : 2}
            disabled={locked || !manyClasses}
            aria-describedby={manyClasses ? undefined : `${group}-classes-note`}
            onChange={(event) => update({ classes: Number(event.target.value) })}
          >
            {[2, 3, 4].map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
          {manyClasses ? null : (
            <span id={`${group}-classes-note`} className="field-hint">
              Exclusive or has two classes.
            </span>
          )}
        </div>
      ) : null}
      <SliderField
        label="Training share"
        value={settings.trainPercent}
        min={LIMITS.trainPercent.min}
        max={LIMITS.trainPercent.max}
        step={10}
        disabled={locked}
        format={(value) => `${value} %`}
        onChange={(trainPercent) => update({ trainPercent })}
      />
      {custom ? null : (
        <>
          <SliderField
            label="Noise"
            value={settings.noise}
            min={LIMITS.noise.min}
            max={LIMITS.noise.max}
            step={5}
            disabled={locked}
            format={(value) => `${value} %`}
            onChange={(noise) => update({ noise })}
          />
          <SliderField label="Points" value={settings.count} min={50} max={LIMITS.count.max} step={50} disabled={locked} onChange={(count) => update({ count })} />
        </>
      )}
      <div className="mlp-seed-row">
        <NumberField {...LIMITS.seed} value={settings.seed} disabled={locked} onChange={(seed) => update({ seed })} hint="data and first weights" />
        <button type="button" className="button" disabled={locked} onClick={() => update({ seed: (settings.seed * 7919 + 13) % (LIMITS.seed.max + 1) })}>
          New seed
        </button>
      </div>
      {custom ? (
        <fieldset className="mlp-draw-tools" disabled={locked}>
          <legend>Class to draw</legend>
          <div className="pill-choices">
            {classNames.map((name, k) => (
              <label key={name} className="pill-choice">
                <input type="radio" name={classGroup} checked={drawing.drawClass === k} onChange={() => drawing.setDrawClass(k)} />
                <span>
                  <ClassMarker classIndex={k} />
                  {name}
                </span>
              </label>
            ))}
          </div>
          <div className="button-row">
            <button type="button" className="button" onClick={drawing.removeLast} disabled={drawing.points.length === 0}>
              Undo point
            </button>
            <button type="button" className="button" onClick={drawing.clear} disabled={drawing.points.length === 0}>
              Clear points
            </button>
          </div>
          <p className="widget-caption">{drawing.points.length} points drawn. Click the plot to add one (keyboard: focus the plot, arrows, Enter).</p>
        </fieldset>
      ) : null}
    </div>
  );
});
