import type { PluginOption } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkMath from 'remark-math';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdxFrontmatter from 'remark-mdx-frontmatter';
import rehypeKatex from 'rehype-katex';
import rehypeSlug from 'rehype-slug';
import { lessonIndexPlugin } from './scripts/lesson-index-plugin.ts';

/**
 * One config for the site (dev, build, preview) and for Vitest.
 * MDX lessons: frontmatter is exported as `frontmatter`; math is typeset by KaTeX at build time.
 */
export default defineConfig({
  plugins: [
    {
      enforce: 'pre',
      ...mdx({
        remarkPlugins: [remarkGfm, remarkFrontmatter, remarkMdxFrontmatter, remarkMath],
        rehypePlugins: [rehypeSlug, [rehypeKatex, { strict: 'error', throwOnError: true }]],
        providerImportSource: '@mdx-js/react',
      }),
    } as PluginOption,
    react({ include: /\.(mdx|tsx|ts)$/ }),
    lessonIndexPlugin(),
  ],
  worker: { format: 'es' },
  // TF.js is imported only inside the training worker, which the dev server sees late: listing it here bundles it at
  // start-up instead of on the first lesson visit (which would reload the page once).
  optimizeDeps: {
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-core/dist/register_all_gradients',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-wasm',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  preview: { port: 4173, strictPort: false },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 60_000,
    setupFiles: ['tests/unit/setup.ts'],
  },
});
