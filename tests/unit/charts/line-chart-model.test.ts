import { describe, expect, it } from 'vitest';
import {
  buildLinePath,
  computeTicks,
  computeXDomain,
  computeYDomain,
  countNonPositive,
  createXScale,
  createYScale,
  describeSeries,
  downsampleMinMax,
  edgeX,
  fitFixedYDomain,
  formatNumber,
  lastDrawableIndex,
  nearestIndex,
  nearestX,
  pickSeriesColor,
  stepX,
} from '../../../src/charts/line-chart-model';
import type { LineSeries } from '../../../src/charts/line-chart-model';

const series = (id: string, X: number[], Y: number[]): LineSeries => ({ id, label: id, X, Y });

describe('domains', () => {
  it('spans the finite data of all series', () => {
    const s = [series('a', [0, 1, 2], [3, NaN, 5]), series('b', [1, 4], [-1, Infinity])];
    expect(computeXDomain(s)).toEqual([0, 4]);
    expect(computeYDomain(s, false)).toEqual([-1, 5]);
  });

  it('uses only positive values on a log scale', () => {
    const s = [series('a', [0, 1, 2, 3], [0, -2, 0.5, 8])];
    expect(computeYDomain(s, true)).toEqual([0.5, 8]);
    expect(countNonPositive(s)).toBe(2);
  });

  it('falls back for empty data and widens single points', () => {
    expect(computeXDomain([])).toEqual([0, 1]);
    expect(computeYDomain([series('a', [], [])], false)).toEqual([0, 1]);
    expect(computeYDomain([series('a', [1], [-3])], true)).toEqual([1, 10]);
    const [lo, hi] = computeYDomain([series('a', [7], [2])], false);
    expect(lo).toBeLessThan(2);
    expect(hi).toBeGreaterThan(2);
    const [xLo, xHi] = computeXDomain([series('a', [0], [2])]);
    expect(xLo).toBeLessThan(0);
    expect(xHi).toBeGreaterThan(0);
    const [logLo, logHi] = computeYDomain([series('a', [0], [4])], true);
    expect([logLo, logHi]).toEqual([2, 8]);
  });

  it('ignores Y values whose X is not finite', () => {
    expect(computeYDomain([series('a', [0, NaN, 2], [1, 100, 3])], false)).toEqual([1, 3]);
  });

  it('keeps a fixed domain usable on a log scale', () => {
    expect(fitFixedYDomain([0, 1], [0.01, 2], false)).toEqual([0, 1]);
    expect(fitFixedYDomain([0, 1], [0.01, 2], true)).toEqual([0.01, 1]);
    expect(fitFixedYDomain([1, 0], [0.01, 2], false)).toEqual([0, 1]);
  });
});

describe('scales and ticks', () => {
  it('nices a linear y domain but not a fixed one', () => {
    expect(createYScale([0.1, 2.3], [200, 0], false).domain()).toEqual([0, 2.5]);
    expect(createYScale([0.1, 2.3], [200, 0], false, true).domain()).toEqual([0.1, 2.3]);
  });

  it('places log ticks at their pixel positions and labels only some', () => {
    const y = createYScale([0.01, 10], [300, 0], true);
    const ticks = computeTicks(y, 4, undefined, true);
    const labelled = ticks.filter((t) => t.label !== '').map((t) => t.label);
    expect(labelled).toEqual(['0.01', '0.1', '1', '10']);
    expect(ticks.length).toBeGreaterThan(labelled.length);
    const one = ticks.find((t) => t.value === 1);
    expect(one?.position).toBeCloseTo(100);
  });

  it('labels linear ticks with the precision their spacing needs', () => {
    const labels = (domain: [number, number], count: number) => computeTicks(createYScale(domain, [100, 0], false, true), count).map((t) => t.label);
    expect(labels([0, 10], 3)).toEqual(['0', '5', '10']);
    expect(labels([0, 2.5], 5)).toEqual(['0', '0.5', '1', '1.5', '2', '2.5']);
    expect(labels([0, 20000], 2)).toEqual(['0', '10,000', '20,000']);
  });

  it('applies a custom formatter to labelled ticks', () => {
    const y = createYScale([0, 1], [100, 0], false);
    const labels = computeTicks(y, 2, (v) => `${Math.round(v * 100)}%`).map((t) => t.label);
    expect(labels).toEqual(['0%', '50%', '100%']);
  });
});

describe('formatNumber', () => {
  it('writes 3 significant digits, exponents for extremes, and names non-finite values', () => {
    expect(formatNumber(0.23104)).toBe('0.231');
    expect(formatNumber(120)).toBe('120');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.00012345)).toBe('1.23e-4');
    expect(formatNumber(NaN)).toBe('NaN');
    expect(formatNumber(-Infinity)).toBe('-Infinity');
  });
});

