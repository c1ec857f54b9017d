// Issue 13, item 3: a lagging node never wipes a live key. Revoked only on confirmed evidence.
import { buildRevokeSessionCall } from '../src/core/calls.js';
import { createSession, getSessionState, isSessionError, type SessionPolicy } from '../src/core/index.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { createTestnet } from '../src/testing/index.js';
import { codeOf } from './helpers/codeOf.js';
import { sessionExecutor, testnetSessionConfig } from './helpers/sessionConfig.js';

const START = 1_800_000_000;
const policy: SessionPolicy = { actions: [{ entrypoint: 'attack' }], durationSeconds: 3600, maxCalls: 20 };

async function setup(kind?: 'session-v29' | 'session-v33') {
  const testnet = createTestnet({ startTime: START });
  const provider = testnet.provider();
  const owner = kind ? testnet.account(testnet.addAccount({ kind }).address) : testnet.account(0);
  const storage = createMemoryStorage({ now: () => testnet.now() });
  const config = testnetSessionConfig(testnet, { appId: 'stale', storage, provider });
  // The block a lagging replica is stuck at: before the session existed.
  const before = await provider.getBlockNumber();
  const { publicKey } = await createSession(config, { owner, policy });
  const scope = { chainId: testnet.chainId, accountAddress: owner.address, appId: 'stale' };
  const state = () => getSessionState(config, { accountAddress: owner.address, publicKey });
  const hasKey = async () => (await storage.getSigner(scope, publicKey)) !== undefined;
  const execute = sessionExecutor(config, testnet, owner.address);
  const revokeElsewhere = async () => {
    const { transaction_hash } = await testnet
      .account(0)
      .execute([buildRevokeSessionCall({ accountAddress: owner.address, publicKey })]);
    await provider.waitForTransaction(transaction_hash);
  };
  return { testnet, publicKey, before, state, hasKey, execute, revokeElsewhere };
}

describe('a node that lags never wipes a live key', () => {
  it('one stale zero from get_session_data: the state is fresh (confirmed alive), the key stays', async () => {
    const { testnet, before, state, hasKey, execute } = await setup();
    testnet.faults.staleNode(before, 1);
    const s = await state();
    expect(s).toMatchObject({ status: 'active', stale: false });
    expect(await hasKey()).toBe(true);
    await execute();
    expect((await state()).callsUsed).toBe(1);
  });

  it('a node lagging for many reads: stale with the reason, status kept, key kept; then it recovers', async () => {
    const { testnet, before, state, hasKey } = await setup();
    testnet.faults.staleNode(before, 50);
    const s = await state();
    expect(s.stale).toBe(true);
    expect(s.status).toBe('active');
    expect(s.error?.code).toBe('STALE_READ');
    expect(await hasKey()).toBe(true);
    testnet.faults.clear();
    expect(await state()).toMatchObject({ status: 'active', stale: false });
    expect(await hasKey()).toBe(true);
  });

  it('execute: one stale read neither refuses as revoked nor wipes the key', async () => {
    const { testnet, before, hasKey, execute, state } = await setup();
    testnet.faults.staleNode(before, 1);
    expect(await codeOf(execute())).toBe('ok');
    expect(await hasKey()).toBe(true);
    expect((await state()).callsUsed).toBe(1);
  });

  it('execute on a node lagging for many reads: a typed retryable error, the key kept', async () => {
    const { testnet, before, hasKey, execute } = await setup();
    testnet.faults.staleNode(before, 50);
    const error = await execute().catch((e: unknown) => e);
    expect(isSessionError(error, 'STALE_READ')).toBe(true);
    expect((error as { retryable?: boolean }).retryable).toBe(true);
    expect(await hasKey()).toBe(true);
    testnet.faults.clear();
    expect(await codeOf(execute())).toBe('ok');
  });

  it('a real revocation is confirmed by a pinned read and wipes the key', async () => {
    const { state, hasKey, revokeElsewhere, execute } = await setup();
    await revokeElsewhere();
    expect((await state()).status).toBe('revoked');
    expect(await hasKey()).toBe(false);
    expect(await codeOf(execute())).toBe('SESSION_REVOKED');
  });

  it('a real revocation seen only through a lagging node stays unconfirmed until a fresh read', async () => {
    const { testnet, state, hasKey, revokeElsewhere, before } = await setup();
    await revokeElsewhere();
    testnet.faults.staleNode(before, 50);
    expect(await state()).toMatchObject({ status: 'active', stale: true });
    expect(await hasKey()).toBe(true);
    testnet.faults.clear();
    expect((await state()).status).toBe('revoked');
    expect(await hasKey()).toBe(false);
  });
});

describe('the simulated lagging node', () => {
  it('answers reads from its old head and does not know newer blocks', async () => {
    const { testnet, publicKey, before } = await setup();
    const provider = testnet.provider();
    const latest = await provider.getBlockNumber();
    testnet.faults.staleNode(before, 2);
    expect(await provider.getBlockNumber()).toBe(before);
    await expect(provider.getNonceForAddress(testnet.account(0).address, latest)).rejects.toThrow(
      /Block not found/,
    );
    expect(await provider.getBlockNumber()).toBe(latest);
    // Pinned reads to a past block see that block's state.
    expect(testnet.getSessionData(0, publicKey).validUntil).toBeGreaterThan(0);
    const call = { contractAddress: testnet.account(0).address, entrypoint: 'get_session_data' };
    const [old] = await provider.callContract({ ...call, calldata: [publicKey] }, before);
    const [now] = await provider.callContract({ ...call, calldata: [publicKey] }, latest);
    expect(BigInt(old!)).toBe(0n);
    expect(BigInt(now!)).toBeGreaterThan(0n);
  });
});

describe('a last known state keeps the gasless call count of the account version', () => {
  // v29 spends a call before it checks an outside execution's signature: one call fewer through a paymaster.
  it.each([
    ['session-v29', 19],
    ['session-v33', 20],
  ] as const)(
    '%s: unconfirmed "gone" and an RPC error both report %i gasless calls of 20',
    async (kind, gasless) => {
      const { testnet, before, state } = await setup(kind);
      expect(await state()).toMatchObject({ stale: false, callsLeft: 20, callsLeftGasless: gasless });

      testnet.faults.staleNode(before, 50);
      expect(await state()).toMatchObject({ stale: true, callsLeft: 20, callsLeftGasless: gasless });

      testnet.faults.clear();
      testnet.faults.rpcError('starknet_call', 1);
      const failed = await state();
      expect(failed.error?.code).toBe('RPC_ERROR');
      expect(failed).toMatchObject({ stale: true, callsLeft: 20, callsLeftGasless: gasless });
    },
  );
});
