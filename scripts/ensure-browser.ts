// `npm test` runs this first (the "pretest" script): makes sure the browser projects have a Chromium,
// installing one when there is none, or stops with ONE message naming the command to run.
// Order and choices: test/helpers/browser-plan.ts. `npm run test:node` does not need it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { machineFacts } from '../test/helpers/browser-facts.js';
import {
  type BrowserPlan,
  type FoundBrowser,
  findBrowser,
  planBrowser,
  stopCommand,
} from '../test/helpers/browser-plan.js';

const say = (line: string) => console.log(`ensure-browser: ${line}`);
// The line that says what went wrong ("Error: ..." from Playwright, "E: ..." from apt), not a stack or a brace.
function reasonOf(text: string): string {
  const lines = stripVTControlCharacters(text)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.filter((l) => /^(Error|E:)/.test(l)).at(-1) ?? lines.at(-1) ?? '';
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 15 * 60_000 });
  if (r.status === 0) return undefined;
  return (
    reasonOf(`${r.stdout ?? ''}\n${r.stderr ?? ''}`) || r.error?.message || `${cmd} exited with ${r.status}`
  );
}

function aptInstall(packages: string[]): string | undefined {
  say(`installing ${packages.join(' ')} with apt-get, once, for the browser tests`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return (
    run('apt-get', ['update', '-qq'], env) ??
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], env)
  );
}

function playwrightInstall(): string | undefined {
  say("installing Playwright's Chromium (npx playwright install chromium: a large download)");
  // cli.js is not in playwright-core's exports: find it beside its package.json (the package's bin).
  const cli = join(dirname(createRequire(import.meta.url).resolve('playwright-core/package.json')), 'cli.js');
  const { PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: _, ...env } = process.env;
  return run(process.execPath, [cli, 'install', 'chromium'], env);
}

const install = (plan: BrowserPlan) =>
  plan.kind === 'apt'
    ? aptInstall(plan.packages)
    : plan.kind === 'playwright'
      ? playwrightInstall()
      : undefined;

// A binary that cannot start (missing libraries) would otherwise surface as launcher errors in every project.
function version(browser: FoundBrowser): { ok: true; text: string } | { ok: false; why: string } {
  if (process.platform === 'win32') return { ok: true, text: 'Chromium' }; // chrome.exe --version prints nothing
  const r = spawnSync(browser.path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const text = r.stdout?.trim();
  return r.status === 0 && text
    ? { ok: true, text }
    : { ok: false, why: reasonOf(r.stderr ?? '') || 'no output' };
}

function stop(why: string): never {
  console.error(
    [
      `ensure-browser: no usable Chromium for the browser tests (${why}).`,
      `Run:  ${stopCommand(machineFacts())}`,
      'then npm test again (or set CHROMIUM_PATH to a Chrome/Chromium binary).',
    ].join('\n'),
  );
  process.exit(1);
}

function ensure(): FoundBrowser {
  const plan = planBrowser(machineFacts());
  if (plan.kind === 'use') return plan.browser;
  if (plan.kind === 'stop') stop("looked at CHROMIUM_PATH, /usr/bin/chromium and Playwright's browsers");
  // One install attempt, then whatever is there. Missing fonts alone do not stop the tests: the visual
  // test then says why it skips the pixel comparison.
  const failed = install(plan);
  const found = findBrowser(machineFacts());
  if (!found) stop(failed ?? 'the install finished but no browser appeared');
  if (failed)
    say(`could not install ${plan.kind === 'apt' ? plan.packages.join(' ') : 'Chromium'}: ${failed}`);
  return found;
}

const browser = ensure();
const v = version(browser);
if (!v.ok) stop(`${browser.path} does not start: ${v.why}`);
say(`${v.text} at ${browser.path} (${browser.source})`);
