// Which Chromium the browser, Storybook and e2e projects use, and what to install when there is none.
// Pure: every fact about the machine comes in through `BrowserFacts`, so the order is unit-tested.
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
// fonts-liberation's Sans face: the visual references were rendered with it.
export const LIBERATION_SANS = '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf';
export const APT_COMMAND = 'apt-get install -y --no-install-recommends chromium fonts-liberation';
export const PLAYWRIGHT_COMMAND = 'npx playwright install chromium';
// Other Linux distributions may also lack the browser's system libraries; Playwright installs them too.
export const PLAYWRIGHT_LINUX_COMMAND = 'npx playwright install --with-deps chromium';

export interface BrowserFacts {
  /** process.env.CHROMIUM_PATH */
  chromiumPathEnv: string | undefined;
  platform: NodeJS.Platform;
  isRoot: boolean;
  /** Debian (/etc/os-release ID=debian), whose apt has the `chromium` package the references were taken with. */
  isDebian: boolean;
  /** Where Playwright installs its Chromium (playwright-core's registry), if it knows this platform. */
  playwrightChromium: string | undefined;
  isFile(path: string): boolean;
}

export type BrowserSource = 'CHROMIUM_PATH' | 'debian' | 'playwright';
export interface FoundBrowser {
  path: string;
  source: BrowserSource;
}

export type BrowserPlan =
  | { kind: 'use'; browser: FoundBrowser }
  | { kind: 'apt'; packages: string[] }
  | { kind: 'playwright' }
  | { kind: 'stop'; command: string };

/** The first browser present, in the order; nothing is installed here. */
export function findBrowser(facts: BrowserFacts): FoundBrowser | undefined {
  const env = facts.chromiumPathEnv;
  if (env && facts.isFile(env)) return { path: env, source: 'CHROMIUM_PATH' };
  if (facts.isFile(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'debian' };
  const pw = facts.playwrightChromium;
  if (pw && facts.isFile(pw)) return { path: pw, source: 'playwright' };
  return undefined;
}

const canApt = (f: BrowserFacts) => f.platform === 'linux' && f.isDebian && f.isRoot;

/** What to do next: use a browser, install one (apt as root on Debian, else Playwright), or stop. */
export function planBrowser(facts: BrowserFacts): BrowserPlan {
  const found = findBrowser(facts);
  const noFonts = !facts.isFile(LIBERATION_SANS);
  if (found) {
    // Debian's Chromium without the reference fonts: complete the reference environment while we can.
    if (found.path === DEBIAN_CHROMIUM && noFonts && canApt(facts)) {
      return { kind: 'apt', packages: ['fonts-liberation'] };
    }
    return { kind: 'use', browser: found };
  }
  if (canApt(facts))
    return { kind: 'apt', packages: noFonts ? ['chromium', 'fonts-liberation'] : ['chromium'] };
  if (facts.playwrightChromium) return { kind: 'playwright' };
  return { kind: 'stop', command: stopCommand(facts) };
}

/** The one command a person runs when no automatic install worked. */
export function stopCommand(facts: BrowserFacts): string {
  if (facts.platform !== 'linux') return PLAYWRIGHT_COMMAND;
  if (facts.isDebian) return facts.isRoot ? APT_COMMAND : `sudo ${APT_COMMAND}`;
  return PLAYWRIGHT_LINUX_COMMAND;
}

export interface VisualReference {
  comparable: boolean;
  reason: string;
}
// vite.config.ts provides it to the browser project; the visual test reads it with inject().
declare module 'vitest' {
  export interface ProvidedContext {
    visualReference: VisualReference;
  }
}

/**
 * Whether screenshots can be compared with the committed references (Debian Chromium + Liberation fonts);
 * `reason` says why not, for the test log.
 */
export function referenceEnvironment(
  facts: BrowserFacts,
  browser: FoundBrowser | undefined,
): VisualReference {
  if (browser?.path !== DEBIAN_CHROMIUM) {
    const which = browser ? `${browser.path} (from ${browser.source})` : 'no browser';
    return {
      comparable: false,
      reason: `the references were taken with ${DEBIAN_CHROMIUM}, this run uses ${which}`,
    };
  }
  if (!facts.isFile(LIBERATION_SANS)) {
    return {
      comparable: false,
      reason: `the Liberation fonts are not installed (${LIBERATION_SANS} is missing)`,
    };
  }
  return { comparable: true, reason: 'Debian Chromium and the Liberation fonts, as the references' };
}

const BROWSER_PROJECTS = ['browser', 'e2e', 'storybook'];

/**
 * Whether a vitest command line runs a project that needs Chromium: no `--project` runs them all;
 * `--project node --project dom` runs none. (`--project=name` and glob patterns like `b*` count too.)
 */
export function wantsBrowserProjects(argv: readonly string[]): boolean {
  const named: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === '--project' && argv[i + 1] !== undefined) named.push(argv[i + 1] as string);
    else if (arg.startsWith('--project=')) named.push(arg.slice('--project='.length));
  });
  if (named.length === 0) return true;
  const matches = (pattern: string, name: string) =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`).test(name);
  return named.some((pattern) => BROWSER_PROJECTS.some((name) => matches(pattern, name)));
}
