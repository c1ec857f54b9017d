// npm run bench: the cost of a session action, locally and against the simulated network.

import { ec, typedData } from 'starknet';
import { bench, describe } from 'vitest';
import {
  checkSessionCalls,
  createSession,
  executeWithSession,
  signOutsideExecution,
} from '../src/core/index.js';
import { createTestnet } from '../src/testing/index.js';
import { outsideExecutionTypes } from '../test/helpers/outsideExecution.js';
import { testnetSessionConfig } from '../test/helpers/sessionConfig.js';
import { floorOutsideExecutionSigner } from './floor.js';

const PRIVATE_KEY = '0x1234567890abcdef1234567890abcdef';
const PUBLIC_KEY = '0x31b88d91e173d70b5bd284f7a898d99005d9ade236ee671e0db0078996aa599';
const ACCOUNT = '0x3062f8ec52749beae94daee793871e60a4f71fdee577e9d9fb0c61260024806';
const GAME = '0x4a11';
const CHAIN = '0x534e5f5345504f4c4941';
const NOW = 1_800_000_000;
const curve = ec.starkCurve;
const options = { time: 1500, warmupTime: 300 };

const session = {
  publicKey: PUBLIC_KEY,
  validUntil: NOW + 3600,
  maxCalls: 1_000_000,
  callsUsed: 0,
  allowedSelectors: [] as string[],
};
const OE_TYPES = outsideExecutionTypes();

let nonce = 1n;
for (const n of [1, 5]) {
  const calls = Array.from({ length: n }, (_, i) => ({
    contractAddress: GAME,
    entrypoint: 'attack',
    calldata: [`0x${(i + 1).toString(16)}`],
  }));
  describe(`one execute, ${n} call${n > 1 ? 's' : ''}: preflight + hash + sign (local, no network)`, () => {
    bench(
      'starknet-sessions (checkSessionCalls + signOutsideExecution)',
      () => {
        checkSessionCalls({ accountAddress: ACCOUNT, calls, session, now: NOW });
        signOutsideExecution({
          accountAddress: ACCOUNT,
          chainId: CHAIN,
          outsideExecution: { nonce: nonce++, executeAfter: NOW - 60, executeBefore: NOW + 600, calls },
          privateKey: PRIVATE_KEY,
          publicKey: PUBLIC_KEY,
          validUntil: NOW + 3600,
        });
      },
      options,
    );
    const floor = floorOutsideExecutionSigner({
      account: ACCOUNT,
      chainId: CHAIN,
      privateKey: PRIVATE_KEY,
      calls,
    });
    bench(
      'floor: starknet.js poseidonHashMany + sign, precomputed (no preflight)',
      () => {
        floor(nonce++, BigInt(NOW - 60), BigInt(NOW + 600));
      },
      options,
    );
    bench(
      'naive: typedData.getMessageHash + ec.starkCurve.sign',
      () => {
        const td = {
          types: OE_TYPES,
          primaryType: 'OutsideExecution',
          domain: { name: 'Account.execute_from_outside', version: '2', chainId: CHAIN, revision: '1' },
          message: {
            Caller: '0x414e595f43414c4c4552',
            Nonce: `0x${(nonce++).toString(16)}`,
            'Execute After': NOW - 60,
            'Execute Before': NOW + 600,
            Calls: calls.map((c) => ({
              To: c.contractAddress,
              Selector: c.entrypoint,
              Calldata: c.calldata,
            })),
          },
        };
        curve.sign(typedData.getMessageHash(td, ACCOUNT), PRIVATE_KEY);
      },
      options,
    );
  });
}

// Against the simulated chain + paymaster (in memory): what a game loop sees end to end.
async function ready(maxCalls: number) {
  const testnet = createTestnet({ startTime: NOW });
  const owner = testnet.account(0);
  const config = testnetSessionConfig(testnet, { appId: 'bench' });
  const { publicKey } = await createSession(config, {
    owner,
    policy: { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls },
  });
  const attack = { contractAddress: testnet.game, entrypoint: 'attack', calldata: ['0x1'] };
  const execute = () => executeWithSession(config, { accountAddress: owner.address, calls: [attack] });
  return { testnet, publicKey, execute };
}

describe('against the simulated network (paymaster, sponsored)', async () => {
  const sequential = await ready(1_000_000);
  bench(
    'one execute after another (submit, no receipt wait)',
    async () => {
      await sequential.execute();
    },
    options,
  );

  bench(
    '100 concurrent executes: all accepted, distinct nonces, each counted once',
    async () => {
      const { testnet, publicKey, execute } = await ready(100);
      const results = await Promise.all(Array.from({ length: 100 }, execute));
      if (new Set(results.map((r) => r.transactionHash)).size !== 100)
        throw new Error('duplicate transactions');
      for (let i = 0; i < 50 && testnet.getSessionData(0, publicKey).callsUsed < 100; i++)
        await new Promise((r) => setTimeout(r, 10));
      const used = testnet.getSessionData(0, publicKey).callsUsed;
      if (used !== 100) throw new Error(`calls used ${used}, expected 100`);
    },
    { iterations: 3, time: 0, warmupIterations: 0 },
  );
});
