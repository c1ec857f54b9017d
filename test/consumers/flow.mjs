// The consumer check's flow, copied into each consumer app and run there by Node, so that every
// import resolves to what the app installed: the packed starknet-sessions and the app's own peers.
// One session created with ONE wallet prompt, three gasless executes with none, over the simulated
// network served on 127.0.0.1; the React entry rendered on the server. Exits non-zero on any miss.
import { readFileSync } from 'node:fs';
import { sepolia } from '@starknet-react/chains';
import { StarknetConfig } from '@starknet-react/core';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { PaymasterRpc, RpcProvider, WalletAccount } from 'starknet';
import { createSessionConfig as createReactConfig, SessionProvider, SessionStatus } from 'starknet-sessions';
import {
  createMemoryStorage,
  createSession,
  createSessionConfig,
  executeWithSession,
  getSessionState,
} from 'starknet-sessions/core';
import { createMockWallet, createTestnet } from 'starknet-sessions/testing';
import { startTestnetServer } from 'starknet-sessions/testing/server';

// Read from the app's node_modules (starknet does not export its package.json).
const version = (name) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')).version;
const check = (ok, what) => {
  if (!ok) throw new Error(`consumer flow: ${what}`);
};

const testnet = createTestnet();
const server = await startTestnetServer(testnet);
try {
  const user = testnet.accounts[0];
  const wallet = createMockWallet(testnet, user);
  const owner = await WalletAccount.connect(testnet.provider(), wallet);
  const config = createSessionConfig({
    appId: 'consumer-check',
    storage: createMemoryStorage({ now: () => testnet.now() }),
    provider: new RpcProvider({ nodeUrl: server.rpcUrl }),
    paymaster: new PaymasterRpc({ nodeUrl: server.paymasterUrl }),
    now: () => testnet.now(),
  });
  const policy = { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 10 };
  const { publicKey } = await createSession(config, { owner, policy });
  check(wallet.prompts === 1, `creating a session took ${wallet.prompts} wallet prompts, not 1`);
  for (let i = 1; i <= 3; i++) {
    const calls = [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }];
    const sent = await executeWithSession(config, {
      accountAddress: user.address,
      calls,
      waitForReceipt: true,
    });
    check(sent.via === 'paymaster', `execute ${i} went ${sent.via}, not through the paymaster`);
  }
  check(wallet.prompts === 1, `three executes prompted the wallet ${wallet.prompts - 1} times`);
  check(testnet.getSessionData(user, publicKey).callsUsed === 3, 'the account did not count 3 session calls');
  check(testnet.gameState(user).attacks === 3, 'the game did not see 3 attacks');
  const state = await getSessionState(config, { accountAddress: user.address });
  check(
    state.status === 'active' && state.callsLeft === 7,
    `session state ${state.status}, ${state.callsLeft} left`,
  );

  // The React entry on the server (what an SSR framework does first): it renders, touching no browser API.
  const html = renderToString(
    h(
      StarknetConfig,
      { chains: [sepolia], provider: () => testnet.provider(), connectors: [] },
      h(SessionProvider, { config: createReactConfig({ appId: 'consumer-ssr' }) }, h(SessionStatus)),
    ),
  );
  check(typeof html === 'string', 'server rendering failed');

  const versions = ['starknet', 'react', 'starknet-sessions'].map((n) => `${n} ${version(n)}`);
  console.log(
    `consumer flow ok: node ${process.versions.node}, ${versions.join(', ')}: 1 prompt, 3 executes`,
  );
} finally {
  await server.close();
}
