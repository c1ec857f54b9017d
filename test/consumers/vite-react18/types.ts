// Type-checked (tsc, skipLibCheck off) against this app's starknet 8 and React 18 types: the library's
// declarations of every entry point must hold there too, not only against the starknet 10 it is built with.
import { SessionProvider, SessionStatus, useSessionExecute } from 'starknet-sessions';
import { createSessionConfig, executeWithSession } from 'starknet-sessions/core';
import { createMockWallet, createTestnet } from 'starknet-sessions/testing';
import { startTestnetServer } from 'starknet-sessions/testing/server';

const testnet = createTestnet();
const user = testnet.accounts[0]!;
export const wallet = createMockWallet(testnet, user);
const config = createSessionConfig({
  appId: 'types',
  provider: testnet.provider(),
  paymaster: testnet.paymaster(),
});
export const execute = () =>
  executeWithSession(config, {
    accountAddress: user.address,
    calls: [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }],
  });
export const serve = () => startTestnetServer(testnet, { port: 0 });
export { SessionProvider, SessionStatus, useSessionExecute };
