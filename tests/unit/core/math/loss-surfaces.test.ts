import { describe, expect, it } from 'vitest';
import {
  BOWL_CURVATURE,
  LOSS_SURFACES,
  SURFACE_NAMES,
  gradientDescentStep,
  gradientNorm,
  hasDiverged,
  sampleSurface,
  type LossSurface,
  type Point,
} from '../../../../src/core/math/loss-surfaces';

/** Central finite differences of f. */
function numericGradient(surface: LossSurface, x: number, y: number, h = 1e-5): [number, number] {
  return [(surface.value(x + h, y) - surface.value(x - h, y)) / (2 * h), (surface.value(x, y + h) - surface.value(x, y - h)) / (2 * h)];
}

/** Points spread over the window (a fixed 7×7 lattice, inset from the edges). */
function latticeOf(surface: LossSurface): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j < 7; j++) {
      const x = surface.xDomain[0] + ((i + 0.5) / 7) * (surface.xDomain[1] - surface.xDomain[0]);
      const y = surface.yDomain[0] + ((j + 0.5) / 7) * (surface.yDomain[1] - surface.yDomain[0]);
      points.push([x, y]);
    }
  }
  return points;
}

/** f after each of `steps` plain gradient-descent steps (stops early once diverged). */
function descend(surface: LossSurface, learningRate: number, steps: number): { values: number[]; points: Point[]; diverged: boolean } {
  let point = surface.start;
  const values = [surface.value(...point)];
  const points: Point[] = [point];
  for (let t = 0; t < steps; t++) {
    point = gradientDescentStep(surface, point, learningRate);
    points.push(point);
    if (hasDiverged(surface, point)) return { values, points, diverged: true };
    values.push(surface.value(...point));
  }
  return { values, points, diverged: false };
}

describe('loss surfaces', () => {
  it('has hand-checked values', () => {
    expect(LOSS_SURFACES.bowl.value(3, -4)).toBe(12.5);
    expect(LOSS_SURFACES.ravine.value(2, 1)).toBe(0.5 * (4 + 20));
    expect(LOSS_SURFACES.rosenbrock.value(-1.2, 1)).toBeCloseTo(4.84 + 100 * 0.44 ** 2, 12);
    expect(LOSS_SURFACES.saddle.value(0, 0)).toBe(0);
    expect(LOSS_SURFACES.saddle.value(2, 1)).toBe(2 + 0.25 - 0.5);
    expect(LOSS_SURFACES.bumpy.value(0, 0)).toBe(0);
    expect(LOSS_SURFACES.rosenbrock.gradient(0, 0)).toEqual([-2, 0]);
    expect(LOSS_SURFACES.ravine.gradient(1, 1)).toEqual([1, 20]);
  });

  it.each(SURFACE_NAMES)('%s: the analytic gradient matches finite differences across the window', (name) => {
    const surface = LOSS_SURFACES[name];
    for (const [x, y] of latticeOf(surface)) {
      const [gx, gy] = surface.gradient(x, y);
      const [nx, ny] = numericGradient(surface, x, y);
      const scale = Math.max(1, Math.abs(nx), Math.abs(ny));
      expect(Math.abs(gx - nx) / scale, `∂f/∂x at (${x}, ${y})`).toBeLessThan(1e-6);
      expect(Math.abs(gy - ny) / scale, `∂f/∂y at (${x}, ${y})`).toBeLessThan(1e-6);
    }
    expect(gradientNorm(surface, 0.3, -0.7)).toBeCloseTo(Math.hypot(...surface.gradient(0.3, -0.7)), 12);
  });

  it.each(SURFACE_NAMES)('%s: each minimum has zero gradient, the stated value, and nothing lower in the window', (name) => {
    const surface = LOSS_SURFACES[name];
    expect(surface.minima.length).toBeGreaterThan(0);
    for (const [x, y] of surface.minima) {
      expect(gradientNorm(surface, x, y)).toBeLessThan(1e-12);
      expect(surface.value(x, y)).toBeCloseTo(surface.minimumValue ?? NaN, 12);
    }
    const grid = sampleSurface(surface, 101, 101);
    expect(Math.min(...grid)).toBeGreaterThanOrEqual((surface.minimumValue ?? 0) - 1e-12);
    const [sx, sy] = surface.start;
    expect(sx).toBeGreaterThan(surface.xDomain[0]);
    expect(sx).toBeLessThan(surface.xDomain[1]);
    expect(sy).toBeGreaterThan(surface.yDomain[0]);
    expect(sy).toBeLessThan(surface.yDomain[1]);
  });

  it('the saddle has zero gradient but no minimum at the origin: f falls along y', () => {
    const saddle = LOSS_SURFACES.saddle;
    expect(gradientNorm(saddle, 0, 0)).toBe(0);
    expect(saddle.value(0, 0.1)).toBeLessThan(0);
    expect(saddle.value(0.1, 0)).toBeGreaterThan(0);
  });

  it('the bumpy bowl traps gradient descent from its start in a local minimum above the global one', () => {
    const bumpy = LOSS_SURFACES.bumpy;
    const { points, values } = descend(bumpy, bumpy.regimes.good, 500);
    const end = points[points.length - 1];
    expect(gradientNorm(bumpy, ...end)).toBeLessThan(1e-6);
    expect(values[values.length - 1]).toBeGreaterThan(1);
  });

  it('samples f row by row from the bottom-left corner', () => {
    const values = sampleSurface(LOSS_SURFACES.bowl, 3, 2);
    // x ∈ {−3, 0, 3}, y ∈ {−3, 3}: f = ½(x² + y²)
    expect(Array.from(values)).toEqual([9, 4.5, 9, 9, 4.5, 9]);
  });

  it('calls a point diverged when f is not finite or it is far outside the window', () => {
    const bowl = LOSS_SURFACES.bowl;
    expect(hasDiverged(bowl, [2, 2])).toBe(false);
    expect(hasDiverged(bowl, [5000, 0])).toBe(false);
    expect(hasDiverged(bowl, [7000, 0])).toBe(true);
    expect(hasDiverged(bowl, [NaN, 0])).toBe(true);
    expect(hasDiverged(bowl, [0, -Infinity])).toBe(true);
  });
});

