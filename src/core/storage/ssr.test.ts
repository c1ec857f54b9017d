import { describe, expect, it, vi } from 'vitest';

const browserGlobals = ['window', 'document', 'indexedDB', 'localStorage', 'BroadcastChannel'] as const;

/**
 * The first frame of the stack that is real code (not the spy, not Node's loader), when it is
 * this library's own source. starknet.js probes `typeof window` and Node's module loader reads
 * `crypto.subtle` while loading: neither is our code touching them.
 */
function ourCaller(): string | undefined {
  const frames = (new Error().stack ?? '').split('\n').slice(2);
  const first = frames.find(
    (f) => f.includes('(') && !/@vitest|node:|<anonymous>|ssr\.test\.ts/.test(f) && f.includes('/'),
  );
  return first && !first.includes('node_modules') ? first.trim() : undefined;
}

describe('server-side rendering', () => {
  it('imports the core and creates the default storage without touching browser globals or WebCrypto', async () => {
    const touched: string[] = [];
    const saved = new Map<string, PropertyDescriptor | undefined>();
    for (const name of browserGlobals) {
      saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          const caller = ourCaller();
          if (caller) touched.push(`${name} from ${caller}`);
          return undefined;
        },
      });
    }
    const realSubtle = globalThis.crypto.subtle;
    vi.spyOn(globalThis.crypto, 'subtle', 'get').mockImplementation(() => {
      const caller = ourCaller();
      if (caller) touched.push(`crypto.subtle from ${caller}`);
      return realSubtle;
    });
    try {
      vi.resetModules();
      const core = await import('../index.js');
      const storage = core.createDefaultStorage();
      expect(core.createMemoryStorage().kind).toBe('memory');
      expect(touched).toEqual([]);
      // First use on the server: it looks for IndexedDB and a window (finds none) and picks memory;
      // WebCrypto, localStorage and BroadcastChannel stay untouched.
      expect((await storage.resolve()).kind).toBe('memory');
      await storage.list({ chainId: 'SN_MAIN', accountAddress: '0x1', appId: 'ssr' });
      expect([...new Set(touched.map((t) => t.split(' ')[0]))].sort()).toEqual([
        'document',
        'indexedDB',
        'window',
      ]);
    } finally {
      vi.restoreAllMocks();
      for (const [name, descriptor] of saved) {
        if (descriptor) Object.defineProperty(globalThis, name, descriptor);
        else delete (globalThis as Record<string, unknown>)[name];
      }
    }
  });
});
