/**
 * The chain is the truth: the preflight judges calls by what the account holds (whitelist, every moved
 * token's spending policy, the contract's u64 arithmetic), and every owner transaction is read back.
 */
import type { Call } from 'starknet';
import {
  buildAddSessionCall,
  buildRemoveSpendingPolicyCall,
  buildSetSpendingPolicyCall,
  createSession,
  executeWithSession,
  getSessionState,
  isSessionError,
  revokeSession,
  type SessionCall,
  type SessionPolicy,
} from '../src/core/index.js';
import { createTestnet } from '../src/testing/index.js';
import { testnetSessionConfig } from './helpers/sessionConfig.js';

const START = 1_800_000_000;
const U64_MAX = 2n ** 64n - 1n;

function setup(kind: 'session-v32' | 'session-v33' = 'session-v33') {
  const testnet = createTestnet({ startTime: START, accounts: 0 });
  const deployed = testnet.addAccount({ kind });
  const wallet = testnet.account(deployed.address);
  let drop: 'first' | 'last' | undefined;
  const owner = {
    address: deployed.address,
    // A wallet that can be told to leave out the first (or last) call of what it is asked to sign.
    execute: (calls: Call[]) =>
      wallet.execute(drop === 'first' ? calls.slice(1) : drop === 'last' ? calls.slice(0, -1) : calls),
    dropFirstCall: () => {
      drop = 'first';
    },
    dropLastCall: () => {
      drop = 'last';
    },
  };
  const config = testnetSessionConfig(testnet, { appId: 'truth' });
  const scope = { chainId: testnet.chainId, accountAddress: deployed.address, appId: 'truth' };
  const pay = (amount: bigint) => ({
    contractAddress: testnet.tokens.USDC,
    entrypoint: 'transfer',
    calldata: ['0xbeef', `0x${amount.toString(16)}`, '0x0'],
  });
  const execute = (calls: SessionCall[], over: Partial<Parameters<typeof executeWithSession>[1]> = {}) =>
    executeWithSession(config, { accountAddress: owner.address, calls, waitForReceipt: true, ...over });
  return { testnet, owner, wallet, config, scope, pay, execute };
}

const policy: SessionPolicy = {
  actions: [{ entrypoint: 'transfer' }, { entrypoint: 'attack' }],
  durationSeconds: 3600,
  maxCalls: 10,
};

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isSessionError(error)) throw error ?? new TypeError('expected a refusal');
  return error as unknown as {
    code: string;
    limit?: string;
    reason?: string;
    asked?: unknown;
    holds?: unknown;
  };
}

