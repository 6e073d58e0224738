import chromiumArgsList from '../../scripts/chromium-args.json' with { type: 'json' };

/** Flags for Chromium in tests: scripts/chromium-args.json, shared with scripts/find-browser.mjs. No --disable-gpu: WebGL runs on SwiftShader. */
export const chromiumArgs: string[] = chromiumArgsList;

/** Adds these to remove WebGL from pages and workers alike (testing.md): the CPU fallback path. */
export const noWebglArgs = ['--disable-gpu', '--disable-software-rasterizer'];
