import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

/**
 * Vitest as StrykerJS runs it (stryker.config.mjs): the unit-test config, less the tests that read the generated
 * datasets in public/data/ (not copied into Stryker's sandbox; the initialization lab's engine test reads real digits from it; the loader's logic is covered by
 * tests/unit/core/data/load-dataset.test.ts with in-memory fixtures, the model format by pretrained-model.test.ts).
 */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      exclude: [
        '**/node_modules/**',
        'tests/unit/core/data/prepared-datasets.test.ts',
        'tests/unit/core/models/shipped-models.test.ts',
        'tests/unit/widgets/initialization-lab/initialization-lab-engine.test.ts',
      ],
    },
  }),
);
