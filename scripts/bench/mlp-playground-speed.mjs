/**
 * Bench scenario `mlp-widget`: the MLP playground widget, in its lesson page with every picture on, trains at how
 * many epochs a second, and does the page stay smooth meanwhile?
 *
 * The configuration is the engine benchmark's (bench/bench-page.ts, mlpEngine), set through the widget's share
 * link: spiral, 500 points at 50 % training (250 training points), noise 0, features x₁ x₂, two hidden layers of
 * 8 tanh units, batch 10, η 0.03, plain SGD; test points shown. Everything is drawn: the output heatmap, every
 * neuron's heatmap, the weights as edges, the loss curves.
 *
 * Each run, on a freshly loaded page: scroll the widget into view, wait for `data-state="ready"`, observe IDLE_MS
 * idle, click Train and observe TRAINING_MS. Epochs/s = Δ epoch (the widget's `data-epoch`: steps × batch ÷
 * training points) ÷ seconds, from the first drawn step on (the worker's warm-up excluded). Frames: the
 * requestAnimationFrame intervals (p95 while training ÷ p95 idle) and long tasks (> 50 ms) while training.
 *
 * Before each widget run, the raw engine trains the same network on the benchmark page (bench/bench-page.ts
 * mlpEngine on WebAssembly, 3 s, its 50×50 grid only) when the driver is built (dist-bench/): the ratio widget ÷
 * engine, measured pair by pair, says what the widget's pictures cost whatever else loads the machine.
 *
 * Targets: ≥ 54 epochs/s (TensorFlow Playground reaches 36 with its full visuals here; the raw engine ~96), no long
 * task over 50 ms, p95 frame interval while training ≤ 1.25 × idle.
 *
 *   npm run bench -- --only mlp-widget                                    (as part of the bench, on dist/)
 *   node scripts/bench/mlp-playground-speed.mjs --site <built site folder> [--runs 3]   (standalone)
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, summarize } from './statistics.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (message) => console.log(`[bench] ${message}`);

export const MLP_WIDGET_TARGETS = { minEpochsPerSecond: 54, maxLongTasksOver50Ms: 0, maxP95Ratio: 1.25 };
const WIDGET = '[data-widget="mlp-playground"]';
const LESSON = '/lessons/mlp-backprop';
/** The bench configuration as the widget's share link writes it. */
export const MLP_WIDGET_QUERY = new URLSearchParams({
  'mlp.dataset': 'spiral',
  'mlp.count': '500',
  'mlp.trainPercent': '50',
  'mlp.noise': '0',
  'mlp.features': 'x1-x2',
  'mlp.layers': '8-8',
  'mlp.activation': 'tanh',
  'mlp.batchSize': '10',
  'mlp.learningRate': '0.03',
  'mlp.optimizer': 'sgd',
  'mlp.regularization': 'none',
  'mlp.showTest': 'on',
}).toString();
const IDLE_MS = 4000;
const TRAINING_MS = 10_000;
const SETTLE_MS = 1500;

