import { describe, expect, it } from 'vitest';
import { buildShareLink } from '../../../../src/widgets/mlp-playground/mlp-share-link';
import { DEFAULT_SETTINGS } from '../../../../src/widgets/mlp-playground/mlp-settings';

const page = 'https://course.example/lessons/mlp-backprop?backend=cpu#intro';

describe('Copy link', () => {
  it('carries the changed settings, keeps the page’s own parameters, and opens at the widget', () => {
    const { url, pointsLeftOut } = buildShareLink(page, 'mlp', { ...DEFAULT_SETTINGS, dataset: 'xor', layers: '3' }, DEFAULT_SETTINGS, null, 'classification', 'mlp-playground');
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/lessons/mlp-backprop');
    expect(parsed.searchParams.get('backend')).toBe('cpu');
    expect(parsed.searchParams.get('mlp.dataset')).toBe('xor');
    expect(parsed.searchParams.get('mlp.layers')).toBe('3');
    expect(parsed.searchParams.has('mlp.seed')).toBe(false);
    expect(parsed.hash).toBe('#mlp-playground');
    expect(pointsLeftOut).toBe(0);
  });

  it('carries up to 200 drawn points; beyond that, none, and says how many were left out', () => {
    const points = (n: number) => Array.from({ length: n }, (_, i) => ({ x: (i % 50) / 10, y: 0, label: i % 2 }));
    const custom = { ...DEFAULT_SETTINGS, dataset: 'custom' as const };
    expect(new URL(buildShareLink(page, 'mlp', custom, DEFAULT_SETTINGS, points(200), 'classification', 'x').url).searchParams.get('mlp.drawn')).toHaveLength(600);
    const tooMany = buildShareLink(page, 'mlp', custom, DEFAULT_SETTINGS, points(201), 'classification', 'x');
    expect(new URL(tooMany.url).searchParams.has('mlp.drawn')).toBe(false);
    expect(tooMany.pointsLeftOut).toBe(201);
  });
});
