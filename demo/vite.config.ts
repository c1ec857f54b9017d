// `npm start`: the demo dApp, served from demo/ with the library's sources (no build needed).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // .env / .env.local at the repository root switch the demo to a real network (demo/README.md).
  envDir: here('..'),
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^starknet-sessions\/testing$/, replacement: here('../src/testing/index.ts') },
      { find: /^starknet-sessions\/styles\.css$/, replacement: here('../src/styles.css') },
      { find: /^starknet-sessions$/, replacement: here('../src/index.ts') },
    ],
  },
  // Its own cache: sharing node_modules/.vite with the library's config would re-optimise on every switch.
  cacheDir: here('../node_modules/.vite-demo'),
  // Pre-bundled up front: a dependency found mid-session makes Vite reload the page (the e2e test would
  // see its flow cut in two on a cold cache, i.e. on every fresh clone).
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      '@tanstack/react-query',
      '@starknet-react/core',
      '@starknet-react/chains',
      'starknet',
    ],
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  // starknet.js alone is about 600 kB minified: the default 500 kB warning says nothing useful here.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1000,
  },
});
