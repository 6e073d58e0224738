import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// ---------------------------------------------------------------------------
// Dependencies point one way: core ← engine ← hooks ← widgets ← app/lessons; charts and ui never
// import TF.js, the networks, the training code or the engine; widgets do not import each other.
// Enforced with @typescript-eslint/no-restricted-imports, by regex on the import string. Imports are
// relative and the folder names under src/ are unique, so an import that climbs out with `../` and
// then enters `engine/` (or `src/engine/`, from tests and bench) is an import of src/engine.
// In flat config a later entry replaces a rule's options for a file instead of merging them, so the
// file groups below are disjoint and each lists every pattern that applies to it.
// ---------------------------------------------------------------------------

const UP = '^(\\.\\./)+(src/)?';
/** An import that climbs out with `../` and enters src/<folder>; `folders` may be paths such as core/nn. */
const layer = (folders, message) => ({ regex: `${UP}(${folders.join('|')})(/|(\\.tsx?)?$)`, message });
const TFJS = { regex: '^@tensorflow/tfjs', message: 'Only src/core (through src/core/tf/tf-core.ts), src/engine and bench/ import TF.js directly.' };
const CHARTS_UI = 'src/charts and src/ui draw plain data: they never import TF.js, src/core/{tf,nn,training} or src/engine';
const WIDGETS_APART = 'A widget folder does not import another widget folder; shared code goes in src/widgets/*.tsx or src/widgets/training-shell/.';

/** For a file `depth` folders below src/widgets (1 = src/widgets/<a>/file.tsx): imports of another widget folder. */
function otherWidgetFolders(depth) {
  const up = '\\.\\./'.repeat(depth);
  return [
    // `../<b>/x` (from depth 1): back in src/widgets/ and into a folder; top-level files (../lazy-widget) are fine.
    { regex: `^${up}(?!training-shell/)[^./][^/]*/`, message: WIDGETS_APART },
    // `../../widgets/<b>/x` (from depth 1): up to src/ and back into a widget folder.
    { regex: `^${up}\\.\\./(src/)?widgets/(?!training-shell/)[^./][^/]*/`, message: WIDGETS_APART },
  ];
}

const restrict = (name, files, patterns, ignores = []) => ({
  name: `boundaries/${name}`,
  files,
  ignores,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

const TS = '{ts,tsx}';
const boundaries = [
  restrict(
    'core',
    [`src/core/**/*.${TS}`],
    [
      layer(['engine', 'hooks', 'widgets', 'ui', 'charts', 'app'], 'src/core is the bottom layer: it imports nothing from engine, hooks, widgets, ui, charts or app.'),
      { regex: '^(react|react-dom|react-router|react-router-dom|d3|d3-[a-z-]+|comlink)(/|$)', message: 'src/core is pure TypeScript: no React, D3 or comlink.' },
    ],
  ),
  restrict(
    'engine',
    [`src/engine/**/*.${TS}`],
    [
      layer(['hooks', 'widgets', 'ui', 'charts', 'app'], 'src/engine imports only src/core (and TF.js, comlink).'),
      { regex: '^(react|react-dom)(/|$)', message: 'src/engine runs without React.' },
    ],
  ),
  restrict('hooks', [`src/hooks/**/*.${TS}`], [layer(['widgets', 'app'], 'src/hooks may import engine, core and ui, never widgets or app.'), TFJS]),
  restrict(
    'charts-ui',
    [`src/charts/**/*.${TS}`, `src/ui/**/*.${TS}`],
    [
      // A type-only import from engine-types is allowed (BackendInfo in the backend badge); a value import is not.
      { regex: `${UP}engine/engine-types(\\.ts)?$`, allowTypeImports: true, message: `${CHARTS_UI} (\`import type\` from engine/engine-types is allowed).` },
      { regex: `${UP}engine(/(?!engine-types(\\.ts)?$)|(\\.tsx?)?$)`, message: `${CHARTS_UI}.` },
      layer(['core/tf', 'core/nn', 'core/training'], `${CHARTS_UI}.`),
      layer(['widgets', 'app'], 'src/charts and src/ui are shared building blocks: they import neither widgets nor app.'),
      TFJS,
    ],
  ),
  restrict('widgets-top-level', [`src/widgets/*.${TS}`], [layer(['app'], 'Widgets do not import src/app.'), TFJS]),
  ...[1, 2, 3, 4].map((depth) =>
    restrict(`widget-folders-depth-${depth}`, [`src/widgets/${'*/'.repeat(depth)}*.${TS}`], [...otherWidgetFolders(depth), layer(['app'], 'Widgets do not import src/app.'), TFJS]),
  ),
  restrict(
    'no-direct-tfjs',
    [`src/app/**/*.${TS}`, `src/*.${TS}`, `tests/**/*.${TS}`, 'scripts/**/*.{ts,js,mjs}', '*.config.{ts,js,mjs}'],
    [TFJS],
    // The Vitest setup file sets TF.js's IS_TEST flag before any test module loads; the engine's own tests start
    // its backends (e.g. WebAssembly) under Node, as the worker does in the browser.
    ['tests/unit/setup.ts', `tests/unit/engine/**/*.${TS}`],
  ),
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-bench',
      '.scratch',
      'scripts/.*',
      'node_modules',
      'public',
      'test-results',
      'playwright-report',
      'bench-results',
      'reports',
      '.stryker-tmp',
      'lessons/**/*.mdx',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,ts}', 'tests/**/*.{ts,tsx}', '*.config.{js,ts}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
  {
    // Benchmark scripts run code in the page through Playwright's page.evaluate.
    files: ['scripts/bench/**/*.mjs', 'scripts/measure-initial-js.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  ...boundaries,
);
