import { buildRevokeSessionCall } from '../src/core/calls.js';
import {
  createSession,
  ensureSession,
  executeWithSession,
  getSessionState,
  getSpendingPolicy,
  listSessions,
  revokeSession,
  type SessionConfigParameters,
  type SessionPolicy,
} from '../src/core/index.js';
import { createMemoryStorage } from '../src/core/storage/index.js';
import { createTestnet } from '../src/testing/index.js';
import { codeOf } from './helpers/codeOf.js';
import { attackCall, testnetSessionConfig } from './helpers/sessionConfig.js';

const START = 1_800_000_000;

function setup(options: Partial<SessionConfigParameters> = {}, accountIndex = 0) {
  const testnet = createTestnet({ startTime: START });
  const provider = testnet.provider();
  const owner = testnet.account(accountIndex);
  const storage = createMemoryStorage({ now: () => testnet.now() });
  const config = testnetSessionConfig(testnet, { appId: 'test-game', storage, provider, ...options });
  const attack = (n = 1) => attackCall(testnet, n);
  const execute = (over: Partial<Parameters<typeof executeWithSession>[1]> = {}) =>
    executeWithSession(config, { accountAddress: owner.address, calls: [attack()], ...over });
  return { testnet, provider, owner, storage, config, attack, execute };
}

const policy: SessionPolicy = {
  actions: [{ entrypoint: 'attack' }, { entrypoint: 'move' }, { entrypoint: 'transfer' }],
  durationSeconds: 3600,
  maxCalls: 20,
};

