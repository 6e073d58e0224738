import { memo, useRef, useState, type KeyboardEvent } from 'react';
import { describeCell, describeMatrix, rowShares, type ConfusionCounts } from './confusion-matrix-model';
import './confusion-matrix.css';

export type { ConfusionCounts } from './confusion-matrix-model';

/** Props of {@link ConfusionMatrix}. */
export interface ConfusionMatrixProps {
  /** counts[true][predicted]. */
  counts: ConfusionCounts;
  classNames: readonly string[];
  /** Accessible name of the grid. */
  title: string;
  /** Called when a cell is chosen (click, Enter or Space). */
  onSelectCell?: (label: number, predicted: number) => void;
  /** The cell shown as chosen. */
  selectedCell?: { label: number; predicted: number } | null;
}

/**
 * How much accent colour a cell gets for its row share s, in %: 0–45 for s < ½ and 88–100 above, so that the
 * count on it always reads in both themes (dark text below the gap, the accent's contrast colour above it).
 */
export function cellTint(share: number): number {
  if (!(share > 0)) return 0;
  return share < 0.5 ? Math.round(8 + share * 74) : Math.round(88 + (share - 0.5) * 24);
}

/**
 * A confusion matrix as a keyboard-operable grid: rows are true classes, columns predictions, each cell
 * shows its count and is tinted by its share of the row (row-normalised, so rare and common classes read
 * alike). Arrow keys, Home and End move between cells; Enter or Space chooses one. Each cell's accessible
 * name gives its count and row share, and a summary (accuracy, top confusions) follows the grid.
 */
export const ConfusionMatrix = memo(function ConfusionMatrix({ counts, classNames, title, onSelectCell, selectedCell }: ConfusionMatrixProps) {
  const classes = counts.length;
  const shares = rowShares(counts);
  const [focus, setFocus] = useState<[number, number]>([0, 0]);
  const cells = useRef<Array<HTMLDivElement | null>>([]);

  const move = (row: number, column: number) => {
    const r = Math.max(0, Math.min(classes - 1, row));
    const c = Math.max(0, Math.min(classes - 1, column));
    setFocus([r, c]);
    cells.current[r * classes + c]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent, t: number, p: number) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => move(t, p + 1),
      ArrowLeft: () => move(t, p - 1),
      ArrowDown: () => move(t + 1, p),
      ArrowUp: () => move(t - 1, p),
      Home: () => move(t, 0),
      End: () => move(t, classes - 1),
      Enter: () => onSelectCell?.(t, p),
      ' ': () => onSelectCell?.(t, p),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  return (
    <figure className="chart confusion-matrix">
      <div className="confusion-matrix-axes">
        <span className="confusion-matrix-x-title" aria-hidden="true">
          Predicted class →
        </span>
        <span className="confusion-matrix-y-title" aria-hidden="true">
          True class →
        </span>
        <div role="grid" aria-label={title} className="confusion-matrix-grid" style={{ gridTemplateColumns: `auto repeat(${classes}, minmax(0, 1fr))` }}>
          <div role="row" className="confusion-matrix-row">
            <span role="columnheader" className="confusion-matrix-corner">
              <span className="visually-hidden">true class \ predicted class</span>
            </span>
            {classNames.map((name) => (
              <span key={name} role="columnheader" className="confusion-matrix-head">
                {name}
              </span>
            ))}
          </div>
          {counts.map((row, t) => (
            <div role="row" key={t} className="confusion-matrix-row">
              <span role="rowheader" className="confusion-matrix-head confusion-matrix-row-head">
                {classNames[t]}
              </span>
              {row.map((count, p) => {
                const tint = cellTint(shares[t][p]);
                const selected = selectedCell?.label === t && selectedCell.predicted === p;
                return (
                  <div
                    key={p}
                    ref={(element) => {
                      cells.current[t * classes + p] = element;
                    }}
                    role="gridcell"
                    tabIndex={focus[0] === t && focus[1] === p ? 0 : -1}
                    aria-label={describeCell(counts, classNames, t, p)}
                    aria-selected={onSelectCell ? selected : undefined}
                    className={`confusion-matrix-cell${t === p ? ' is-diagonal' : ''}${tint >= 88 ? ' is-strong' : ''}${selected ? ' is-selected' : ''}`}
                    style={{ background: tint > 0 ? `color-mix(in srgb, var(--accent) ${tint}%, var(--surface))` : undefined }}
                    onClick={() => {
                      setFocus([t, p]);
                      onSelectCell?.(t, p);
                    }}
                    onKeyDown={(event) => onKeyDown(event, t, p)}
                  >
                    {count > 0 ? count : ''}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </div>
      <figcaption className="confusion-matrix-summary">{describeMatrix(counts, classNames)}</figcaption>
    </figure>
  );
});