/** In the page: frames, long tasks and the widget's epoch over `durationMs`, clicking Train at the start when asked. */
function observe([selector, clickTrain, durationMs]) {
  const widget = document.querySelector(selector);
  const epochElement = () => widget.querySelector('[data-epoch]');
  const epochOf = () => Number(epochElement()?.getAttribute('data-epoch') ?? NaN);
  return new Promise((done) => {
    const intervals = [];
    const longTasks = [];
    let observer = null;
    try {
      observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      observer = null;
    }
    let first = null;
    const watcher = new MutationObserver(() => {
      if (first === null && epochOf() > 0) first = { at: performance.now(), epoch: epochOf(), step: Number(widget.getAttribute('data-step')) };
    });
    watcher.observe(widget, { attributes: true, subtree: true, attributeFilter: ['data-epoch', 'data-step'] });
    requestAnimationFrame((start) => {
      if (clickTrain) [...widget.querySelectorAll('button')].find((b) => /Train$/.test(b.textContent.trim()))?.click();
      let last = start;
      const tick = (now) => {
        intervals.push(now - last);
        last = now;
        if (now - start < durationMs) {
          requestAnimationFrame(tick);
          return;
        }
        const end = { at: now, epoch: epochOf(), step: Number(widget.getAttribute('data-step')) };
        setTimeout(() => {
          observer?.takeRecords().forEach((entry) => longTasks.push(entry.duration));
          observer?.disconnect();
          watcher.disconnect();
          done({ ms: now - start, intervals, longTasks, first, end, backend: widget.getAttribute('data-backend'), state: widget.getAttribute('data-state') });
        }, 100);
      };
      requestAnimationFrame(tick);
    });
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};

async function measureOnce(context) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  try {
    await page.goto(`${LESSON}?${MLP_WIDGET_QUERY}`);
    await page.locator('.lesson-body').waitFor();
    const center = () => page.evaluate((s) => document.querySelector(s)?.scrollIntoView({ block: 'start' }), WIDGET);
    await center();
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-state') === 'ready', WIDGET, { timeout: 120_000 });
    await center();
    await page.waitForTimeout(SETTLE_MS);
    const idle = await page.evaluate(observe, [WIDGET, false, IDLE_MS]);
    const training = await page.evaluate(observe, [WIDGET, true, TRAINING_MS]);
    await page
      .locator(WIDGET)
      .getByRole('button', { name: /Pause$/ })
      .click()
      .catch(() => undefined);
    const seconds = training.first ? (training.end.at - training.first.at) / 1000 : NaN;
    const over50 = training.longTasks.filter((d) => d > 50);
    return {
      backend: training.backend,
      epochsPerSecond: training.first ? (training.end.epoch - training.first.epoch) / seconds : NaN,
      stepsPerSecond: training.first ? (training.end.step - training.first.step) / seconds : NaN,
      epochsReached: training.end.epoch,
      idleP95FrameMs: percentile(idle.intervals, 95),
      trainingP95FrameMs: percentile(training.intervals, 95),
      p95Ratio: percentile(training.intervals, 95) / percentile(idle.intervals, 95),
      framesPerSecondTraining: (training.intervals.length * 1000) / training.ms,
      longTasksOver50Ms: over50.length,
      longestTaskMs: Math.max(0, ...training.longTasks),
      longTaskFraction: training.longTasks.reduce((sum, d) => sum + d, 0) / training.ms,
    };
  } finally {
    await page.close();
  }
}

/** The raw engine on the benchmark driver page (null when the driver is not there). */
async function measureRawEngine(context) {
  const page = await context.newPage();
  try {
    const response = await page.goto('/__bench/bench/index.html');
    if (!response?.ok()) return null;
    await page.waitForFunction(() => window.rfBench !== undefined, null, { timeout: 30_000 });
    const run = await page.evaluate(() => window.rfBench.mlpEngine({ backend: 'wasm', runs: 1, secondsPerRun: 3 }));
    return run.epochsPerSecond[0];
  } catch {
    return null;
  } finally {
    await page.close();
  }
}

/** The scenario: `runs` fresh pages, each idle then training. Figures go to `results.mlpWidget`. */
export async function measureMlpPlayground(context, results, runs = 3) {
  const all = [];
  for (let i = 0; i < runs; i++) {
    log(`mlp-widget: the raw engine on the benchmark page (WebAssembly, 3 s), paired with run ${i + 1}`);
    const raw = await measureRawEngine(context);
    log(`mlp-widget: the MLP playground in its lesson, run ${i + 1}/${runs}: ${IDLE_MS / 1000} s idle, ${TRAINING_MS / 1000} s training`);
    try {
      const run = await measureOnce(context);
      all.push({ ...run, rawEngineEpochsPerSecond: raw, overRawEngine: raw ? run.epochsPerSecond / raw : NaN });
    } catch (error) {
      log(`mlp-widget: run failed: ${error.message.split('\n')[0]}`);
      all.push({ error: error.message.split('\n')[0] });
    }
  }
  const ok = all.filter((r) => !r.error);
  const epochs = summarize(ok.map((r) => r.epochsPerSecond));
  results.mlpWidget = {
    query: MLP_WIDGET_QUERY,
    targets: MLP_WIDGET_TARGETS,
    backend: ok[0]?.backend ?? null,
    epochsPerSecond: epochs,
    stepsPerSecond: summarize(ok.map((r) => r.stepsPerSecond)),
    rawEngineEpochsPerSecond: summarize(ok.map((r) => r.rawEngineEpochsPerSecond ?? NaN)),
    overRawEngine: summarize(ok.map((r) => r.overRawEngine)),
    idleP95FrameMs: summarize(ok.map((r) => r.idleP95FrameMs)),
    trainingP95FrameMs: summarize(ok.map((r) => r.trainingP95FrameMs)),
    p95RatioTrainingOverIdle: summarize(ok.map((r) => r.p95Ratio)),
    framesPerSecondTraining: summarize(ok.map((r) => r.framesPerSecondTraining)),
    longTasksOver50MsPerRun: ok.map((r) => r.longTasksOver50Ms),
    longestTaskMs: Math.max(0, ...ok.map((r) => r.longestTaskMs)),
    longTaskFraction: summarize(ok.map((r) => r.longTaskFraction)),
    met: {
      speed: ok.length > 0 && ok.every((r) => r.epochsPerSecond >= MLP_WIDGET_TARGETS.minEpochsPerSecond),
      longTasks: ok.length > 0 && ok.every((r) => r.longTasksOver50Ms <= MLP_WIDGET_TARGETS.maxLongTasksOver50Ms),
      ratio: ok.length > 0 && ok.every((r) => r.p95Ratio <= MLP_WIDGET_TARGETS.maxP95Ratio),
    },
    errors: all.filter((r) => r.error).map((r) => r.error),
    runs: all,
  };
}

/** Rows for the bench's summary table (scenario, figure, value, target). */
export function mlpPlaygroundRows(figures) {
  const m = figures;
  const yes = (flag) => (flag ? 'met' : 'NOT met');
  return [
    [
      'mlp-widget',
      `epochs/s in the lesson, every picture on (${m.backend ?? '?'})`,
      formatSummary(m.epochsPerSecond, 1),
      `≥ ${MLP_WIDGET_TARGETS.minEpochsPerSecond} (${yes(m.met.speed)})`,
    ],
    [
      '',
      'raw engine, same session (bench page, WASM); widget ÷ engine per pair',
      `${formatSummary(m.rawEngineEpochsPerSecond, 1)}; ${formatSummary(m.overRawEngine, 2)}`,
      '≥ 0.56 (54 of 96)',
    ],
    [
      '',
      'long tasks > 50 ms while training (per run); longest ms',
      `${m.longTasksOver50MsPerRun.join(', ') || 'n/a'}; ${m.longestTaskMs.toFixed(0)}`,
      `0 (${yes(m.met.longTasks)})`,
    ],
    ['', 'p95 frame idle / training, ms', `${formatSummary(m.idleP95FrameMs, 1)} / ${formatSummary(m.trainingP95FrameMs, 1)}`],
    ['', 'p95 frame interval, training ÷ idle', formatSummary(m.p95RatioTrainingOverIdle, 2), `≤ 1.25 (${yes(m.met.ratio)})`],
    ['', 'frames/s while training; long-task share of time', `${formatSummary(m.framesPerSecondTraining, 1)}; ${formatSummary(m.longTaskFraction, 3)}`],
  ];
}

/** Standalone: serve a built site (default dist/) and measure. */
async function main() {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const siteDir = resolve(root, option('--site', 'dist'));
  const runs = Number(option('--runs', '3'));
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS, findChromium } = await import('../find-browser.mjs');
  const { startStaticServer } = await import('./static-server.mjs');
  const server = await startStaticServer({ siteDir, benchDir: join(root, 'dist-bench') });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const results = {};
  try {
    await measureMlpPlayground(context, results, runs);
  } finally {
    await browser.close();
    await server.close();
  }
  for (const row of mlpPlaygroundRows(results.mlpWidget)) console.log(row.filter((cell) => cell !== undefined).join('  |  '));
  console.log(JSON.stringify(results.mlpWidget.runs, null, 1));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[bench] failed: ${error.stack ?? error}`);
    process.exit(1);
  });
}
