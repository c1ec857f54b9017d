// npm run bench: what reading the chain as the truth costs per execute on the simulated network:
// requests (counted) and time (measured), against what the execute read before issue 12.
import type { RpcProvider } from 'starknet';
import { bench, describe } from 'vitest';
import { readSessionData, readSpendingPolicies } from '../src/core/actions/chain.js';
import { readChainState } from '../src/core/actions/execute/readChainState.js';
import { resolveSession } from '../src/core/actions/execute/resolveSession.js';
import { createSession, executeWithSession } from '../src/core/index.js';
import { createTestnet } from '../src/testing/index.js';
import { testnetSessionConfig } from '../test/helpers/sessionConfig.js';

const NOW = 1_800_000_000;
const options = { time: 1500, warmupTime: 300 };

/** Counts the node requests the execute path makes through the provider. */
function counted(provider: RpcProvider) {
  const counts = { callContract: 0, getClassHashAt: 0 };
  const call = provider.callContract.bind(provider);
  const classHash = provider.getClassHashAt.bind(provider);
  provider.callContract = (...a) => {
    counts.callContract++;
    return call(...a);
  };
  provider.getClassHashAt = (...a) => {
    counts.getClassHashAt++;
    return classHash(...a);
  };
  return counts;
}

const testnet = createTestnet({ startTime: NOW });
const provider = testnet.provider();
const counts = counted(provider);
const config = testnetSessionConfig(testnet, { appId: 'bench-reads', provider });
const owner = testnet.account(0);
await createSession(config, {
  owner,
  policy: {
    actions: [{ entrypoint: 'attack' }, { entrypoint: 'transfer' }],
    durationSeconds: 3600,
    maxCalls: 1_000_000,
    spendingLimits: [{ token: testnet.tokens.USDC, maxPerWindow: 10n ** 12n, windowSeconds: 3600 }],
  },
});
const transfer = {
  contractAddress: testnet.tokens.USDC,
  entrypoint: 'transfer',
  calldata: ['0xbeef', '0x1', '0x0'],
};
const parameters = { accountAddress: owner.address, calls: [transfer] };

counts.callContract = counts.getClassHashAt = 0;
await executeWithSession(config, parameters);
const perExecute = counts.callContract + counts.getClassHashAt;
console.log(
  `\nChain reads per execute (1 capped transfer, 2-selector whitelist, sponsored): ${perExecute} requests ` +
    `(${counts.callContract} starknet_call + ${counts.getClassHashAt} starknet_getClassHashAt), ` +
    'in 2 sequential rounds; before issue 12: 2 requests (get_session_data, then get_spending_policy).',
);

describe('chain reads of one execute (simulated network, in memory)', () => {
  bench(
    'now: class hash + session data, then whitelist + every moved token policy',
    async () => {
      const session = await resolveSession(config, parameters);
      await readChainState(session);
    },
    options,
  );
  bench(
    'before issue 12: session data, then the record-limited policies',
    async () => {
      const session = await resolveSession(config, parameters);
      await readSessionData(provider, owner.address, session.record.publicKey);
      await readSpendingPolicies(provider, owner.address, session.record.publicKey, [testnet.tokens.USDC]);
    },
    options,
  );
});
