/**
 * The demo a newcomer runs first (`npm start`), driven in real Chromium as a visitor would: connect,
 * start a session (one wallet prompt), attack five times (still one prompt), reload (the session
 * survives: encrypted IndexedDB + the persisted simulated chain), attack again, revoke, and see the
 * actions disabled again, with the reason. Screenshots at 1280 and 390 px go to .ci-out/demo-*.png.
 */

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import { startDemoServer } from '../helpers/demoServer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = `${root}.ci-out`;
const STEP_TIMEOUT = 20_000;

let server: ViteDevServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  // The simulated network, whatever a developer's .env says (process.env wins over .env files).
  for (const name of ['VITE_RPC_URL', 'VITE_PAYMASTER_URL', 'VITE_PAYMASTER_API_KEY', 'VITE_WALLET']) {
    process.env[name] = '';
  }
  ({ server, url } = await startDemoServer());
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  await mkdir(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits until the locator's visible text matches (the page updates asynchronously). */
async function expectText(locator: Locator, expected: string | RegExp, timeout = STEP_TIMEOUT) {
  await expect
    // innerText: the text as it shows on screen (line breaks between blocks, nothing hidden).
    .poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ''), { timeout })
    .toMatch(expected);
}

const sessionRegion = (page: Page) => page.getByRole('region', { name: 'Session', exact: true });
const walletCounter = (page: Page) => page.getByRole('status').filter({ hasText: 'Wallet prompts:' });
const attack = (page: Page) => page.getByRole('button', { name: 'Attack', exact: true });
const game = (page: Page) => page.getByRole('region', { name: 'Dragon Arena', exact: true });

async function confirmInWallet(page: Page) {
  const confirm = page.getByRole('button', { name: 'Confirm in wallet' });
  await confirm.waitFor({ timeout: STEP_TIMEOUT });
  await confirm.click();
  await confirm.waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
}

async function screenshot(page: Page, name: string, width: number, height?: number) {
  await page.setViewportSize({ width, height: height ?? page.viewportSize()?.height ?? 900 });
  // Let layout and the smooth scroll into view settle before the picture.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await page.screenshot({
    path: `${shots}/demo-${name}-${width}.png`,
    // With a height: what the screen shows (does it fit?); without: the whole page.
    fullPage: height === undefined,
    animations: 'disabled',
  });
}