describe('the preflight reads the chain', () => {
  it('is bound by a spending policy the owner set outside the library (SPEND_LIMIT_EXCEEDED, nothing sent)', async () => {
    const s = setup();
    const { publicKey } = await createSession(s.config, { owner: s.owner, policy });
    await s.wallet.execute([
      buildSetSpendingPolicyCall({
        accountAddress: s.owner.address,
        publicKey,
        token: s.testnet.tokens.USDC,
        maxPerCall: 100n,
        maxPerWindow: 150n,
        windowSeconds: 3600,
      }),
    ]);
    const before = s.testnet.transactions().length;
    expect(await refusal(s.execute([s.pay(101n)]))).toMatchObject({
      code: 'SPEND_LIMIT_EXCEEDED',
      limit: 'per-call',
    });
    await s.execute([s.pay(100n)]);
    expect(await refusal(s.execute([s.pay(51n)]))).toMatchObject({
      code: 'SPEND_LIMIT_EXCEEDED',
      limit: 'per-window',
    });
    expect(s.testnet.transactions().length).toBe(before + 1);
    expect(s.testnet.balanceOf(s.testnet.tokens.USDC, '0xbeef')).toBe(100n);
  });

  it('refuses a spend whose window sum passes u64, as the account would revert it', async () => {
    const s = setup();
    const { publicKey } = await createSession(s.config, { owner: s.owner, policy });
    await s.wallet.execute([
      buildSetSpendingPolicyCall({
        accountAddress: s.owner.address,
        publicKey,
        token: s.testnet.tokens.USDC,
        maxPerCall: 100n,
        maxPerWindow: 100n,
        windowSeconds: U64_MAX - 10n,
      }),
    ]);
    const before = s.testnet.transactions().length;
    expect(await refusal(s.execute([s.pay(1n)]))).toMatchObject({
      code: 'SPEND_LIMIT_EXCEEDED',
      limit: 'window-overflow',
    });
    expect(s.testnet.transactions().length).toBe(before);
  });

  it('uses the whitelist the account holds, not the local record', async () => {
    const s = setup();
    const created = await createSession(s.config, { owner: s.owner, policy });
    // The owner re-registers the same key, same expiry, with transfer only.
    await s.wallet.execute([
      buildAddSessionCall({
        accountAddress: s.owner.address,
        publicKey: created.publicKey,
        validUntil: created.validUntil,
        maxCalls: 10,
        allowedEntrypoints: ['transfer'],
      }),
    ]);
    const before = s.testnet.transactions().length;
    const attack = { contractAddress: s.testnet.game, entrypoint: 'attack', calldata: ['0x1'] };
    expect(await refusal(s.execute([attack]))).toMatchObject({
      code: 'CALL_NOT_ALLOWED',
      reason: 'not-whitelisted',
    });
    expect(s.testnet.transactions().length).toBe(before);
  });

  it('refuses to spend a token whose consented cap is gone from the account', async () => {
    const s = setup();
    const capped = {
      ...policy,
      spendingLimits: [{ token: s.testnet.tokens.USDC, maxPerWindow: 100n, windowSeconds: 3600 }],
    };
    const { publicKey } = await createSession(s.config, { owner: s.owner, policy: capped });
    await s.wallet.execute([
      buildRemoveSpendingPolicyCall({
        accountAddress: s.owner.address,
        publicKey,
        token: s.testnet.tokens.USDC,
      }),
    ]);
    const before = s.testnet.transactions().length;
    expect(await refusal(s.execute([s.pay(1n)]))).toMatchObject({ code: 'ACCOUNT_STATE_MISMATCH' });
    expect(s.testnet.transactions().length).toBe(before);
  });
});

describe('every owner transaction is read back', () => {
  it('create: a setter the class lacks "succeeds" storing nothing -> ACCOUNT_STATE_MISMATCH, key kept pending', async () => {
    const s = setup('session-v32');
    const capped = {
      ...policy,
      spendingLimits: [{ token: s.testnet.tokens.USDC, maxPerWindow: 100n, windowSeconds: 3600 }],
    };
    // skipSupportCheck: the app claims v33; the v32 account swallows the missing set_spending_policy.
    const error = await refusal(
      createSession(s.config, { owner: s.owner, policy: capped, skipSupportCheck: true }),
    );
    expect(error).toMatchObject({ code: 'ACCOUNT_STATE_MISMATCH' });
    expect(s.testnet.lastTransaction()!.status).toBe('SUCCEEDED');
    const [stored] = await s.config.storage.list(s.scope);
    expect(stored?.status).toBe('pending');
    expect(await s.config.storage.getSigner(s.scope, stored!.publicKey)).toBeDefined();
    // The session exists on chain, but not as asked: a refresh keeps it pending and says why.
    const { publicKey } = stored!;
    const state = await getSessionState(s.config, { accountAddress: s.owner.address, publicKey });
    expect(state).toMatchObject({
      status: 'pending',
      stale: false,
      error: { code: 'ACCOUNT_STATE_MISMATCH' },
    });
    expect((await s.config.storage.get(s.scope, publicKey))?.status).toBe('pending');
    expect(await refusal(s.execute([s.pay(1n)]))).toMatchObject({ code: 'NO_SESSION' });
    // Even once something marks it active, a spend of the capped token is refused: the cap is not held.
    await s.config.storage.update(s.scope, stored!.publicKey, { status: 'active' });
    const before = s.testnet.transactions().length;
    expect(await refusal(s.execute([s.pay(1n)]))).toMatchObject({ code: 'ACCOUNT_STATE_MISMATCH' });
    expect(s.testnet.transactions().length).toBe(before);
  });

  it('create: a pending key with a missing cap turns active only once the account holds the cap', async () => {
    const s = setup();
    const limit = { maxPerCall: 50n, maxPerWindow: 100n, windowSeconds: 3600 };
    const capped = { ...policy, spendingLimits: [{ token: s.testnet.tokens.USDC, ...limit }] };
    s.owner.dropLastCall(); // set_spending_policy never reaches the account
    expect(await refusal(createSession(s.config, { owner: s.owner, policy: capped }))).toMatchObject({
      code: 'ACCOUNT_STATE_MISMATCH',
    });
    const { publicKey } = (await s.config.storage.list(s.scope))[0]!;
    const state = () => getSessionState(s.config, { accountAddress: s.owner.address, publicKey });
    expect(await state()).toMatchObject({ status: 'pending', error: { code: 'ACCOUNT_STATE_MISMATCH' } });
    const before = s.testnet.transactions().length;
    expect(await refusal(s.execute([s.pay(1n)]))).toMatchObject({ code: 'NO_SESSION' });
    expect(s.testnet.transactions().length).toBe(before);
    // The owner sets the cap that was asked: the next refresh activates the key.
    const token = s.testnet.tokens.USDC;
    await s.wallet.execute([
      buildSetSpendingPolicyCall({ accountAddress: s.owner.address, publicKey, token, ...limit }),
    ]);
    expect(await state()).toMatchObject({ status: 'active', error: undefined });
    await s.execute([s.pay(50n)]);
    expect(s.testnet.balanceOf(token, '0xbeef')).toBe(50n);
  });

  it('revoke: a session still on the account -> ACCOUNT_STATE_MISMATCH, key intact', async () => {
    const s = setup();
    const { publicKey } = await createSession(s.config, { owner: s.owner, policy });
    s.owner.dropFirstCall(); // the revoke call never reaches the account
    expect(await refusal(revokeSession(s.config, { owner: s.owner, publicKeys: [publicKey] }))).toMatchObject(
      {
        code: 'ACCOUNT_STATE_MISMATCH',
        asked: { validUntil: '0' },
      },
    );
    expect((await s.config.storage.get(s.scope, publicKey))?.status).toBe('active');
    expect(await s.config.storage.getSigner(s.scope, publicKey)).toBeDefined();
  });
});

