/**
 * Bench scenario `widgets-smooth`: the widget contract's "Smooth" clause, measured for every training
 * widget of the course (see /shared/design/testing.md, "The widget contract").
 *
 * Widgets are found mechanically: every lesson (lessons/<NN-slug>/index.mdx → /lessons/<slug>) and every other
 * page with widgets (SITE_PAGES: the /engine page's LeNet-5 speed check) is opened,
 * each `[data-widget]` element on it is scrolled into view until it leaves `data-state="loading"`, and the
 * ones with a "Train" button are training widgets. Instances are indexed in document order
 * (`image-perceptron#0`, `image-perceptron#1`, …), so two instances of a widget on one page are both measured.
 *
 * Each run, on a freshly loaded lesson page: scroll the instance into view, wait for `data-state="ready"`,
 * let it settle, observe the page idle for IDLE_MS, click Train and observe TRAINING_MS. Observed: frame
 * intervals (requestAnimationFrame), long tasks (PerformanceObserver 'longtask'), the widget's `data-step`,
 * and the renderer main thread's busy time (CDP Performance.getMetrics TaskDuration ÷ wall time; workers
 * are separate threads and are not counted).
 *
 * Target per widget (every run): no long task over 50 ms while training, and 95th-percentile frame interval
 * while training ≤ 1.25 × idle.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary, summarize } from './statistics.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (message) => console.log(`[bench] ${message}`);

export const SMOOTH_TARGETS = { maxLongTasksOver50Ms: 0, maxP95Ratio: 1.25 };
const RUNS = 2;
const IDLE_MS = 5000;
const TRAINING_MS = 10_000;
const SETTLE_MS = 1000;
const READY_TIMEOUT_MS = 120_000;
/** The accessible name of a Train (or Play) button, with or without a decorative glyph ("▶ Train"): the contract allows both. */
const TRAIN_NAME = /^[^\p{L}\p{N}]*(Train|Play)$/u;

/** The lesson pages, as the site routes them: the folder name without its numeric prefix. */
export function lessonPaths(lessonsDir = join(root, 'lessons')) {
  if (!existsSync(lessonsDir)) return [];
  return readdirSync(lessonsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(lessonsDir, entry.name, 'index.mdx')))
    .map((entry) => entry.name)
    .sort()
    .map((folder) => ({ folder, path: `/lessons/${folder.replace(/^\d+-/, '')}` }));
}

/** Pages other than lessons that hold training widgets. */
const SITE_PAGES = [{ folder: 'engine', path: '/engine' }];

const selectorOf = (id) => `[data-widget=${JSON.stringify(id)}]`;

async function openLesson(context, path) {
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`page error on ${path}: ${error.message}`));
  await page.goto(path);
  await page.locator('.lesson-body').waitFor();
  return page;
}

/**
 * Scrolls the `index`-th `data-widget=id` element into view (centred). A lazy widget swaps its placeholder for the
 * real element as it nears the viewport, which detaches a locator mid-action; this looks the element up afresh.
 */
async function scrollToWidget(page, id, index) {
  await page.evaluate(([selector, i]) => document.querySelectorAll(selector)[i]?.scrollIntoView({ block: 'center' }), [selectorOf(id), index]);
}

/** Waits until the `index`-th `data-widget=id` element's data-state satisfies `accept` (a list of states). */
async function waitForState(page, id, index, accept, timeout = READY_TIMEOUT_MS) {
  await page.waitForFunction(([selector, i, states]) => states.includes(document.querySelectorAll(selector)[i]?.getAttribute('data-state')), [selectorOf(id), index, accept], {
    timeout,
  });
}

