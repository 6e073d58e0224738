#!/usr/bin/env node
/**
 * `npm run bench`: builds the site if needed (and always the driver in bench/), serves both on
 * 127.0.0.1, drives Chromium with Playwright through the scenarios of the performance issue, prints a
 * table and writes every figure to bench-results/bench-<time>.json (not committed).
 *
 * Figures are medians with their spread over several runs; comparisons are ratios of runs measured in
 * the same session, pair by pair (these machines are shared and noisy). No test asserts a timing.
 *
 *   npm run bench                 every scenario (about 10 minutes on a 2-core machine)
 *   npm run bench -- --only widgets-smooth --pages training-a-cnn    one page's widgets
 *   npm run bench -- --only lenet,mlp    a subset: lenet, mlp, widgets, no-webgl, stall, load, memory, widgets-smooth, mlp-widget, cnn-trainer, profile
 *
 * Scenario 3 (the backend policy) is the table of every workload on all three backends: `lenet`, `mlp` and
 * `widgets` measure them with WebGL on this machine's renderer, `no-webgl` in a browser without WebGL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../find-browser.mjs';

/** Chromium without WebGL in pages and workers (as tests/e2e/chromium-args.ts): the "no WebGL" case. */
const NO_WEBGL_ARGS = ['--disable-gpu', '--disable-software-rasterizer'];
const BACKENDS = ['cpu', 'wasm', 'webgl'];
import { startStaticServer } from './static-server.mjs';
import { formatSummary, pairRatios, summarize } from './statistics.mjs';
import { measureWidgetSmoothness, printWidgetSmoothness } from './widget-smoothness.mjs';
import { measureMlpPlayground, mlpPlaygroundRows } from './mlp-playground-speed.mjs';
import { cnnTrainerRows, measureCnnTrainer } from './cnn-trainer-speed.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1].split(',')) : null;
const wants = (name) => !only || only.has(name);
const pagesIndex = argv.indexOf('--pages');
/** `--pages training-a-cnn,engine`: widgets-smooth measures only these pages' widgets (lesson slugs, or "engine"). */
const pages = pagesIndex >= 0 ? argv[pagesIndex + 1].split(',') : null;
const LESSON = '/lessons/perceptron';
const SETTLE_MS = 3000;
const log = (message) => console.log(`[bench] ${message}`);

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with ${result.status}`);
}

function buildIfNeeded() {
  run('npx', ['jiti', 'scripts/prepare-data.ts']);
  const built = join(root, 'dist/index.html');
  const sources = ['src', 'lessons', 'index.html', 'vite.config.ts', 'public'].map((p) => join(root, p)).filter(existsSync);
  if (!existsSync(built) || Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs) {
    log('building the site (vite build)');
    run('node_modules/.bin/vite', ['build', '--logLevel', 'warn']);
  } else log('dist/ is up to date');
  log('building the benchmark driver (vite build --config vite.bench.config.ts)');
  run('node_modules/.bin/vite', ['build', '--config', 'vite.bench.config.ts', '--logLevel', 'warn']);
}

function driverScriptUrl() {
  const manifest = JSON.parse(readFileSync(join(root, 'dist-bench/.vite/manifest.json'), 'utf8'));
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  return `/__bench/${entry.file}`;
}

async function openDriverPage(context) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error: ${error.message}`));
  await page.goto('/__bench/bench/index.html');
  await page.waitForFunction(() => window.rfBench !== undefined);
  return page;
}

