/**
 * Scenario `cnn-trainer`: the CNN trainer of /lessons/training-a-cnn with its default settings, as an instructor
 * would use it. For each backend (`?backend=`): examples per second while training; on Auto (and any backend that
 * gets there within the cap) the time from clicking Train to 97 % validation accuracy (the trainer's validation
 * subset, read from its "Validation accuracy" figure). Targets: ≤ 30 s on a machine without a GPU, ≤ 10 s on a GPU.
 *
 *   node scripts/bench/cnn-trainer-speed.mjs [--site dist] [--runs 3] [--backends auto,wasm,webgl,cpu]
 * or as part of `npm run bench -- --only cnn-trainer`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, summarize } from './statistics.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const LESSON = '/lessons/training-a-cnn';
const log = (message) => console.log(`[bench] ${message}`);
export const CNN_TRAINER_TARGETS = { secondsTo97WithoutGpu: 30, secondsTo97OnGpu: 10, target: 0.97 };
/** How long a run may take to reach the target before it counts as missed; backends other than Auto only measure throughput. */
const CAP_MS = 120_000;
const THROUGHPUT_MS = 20_000;

/**
 * One fresh page: waits for the trainer to be ready, clicks Train and, in the page, watches the step counter and
 * the validation-accuracy figure. Resolves with the time to `target` (null when `capMs` passed first), the steps and
 * the elapsed time, and the backend the widget ran on.
 */
async function trainOnce(context, backend, { capMs, stopAtTarget }) {
  const page = await context.newPage();
  try {
    await page.goto(backend === 'auto' ? LESSON : `${LESSON}?backend=${backend}`);
    const widget = page.locator('[data-widget="cnn-trainer"]').first();
    await widget.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('[data-widget="cnn-trainer"]')?.getAttribute('data-state') === 'ready', null, { timeout: 180_000 });
    const running = await widget.getAttribute('data-backend');
    const batchSize = Number(
      await widget
        .getByLabel(/Batch size/i)
        .first()
        .inputValue(),
    );
    const result = await page.evaluate(
      ({ capMs, stopAtTarget, target }) =>
        new Promise((done) => {
          const root = document.querySelector('[data-widget="cnn-trainer"]');
          const accuracyCell = root.querySelector('[data-testid="cnn-validation-accuracy"]');
          const button = [...root.querySelectorAll('button')].find((b) => /^\s*\W*\s*Train\s*$/.test(b.textContent) || /Train/.test(b.textContent));
          let reachedMs = null;
          let best = 0;
          const started = performance.now();
          const finish = () => {
            clearInterval(timer);
            const pause = [...root.querySelectorAll('button')].find((b) => /Pause/.test(b.textContent));
            pause?.click();
            done({ reachedMs, best, steps: Number(root.getAttribute('data-step')), elapsedMs: performance.now() - started });
          };
          const timer = setInterval(() => {
            const value = Number.parseFloat((accuracyCell?.textContent ?? '').replace(',', '.')) / 100;
            if (Number.isFinite(value)) best = Math.max(best, value);
            if (reachedMs === null && value >= target) reachedMs = performance.now() - started;
            if ((stopAtTarget && reachedMs !== null) || performance.now() - started > capMs) finish();
          }, 50);
          button.click();
        }),
      { capMs, stopAtTarget, target: CNN_TRAINER_TARGETS.target },
    );
    return { backend: running, batchSize, ...result, examplesPerSecond: (result.steps * batchSize * 1000) / result.elapsedMs };
  } finally {
    await page.close();
  }
}

/** The scenario; figures go to `results.cnnTrainer`. */
export async function measureCnnTrainer(context, results, { runs = 3, backends = ['auto', 'wasm', 'webgl', 'cpu'] } = {}) {
  const figures = { targets: CNN_TRAINER_TARGETS, byBackend: {} };
  for (const backend of backends) {
    const toTarget = backend === 'auto';
    const all = [];
    for (let i = 0; i < (toTarget ? runs : 1); i++) {
      log(
        `cnn-trainer on ${backend}: ${toTarget ? `Train → ${CNN_TRAINER_TARGETS.target * 100} % validation, run ${i + 1}/${runs}` : `examples/s over ${THROUGHPUT_MS / 1000} s`}`,
      );
      try {
        all.push(await trainOnce(context, backend, toTarget ? { capMs: CAP_MS, stopAtTarget: true } : { capMs: THROUGHPUT_MS, stopAtTarget: false }));
      } catch (error) {
        all.push({ error: error.message.split('\n')[0] });
      }
    }
    const ok = all.filter((r) => !r.error);
    figures.byBackend[backend] = {
      ranOn: ok[0]?.backend ?? null,
      examplesPerSecond: summarize(ok.map((r) => r.examplesPerSecond)),
      secondsToTarget: toTarget ? summarize(ok.map((r) => (r.reachedMs === null ? NaN : r.reachedMs / 1000))) : null,
      missed: ok.filter((r) => r.reachedMs === null).length,
      runs: all,
    };
  }
  results.cnnTrainer = figures;
}

/** Rows for the bench's summary table. */
export function cnnTrainerRows(figures) {
  const rows = [];
  for (const [backend, f] of Object.entries(figures.byBackend)) {
    rows.push([rows.length ? '' : 'cnn-trainer', `${backend} (ran on ${f.ranOn ?? '?'}): examples/s`, formatSummary(f.examplesPerSecond, 0)]);
    if (f.secondsToTarget) {
      const onGpu = f.ranOn === 'webgl';
      const target = onGpu ? CNN_TRAINER_TARGETS.secondsTo97OnGpu : CNN_TRAINER_TARGETS.secondsTo97WithoutGpu;
      rows.push([
        '',
        `${backend}: Train → 97 % validation, s (${f.missed} of ${f.runs.length} missed the ${CAP_MS / 1000} s cap)`,
        formatSummary(f.secondsToTarget, 1),
        `≤ ${target}`,
      ]);
    }
  }
  return rows;
}

async function main() {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const siteDir = resolve(root, option('--site', 'dist'));
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS, findChromium } = await import('../find-browser.mjs');
  const { startStaticServer } = await import('./static-server.mjs');
  const server = await startStaticServer({ siteDir, benchDir: join(root, 'dist-bench') });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const results = {};
  try {
    await measureCnnTrainer(context, results, { runs: Number(option('--runs', '3')), backends: option('--backends', 'auto,wasm,webgl,cpu').split(',') });
  } finally {
    await browser.close();
    await server.close();
  }
  for (const row of cnnTrainerRows(results.cnnTrainer)) console.log(row.join('  |  '));
  console.log(JSON.stringify(results.cnnTrainer, null, 1));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`[bench] failed: ${error.stack ?? error}`);
    process.exit(1);
  });
}
