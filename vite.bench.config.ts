import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * Builds the benchmark driver (bench/) into dist-bench/, served under /__bench/ next to the built site
 * by scripts/bench/run-bench.mjs. Never part of the site's own build.
 */
export default defineConfig({
  base: '/__bench/',
  publicDir: false,
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist-bench',
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: { input: { bench: resolve(import.meta.dirname, 'bench/index.html') } },
  },
});