async function measureLenet(context, results) {
  const page = await openDriverPage(context);
  log('LeNet-5: engine on WebAssembly and on WebGL, and ConvNetJS, interleaved round by round');
  const run = await page.evaluate(() => window.rfBench.lenetInterleaved({ backends: ['wasm', 'webgl'], rounds: 5, stepsPerRun: 8, warmupSteps: 4 }));
  log('LeNet-5: engine on the CPU backend');
  const cpu = await page.evaluate(() => window.rfBench.lenetEngine({ backend: 'cpu', runs: 3, stepsPerRun: 3, warmupSteps: 1 }));
  log('LeNet-5: engine with the automatic backend choice');
  const auto = await page.evaluate(() => window.rfBench.lenetEngine({ backend: 'auto', runs: 1, stepsPerRun: 4, warmupSteps: 1 }));
  await page.close();
  const [wasm, webgl] = run.engines;
  const engineFigures = (engine) => ({
    backend: engine.backend,
    firstStepMs: engine.firstStepMs,
    coldStartMs: engine.coldStartMs,
    examplesPerSecond: summarize(engine.rates),
    raw: engine.rates,
  });
  results.lenet = {
    wasm: engineFigures(wasm),
    webgl: engineFigures(webgl),
    convnetjs: { examplesPerSecond: summarize(run.convnetjsRates), raw: run.convnetjsRates },
    wasmOverConvnetjs: summarize(pairRatios(wasm.rates, run.convnetjsRates)),
    wasmOverWebgl: summarize(pairRatios(wasm.rates, webgl.rates)),
    webglOverConvnetjs: summarize(pairRatios(webgl.rates, run.convnetjsRates)),
    cpu: { backend: cpu.backend, firstStepMs: cpu.firstStepMs, coldStartMs: cpu.coldStartMs, examplesPerSecond: summarize(cpu.examplesPerSecond), raw: cpu.examplesPerSecond },
    autoChoice: auto.backend,
  };
}

async function measureProfile(context, results) {
  log('profile: LeNet-5 kernels on WebGL, packed and unpacked textures');
  const page = await openDriverPage(context);
  results.profile = await page.evaluate(() => window.rfBench.kernelProfile({ repeats: 8 }));
  await page.close();
}

async function measureMlp(context, results) {
  const page = await openDriverPage(context);
  const raw = Object.fromEntries(BACKENDS.map((b) => [b, []]));
  const figures = {};
  // Round by round (CPU, WASM, WebGL, CPU, …), each run in a fresh worker, so the ratios compare like with like.
  for (let round = 0; round < 3; round++) {
    for (const backend of BACKENDS) {
      log(`MLP playground workload on ${backend} (round ${round + 1} of 3)`);
      const run = await page.evaluate((b) => window.rfBench.mlpEngine({ backend: b, runs: 1, secondsPerRun: 3 }), backend);
      raw[backend].push(run.epochsPerSecond[0]);
      figures[backend] = { backend: run.backend, gridsReceived: run.gridsReceived, framesDrawn: run.framesDrawn };
    }
  }
  const auto = await page.evaluate(() => window.rfBench.mlpEngine({ backend: 'auto', runs: 1, secondsPerRun: 1 }));
  results.mlp = { autoChoice: auto.backend };
  for (const backend of BACKENDS) results.mlp[backend] = { ...figures[backend], epochsPerSecond: summarize(raw[backend]), raw: raw[backend] };
  results.mlp.wasmOverCpu = summarize(pairRatios(raw.wasm, raw.cpu));
  results.mlp.cpuOverWebgl = summarize(pairRatios(raw.cpu, raw.webgl));
  await page.close();
}

