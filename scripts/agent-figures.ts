// The delegation figures quoted in the README: link length for a typical policy, and the time from the
// approval landing to the agent's first action, on the simulated network over HTTP (npx tsx scripts/agent-figures.ts).
import { PaymasterRpc, RpcProvider, config as sn } from 'starknet';
import {
  approveSessionRequest,
  createSessionConfig,
  createSessionRequest,
  executeWithSession,
  waitForSessionApproval,
} from '../src/core/index.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { createTestnet } from '../src/testing/index.js';
import { startTestnetServer } from '../src/testing/server.js';

sn.set('logLevel', 'ERROR');
const testnet = createTestnet({ startTime: Math.floor(Date.now() / 1000) });
const server = await startTestnetServer(testnet, { port: 0 });
const provider = new RpcProvider({ nodeUrl: server.rpcUrl });
const agent = createSessionConfig({
  appId: 'agent',
  storage: createMemoryStorage(),
  provider,
  paymaster: new PaymasterRpc({ nodeUrl: server.paymasterUrl }),
});
const human = createSessionConfig({ storage: createMemoryStorage(), provider: testnet.provider() });
const USDC = testnet.tokens.USDC;
const typical = {
  actions: [
    { entrypoint: 'attack', contractAddress: testnet.game, label: 'Attack a monster' },
    { entrypoint: 'transfer', contractAddress: USDC, label: 'Pay in USDC' },
  ],
  durationSeconds: 86400,
  maxCalls: 50,
  spendingLimits: [
    { token: USDC, symbol: 'USDC', decimals: 6, maxPerWindow: '25', maxPerCall: '5', windowSeconds: 86400 },
  ],
};
for (const poll of [250, 1000, 2000]) {
  const times: number[] = [];
  for (let i = 0; i < 4; i++) {
    const { request, link } = await createSessionRequest(agent, {
      policy: typical,
      app: { name: 'Trading agent', url: 'https://agent.example' },
    });
    if (i === 0 && poll === 250)
      console.log('link length', link.length, 'request text', link.split('=')[1]!.length);
    const waiting = waitForSessionApproval(agent, { request, pollIntervalMs: poll });
    // The human approves at some point of the agent's polling cycle, not right after its first look.
    await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * poll));
    // The clock starts when the owner's transaction is accepted (the simulated node includes it at once).
    let t0 = 0;
    const wallet = testnet.account(i % 3);
    const owner = {
      address: wallet.address,
      execute: async (calls: Parameters<typeof wallet.execute>[0]) => {
        const sent = await wallet.execute(calls);
        t0 = performance.now();
        return sent;
      },
    };
    await approveSessionRequest(human, { owner, request });
    const { accountAddress } = await waiting;
    await executeWithSession(agent, {
      accountAddress,
      calls: [{ contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] }],
    });
    times.push(performance.now() - t0);
  }
  console.log(`poll ${poll} ms: approval landed -> first action sent (ms)`, times.map(Math.round).join(', '));
}
await server.close();