describe('session lifecycle against the simulated network', () => {
  it('create -> 10 executes through the paymaster -> expiry on the test clock', async () => {
    const { testnet, owner, config, storage, execute } = setup();
    const created = await createSession(config, { owner, policy });
    const ownerTxs = testnet.transactions().length;

    for (let i = 0; i < 10; i++) await execute({ waitForReceipt: true });
    expect(testnet.getSessionData(0, created.publicKey).callsUsed).toBe(10);
    // Every action went through the paymaster's forwarder, none was sent by the owner.
    expect(
      testnet
        .transactions()
        .slice(ownerTxs)
        .every((t) => BigInt(t.sender) !== BigInt(owner.address)),
    ).toBe(true);
    expect(testnet.gameState(0)).toMatchObject({ attacks: 10 });

    const state = await getSessionState(config, { accountAddress: owner.address });
    expect(state).toMatchObject({ status: 'active', callsUsed: 10, callsLeft: 10, maxCalls: 20 });

    testnet.advanceTime(3600 - 200);
    expect((await getSessionState(config, { accountAddress: owner.address })).status).toBe('expiring');
    testnet.advanceTime(300);
    expect(await codeOf(execute())).toBe('SESSION_EXPIRED');
    expect((await getSessionState(config, { accountAddress: owner.address })).status).toBe('expired');
    const scope = { chainId: testnet.chainId, accountAddress: owner.address, appId: 'test-game' };
    expect(await storage.getSigner(scope, created.publicKey)).toBeUndefined();
  });

  it('revokes all of the app sessions in one owner transaction and wipes the keys', async () => {
    const { testnet, owner, config, storage, execute } = setup();
    const a = await createSession(config, { owner, policy });
    const b = await createSession(config, { owner, policy: { ...policy, maxCalls: 5 } });
    const before = testnet.transactions().length;
    const result = await revokeSession(config, { owner, all: true });
    expect(testnet.transactions().length).toBe(before + 1);
    expect(result.revoked.sort()).toEqual([a.publicKey, b.publicKey].sort());
    expect(testnet.getSessionData(0, a.publicKey).validUntil).toBe(0);
    expect(testnet.getSessionData(0, b.publicKey).validUntil).toBe(0);
    const scope = { chainId: testnet.chainId, accountAddress: owner.address, appId: 'test-game' };
    expect(await storage.getSigner(scope, a.publicKey)).toBeUndefined();
    expect(await codeOf(execute())).toBe('SESSION_REVOKED');
    expect((await listSessions(config, { accountAddress: owner.address })).map((s) => s.status)).toEqual([
      'revoked',
      'revoked',
    ]);
  });

  it('sponsored creation: the owner signs an outside execution and the paymaster pays (still one signature)', async () => {
    const { testnet, owner, config, execute } = setup();
    const strk = testnet.tokens.STRK;
    const before = testnet.balanceOf(strk, owner.address);
    const nonce = testnet.getNonce(0);
    const created = await createSession(config, { owner, policy, sponsored: true });
    // The account sent nothing itself and paid nothing: the paymaster's forwarder did.
    expect(testnet.getNonce(0)).toBe(nonce);
    expect(testnet.balanceOf(strk, owner.address)).toBe(before);
    expect(BigInt(testnet.getTransaction(created.transactionHash)!.sender)).toBe(
      BigInt(testnet.paymasterAddress),
    );
    expect(testnet.getSessionData(0, created.publicKey)).toMatchObject({ maxCalls: 20, callsUsed: 0 });
    await execute({ waitForReceipt: true });
    expect(testnet.getSessionData(0, created.publicKey).callsUsed).toBe(1);
  });

  it('ensureSession reuses a live session that covers the policy and asks again on drift', async () => {
    const { testnet, owner, config } = setup();
    const first = await ensureSession(config, { owner, policy });
    const txs = testnet.transactions().length;
    const again = await ensureSession(config, {
      owner,
      policy: { ...policy, actions: [{ entrypoint: 'attack' }] },
    });
    expect(again).toMatchObject({ reused: true, publicKey: first.publicKey });
    expect(testnet.transactions().length).toBe(txs);
    const drift = await ensureSession(config, {
      owner,
      policy: { ...policy, actions: [...policy.actions, { entrypoint: 'claim_reward' }] },
    });
    expect(drift.reused).toBe(false);
    expect(drift.publicKey).not.toBe(first.publicKey);
  });

  it('spends within a token cap and refuses the transfer above it before signing', async () => {
    const { testnet, owner, config, execute } = setup();
    const USDC = testnet.tokens.USDC;
    await createSession(config, {
      owner,
      policy: {
        ...policy,
        spendingLimits: [
          {
            token: USDC,
            symbol: 'USDC',
            decimals: 6,
            maxPerCall: '5',
            maxPerWindow: '8',
            windowSeconds: 600,
          },
        ],
      },
    });
    const pay = (units: bigint) => ({
      contractAddress: USDC,
      entrypoint: 'transfer',
      calldata: ['0xbeef', `0x${units.toString(16)}`, '0x0'],
    });
    await execute({ calls: [pay(5_000_000n)], waitForReceipt: true });
    expect(testnet.balanceOf(USDC, '0xbeef')).toBe(5_000_000n);
    const txs = testnet.transactions().length;
    expect(await codeOf(execute({ calls: [pay(5_000_001n)] }))).toBe('SPEND_LIMIT_EXCEEDED');
    expect(await codeOf(execute({ calls: [pay(3_000_001n)] }))).toBe('SPEND_LIMIT_EXCEEDED');
    expect(testnet.transactions().length).toBe(txs);
    await execute({ calls: [pay(3_000_000n)], waitForReceipt: true });
    testnet.advanceTime(600);
    await execute({ calls: [pay(5_000_000n)], waitForReceipt: true });
    expect(testnet.balanceOf(USDC, '0xbeef')).toBe(13_000_000n);
  });
});

