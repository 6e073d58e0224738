/** Flags for Chromium in tests (same list as CHROMIUM_ARGS in scripts/find-browser.mjs). No --disable-gpu: WebGL runs on SwiftShader. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Adds these to remove WebGL from pages and workers alike (testing.md): the CPU fallback path. */
export const noWebglArgs = ['--disable-gpu', '--disable-software-rasterizer'];
