// The real machine's facts for browser-plan.ts (Node only: read by vite.config.ts and the ensure script).
import { statSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { BrowserFacts } from './browser-plan.js';

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

// playwright-core throws on a platform it has no build for: then there is no Playwright browser to use.
function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath() || undefined;
  } catch {
    return undefined;
  }
}

export function machineFacts(env: NodeJS.ProcessEnv = process.env): BrowserFacts {
  return {
    chromiumPathEnv: env.CHROMIUM_PATH || undefined,
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    hasApt: isFile('/etc/debian_version') && isFile('/usr/bin/apt-get'),
    playwrightChromium: playwrightChromium(),
    isFile,
  };
}
