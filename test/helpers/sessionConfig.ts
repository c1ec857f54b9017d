import { createSessionConfig, type SessionConfigParameters } from '../../src/core/index.js';
import { createMemoryStorage } from '../../src/core/storage/index.js';
import type { Testnet } from '../../src/testing/index.js';

/** A session config wired to the simulated network: its provider, paymaster and clock, keys in memory. */
export function testnetSessionConfig(
  testnet: Testnet,
  options: Partial<SessionConfigParameters> & { appId: string },
) {
  return createSessionConfig({
    storage: createMemoryStorage({ now: () => testnet.now() }),
    provider: testnet.provider(),
    paymaster: testnet.paymaster(),
    now: () => testnet.now(),
    ...options,
  });
}
