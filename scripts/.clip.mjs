import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('http://127.0.0.1:4400/lessons/perceptron');
await page.waitForTimeout(1500);
const h = await page.evaluate(() => document.documentElement.scrollHeight);
console.log(h);
for (let i = 0; i * 1600 < h; i++) {
  await page.screenshot({ path: '/tmp/shots/part_' + i + '.png', fullPage: true, clip: { x: 0, y: i * 1600, width: 1280, height: Math.min(1600, h - i * 1600) } });
}
await browser.close();
