#!/usr/bin/env node
/**
 * How much JavaScript a lesson needs before its text shows: loads a lesson in Chromium (fresh profile, empty
 * cache, 1280×900 viewport, top of the page), records every JavaScript response (page and workers) until the
 * lesson's first h2 is visible, and prints each one with its transfer size and its gzip size (node's zlib,
 * default level, on the decoded body), then the totals. The budget is 150 KB gzip (architecture.md "Load lazily").
 *
 *   node scripts/measure-initial-js.mjs <base-url> <lesson-path> [options]
 *   node scripts/measure-initial-js.mjs http://127.0.0.1:4500 /lessons/perceptron --scroll
 *
 * Options:
 *   --budget-kb N   exit with code 1 when the gzip total before the text is over N KB (default 150; 0 = no check)
 *   --selector S    what "the lesson text is rendered" waits for (default ".lesson-body h2")
 *   --scroll        afterwards, scroll to every widget ([data-widget]) in turn, wait until it is ready, and list
 *                   the JavaScript fetched after the text (exit code 1 if a widget does not get ready)
 *   --json          print one JSON object instead of the table
 *
 * The site must already be served (`npm run build && npx vite preview --port 4500 --host 127.0.0.1`).
 * Chromium: $CHROMIUM_PATH, else the one scripts/find-browser.mjs finds.
 */
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './find-browser.mjs';

const KB = 1024;
const TEXT_TIMEOUT_MS = 30_000;
const WIDGET_TIMEOUT_MS = 120_000;
const USAGE = 'usage: node scripts/measure-initial-js.mjs <base-url> <lesson-path> [--budget-kb N] [--selector S] [--scroll] [--json]';

function parseArgs(argv) {
  const options = { budgetKb: 150, selector: '.lesson-body h2', scroll: false, json: false };
  const positional = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--scroll') options.scroll = true;
    else if (arg === '--json') options.json = true;
    else if (arg === '--budget-kb') options.budgetKb = Number(argv[(i += 1)]);
    else if (arg === '--selector') options.selector = argv[(i += 1)];
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  if (positional.length !== 2) throw new Error(USAGE);
  if (!Number.isFinite(options.budgetKb) || options.budgetKb < 0) throw new Error(`--budget-kb needs a number ≥ 0\n${USAGE}`);
  if (!options.selector) throw new Error(`--selector needs a CSS selector\n${USAGE}`);
  const [baseUrl, lessonPath] = positional;
  return { ...options, url: new URL(lessonPath, baseUrl).href };
}

function isJavaScript(response) {
  const type = response.request().resourceType();
  const contentType = response.headers()['content-type'] ?? '';
  const { pathname } = new URL(response.url());
  return type === 'script' || /javascript|ecmascript/.test(contentType) || /\.m?js$/.test(pathname);
}

/** Sizes of one recorded response; `transfer` is what came over the wire (headers + possibly compressed body). */
async function measure({ response, index }) {
  const url = new URL(response.url());
  let body = Buffer.alloc(0);
  try {
    body = await response.body();
  } catch {
    // Redirects and some worker responses have no body to read; they count as 0.
  }
  let transfer = body.length;
  try {
    const sizes = await response.request().sizes();
    transfer = sizes.responseHeadersSize + sizes.responseBodySize;
  } catch {
    // Keep the body size.
  }
  return {
    index,
    url: url.origin === 'null' ? response.url() : url.pathname + url.search,
    status: response.status(),
    transfer,
    raw: body.length,
    gzip: body.length > 0 ? gzipSync(body).length : 0,
  };
}

const sum = (rows, key) => rows.reduce((total, row) => total + row[key], 0);
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

