import { memo } from 'react';
import { HIDDEN_UNITS, maskSample, type NetworkLayout } from './overfitting-lab-state';

/** Units drawn per layer: the first this many of each (the network has 784, 512, 512 and 10). */
export const UNITS_DRAWN = 16;

interface DropoutNetworkProps {
  layout: NetworkLayout;
  /** The dropout-masks read-out: which units each dropout layer kept in the newest step (first example of its minibatch). */
  masks: { step: number; layers: Array<{ layer: number; kept: Uint8Array }> } | null;
  /** The rate p of the hidden layers (0 = no dropout). */
  rate: number;
}

interface Column {
  title: string;
  total: number;
  /** 1 kept / 0 dropped for the drawn units; null when nothing is dropped in this layer. */
  sample: number[] | null;
  keptCount: number | null;
}

const WIDTH = 440;
const HEIGHT = 330;
const TOP = 34;
const ROW = 17;
const RADIUS = 6;

/**
 * The network as columns of units (a sample: the first UNITS_DRAWN of each layer), with the units dropout switched
 * off in the newest training step drawn hollow and crossed, and their connections left out.
 */
export const DropoutNetwork = memo(function DropoutNetwork({ layout, masks, rate }: DropoutNetworkProps) {
  const maskOf = (role: NetworkLayout['dropout'][number]['role']) => {
    const entry = layout.dropout.find((d) => d.role === role);
    const value = entry && masks?.layers.find((layer) => layer.layer === entry.layer);
    return value ? maskSample(value.kept, UNITS_DRAWN) : null;
  };
  const input = maskOf('input');
  const hidden1 = maskOf('hidden-1');
  const hidden2 = maskOf('hidden-2');
  const columns: Column[] = [
    { title: 'Input', total: 784, sample: input?.sample ?? null, keptCount: input?.keptCount ?? null },
    { title: 'Hidden 1', total: HIDDEN_UNITS, sample: hidden1?.sample ?? null, keptCount: hidden1?.keptCount ?? null },
    { title: 'Hidden 2', total: HIDDEN_UNITS, sample: hidden2?.sample ?? null, keptCount: hidden2?.keptCount ?? null },
    { title: 'Output', total: 10, sample: null, keptCount: null },
  ];
  const xOf = (column: number) => 56 + column * ((WIDTH - 112) / (columns.length - 1));
  const drawn = (column: Column) => Math.min(UNITS_DRAWN, column.total);
  const yOf = (column: Column, unit: number) => TOP + 12 + unit * ROW + ((UNITS_DRAWN - drawn(column)) * ROW) / 2;
  const isKept = (column: Column, unit: number) => (column.sample ? column.sample[unit] === 1 : true);

  const connections: string[] = [];
  for (let c = 0; c + 1 < columns.length; c++) {
    const from = columns[c];
    const to = columns[c + 1];
    for (let a = 0; a < drawn(from); a += 3) {
      if (!isKept(from, a)) continue;
      for (let b = 0; b < drawn(to); b += 3) if (isKept(to, b)) connections.push(`M${xOf(c)},${yOf(from, a)}L${xOf(c + 1)},${yOf(to, b)}`);
    }
  }

  const words = columns
    .filter((column) => column.keptCount !== null)
    .map((column) => `${column.title}: ${column.keptCount} of ${column.total} units kept (${(((column.keptCount ?? 0) / column.total) * 100).toFixed(0)}%)`);
  const summary =
    rate === 0
      ? 'Dropout is off: every unit takes part in every step.'
      : masks
        ? `Dropout masks of step ${masks.step}, first example of the minibatch. ${words.join('; ')}.`
        : 'Dropout masks appear after the first step.';

  return (
    <figure className="overfitting-network">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} data-testid="dropout-network">
        <path className="overfitting-network-edge" d={connections.join('')} />
        {columns.map((column, c) => (
          <g key={column.title}>
            <text className="overfitting-network-title" x={xOf(c)} y={16} textAnchor="middle">
              {column.title}
            </text>
            <text className="overfitting-tick" x={xOf(c)} y={30} textAnchor="middle">
              {column.total > UNITS_DRAWN ? `first ${UNITS_DRAWN} of ${column.total}` : `${column.total} units`}
            </text>
            {Array.from({ length: drawn(column) }, (_, unit) => {
              const kept = isKept(column, unit);
              const cx = xOf(c);
              const cy = yOf(column, unit);
              return kept ? (
                <circle key={unit} className="overfitting-unit" cx={cx} cy={cy} r={RADIUS} />
              ) : (
                <g key={unit} className="overfitting-unit-dropped">
                  <circle cx={cx} cy={cy} r={RADIUS} />
                  <path d={`M${cx - 4},${cy - 4}L${cx + 4},${cy + 4}M${cx - 4},${cy + 4}L${cx + 4},${cy - 4}`} />
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption>{summary}</figcaption>
    </figure>
  );
});
