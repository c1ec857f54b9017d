// @vitest-environment node
import { sepolia } from '@starknet-react/chains';
import { StarknetConfig } from '@starknet-react/core';
import { QueryClient } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';

describe('server-side rendering', () => {
  it('imports and renders the provider and hooks without touching browser globals', async () => {
    const touched: string[] = [];
    const trap = (name: string) =>
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          return undefined;
        },
      });
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    for (const name of ['window', 'document', 'indexedDB', 'localStorage', 'BroadcastChannel']) trap(name);
    Object.defineProperty(globalThis, 'crypto', {
      configurable: true,
      get() {
        touched.push('crypto');
        return saved?.get?.call(globalThis) ?? saved?.value;
      },
    });
    try {
      const lib = await import('../src/index.js');
      const { createTestnet } = await import('../src/testing/index.js');
      const testnet = createTestnet({ startTime: 1_800_000_000 });
      const config = lib.createSessionConfig({ appId: 'ssr' });
      function Status() {
        const { data, status } = lib.useSession();
        return <p>{`${status}:${data?.status ?? 'loading'}`}</p>;
      }
      const html = renderToString(
        <StarknetConfig
          chains={[sepolia]}
          provider={() => testnet.provider()}
          queryClient={new QueryClient()}
        >
          <lib.SessionProvider config={config}>
            <Status />
          </lib.SessionProvider>
        </StarknetConfig>,
      );
      expect(html).toContain('pending:loading');
      expect(touched.filter((n) => n !== 'crypto')).toEqual([]);
      // The key generator needs crypto, but only when a key is generated, never on import or render.
      expect(touched).not.toContain('crypto');
    } finally {
      for (const name of ['window', 'document', 'indexedDB', 'localStorage', 'BroadcastChannel']) {
        delete (globalThis as Record<string, unknown>)[name];
      }
      if (saved) Object.defineProperty(globalThis, 'crypto', saved);
    }
  });
});
