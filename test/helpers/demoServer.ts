import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The demo's Vite dev server on a free port of 127.0.0.1, and its URL. */
export async function startDemoServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({
    configFile: `${root}demo/vite.config.ts`,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    logLevel: 'warn',
    clearScreen: false,
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new TypeError('the demo server has no TCP address');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}