/** Every `[data-widget]` instance on a lesson page, with whether it trains (has a Train button). */
async function discover(context, lesson) {
  const page = await openLesson(context, lesson.path);
  const found = [];
  try {
    const ids = await page.evaluate(() => [...document.querySelectorAll('[data-widget]')].map((element) => element.getAttribute('data-widget')));
    const seen = new Map();
    for (const id of ids) {
      const index = seen.get(id) ?? 0;
      seen.set(id, index + 1);
      const widget = page.locator(selectorOf(id)).nth(index);
      await scrollToWidget(page, id, index);
      let state;
      try {
        // The lazy placeholder carries the same data-widget; wait for the real widget (or its error).
        await page.waitForFunction(
          ([selector, i]) => {
            const element = document.querySelectorAll(selector)[i];
            return element && element.getAttribute('data-state') !== 'loading' && !element.classList.contains('widget-placeholder');
          },
          [selectorOf(id), index],
          { timeout: READY_TIMEOUT_MS },
        );
        state = await widget.getAttribute('data-state');
      } catch {
        state = 'timeout';
      }
      const trains = (await widget.getByRole('button', { name: TRAIN_NAME }).count()) > 0;
      found.push({ lesson: lesson.path, id, index, key: `${id}#${index}`, trains, stateWhenFound: state });
    }
  } finally {
    await page.close();
  }
  return found;
}

/**
 * In the page: observes `durationMs` of frames from the next animation frame on, clicking `button` (if any)
 * at its start; returns the frame intervals, long tasks and the widget's data-step over the window.
 */
function observeWindow([widget, button, durationMs]) {
  return new Promise((resolve) => {
    const intervals = [];
    const longTasks = [];
    let observer = null;
    try {
      observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => longTasks.push(entry.duration)));
      observer.observe({ type: 'longtask', buffered: false });
    } catch {
      observer = null;
    }
    const stepOf = () => Number(widget.getAttribute('data-step'));
    const stepBefore = stepOf();
    let firstStep = null;
    const steps = new MutationObserver(() => {
      if (firstStep === null && stepOf() !== stepBefore) firstStep = { at: performance.now(), step: stepOf() };
    });
    steps.observe(widget, { attributes: true, attributeFilter: ['data-step'] });
    requestAnimationFrame((start) => {
      if (button) button.click();
      let last = start;
      const tick = (now) => {
        intervals.push(now - last);
        last = now;
        if (now - start < durationMs) {
          requestAnimationFrame(tick);
          return;
        }
        const stepAfter = stepOf();
        // Long-task entries arrive after their task ends: give the last ones a moment to be delivered.
        setTimeout(() => {
          observer?.takeRecords().forEach((entry) => longTasks.push(entry.duration));
          observer?.disconnect();
          steps.disconnect();
          resolve({
            ms: now - start,
            intervals,
            longTasks,
            longTasksSupported: observer !== null,
            stepBefore,
            stepAfter,
            firstStepMs: firstStep ? firstStep.at - start : null,
            firstStepValue: firstStep?.step ?? null,
            endedAt: now,
            state: widget.getAttribute('data-state'),
            backend: widget.getAttribute('data-backend'),
          });
        }, 100);
      };
      requestAnimationFrame(tick);
    });
  });
}

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Seconds the renderer's main thread spent running tasks, and the CDP clock (both cumulative). */
async function mainThreadMetrics(cdp) {
  if (!cdp) return null;
  try {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return { task: value('TaskDuration'), script: value('ScriptDuration'), timestamp: value('Timestamp') };
  } catch {
    return null;
  }
}

const busyFraction = (before, after) => (before && after ? (after.task - before.task) / (after.timestamp - before.timestamp) : NaN);
const scriptFraction = (before, after) => (before && after ? (after.script - before.script) / (after.timestamp - before.timestamp) : NaN);

function windowFigures(observed) {
  const over50 = observed.longTasks.filter((d) => d > 50);
  return {
    ms: observed.ms,
    frames: observed.intervals.length,
    p95FrameMs: percentile(observed.intervals, 95),
    medianFrameMs: percentile(observed.intervals, 50),
    longTasksOver50Ms: over50.length,
    longestTaskMs: Math.max(0, ...observed.longTasks),
    longTaskMsTotal: observed.longTasks.reduce((sum, d) => sum + d, 0),
  };
}

