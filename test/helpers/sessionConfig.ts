import {
  createSessionConfig,
  executeWithSession,
  type SessionConfig,
  type SessionConfigParameters,
} from '../../src/core/index.js';
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

/** The game's `attack` call, the action most tests run. */
export const attackCall = (testnet: Testnet, n = 1) => ({
  contractAddress: testnet.game,
  entrypoint: 'attack',
  calldata: [`0x${n.toString(16)}`],
});

/** executeWithSession for one account: one attack, waiting for its receipt, unless `over` says otherwise. */
export function sessionExecutor(config: SessionConfig, testnet: Testnet, accountAddress: string) {
  return (over: Partial<Parameters<typeof executeWithSession>[1]> = {}) =>
    executeWithSession(config, {
      accountAddress,
      calls: [attackCall(testnet)],
      waitForReceipt: true,
      ...over,
    });
}