describe('downsampleMinMax', () => {
  it('returns short series unchanged', () => {
    const { X, Y } = downsampleMinMax([0, 1, 2], [5, 6, 7], 10);
    expect(Array.from(X)).toEqual([0, 1, 2]);
    expect(Array.from(Y)).toEqual([5, 6, 7]);
  });

  it('reduces a long series to at most 4 points per bucket and keeps spikes and ends', () => {
    const n = 10_000;
    const X = Float64Array.from({ length: n }, (_, i) => i);
    const Y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50));
    Y[4321] = 50;
    Y[8765] = -40;
    const sampled = downsampleMinMax(X, Y, 200);
    expect(sampled.X.length).toBeLessThanOrEqual(4 * 200);
    expect(sampled.X.length).toBeGreaterThanOrEqual(2 * 200);
    expect(Math.max(...sampled.Y)).toBe(50);
    expect(Math.min(...sampled.Y)).toBe(-40);
    expect(sampled.X[0]).toBe(0);
    expect(sampled.X[sampled.X.length - 1]).toBe(n - 1);
    for (let i = 1; i < sampled.X.length; i++) expect(sampled.X[i]).toBeGreaterThan(sampled.X[i - 1]);
  });

  it('keeps a run of NaN as one gap point', () => {
    const n = 1000;
    const X = Array.from({ length: n }, (_, i) => i);
    const Y = X.map((i) => (i >= 500 && i < 600 ? NaN : i));
    const sampled = downsampleMinMax(X, Y, 10);
    const gaps = Array.from(sampled.Y).filter(Number.isNaN);
    expect(gaps).toHaveLength(1);
    expect(sampled.Y[sampled.Y.length - 1]).toBe(999);
  });

  it('treats non-positive values as gaps on a log scale', () => {
    const X = Array.from({ length: 100 }, (_, i) => i);
    const Y = X.map((i) => (i === 50 ? 0 : 1 + i));
    const sampled = downsampleMinMax(X, Y, 5, true);
    expect(Array.from(sampled.Y).filter(Number.isNaN)).toHaveLength(1);
    expect(Array.from(sampled.Y)).not.toContain(0);
  });
});

describe('buildLinePath', () => {
  const x = createXScale([0, 3], [0, 300]);
  const y = createYScale([0, 10], [100, 0], false, true);

  it('breaks the line at NaN instead of drawing through it', () => {
    const path = buildLinePath({ X: Float64Array.of(0, 1, 2, 3), Y: Float64Array.of(0, 10, NaN, 5) }, x, y, false);
    expect(path).toBe('M0,100L100,0M300,50Z');
    expect(path).not.toContain('NaN');
  });

  it('returns null when nothing is drawable', () => {
    expect(buildLinePath({ X: new Float64Array(0), Y: new Float64Array(0) }, x, y, false)).toBeNull();
  });

  it('drops non-positive values on a log scale', () => {
    const logY = createYScale([1, 100], [100, 0], true);
    const path = buildLinePath({ X: Float64Array.of(0, 1, 2), Y: Float64Array.of(1, 0, 100) }, x, logY, true);
    expect(path).toBe('M0,100ZM200,0Z');
  });
});

describe('nearest point and keyboard stepping', () => {
  const s = [series('a', [0, 10, 20, 30], [1, 2, 3, 4]), series('b', [5, 15], [1, 1])];

  it('finds the nearest index, skipping non-finite X', () => {
    expect(nearestIndex([0, 10, 20, 30], 14)).toBe(1);
    expect(nearestIndex([0, 10, 20, 30], 16)).toBe(2);
    expect(nearestIndex([0, 10, 20, 30], 15)).toBe(1);
    expect(nearestIndex([NaN, 10], -100)).toBe(1);
    expect(nearestIndex([], 3)).toBe(-1);
  });

  it('finds the nearest x over all series', () => {
    expect(nearestX(s, 13)).toBe(15);
    expect(nearestX(s, 100)).toBe(30);
    expect(nearestX([], 1)).toBeNull();
  });

  it('steps through distinct x values of all series', () => {
    expect(stepX(s, null, 1)).toBe(0);
    expect(stepX(s, 0, 1)).toBe(5);
    expect(stepX(s, 5, 1)).toBe(10);
    expect(stepX(s, 30, 1)).toBe(30);
    expect(stepX(s, 10, -1)).toBe(5);
    expect(edgeX(s, 'last')).toBe(30);
    expect(edgeX(s, 'first')).toBe(0);
  });
});

describe('text alternative', () => {
  it('states the last value and the point count', () => {
    const s = { id: 't', label: 'Train loss', X: [0, 1, 2], Y: [0.9, 0.5, 0.23104] };
    expect(describeSeries(s)).toBe('Train loss: 0.231 after 3 points');
    expect(describeSeries({ ...s, X: [0], Y: [2] })).toBe('Train loss: 2 after 1 point');
    expect(describeSeries({ ...s, X: [], Y: [] })).toBe('Train loss: no points yet');
    expect(describeSeries(s, (v) => v.toFixed(1))).toBe('Train loss: 0.2 after 3 points');
  });

  it('reports a diverged series with its last finite value', () => {
    const s = { id: 't', label: 'Loss', X: [0, 1, 2], Y: [0.5, 12, NaN] };
    expect(describeSeries(s)).toBe('Loss: NaN after 3 points (last finite value 12)');
    expect(lastDrawableIndex(s, false)).toBe(1);
  });

  it('cycles palette colours unless a series sets its own', () => {
    expect(pickSeriesColor({}, 0)).toBe('var(--accent)');
    expect(pickSeriesColor({ color: 'red' }, 0)).toBe('red');
    expect(pickSeriesColor({}, 6)).toBe(pickSeriesColor({}, 0));
  });
});