describe('learning-rate regimes on the round bowl (curvature a: each step multiplies w by 1 − η a)', () => {
  const bowl = LOSS_SURFACES.bowl;
  const a = BOWL_CURVATURE;
  const xs = (learningRate: number) => descend(bowl, learningRate, 40).points.map(([x]) => x);

  it('η < 1/a: every step keeps the sign and shrinks, so f falls monotonically', () => {
    const path = xs(0.7 / a);
    path.slice(1).forEach((x, t) => {
      expect(Math.sign(x)).toBe(Math.sign(path[t]));
      expect(x).toBeCloseTo(path[t] * (1 - 0.7), 12);
    });
  });

  it('η = 1/a jumps to the minimum in one step', () => {
    expect(gradientDescentStep(bowl, bowl.start, 1 / a)).toEqual([0, 0]);
  });

  it('1/a < η < 2/a: the sign flips every step while |w| shrinks (oscillates, converges)', () => {
    const path = xs(1.6 / a);
    path.slice(1).forEach((x, t) => {
      expect(Math.sign(x)).toBe(-Math.sign(path[t]));
      expect(Math.abs(x)).toBeLessThan(Math.abs(path[t]));
    });
  });

  it('η > 2/a: |w| grows by |1 − η a| > 1 each step and the descent diverges', () => {
    const path = xs(2.05 / a);
    path.slice(1).forEach((x, t) => expect(Math.abs(x)).toBeCloseTo(Math.abs(path[t]) * 1.05, 9));
    expect(descend(bowl, 2.05 / a, 1000).diverged).toBe(true);
  });
});

describe.each(SURFACE_NAMES)('the %s presets behave as their names say', (name) => {
  const surface = LOSS_SURFACES[name];
  const { regimes } = surface;
  const floor = surface.minimumValue ?? 0;
  /** f never rises (beyond rounding) over the first `steps` steps. */
  const monotone = (values: number[], steps: number) => values.slice(1, steps + 1).every((value, t) => value <= values[t] + 1e-12);
  /** How often a coordinate's direction of travel reverses over the first `steps` steps. */
  const reversals = (points: Point[], steps: number) => {
    let count = 0;
    for (let t = 2; t <= steps; t++) {
      for (const i of [0, 1]) {
        const before = points[t - 1][i] - points[t - 2][i];
        const after = points[t][i] - points[t - 1][i];
        if (before * after < 0 && Math.abs(after) > 1e-9) count++;
      }
    }
    return count;
  };

  it('are ordered: too small < good < too large < diverging', () => {
    expect(regimes.tooSmall).toBeLessThan(regimes.good);
    expect(regimes.good).toBeLessThan(regimes.tooLarge);
    expect(regimes.tooLarge).toBeLessThan(regimes.diverging);
  });

  it('too small crawls: f never rises, and after 20 steps more than half the distance to the nearest minimum is left', () => {
    const { values, points, diverged } = descend(surface, regimes.tooSmall, 200);
    expect(diverged).toBe(false);
    expect(monotone(values, 200)).toBe(true);
    const distance = ([x, y]: Point) => Math.min(...surface.minima.map(([mx, my]) => Math.hypot(x - mx, y - my)));
    expect(distance(points[20])).toBeGreaterThan(distance(points[0]) / 2);
  });

  // On the bumpy bowl both end in the same dimple: there "good" must at least have settled into it.
  it('good: f never rises, and it ends far lower than too small or settled at a stationary point', () => {
    const good = descend(surface, regimes.good, 500);
    const slow = descend(surface, regimes.tooSmall, 500);
    expect(good.diverged).toBe(false);
    expect(monotone(good.values, 500)).toBe(true);
    const settled = gradientNorm(surface, ...good.points[500]) < 1e-6;
    expect(settled || good.values[500] - floor < (slow.values[500] - floor) / 2).toBe(true);
  });

  it('too large overshoots again and again (w zig-zags or f rises), yet stays bounded', () => {
    const { values, points, diverged } = descend(surface, regimes.tooLarge, 2000);
    expect(diverged).toBe(false);
    const rises = values.slice(1, 201).filter((value, t) => value > values[t] + 1e-12).length;
    expect(reversals(points, 200) + rises).toBeGreaterThanOrEqual(10);
  });

  it('diverging sends f to infinity within 60 steps', () => {
    const { values, diverged } = descend(surface, regimes.diverging, 60);
    expect(diverged).toBe(true);
    expect(Math.max(...values)).toBeGreaterThan(values[0]);
  });
});