describe('typed errors before anything is sent', () => {
  it.each<[string, Partial<SessionPolicy>, string]>([
    ['an expiry in the past', { durationSeconds: undefined, validUntil: START - 10 }, 'INVALID_POLICY'],
    ['zero calls', { maxCalls: 0 }, 'INVALID_POLICY'],
    ['an admin selector', { actions: [{ entrypoint: 'upgrade' }] }, 'INVALID_POLICY'],
    [
      'a malformed address',
      { actions: [{ entrypoint: 'attack', contractAddress: 'game' }] },
      'INVALID_POLICY',
    ],
    [
      'an amount out of range',
      { spendingLimits: [{ token: '0x1', maxPerWindow: 2n ** 256n, windowSeconds: 1 }] },
      'INVALID_POLICY',
    ],
    ['an empty whitelist without opt-in', { actions: [] }, 'INVALID_POLICY'],
  ])('refuses a policy with %s, with no wallet prompt', async (_, patch, code) => {
    const { testnet, owner, config } = setup();
    const before = testnet.transactions().length;
    expect(await codeOf(createSession(config, { owner, policy: { ...policy, ...patch } }))).toBe(code);
    expect(testnet.transactions().length).toBe(before);
  });

  it('refuses an account without session support before any prompt', async () => {
    const { testnet, config } = setup();
    const legacy = testnet.accounts.findIndex((a) => a.kind === 'legacy');
    const owner = testnet.account(legacy);
    const before = testnet.transactions().length;
    expect(await codeOf(createSession(config, { owner, policy }))).toBe('SESSION_NOT_SUPPORTED');
    expect(testnet.transactions().length).toBe(before);
  });

  it('refuses calls the session cannot make, naming the reason, and sends nothing', async () => {
    const { testnet, owner, config, execute } = setup();
    await createSession(config, { owner, policy: { ...policy, maxCalls: 2 } });
    const txs = testnet.transactions().length;
    expect(
      await codeOf(execute({ calls: [{ contractAddress: testnet.game, entrypoint: 'claim_reward' }] })),
    ).toBe('CALL_NOT_ALLOWED');
    expect(
      await codeOf(
        execute({ calls: [{ contractAddress: testnet.game, entrypoint: 'upgrade', calldata: ['0x1'] }] }),
      ),
    ).toBe('ADMIN_SELECTOR');
    expect(testnet.transactions().length).toBe(txs);
    await execute({ waitForReceipt: true });
    await execute({ waitForReceipt: true });
    expect(await codeOf(execute())).toBe('CALL_LIMIT_REACHED');
    expect(testnet.transactions().length).toBe(txs + 2);
  });

  it('refuses malformed keys and tokens in revoke and spending reads with typed errors, sending nothing', async () => {
    const { testnet, owner, config } = setup();
    const before = testnet.transactions().length;
    expect(await codeOf(revokeSession(config, { owner, publicKeys: ['not a key'] }))).toBe('INVALID_INPUT');
    expect(
      await codeOf(
        getSpendingPolicy(config, { accountAddress: owner.address, publicKey: '0x1', token: 'STRK' }),
      ),
    ).toBe('INVALID_INPUT');
    expect(testnet.transactions().length).toBe(before);
  });

  it('detects a session revoked elsewhere, wipes its key and reports revoked', async () => {
    const { testnet, owner, config, storage, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy });
    // The owner revokes from another device: straight on chain, not through this config.
    const other = testnet.account(0);
    const { transaction_hash } = await other.execute([
      buildRevokeSessionCall({ accountAddress: owner.address, publicKey }),
    ]);
    await testnet.provider().waitForTransaction(transaction_hash);
    expect(await codeOf(execute())).toBe('SESSION_REVOKED');
    const scope = { chainId: testnet.chainId, accountAddress: owner.address, appId: 'test-game' };
    expect(await storage.getSigner(scope, publicKey)).toBeUndefined();
    expect((await getSessionState(config, { accountAddress: owner.address, publicKey })).status).toBe(
      'revoked',
    );
  });
});

