// Where the demo keeps its own state in the browser (the session keys live in the library's
// encrypted IndexedDB store). The chain goes with them, so a reload finds the session on chain.
export const DEMO_KEYS = {
  chain: 'starknet-sessions-demo:chain',
  wallet: 'starknet-sessions-demo:wallet',
  log: 'starknet-sessions-demo:log',
} as const;

/** localStorage when the page may use it (not in some sandboxed frames or with storage blocked). */
export function browserStorage(): Storage | undefined {
  try {
    const storage = globalThis.localStorage;
    const probe = 'starknet-sessions-demo:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return undefined;
  }
}