/** The "no WebGL" case: what Auto picks, and how fast it trains, in a browser that offers no WebGL at all. */
async function measureNoWebgl(results) {
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, ...NO_WEBGL_ARGS] });
  const context = await browser.newContext({ baseURL: results.baseUrl, viewport: { width: 1280, height: 900 } });
  try {
    const page = await openDriverPage(context);
    log('no WebGL: LeNet-5 and the MLP with the automatic choice, LeNet-5 on the CPU backend');
    const lenetAuto = await page.evaluate(() => window.rfBench.lenetEngine({ backend: 'auto', runs: 3, stepsPerRun: 8, warmupSteps: 2 }));
    const lenetCpu = await page.evaluate(() => window.rfBench.lenetEngine({ backend: 'cpu', runs: 2, stepsPerRun: 3, warmupSteps: 1 }));
    const lenetWebgl = await page.evaluate(() => window.rfBench.lenetEngine({ backend: 'webgl', runs: 1, stepsPerRun: 1, warmupSteps: 0 }));
    const mlpAuto = await page.evaluate(() => window.rfBench.mlpEngine({ backend: 'auto', runs: 2, secondsPerRun: 3 }));
    await page.close();
    const widgets = {};
    for (const id of ['perceptron-trainer', 'image-perceptron']) {
      const lesson = await context.newPage();
      await lesson.goto(LESSON);
      await readyWidget(lesson, id);
      widgets[id] = await lesson.locator(`[data-widget="${id}"]`).first().getAttribute('data-backend');
      await lesson.close();
    }
    results.noWebgl = {
      lenetAuto: { backend: lenetAuto.backend, examplesPerSecond: summarize(lenetAuto.examplesPerSecond), firstStepMs: lenetAuto.firstStepMs, coldStartMs: lenetAuto.coldStartMs },
      lenetCpu: { backend: lenetCpu.backend, examplesPerSecond: summarize(lenetCpu.examplesPerSecond) },
      lenetAskedForWebgl: { backend: lenetWebgl.backend },
      mlpAuto: { backend: mlpAuto.backend, epochsPerSecond: summarize(mlpAuto.epochsPerSecond) },
      widgets,
    };
  } finally {
    await browser.close();
  }
}

async function measureStall(context, results) {
  log('a page that never stalls: the perceptron lesson, idle, then while LeNet-5 trains');
  const page = await context.newPage();
  await page.goto(LESSON);
  await page.locator('.lesson-body h2').first().waitFor();
  await page.addScriptTag({ url: driverScriptUrl(), type: 'module' });
  await page.waitForFunction(() => window.rfBench !== undefined);
  const runs = [];
  for (let i = 0; i < 2; i++) runs.push(await page.evaluate(() => window.rfBench.stall({ idleMs: 4000, trainingMs: 10000, backend: 'auto' })));
  await page.close();
  results.stall = {
    backend: runs[0].backend,
    longTasksOver50Ms: runs.map((r) => r.trainingLongTasks),
    longestTaskMs: runs.map((r) => r.trainingLongestTaskMs),
    p95RatioTrainingOverIdle: summarize(runs.map((r) => r.trainingP95Ms / r.idleP95Ms)),
    runs,
  };
}