describe('a reverted direct transaction still used a call', () => {
  it('reverts in __execute__ after a lagging node passed the preflight: TRANSACTION_REVERTED, the call stays counted', async () => {
    const s = setup();
    const limit = { maxPerCall: 100n, maxPerWindow: 100n, windowSeconds: 3600 };
    const capped = { ...policy, maxCalls: 1, spendingLimits: [{ token: s.testnet.tokens.USDC, ...limit }] };
    const { publicKey } = await createSession(s.config, { owner: s.owner, policy: capped });
    const lagging = s.testnet.lastTransaction()!.blockNumber;
    // Another device: the owner lowers the cap through the paymaster (no account nonce used).
    const lower = {
      accountAddress: s.owner.address,
      publicKey,
      token: s.testnet.tokens.USDC,
      windowSeconds: 3600,
    };
    await s.wallet.executePaymasterTransaction(
      [buildSetSpendingPolicyCall({ ...lower, maxPerCall: 10n, maxPerWindow: 10n })],
      { feeMode: { mode: 'sponsored' } },
    );
    // This tab's node has not seen it, so the preflight passes. The fee estimate cannot catch the cap:
    // starknet.js estimates unsigned (SKIP_VALIDATE) and v33 checks spending only under a session signature.
    s.testnet.faults.staleNode(lagging, Number.POSITIVE_INFINITY);
    expect(await refusal(s.execute([s.pay(50n)], { mode: 'direct' }))).toMatchObject({
      code: 'TRANSACTION_REVERTED',
    });
    expect(s.testnet.lastTransaction()).toMatchObject({ status: 'REVERTED' });
    expect(s.testnet.lastTransaction()!.revertReason).toMatch(/Spending: exceeds per-call/);
    expect(s.testnet.getSessionData(s.owner.address, publicKey).callsUsed).toBe(1);
    // The node still shows the call unused; the library counts it: state and the next preflight.
    const state = () => getSessionState(s.config, { accountAddress: s.owner.address, publicKey });
    expect(await state()).toMatchObject({ callsUsed: 1, callsLeft: 0, status: 'exhausted' });
    const before = s.testnet.transactions().length;
    expect(await refusal(s.execute([s.pay(5n)], { mode: 'direct' }))).toMatchObject({
      code: 'CALL_LIMIT_REACHED',
    });
    expect(s.testnet.transactions().length).toBe(before);
    s.testnet.faults.clear();
    expect(await state()).toMatchObject({ callsUsed: 1, status: 'exhausted', stale: false });
  });
});
