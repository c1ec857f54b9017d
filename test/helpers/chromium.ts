// The Chromium every browser project (vitest browser mode, Storybook, the demo's e2e test) launches:
// the first of CHROMIUM_PATH, Debian's /usr/bin/chromium, Playwright's own (see browser-plan.ts).
// `npm test` first runs scripts/ensure-browser.ts, which installs one when there is none (and so does a
// bare `npx vitest` that runs a browser project, below).

import { spawnSync } from 'node:child_process';
import { machineFacts } from './browser-facts.js';
import { findBrowser, planBrowser, referenceEnvironment, wantsBrowserProjects } from './browser-plan.js';

// `npx vitest run --project browser` skips npm's pretest: the same install runs here, before the
// projects launch, when the command runs a browser project and this machine lacks what it needs.
if (process.env.VITEST && planBrowser(machineFacts()).kind !== 'use' && wantsBrowserProjects(process.argv)) {
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-browser.ts'], { stdio: 'inherit' });
}

const facts = machineFacts();
const found = findBrowser(facts);
// Nothing found (vitest started without `npm test`): Debian's path, so the launcher names what is missing.
export const CHROMIUM_PATH = found?.path ?? '/usr/bin/chromium';
/** Whether visual snapshots can be compared with the committed references here, and why not. */
export const VISUAL_REFERENCE = referenceEnvironment(facts, found);
// The background-networking flags keep it from calling out on a machine with no network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