function measureInitialJs(baseUrl) {
  return new Promise((resolve) => {
    const child = spawn('node', ['scripts/measure-initial-js.mjs', baseUrl, LESSON, '--json', '--budget-kb', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('close', () => {
      try {
        resolve(JSON.parse(output));
      } catch {
        resolve({ error: output.trim() });
      }
    });
  });
}

/** Clicks Train on a ready widget and resolves with the ms until its data-step leaves 0. */
async function clickTrainToFirstStep(page, id) {
  return page.evaluate(
    (widgetId) =>
      new Promise((resolve) => {
        const root = document.querySelector(`[data-widget="${widgetId}"]`);
        const button = [...root.querySelectorAll('button')].find((b) => /Train/.test(b.textContent));
        const observer = new MutationObserver(() => {
          if (root.getAttribute('data-step') !== '0') {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(root, { attributes: true, attributeFilter: ['data-step'] });
        const started = performance.now();
        button.click();
      }),
    id,
  );
}

async function readyWidget(page, id, timeout = 120_000) {
  const widget = page.locator(`[data-widget="${id}"]`).first(); // the first copy: a lesson may hold two
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction((w) => document.querySelector(`[data-widget="${w}"]`)?.getAttribute('data-state') === 'ready', id, { timeout });
  return widget;
}

async function measureLoad(context, baseUrl, results) {
  log('load: JavaScript before the lesson text, and Train → first step');
  results.load = { initialJs: await measureInitialJs(baseUrl), trainToFirstStep: {} };
  for (const backend of ['auto', 'cpu', 'webgl']) {
    const cold = [];
    const warm = [];
    const readyAfterLoad = [];
    for (let i = 0; i < 3; i++) {
      const page = await context.newPage();
      await page.goto(`${LESSON}?backend=${backend}`);
      await readyWidget(page, 'perceptron-trainer');
      readyAfterLoad.push(await page.evaluate(() => performance.now()));
      cold.push(await clickTrainToFirstStep(page, 'perceptron-trainer'));
      const widget = page.locator('[data-widget="perceptron-trainer"]').first();
      await widget.getByRole('button', { name: /Pause/ }).click();
      await widget.getByRole('button', { name: /Reset/ }).click();
      await readyWidget(page, 'perceptron-trainer');
      warm.push(await clickTrainToFirstStep(page, 'perceptron-trainer'));
      await page.close();
    }
    results.load.trainToFirstStep[backend] = { coldMs: summarize(cold), warmMs: summarize(warm), pageLoadToReadyMs: summarize(readyAfterLoad) };
  }
}

async function measureWidgets(context, results) {
  results.widgets = {};
  for (const id of ['perceptron-trainer', 'image-perceptron']) {
    for (const backend of [...BACKENDS, 'auto']) {
      log(`${id} on ${backend}: steps per second while training in the lesson`);
      const page = await context.newPage();
      await page.goto(backend === 'auto' ? LESSON : `${LESSON}?backend=${backend}`);
      const widget = await readyWidget(page, id);
      const running = await widget.getAttribute('data-backend');
      await widget.getByRole('button', { name: /Train/ }).click();
      await page.waitForTimeout(1500);
      const rates = [];
      for (let i = 0; i < 3; i++) {
        rates.push(
          await page.evaluate(async (w) => {
            const root = document.querySelector(`[data-widget="${w}"]`);
            const s0 = Number(root.getAttribute('data-step'));
            const t0 = performance.now();
            await new Promise((r) => setTimeout(r, 2000));
            return ((Number(root.getAttribute('data-step')) - s0) * 1000) / (performance.now() - t0);
          }, id),
        );
      }
      results.widgets[`${id}/${backend}`] = { ...summarize(rates), backend: running };
      await page.close();
    }
  }
}

async function measureMemory(context, results) {
  const page = await openDriverPage(context);
  log('memory: LeNet-5 after 50 and 300 steps (WebGL, WASM); MLP after 500 and 5,000 steps (CPU, WebGL)');
  results.memory = {
    lenetWebgl: await page.evaluate(() => window.rfBench.memory({ workload: 'lenet', backend: 'webgl', checkpoints: [50, 300] })),
    lenetWasm: await page.evaluate(() => window.rfBench.memory({ workload: 'lenet', backend: 'wasm', checkpoints: [50, 300] })),
    mlpCpu: await page.evaluate(() => window.rfBench.memory({ workload: 'mlp', backend: 'cpu', checkpoints: [500, 5000] })),
    mlpWebgl: await page.evaluate(() => window.rfBench.memory({ workload: 'mlp', backend: 'webgl', checkpoints: [500, 5000] })),
  };
  await page.close();

  const lesson = await context.newPage();
  await lesson.goto(`${LESSON}?backend=webgl`);
  const widget = await readyWidget(lesson, 'perceptron-trainer');
  await widget.getByRole('button', { name: /Train/ }).click();
  await lesson.waitForTimeout(1000);
  const workersWhileTraining = lesson.workers().length;
  await lesson.getByRole('link', { name: 'Receptive Field' }).first().click();
  await lesson.waitForTimeout(1000);
  results.memory.leavingThePage = { workersWhileTraining, workersAfterLeaving: lesson.workers().length };
  await lesson.close();
}

function printTable(results) {
  const rows = [];
  const add = (scenario, figure, value, target = '') => rows.push([scenario, figure, value, target]);
  const eps = (figure) => (figure ? formatSummary(figure.examplesPerSecond ?? figure.epochsPerSecond ?? figure) : 'n/a');
  if (results.lenet) {
    const l = results.lenet;
    add('1 CNN throughput', 'engine WASM, examples/s', formatSummary(l.wasm.examplesPerSecond));
    add('', 'engine WebGL, examples/s', formatSummary(l.webgl.examplesPerSecond));
    add('', 'ConvNetJS (same page), examples/s', formatSummary(l.convnetjs.examplesPerSecond));
    add('', 'engine WASM ÷ ConvNetJS (per round)', formatSummary(l.wasmOverConvnetjs, 2), '≥ 3.0');
    add('', 'engine WASM ÷ WebGL (per round)', formatSummary(l.wasmOverWebgl, 2));
    add('', 'engine WebGL ÷ ConvNetJS (per round)', formatSummary(l.webglOverConvnetjs, 2));
    add('', 'WASM features / WebGL renderer', `${l.wasm.backend.wasmFeatures ?? l.wasm.backend.backend} / ${l.webgl.backend.renderer ?? l.webgl.backend.backend}`);
    add('', 'CNN Train → first step, WASM / WebGL, ms', `${l.wasm.firstStepMs.toFixed(0)} / ${l.webgl.firstStepMs.toFixed(0)}`, '≤ 1000');
    add('', 'worker start → first step, WASM / WebGL, ms', `${l.wasm.coldStartMs.toFixed(0)} / ${l.webgl.coldStartMs.toFixed(0)}`);
  }
  if (results.mlp) {
    const m = results.mlp;
    add('2 MLP playground', 'engine CPU, epochs/s (with 50×50 grid)', formatSummary(m.cpu.epochsPerSecond));
    add('', 'engine WASM, epochs/s', formatSummary(m.wasm.epochsPerSecond));
    add('', 'engine WebGL, epochs/s', formatSummary(m.webgl.epochsPerSecond));
    add('', 'WASM ÷ CPU (per round)', formatSummary(m.wasmOverCpu, 2));
    add('', 'grids received / frames drawn (CPU run)', `${m.cpu.gridsReceived} / ${m.cpu.framesDrawn}`);
  }
  // Scenario 3: every workload on every backend, and what Auto picks.
  const policyRow = (name, figures, auto, unit) =>
    add('3 backend policy', `${name}, ${unit}: CPU / WASM / WebGL → Auto`, `${BACKENDS.map((b) => eps(figures[b])).join(' / ')} → ${auto ?? '?'}`);
  if (results.lenet) policyRow('LeNet-5', { cpu: results.lenet.cpu, wasm: results.lenet.wasm, webgl: results.lenet.webgl }, results.lenet.autoChoice.backend, 'examples/s');
  if (results.mlp) policyRow('MLP playground', results.mlp, results.mlp.autoChoice.backend, 'epochs/s');
  if (results.widgets) {
    for (const id of ['perceptron-trainer', 'image-perceptron']) {
      const figures = Object.fromEntries(BACKENDS.map((b) => [b, results.widgets[`${id}/${b}`]]));
      policyRow(id, figures, results.widgets[`${id}/auto`]?.backend, 'steps/s');
    }
  }
  if (results.noWebgl) {
    const n = results.noWebgl;
    add('3 policy, no WebGL', 'LeNet-5 Auto → backend, examples/s', `${n.lenetAuto.backend.backend}, ${eps(n.lenetAuto)} (CPU backend: ${eps(n.lenetCpu)})`, 'wasm');
    add('', 'LeNet-5 asked for WebGL → runs on', `${n.lenetAskedForWebgl.backend.backend} (${n.lenetAskedForWebgl.backend.reason})`);
    add('', 'MLP Auto → backend, epochs/s', `${n.mlpAuto.backend.backend}, ${eps(n.mlpAuto)}`);
    add(
      '',
      'lesson widgets Auto → backend',
      Object.entries(n.widgets)
        .map(([id, b]) => `${id}: ${b}`)
        .join(', '),
    );
    add('', 'CNN Train → first step (Auto), ms', n.lenetAuto.firstStepMs.toFixed(0), '≤ 1000');
  }
  if (results.stall) {
    add('4 never stall', 'long tasks > 50 ms while training (per run)', results.stall.longTasksOver50Ms.join(', '), '0');
    add('', 'p95 frame interval, training ÷ idle', formatSummary(results.stall.p95RatioTrainingOverIdle, 2), '≤ 1.25');
  }
  if (results.load) {
    const js = results.load.initialJs;
    add(
      '5 load',
      'JS before lesson text, KB gzip (files)',
      js.beforeText ? `${(js.beforeText.gzip / 1024).toFixed(1)} (${js.beforeText.files.map((f) => f.url.replace(/^.*\//, '')).join(', ')})` : `not measured: ${js.error ?? '?'}`,
      '≤ 150',
    );
    add('', 'lesson text visible after, ms', String(js.textMs ?? 'n/a'));
    for (const [backend, t] of Object.entries(results.load.trainToFirstStep)) {
      add('', `Train → first step, ${backend}, cold / warm ms`, `${formatSummary(t.coldMs, 0)} / ${formatSummary(t.warmMs, 0)}`);
    }
  }
  if (results.memory) {
    const fmt = (r) => r.readings.map((x) => `${x.step}: ${x.numTensors} tensors, ${(x.numBytesInGPU / 1024).toFixed(0)} KB GPU`).join(' → ');
    add('6 memory', 'LeNet WebGL', fmt(results.memory.lenetWebgl), 'equal');
    add('', 'LeNet WASM', fmt(results.memory.lenetWasm), 'equal');
    add('', 'MLP CPU', fmt(results.memory.mlpCpu), 'equal');
    add('', 'MLP WebGL', fmt(results.memory.mlpWebgl), 'equal');
    add('', 'workers while training → after leaving', `${results.memory.leavingThePage.workersWhileTraining} → ${results.memory.leavingThePage.workersAfterLeaving}`, '→ 0');
  }
  if (results.widgets) {
    for (const [key, value] of Object.entries(results.widgets)) add('lesson widgets', `${key} (runs on ${value.backend}), steps/s`, formatSummary(value));
  }
  if (results.mlpWidget) mlpPlaygroundRows(results.mlpWidget).forEach((row) => add(...row));
  if (results.cnnTrainer) cnnTrainerRows(results.cnnTrainer).forEach((row) => add(...row));
  if (results.profile) {
    const packed = new Map(results.profile.packed.map((k) => [k.name, k.ms]));
    for (const kernel of results.profile.unpacked) {
      add('profile (ms/call)', kernel.name, `packed ${packed.get(kernel.name)?.toFixed(1)} / unpacked ${kernel.ms.toFixed(1)}`);
    }
  }
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => String(r[c]).length), 8));
  const line = (r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ');
  console.log(`\n${line(['scenario', 'figure', 'median (min–max, runs)', 'target'])}`);
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  rows.forEach((r) => console.log(line(r)));
  if (results.widgetsSmooth) printWidgetSmoothness(results.widgetsSmooth);
}

async function main() {
  buildIfNeeded();
  const server = await startStaticServer({ siteDir: join(root, 'dist'), benchDir: join(root, 'dist-bench') });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  const results = { date: new Date().toISOString(), chromium: browser.version(), cores: (await import('node:os')).cpus().length, baseUrl: server.url };
  try {
    // The CPU-bound MLP runs first; between scenarios the GPU process gets time to finish work that
    // closed pages had queued, so one scenario's leftovers do not slow the next.
    const scenarios = [
      ['mlp', () => measureMlp(context, results)],
      ['lenet', () => measureLenet(context, results)],
      ['widgets', () => measureWidgets(context, results)],
      ['no-webgl', () => measureNoWebgl(results)],
      ['stall', () => measureStall(context, results)],
      ['load', () => measureLoad(context, server.url, results)],
      ['memory', () => measureMemory(context, results)],
      ['widgets-smooth', () => measureWidgetSmoothness(context, results, { pages })],
      ['mlp-widget', () => measureMlpPlayground(context, results)],
      ['cnn-trainer', () => measureCnnTrainer(context, results)],
      ['profile', () => measureProfile(context, results)],
    ];
    for (const [name, measure] of scenarios) {
      if (!wants(name)) continue;
      await measure();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  printTable(results);
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  const file = join(root, 'bench-results', `bench-${results.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  log(`figures written to ${file}`);
}

main().catch((error) => {
  console.error(`[bench] failed: ${error.stack ?? error}`);
  process.exit(1);
});
