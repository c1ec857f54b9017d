/// <reference types="vitest/config" />
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { CHROMIUM_ARGS, CHROMIUM_PATH, VISUAL_REFERENCE } from './test/helpers/chromium.js';

const chromium = () =>
  playwright({
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    // A tester page larger than any test viewport: vitest scales the test iframe down to fit the page
    // (default 1280x720), which would shrink and blur visual snapshots taken at 1280x2000.
    contextOptions: { viewport: { width: 1400, height: 2100 } },
  });
// A fresh object per project: vitest writes into `instances`.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: chromium(),
  instances: [{ browser: 'chromium' as const }],
  screenshotFailures: false,
});

const external = [
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...Object.keys((pkg as { dependencies?: Record<string, string> }).dependencies ?? {}),
  'react-dom',
];
const isExternal = (id: string) =>
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  external.some((d) => id === d || id.startsWith(`${d}/`));

export default defineConfig({
  plugins: [react()],
  build: {
    target: 'es2022',
    lib: {
      entry: {
        index: 'src/index.ts',
        core: 'src/core/index.ts',
        testing: 'src/testing/index.ts',
        'testing-server': 'src/testing/server.ts',
        node: 'src/node/index.ts',
        mcp: 'src/node/mcp/index.ts',
        // Named as its source so its declaration file describes it.
        'node/mcp/bin': 'src/node/mcp/bin.ts',
      },
      formats: ['es'],
    },
    outDir: 'dist',
    // No maps: dist/ is unminified, one file per source module, so a stack trace already reads as the
    // source; maps would ship every source a second time (737 KB) or point at an unshipped src/.
    sourcemap: false,
    emptyOutDir: true,
    minify: false,
    rolldownOptions: {
      external: isExternal,
      // One file per source module: an app's bundler then drops every module it does not use (the
      // package declares no side effects but its stylesheet), instead of shaking statements inside chunks.
      output: {
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
  // Pre-bundled up front: a dependency discovered mid-run makes Vite reload the browser tests, which
  // then load React twice ("Invalid hook call") on a cold cache, i.e. on every fresh CI clone.
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      '@testing-library/react',
      '@tanstack/react-query',
      '@starknet-react/core',
      'starknet',
    ],
  },
  test: {
    globals: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          // Integration tests drive the simulated network: seconds, not milliseconds, on a loaded 2-core CI.
          testTimeout: 30_000,
          environment: 'node',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.browser.test.*', '**/*.e2e.test.*', '**/node_modules/**'],
          benchmark: { include: ['bench/**/*.bench.ts', 'src/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          testTimeout: 30_000,
          environment: 'happy-dom',
          include: ['src/**/*.test.tsx', 'test/**/*.test.tsx'],
          exclude: ['**/*.browser.test.*', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'],
          browser: browser(),
          // Pixels are compared only in the environment the references were taken in (Debian Chromium + fonts).
          provide: { visualReference: VISUAL_REFERENCE },
        },
      },
      {
        // The demo (npm start) driven in Chromium by playwright-core against its own Vite dev server.
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        // Every story is a test: rendered in Chromium, play function run, axe checked (a11y test: 'error').
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        test: {
          name: 'storybook',
          browser: browser(),
        },
      },
    ],
  },
});