/** One run: a fresh page, the widget instance in view and ready, idle, then training. */
async function measureOnce(context, widget) {
  const page = await openLesson(context, widget.lesson);
  let cdp = null;
  try {
    cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
  } catch {
    cdp = null;
  }
  try {
    const locator = page.locator(selectorOf(widget.id)).nth(widget.index);
    await scrollToWidget(page, widget.id, widget.index);
    await waitForState(page, widget.id, widget.index, ['ready']);
    // The real widget replaced the placeholder (heights differ a little): bring it into view again.
    await scrollToWidget(page, widget.id, widget.index);
    await page.waitForTimeout(SETTLE_MS);
    const handle = await locator.elementHandle();
    const train = await locator.getByRole('button', { name: TRAIN_NAME }).elementHandle();

    const idleBefore = await mainThreadMetrics(cdp);
    const idle = await page.evaluate(observeWindow, [handle, null, IDLE_MS]);
    const idleAfter = await mainThreadMetrics(cdp);
    const training = await page.evaluate(observeWindow, [handle, train, TRAINING_MS]);
    const trainingAfter = await mainThreadMetrics(cdp);

    const pause = locator.getByRole('button', { name: /Pause$/ });
    if (await pause.count()) await pause.click().catch(() => undefined);

    const idleFigures = windowFigures(idle);
    const trainingFigures = windowFigures(training);
    const steps = training.stepAfter - training.stepBefore;
    const steady =
      training.firstStepMs !== null && training.ms > training.firstStepMs ? ((training.stepAfter - training.firstStepValue) * 1000) / (training.ms - training.firstStepMs) : NaN;
    return {
      backend: training.backend,
      stateAfterTraining: training.state,
      longTasksSupported: training.longTasksSupported,
      idle: { ...idleFigures, mainThreadBusy: busyFraction(idleBefore, idleAfter), scriptBusy: scriptFraction(idleBefore, idleAfter) },
      training: {
        ...trainingFigures,
        mainThreadBusy: busyFraction(idleAfter, trainingAfter),
        scriptBusy: scriptFraction(idleAfter, trainingAfter),
        steps,
        stepsPerSecond: (steps * 1000) / training.ms,
        stepsPerSecondAfterFirstStep: steady,
        firstStepMs: training.firstStepMs,
      },
      p95Ratio: trainingFigures.p95FrameMs / idleFigures.p95FrameMs,
    };
  } finally {
    await cdp?.detach().catch(() => undefined);
    await page.close();
  }
}

function summarizeWidget(widget, runs) {
  const ok = runs.filter((r) => !r.error);
  const longTasks = ok.map((r) => r.training.longTasksOver50Ms);
  const ratios = ok.map((r) => r.p95Ratio);
  const longTasksMet = ok.length > 0 && longTasks.every((n) => n <= SMOOTH_TARGETS.maxLongTasksOver50Ms);
  const ratioMet = ok.length > 0 && ratios.every((r) => r <= SMOOTH_TARGETS.maxP95Ratio);
  return {
    ...widget,
    backend: ok[0]?.backend ?? null,
    longTasksOver50MsPerRun: longTasks,
    longestTaskMs: Math.max(0, ...ok.map((r) => r.training.longestTaskMs)),
    idleP95FrameMs: summarize(ok.map((r) => r.idle.p95FrameMs)),
    trainingP95FrameMs: summarize(ok.map((r) => r.training.p95FrameMs)),
    p95RatioTrainingOverIdle: summarize(ratios),
    stepsPerSecond: summarize(ok.map((r) => r.training.stepsPerSecond)),
    stepsPerSecondAfterFirstStep: summarize(ok.map((r) => r.training.stepsPerSecondAfterFirstStep)),
    firstStepMs: summarize(ok.map((r) => r.training.firstStepMs ?? NaN)),
    mainThreadBusyIdle: summarize(ok.map((r) => r.idle.mainThreadBusy)),
    mainThreadBusyTraining: summarize(ok.map((r) => r.training.mainThreadBusy)),
    longTaskFractionTraining: summarize(ok.map((r) => r.training.longTaskMsTotal / r.training.ms)),
    met: { longTasks: longTasksMet, ratio: ratioMet, both: longTasksMet && ratioMet },
    errors: runs.filter((r) => r.error).map((r) => r.error),
    runs,
  };
}