describe('the demo dApp (npm start)', () => {
  it('one approval, five popup-free attacks, a reload that keeps the session, then revoke disables the actions', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    try {
      await page.goto(url);
      await page.getByRole('button', { name: 'Connect wallet' }).waitFor({ timeout: 45_000 });
      await expectText(walletCounter(page), /^Wallet prompts: 0$/);
      await screenshot(page, 'start', 1280);

      // Connect: the demo wallet already trusts the page, so no prompt.
      await page.getByRole('button', { name: 'Connect wallet' }).click();
      await page.getByRole('button', { name: 'Disconnect' }).waitFor({ timeout: STEP_TIMEOUT });
      await expectText(sessionRegion(page), /No session/);
      // No session yet: the actions wait, and say why.
      await expect.poll(() => attack(page).isDisabled()).toBe(true);
      await expectText(game(page).locator('#demo-game-why'), /Start a session to play/);

      // On a phone the session's controls come before the board, on the first screen.
      await page.setViewportSize({ width: 390, height: 844 });
      const start = await page.getByRole('button', { name: 'Start session' }).boundingBox();
      const board = await page.getByRole('img', { name: /^Board/ }).boundingBox();
      expect(start!.y + start!.height).toBeLessThanOrEqual(844);
      expect(start!.y).toBeLessThan(board!.y);
      await screenshot(page, 'connected', 390, 844);
      await page.setViewportSize({ width: 1280, height: 900 });

      // Start session -> consent -> Approve -> one wallet prompt, confirmed in the wallet panel.
      await page.getByRole('button', { name: 'Start session' }).click();
      // The consent fits the screen: its buttons are visible without scrolling, on a laptop and a phone.
      for (const [width, height] of [
        [1280, 800],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, 'consent', width, height);
        const card = await page.locator('.ss-consent').boundingBox();
        const boxes: string[] = [];
        for (const name of ['Approve', 'Not now']) {
          const box = await page.getByRole('button', { name, exact: true }).boundingBox();
          expect(box!.y >= 0 && box!.y + box!.height <= height, `${name} at ${width}`).toBe(true);
          boxes.push(`${name} ${Math.round(box!.y)}..${Math.round(box!.y + box!.height)}`);
        }
        // The figures for the notes: where the card and its buttons sit on the first screen.
        console.log(
          `consent at ${width}x${height}: card ${Math.round(card!.y)}..${Math.round(card!.y + card!.height)} px, ${boxes.join(', ')}`,
        );
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await expectText(walletCounter(page), /^Wallet prompts: 1$/);
      await expectText(page.getByRole('group', { name: 'Confirm transaction' }), /Add a session key/);
      // The wallet is still asking: the status says so (not "confirming"), and the log has not sent anything.
      await expectText(game(page), /Waiting for your wallet/);
      await expectText(
        page.getByRole('region', { name: 'Transactions' }),
        /Waiting for your answer in the wallet/,
      );
      await screenshot(page, 'prompt', 1280);
      await confirmInWallet(page);
      await expectText(sessionRegion(page), /Active/);
      await expectText(sessionRegion(page), /0 \/ 20 calls/);

      // Five attacks: signed by the session key, sent through the paymaster, no prompt.
      for (let i = 1; i <= 5; i++) {
        await attack(page).click();
        await expectText(sessionRegion(page), new RegExp(`${i} / 20 calls`));
      }
      await expectText(walletCounter(page), /^Wallet prompts: 1$/);
      const log = page.getByRole('region', { name: 'Transactions' });
      await expect
        .poll(() =>
          log
            .locator('li')
            .filter({ hasText: 'Attack' })
            .filter({ hasText: /0x[0-9a-f]{4,}/ })
            .count(),
        )
        .toBe(5);
      await expectText(game(page), /attacks\s*5/i);
      // The hero's tile on the 10 x 10 board, as the board draws it.
      await expectText(game(page), /position\s*1, 1\s*reward/i);
      await screenshot(page, 'playing', 1280);
      await screenshot(page, 'playing', 390);
      await page.setViewportSize({ width: 1280, height: 900 });

      // Reload: the wallet reconnects, the key comes back from encrypted IndexedDB, the chain from storage.
      await page.reload();
      await page.getByRole('button', { name: 'Disconnect' }).waitFor({ timeout: 45_000 });
      await expectText(sessionRegion(page), /Active/);
      await expectText(sessionRegion(page), /5 \/ 20 calls/);
      await attack(page).click();
      await expectText(sessionRegion(page), /6 \/ 20 calls/);
      await expectText(walletCounter(page), /^Wallet prompts: 1$/);

      // Revoke: one more prompt; then the session key is refused with a clear message.
      await page.getByRole('button', { name: 'Revoke session' }).click();
      await expectText(walletCounter(page), /^Wallet prompts: 2$/);
      await expectText(page.getByRole('group', { name: 'Confirm transaction' }), /Revoke a session key/);
      await confirmInWallet(page);
      await expectText(sessionRegion(page), /Revoked/);
      // Revoked: the actions are disabled again, with the reason and the way out.
      await expect.poll(() => attack(page).isDisabled()).toBe(true);
      await expectText(game(page).locator('#demo-game-why'), /Session revoked: start a new session/);
      await expectText(walletCounter(page), /^Wallet prompts: 2$/);
      await expectText(game(page), /attacks\s*6/i);
      await screenshot(page, 'revoked', 1280);
      await screenshot(page, 'revoked', 390);

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
