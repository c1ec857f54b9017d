// The real machine's facts for browser-plan.ts (Node only: read by vite.config.ts and the ensure script).
import { readFileSync, statSync } from 'node:fs';
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

function isDebian(): boolean {
  try {
    return /^ID="?debian"?$/m.test(readFileSync('/etc/os-release', 'utf8')) && isFile('/usr/bin/apt-get');
  } catch {
    return false;
  }
}

export function machineFacts(env: NodeJS.ProcessEnv = process.env): BrowserFacts {
  return {
    chromiumPathEnv: env.CHROMIUM_PATH || undefined,
    platform: process.platform,
    isRoot: process.getuid?.() === 0,
    isDebian: isDebian(),
    playwrightChromium: playwrightChromium(),
    isFile,
  };
}
