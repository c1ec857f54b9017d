/**
 * Delegation end to end in real Chromium: `npm run agent` (a Node process serving the simulated network
 * over HTTP) prints a link; the demo's approval page opens it; ONE wallet prompt; then the agent's actions
 * land with none. A link whose policy was widened in transit shows the widened policy, and once approved
 * the agent refuses it (SESSION_REQUEST_MISMATCH).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import {
  createSessionConfig,
  createSessionRequest,
  decodeSessionRequest,
  encodeSessionRequest,
} from '../../src/core/index.js';
import { createMemoryStorage } from '../../src/core/storage/index.js';
import { createTestnet } from '../../src/testing/index.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../helpers/chromium.js';
import { startDemoServer } from '../helpers/demoServer.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const STEP_TIMEOUT = 20_000;

let server: ViteDevServer;
let browser: Browser;
let url: string;
const agents: ChildProcess[] = [];

beforeAll(async () => {
  ({ server, url } = await startDemoServer());
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  for (const agent of agents) if (agent.exitCode === null) agent.kill();
  await browser?.close();
  await server?.close();
});

interface Agent {
  link: Promise<string>;
  /** Resolves with the exit code and everything printed. */
  done: Promise<{ code: number | null; output: string }>;
}

/** Starts `npm run agent`'s script on its own simulated network, with the approval page of this server. */
async function startAgent(): Promise<Agent> {
  const dir = await mkdtemp(join(tmpdir(), 'agent-e2e-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/agent.ts', '--approval', url, '--dir', dir, '--actions', '2'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  agents.push(child);
  let output = '';
  let found: (link: string) => void = () => {};
  const link = new Promise<string>((resolve) => {
    found = resolve;
  });
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    const match = /^(http\S+#session-request=\S+)$/m.exec(output);
    if (match) found(match[1]!);
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, output })),
  );
  return { link, done };
}

async function expectText(locator: Locator, expected: string | RegExp, timeout = STEP_TIMEOUT) {
  await expect
    .poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ''), { timeout })
    .toMatch(expected);
}

const walletCounter = (page: Page) => page.getByRole('status').filter({ hasText: 'Wallet prompts:' });

/** Opens the link, connects, approves in the consent and confirms the ONE wallet prompt. */
async function approve(page: Page, link: string, consent: RegExp = /asks to act for you/) {
  await page.goto(link);
  await page.getByRole('button', { name: 'Connect wallet' }).click({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Approve in wallet' }).waitFor({ timeout: STEP_TIMEOUT });
  await expectText(page.getByRole('note'), /not verified/);
  await expectText(page.locator('.ss-consent'), consent);
  await expectText(walletCounter(page), /^Wallet prompts: 0$/);
  await page.getByRole('button', { name: 'Approve in wallet' }).click();
  const confirm = page.getByRole('button', { name: 'Confirm in wallet' });
  await confirm.click({ timeout: STEP_TIMEOUT });
  await page.getByRole('heading', { name: 'Session granted' }).waitFor({ timeout: STEP_TIMEOUT });
  await expectText(walletCounter(page), /^Wallet prompts: 1$/);
}

describe('delegating to an agent (npm run agent + the approval page)', () => {
  it('one wallet prompt, then the agent acts with none', async () => {
    const agent = await startAgent();
    const page = await browser.newPage();
    try {
      await approve(page, await agent.link);
      const { code, output } = await agent.done;
      expect(output).toMatch(/Action 1: 0x[0-9a-f]+ via paymaster/);
      expect(output).toMatch(/Action 2: 0x[0-9a-f]+ via paymaster/);
      expect(code).toBe(0);
      await expectText(walletCounter(page), /^Wallet prompts: 1$/);
    } finally {
      await page.close();
    }
  });

  it('a link widened in transit shows the widened policy; approved, the agent refuses it', async () => {
    const agent = await startAgent();
    const link = await agent.link;
    const widened = decodeSessionRequest(link);
    widened.policy.maxCalls = 5000;
    const tampered = `${link.split('#')[0]}#session-request=${encodeSessionRequest(widened)}`;
    const page = await browser.newPage();
    try {
      await approve(page, tampered, /up to 5,000/);
      const { code, output } = await agent.done;
      expect(output).toContain('SESSION_REQUEST_MISMATCH');
      expect(output).not.toMatch(/Action 1:/);
      expect(code).toBe(1);
    } finally {
      await page.close();
    }
  });

  it("without a network in the link, the page approves on the demo's own network", async () => {
    // An agent on a chain like the demo's in-page one: the page shows and approves its request there.
    const testnet = createTestnet();
    const agent = createSessionConfig({ storage: createMemoryStorage(), provider: testnet.provider() });
    const { link } = await createSessionRequest(agent, {
      accountAddress: testnet.accounts[0]!.address,
      policy: {
        actions: [{ entrypoint: 'attack', contractAddress: testnet.game }],
        durationSeconds: 3600,
        maxCalls: 5,
      },
      app: { name: 'Agent' },
      approvalUrl: url,
    });
    const page = await browser.newPage();
    try {
      await approve(page, link);
    } finally {
      await page.close();
    }
  });
});