function printTable(title, rows) {
  console.log(`\n${title}`);
  if (rows.length === 0) {
    console.log('  (none)');
    return;
  }
  console.log(`  ${'transfer'.padStart(10)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)}  url`);
  for (const row of rows) {
    console.log(`  ${kb(row.transfer).padStart(10)} ${kb(row.raw).padStart(10)} ${kb(row.gzip).padStart(10)}  ${row.url}`);
  }
  console.log(`  ${kb(sum(rows, 'transfer')).padStart(10)} ${kb(sum(rows, 'raw')).padStart(10)} ${kb(sum(rows, 'gzip')).padStart(10)}  total (${rows.length} files)`);
}

async function scrollThroughWidgets(page) {
  const widgets = page.locator('[data-widget]');
  const count = await widgets.count();
  const results = [];
  for (let i = 0; i < count; i += 1) {
    const widget = widgets.nth(i);
    const id = await widget.getAttribute('data-widget');
    const startedAt = Date.now();
    await widget.scrollIntoViewIfNeeded();
    let state = await widget.getAttribute('data-state');
    try {
      await widget.and(page.locator('[data-state="ready"]')).waitFor({ timeout: WIDGET_TIMEOUT_MS });
      state = 'ready';
    } catch {
      state = await widget.getAttribute('data-state');
    }
    results.push({ widget: id, state, ms: Date.now() - startedAt });
  }
  return results;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || findChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    /** @type {{ response: import('@playwright/test').Response, index: number }[]} */
    const responses = [];
    const pendingScripts = new Set();
    let textShown = false;
    const beforeText = [];
    const afterText = [];

    const onRequest = (request) => {
      if (request.resourceType() === 'script' || /\.m?js$/.test(new URL(request.url()).pathname)) pendingScripts.add(request);
    };
    const onResponse = (response) => {
      pendingScripts.delete(response.request());
      if (!isJavaScript(response)) return;
      const entry = { response, index: responses.length };
      responses.push(entry);
      (textShown ? afterText : beforeText).push(entry);
    };
    // Context-level events also see requests made by the page's workers.
    context.on('request', onRequest);
    context.on('response', onResponse);

    const startedAt = Date.now();
    await page.goto(options.url, { waitUntil: 'commit' });
    await page.locator(options.selector).first().waitFor({ state: 'visible', timeout: TEXT_TIMEOUT_MS });
    textShown = true;
    const textMs = Date.now() - startedAt;
    const inFlight = [...pendingScripts].map((request) => request.url());

    const before = await Promise.all(beforeText.map(measure));
    let widgets = [];
    let after = [];
    if (options.scroll) {
      widgets = await scrollThroughWidgets(page);
      after = await Promise.all(afterText.map(measure));
    }
    await context.close();

    const gzipTotal = sum(before, 'gzip');
    const overBudget = options.budgetKb > 0 && gzipTotal > options.budgetKb * KB;
    const notReady = widgets.filter((widget) => widget.state !== 'ready');

    if (options.json) {
      console.log(
        JSON.stringify({
          url: options.url,
          textMs,
          beforeText: { files: before, transfer: sum(before, 'transfer'), raw: sum(before, 'raw'), gzip: gzipTotal },
          inFlightAtText: inFlight,
          budgetKb: options.budgetKb,
          overBudget,
          ...(options.scroll ? { afterText: { files: after, gzip: sum(after, 'gzip') }, widgets } : {}),
        }),
      );
    } else {
      console.log(`${options.url}: lesson text (${options.selector}) visible after ${textMs} ms`);
      printTable('JavaScript before the lesson text was visible:', before);
      if (inFlight.length > 0) console.log(`  still downloading at that moment (not counted): ${inFlight.join(', ')}`);
      if (options.budgetKb > 0) {
        console.log(`\nbudget ${options.budgetKb} KB gzip: ${kb(gzipTotal)} ${overBudget ? 'OVER BUDGET' : 'ok'}`);
      }
      if (options.scroll) {
        printTable('JavaScript fetched after the text, while scrolling to the widgets:', after);
        console.log('\nwidgets:');
        for (const widget of widgets) console.log(`  ${widget.widget}: ${widget.state} (${widget.ms} ms after scrolling to it)`);
      }
    }
    if (overBudget || notReady.length > 0) process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
