// How long the first story takes to appear once the Storybook dev server has started: starts
// `storybook dev`, waits until it answers, then opens the UI in Chromium (playwright-core) and times
// until the story's consent card is rendered in the preview iframe. Optional screenshots of docs pages.
// Usage: node scripts/storybook-first-story.mjs [--shots DIR]
// Env: SB_LOG=file (the server's output), SB_SETTLE_MS=n (wait before opening), SB_TRACE=1 (waterfall).
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const PORT = 6106;
const base = `http://127.0.0.1:${PORT}`;
const shotsAt = process.argv.includes('--shots')
  ? process.argv[process.argv.indexOf('--shots') + 1]
  : undefined;

const server = spawn(
  'npx',
  ['storybook', 'dev', '-p', String(PORT), '--host', '127.0.0.1', '--no-open', '--ci'],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  },
);
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
};
process.on('exit', stop);
if (process.env.SB_LOG) {
  const { createWriteStream } = await import('node:fs');
  const log = createWriteStream(process.env.SB_LOG);
  server.stdout.pipe(log);
  server.stderr.pipe(log);
}

const t0 = Date.now();
for (;;) {
  try {
    if ((await fetch(`${base}/index.json`)).ok) break;
  } catch {}
  if (Date.now() - t0 > 180_000) throw new Error('storybook dev did not start in 180 s');
  await new Promise((r) => setTimeout(r, 250));
}
console.log(`server answering after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

if (process.env.SB_SETTLE_MS) await new Promise((r) => setTimeout(r, Number(process.env.SB_SETTLE_MS)));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  let requests = 0;
  page.on('request', () => requests++);
  // SB_TRACE=1: the waterfall (ms after opening, ms to the last byte): a late start means a request
  // waited for an earlier module; a long one, often, a dev server busy with something else.
  const waterfall = [];
  page.on('requestfinished', (r) => {
    const { startTime, responseEnd } = r.timing();
    waterfall.push([Math.round(startTime - opened), Math.round(responseEnd), r.url().replace(base, '')]);
  });
  const opened = Date.now();
  await page.goto(`${base}/?path=/story/components-sessionconsent--plain`);
  await page
    .frameLocator('#storybook-preview-iframe')
    .getByRole('button', { name: 'Approve in wallet' })
    .waitFor({ timeout: 120_000 });
  console.log(
    `first story rendered ${((Date.now() - opened) / 1000).toFixed(1)} s after opening the UI (${requests} requests)`,
  );
  if (process.env.SB_TRACE) {
    for (const row of waterfall.sort((a, b) => a[0] - b[0])) console.log(row.join('\t'));
  }
  if (shotsAt) {
    await mkdir(shotsAt, { recursive: true });
    for (const [name, id] of [
      ['docs-consent', 'components-sessionconsent--docs'],
      ['docs-status', 'components-sessionstatus--docs'],
      ['docs-theming', 'theming-overview--docs'],
    ]) {
      await page.goto(`${base}/iframe.html?id=${id}&viewMode=docs`);
      await page.waitForSelector('.sbdocs-content', { timeout: 60_000 });
      await page.waitForTimeout(1500);
      await page.screenshot({ path: `${shotsAt}/${name}.png`, fullPage: true });
    }
  }
} finally {
  await browser.close();
  stop();
}