describe('paymaster faults and fallbacks', () => {
  it('a paymaster outage is a typed error; the session, its key and the count are untouched', async () => {
    const { testnet, owner, config, storage, execute } = setup({ paymasterRetries: 1 });
    const { publicKey } = await createSession(config, { owner, policy });
    testnet.faults.paymasterDown();
    expect(await codeOf(execute())).toBe('PAYMASTER_UNAVAILABLE');
    const scope = { chainId: testnet.chainId, accountAddress: owner.address, appId: 'test-game' };
    expect(await storage.getSigner(scope, publicKey)).toBeDefined();
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(0);
    testnet.faults.paymasterUp();
    await execute({ waitForReceipt: true });
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
  });

  it('retries a rate-limited paymaster with backoff', async () => {
    const { testnet, owner, config, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy });
    testnet.faults.paymasterRateLimited(2);
    const sent = await execute({ waitForReceipt: true });
    expect(sent.via).toBe('paymaster');
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
  });

  it('falls back to a direct session invoke when opted in', async () => {
    const { testnet, owner, config, execute } = setup({ paymasterRetries: 0, fallback: { direct: true } });
    const { publicKey } = await createSession(config, { owner, policy });
    testnet.faults.paymasterDown();
    const sent = await execute({ waitForReceipt: true });
    expect(sent.via).toBe('direct');
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
    expect(testnet.gameState(0)).toMatchObject({ attacks: 1 });
  });

  it("falls back to the owner's wallet when opted in (one prompt, the owner's own transaction)", async () => {
    const { testnet, owner, config, execute } = setup({
      paymasterRetries: 0,
      fallback: { ownerWallet: true },
    });
    const { publicKey } = await createSession(config, { owner, policy });
    testnet.faults.paymasterDown();
    const sent = await execute({ owner, waitForReceipt: true });
    expect(sent).toMatchObject({ via: 'owner', callsUsed: 0 });
    expect(testnet.getTransaction(sent.transactionHash)?.signature).toHaveLength(2);
    // The owner paid and signed: the session's budget is untouched.
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(0);
    expect(testnet.gameState(0)).toMatchObject({ attacks: 1 });
  });

  it('pays in a gas token: the fee transfer is appended, checked and paid', async () => {
    const { testnet, owner, config, execute } = setup();
    await createSession(config, { owner, policy });
    const STRK = testnet.tokens.STRK;
    const before = testnet.balanceOf(STRK, owner.address);
    const sent = await execute({
      feeMode: { mode: 'default', gasToken: STRK },
      maxFeeInGasToken: 10n ** 18n,
      waitForReceipt: true,
    });
    expect(sent.via).toBe('paymaster');
    expect(testnet.balanceOf(STRK, owner.address)).toBeLessThan(before);
  });

  it('sends directly (the account pays) when asked', async () => {
    const { testnet, owner, config, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy });
    const sent = await execute({ mode: 'direct', waitForReceipt: true });
    expect(sent.via).toBe('direct');
    expect(testnet.getTransaction(sent.transactionHash)?.signature[0]).toBe(publicKey);
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
  });
});

describe('concurrency', () => {
  it('runs 20 parallel executes with distinct nonces, each counted exactly once', async () => {
    const { testnet, owner, config, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy: { ...policy, maxCalls: 25 } });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        execute({ calls: [setupAttack(testnet.game, i)], waitForReceipt: true }),
      ),
    );
    expect(new Set(results.map((r) => r.transactionHash)).size).toBe(20);
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(20);
    expect(testnet.gameState(0)).toMatchObject({ attacks: 20 });
  });

  it('counts a landed transaction once while its confirmation is still pending', async () => {
    const { testnet, owner, config, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy: { ...policy, maxCalls: 5 } });
    const first = await Promise.all([execute(), execute(), execute()]);
    expect(first.map((r) => r.callsUsed).sort()).toEqual([1, 2, 3]);
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(3); // landed; receipts not awaited yet
    expect((await execute()).callsUsed).toBe(4);
    expect((await execute()).callsUsed).toBe(5);
    expect(await codeOf(execute())).toBe('CALL_LIMIT_REACHED');
  });

  it('refuses the executes beyond maxCalls when they are fired at once', async () => {
    const { testnet, owner, config, execute } = setup();
    const { publicKey } = await createSession(config, { owner, policy: { ...policy, maxCalls: 3 } });
    const codes = await Promise.all(
      Array.from({ length: 5 }, () => codeOf(execute({ waitForReceipt: true }))),
    );
    expect(codes.filter((c) => c === 'ok')).toHaveLength(3);
    expect(codes.filter((c) => c === 'CALL_LIMIT_REACHED')).toHaveLength(2);
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(3);
  });
});

function setupAttack(game: string, i: number) {
  return { contractAddress: game, entrypoint: 'attack', calldata: [`0x${(i + 1).toString(16)}`] };
}
