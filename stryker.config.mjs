/**
 * Mutation testing of src/core with StrykerJS and the Vitest runner: `npm run test:mutation`.
 * A subset: `npm run test:mutation -- --mutate 'src/core/nn/**\/*.ts'` (several: comma-separated).
 * Reports: a per-file/folder score table on the terminal and reports/mutation/mutation.json.
 * Options: https://stryker-mutator.io/docs/stryker-js/configuration/ (validated against $schema below).
 */
export default {
  $schema: './node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  mutate: ['src/core/**/*.ts', '!src/core/**/*.d.ts'],
  coverageAnalysis: 'perTest',
  reporters: ['clear-text', 'progress', 'json'],
  clearTextReporter: { allowColor: true, logTests: false, maxTestsToLog: 0, reportScoreTable: true, reportMutants: true },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // Two cores: one Vitest process per core.
  concurrency: 2,
  // TF.js on the CPU backend under Node is slow to start: a mutant times out after its tests' normal
  // duration × timeoutFactor + timeoutMS (an infinite loop is then reported as "Timeout", which counts as killed).
  timeoutMS: 20000,
  timeoutFactor: 2,
  // The sandbox is a copy of the project; node_modules is symlinked into it, never copied.
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  ignorePatterns: ['dist', 'dist-bench', 'public/data', 'reports', 'bench-results', 'test-results', 'playwright-report', 'lessons/*/figures'],
};
