import { describe, expect, it } from 'vitest';
import {
  APT_COMMAND,
  type BrowserFacts,
  DEBIAN_CHROMIUM,
  findBrowser,
  LIBERATION_SANS,
  PLAYWRIGHT_COMMAND,
  PLAYWRIGHT_LINUX_COMMAND,
  planBrowser,
  referenceEnvironment,
  stopCommand,
  wantsBrowserProjects,
} from './browser-plan.js';

const PW = '/home/me/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';
const MAC_PW =
  '/Users/me/Library/Caches/ms-playwright/chromium-1255/chrome-mac/Chromium.app/Contents/MacOS/Chromium';

// A machine described by its files; the default is this project's machine kind before any install.
function machine(files: string[], over: Partial<BrowserFacts> = {}): BrowserFacts {
  const present = new Set(files);
  return {
    chromiumPathEnv: undefined,
    platform: 'linux',
    isRoot: true,
    isDebian: true,
    playwrightChromium: PW,
    isFile: (path) => present.has(path),
    ...over,
  };
}

describe('findBrowser: the issue order', () => {
  it('takes CHROMIUM_PATH first when it points at a file', () => {
    const facts = machine(['/opt/chrome', DEBIAN_CHROMIUM, PW], { chromiumPathEnv: '/opt/chrome' });
    expect(findBrowser(facts)).toEqual({ path: '/opt/chrome', source: 'CHROMIUM_PATH' });
  });
  it('falls through a CHROMIUM_PATH that points at nothing', () => {
    const facts = machine([DEBIAN_CHROMIUM], { chromiumPathEnv: '/opt/typo' });
    expect(findBrowser(facts)).toEqual({ path: DEBIAN_CHROMIUM, source: 'debian' });
  });
  it("uses Playwright's installed browser when Debian's is absent", () => {
    expect(findBrowser(machine([PW]))).toEqual({ path: PW, source: 'playwright' });
  });
  it('finds nothing on a fresh machine', () => {
    expect(findBrowser(machine([]))).toBeUndefined();
  });
});

describe('planBrowser', () => {
  it('installs chromium and the fonts with apt-get, once, on Debian as root', () => {
    expect(planBrowser(machine([]))).toEqual({ kind: 'apt', packages: ['chromium', 'fonts-liberation'] });
  });
  it('installs nothing the second time', () => {
    const after = machine([DEBIAN_CHROMIUM, LIBERATION_SANS]);
    expect(planBrowser(after)).toEqual({ kind: 'use', browser: { path: DEBIAN_CHROMIUM, source: 'debian' } });
  });
  it("adds only the fonts to Debian's Chromium", () => {
    expect(planBrowser(machine([DEBIAN_CHROMIUM]))).toEqual({ kind: 'apt', packages: ['fonts-liberation'] });
  });
  it('leaves a browser the user chose alone, fonts or not', () => {
    const facts = machine(['/opt/chrome'], { chromiumPathEnv: '/opt/chrome' });
    expect(planBrowser(facts).kind).toBe('use');
  });
  it("uses Playwright's own install on Debian without root, and on macOS", () => {
    expect(planBrowser(machine([], { isRoot: false }))).toEqual({ kind: 'playwright' });
    expect(
      planBrowser(machine([], { platform: 'darwin', isDebian: false, playwrightChromium: MAC_PW })),
    ).toEqual({
      kind: 'playwright',
    });
  });
  it('never runs apt-get without root, even for the fonts', () => {
    expect(planBrowser(machine([DEBIAN_CHROMIUM], { isRoot: false })).kind).toBe('use');
  });
  it('stops naming one command where Playwright has no build', () => {
    expect(planBrowser(machine([], { isRoot: false, playwrightChromium: undefined }))).toEqual({
      kind: 'stop',
      command: `sudo ${APT_COMMAND}`,
    });
    const other = machine([], { platform: 'freebsd', isDebian: false, playwrightChromium: undefined });
    expect(planBrowser(other)).toEqual({ kind: 'stop', command: PLAYWRIGHT_COMMAND });
  });
  it("uses Playwright's install, not apt-get, on another Linux even as root (Ubuntu has no chromium deb)", () => {
    expect(planBrowser(machine([], { isDebian: false }))).toEqual({ kind: 'playwright' });
  });
});

describe('stopCommand', () => {
  it('names apt-get on Debian (with sudo unless root), Playwright (with the libraries on Linux) elsewhere', () => {
    expect(stopCommand(machine([]))).toBe(APT_COMMAND);
    expect(stopCommand(machine([], { isRoot: false }))).toBe(`sudo ${APT_COMMAND}`);
    expect(stopCommand(machine([], { platform: 'darwin', isDebian: false }))).toBe(PLAYWRIGHT_COMMAND);
    expect(stopCommand(machine([], { platform: 'win32', isDebian: false }))).toBe(PLAYWRIGHT_COMMAND);
    expect(stopCommand(machine([], { isDebian: false }))).toBe(PLAYWRIGHT_LINUX_COMMAND);
  });
});

describe('referenceEnvironment: where pixels are compared', () => {
  it("compares with Debian's Chromium and the Liberation fonts", () => {
    const facts = machine([DEBIAN_CHROMIUM, LIBERATION_SANS]);
    expect(referenceEnvironment(facts, findBrowser(facts)).comparable).toBe(true);
  });
  it('says why not without the Liberation fonts', () => {
    const facts = machine([DEBIAN_CHROMIUM]);
    const ref = referenceEnvironment(facts, findBrowser(facts));
    expect(ref).toEqual({ comparable: false, reason: expect.stringContaining('Liberation fonts') });
  });
  it("says why not with Playwright's Chromium or another browser, even with the fonts", () => {
    const pw = machine([PW, LIBERATION_SANS]);
    expect(referenceEnvironment(pw, findBrowser(pw))).toEqual({
      comparable: false,
      reason: expect.stringContaining(`${PW} (from playwright)`),
    });
    const mine = machine(['/opt/chrome', LIBERATION_SANS], { chromiumPathEnv: '/opt/chrome' });
    expect(referenceEnvironment(mine, findBrowser(mine)).comparable).toBe(false);
  });
  it('counts CHROMIUM_PATH=/usr/bin/chromium as the reference browser', () => {
    const facts = machine([DEBIAN_CHROMIUM, LIBERATION_SANS], { chromiumPathEnv: DEBIAN_CHROMIUM });
    expect(referenceEnvironment(facts, findBrowser(facts)).comparable).toBe(true);
  });
});

describe('wantsBrowserProjects: a bare vitest command that needs Chromium', () => {
  const argv = (...args: string[]) => ['node', 'vitest', 'run', ...args];
  it.each([
    [argv(), true],
    [argv('test/foo.test.ts'), true],
    [argv('--project', 'browser'), true],
    [argv('--project=storybook'), true],
    [argv('--project', 'node', '--project', 'e2e'), true],
    [argv('--project', 'b*'), true],
    [argv('--project', 'node'), false],
    [argv('--project', 'node', '--project', 'dom'), false],
    [argv('--project=dom', 'src/react'), false],
    [argv('--project', 'brows'), false],
  ])('%j -> %s', (args, wanted) => {
    expect(wantsBrowserProjects(args)).toBe(wanted);
  });
});