/** The scenario: discovers the training widgets of every lesson and measures each instance RUNS times. */
export async function measureWidgetSmoothness(context, results, { pages = null } = {}) {
  log(`widgets-smooth: finding the training widgets of ${pages ? pages.join(', ') : 'every lesson'}`);
  const found = [];
  const wanted = (page) => !pages || pages.includes(page.path.replace(/^\/(lessons\/)?/, ''));
  for (const lesson of [...lessonPaths(), ...SITE_PAGES].filter(wanted)) found.push(...(await discover(context, lesson)));
  const training = found.filter((w) => w.trains);
  log(`widgets-smooth: ${training.map((w) => `${w.key} on ${w.lesson}`).join(', ') || 'no training widgets'}`);
  const widgets = [];
  for (const widget of training) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      log(`widgets-smooth: ${widget.key} on ${widget.lesson}, run ${i + 1}/${RUNS}: ${IDLE_MS / 1000} s idle in view, then ${TRAINING_MS / 1000} s training`);
      try {
        runs.push(await measureOnce(context, widget));
      } catch (error) {
        log(`widgets-smooth: ${widget.key} failed: ${error.message.split('\n')[0]}`);
        runs.push({ error: error.message.split('\n')[0] });
      }
    }
    widgets.push(summarizeWidget(widget, runs));
  }
  results.widgetsSmooth = {
    targets: SMOOTH_TARGETS,
    idleMs: IDLE_MS,
    trainingMs: TRAINING_MS,
    runsPerWidget: RUNS,
    discovered: found.map(({ lesson, key, trains, stateWhenFound }) => ({ lesson, key, trains, stateWhenFound })),
    widgets,
  };
}

const percent = (s) => (Number.isFinite(s.median) ? `${(s.median * 100).toFixed(0)}%` : 'n/a');

/** Prints one row per training widget instance. */
export function printWidgetSmoothness(smooth) {
  const rows = smooth.widgets.map((w) => [
    w.key,
    w.lesson,
    w.backend ?? '?',
    w.longTasksOver50MsPerRun.join(', ') || 'n/a',
    w.longestTaskMs.toFixed(0),
    `${formatSummary(w.idleP95FrameMs, 1)} / ${formatSummary(w.trainingP95FrameMs, 1)}`,
    formatSummary(w.p95RatioTrainingOverIdle, 2),
    formatSummary(w.stepsPerSecond, 1),
    `${percent(w.mainThreadBusyIdle)} → ${percent(w.mainThreadBusyTraining)}`,
    `${w.met.longTasks ? 'yes' : 'NO'} / ${w.met.ratio ? 'yes' : 'NO'}${w.errors.length ? ` (${w.errors.length} failed)` : ''}`,
  ]);
  const header = [
    'widget',
    'lesson',
    'backend',
    'long tasks >50ms/run',
    'longest ms',
    'p95 frame idle / training, ms',
    'p95 ratio',
    'steps/s',
    'main thread busy idle → training',
    'met: 0 long / ratio ≤ 1.25',
  ];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => String(r[c]).length)));
  const line = (r) => r.map((cell, c) => String(cell).padEnd(widths[c])).join('  ');
  console.log(`\nwidgets-smooth: each training widget in view, ${smooth.idleMs / 1000} s idle then ${smooth.trainingMs / 1000} s training (median (min–max, runs))`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  if (rows.length === 0) console.log('(no training widget found)');
  rows.forEach((r) => console.log(line(r)));
}
