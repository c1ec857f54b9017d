/**
 * Issue 13, items 1 and 2: a paymaster that lies never costs the user. Each attack runs against the
 * simulated network's own hostile paymaster (testnet.faults), and the assertions are on what the user
 * keeps: the balance, the number of times the action ran, the session's budget.
 */
import {
  createSession,
  isSessionError,
  type PaymasterLike,
  type SessionConfigParameters,
  type SessionPolicy,
} from '../src/core/index.js';
import { createTestnet, type Testnet } from '../src/testing/index.js';
import { sessionExecutor, testnetSessionConfig } from './helpers/sessionConfig.js';

const START = 1_800_000_000;
const ATTACKER = '0xa77ac4e5';
const policy: SessionPolicy = {
  // Gas-token mode pays its fee with a `transfer`, so a gas-token session whitelists it.
  actions: [{ entrypoint: 'attack' }, { entrypoint: 'transfer' }],
  durationSeconds: 3600,
  maxCalls: 10,
};

function setup(
  options: Partial<SessionConfigParameters> = {},
  testnet = createTestnet({ startTime: START }),
) {
  const owner = testnet.account(0);
  const config = testnetSessionConfig(testnet, { appId: 'hostile', ...options });
  const execute = sessionExecutor(config, testnet, owner.address);
  const strk = () => testnet.balanceOf(testnet.tokens.STRK, owner.address);
  return { testnet, owner, config, execute, strk };
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; retryable?: boolean; message?: string }> {
  try {
    await promise;
    return { code: 'ok' };
  } catch (error) {
    if (isSessionError(error)) return error as never;
    throw error;
  }
}

const gasToken = (testnet: Testnet) => ({ mode: 'default', gasToken: testnet.tokens.STRK }) as const;

describe('gas-token mode: the fee is bounded by the app, paid to the relayer', () => {
  it('refuses to create a gas-token session without a fee bound, before the prompt', async () => {
    const testnet = createTestnet({ startTime: START });
    const { owner, config } = setup({ feeMode: gasToken(testnet) }, testnet);
    const sent = testnet.transactions().length;
    expect(await failure(createSession(config, { owner, policy }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'maxFeeInGasToken',
    });
    expect(testnet.transactions()).toHaveLength(sent); // no owner transaction was asked for
  });

  it('refuses a gas-token execute without a bound before anything is built or signed', async () => {
    const { testnet, owner, config, execute, strk } = setup();
    await createSession(config, { owner, policy });
    const before = strk();
    testnet.faults.paymasterHostile({ fee: before, feeRecipient: ATTACKER, caller: 'ANY_CALLER' });
    testnet.faults.paymasterWithholds(3);
    expect(await failure(execute({ feeMode: gasToken(testnet) }))).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'maxFeeInGasToken',
    });
    expect(testnet.faults.relayWithheld()).toEqual([]);
    expect(strk()).toBe(before);
  });

  it('refuses a drain of the whole balance to a third party: nothing signed, nothing lost', async () => {
    const testnet = createTestnet({ startTime: START });
    const { owner, config, execute, strk } = setup(
      { feeMode: gasToken(testnet), maxFeeInGasToken: 10n ** 17n, paymasterRetries: 2 },
      testnet,
    );
    await createSession(config, { owner, policy });
    const before = strk();
    // Its own "suggested max" is the whole balance, paid to the attacker, relayable by anyone.
    testnet.faults.paymasterHostile({ fee: before, feeRecipient: ATTACKER, caller: 'ANY_CALLER' });
    testnet.faults.paymasterWithholds(3);
    expect((await failure(execute())).code).toBe('PAYMASTER_RESPONSE_MISMATCH');
    expect(testnet.faults.relayWithheld()).toEqual([]);
    expect(strk()).toBe(before);
    expect(testnet.balanceOf(testnet.tokens.STRK, ATTACKER)).toBe(0n);
  });

  it.each([
    ['a fee within the bound paid to someone else', { fee: 1000n, feeRecipient: ATTACKER }],
    ['a fee above the bound it also suggests', { fee: 10n ** 18n }],
  ])('refuses %s, signing nothing', async (_, hostile) => {
    const testnet = createTestnet({ startTime: START });
    const { owner, config, execute, strk } = setup(
      { feeMode: gasToken(testnet), maxFeeInGasToken: 10n ** 17n },
      testnet,
    );
    await createSession(config, { owner, policy });
    const before = strk();
    testnet.faults.paymasterHostile(hostile);
    testnet.faults.paymasterWithholds(3);
    expect((await failure(execute())).code).toBe('PAYMASTER_RESPONSE_MISMATCH');
    expect(testnet.faults.withheldCount()).toBe(0);
    expect(strk()).toBe(before);
  });

  it('refuses an answer without a fee, signing nothing', async () => {
    const testnet = createTestnet({ startTime: START });
    const real = testnet.paymaster();
    // (starknet.js's own client cannot parse such an answer: a raw SNIP-29 client passes it through.)
    const feeless: PaymasterLike = {
      buildTransaction: async (tx, params) =>
        ({ ...(await real.buildTransaction(tx, params)), fee: undefined }) as never,
      executeTransaction: (tx, params) => real.executeTransaction(tx, params),
    };
    const { owner, config, execute, strk } = setup(
      { paymaster: feeless, feeMode: gasToken(testnet), maxFeeInGasToken: 10n ** 17n },
      testnet,
    );
    await createSession(config, { owner, policy });
    const before = strk();
    testnet.faults.paymasterHostile({ fee: 10n ** 18n });
    expect(await failure(execute())).toMatchObject({
      code: 'PAYMASTER_RESPONSE_MISMATCH',
      field: 'fee.suggested_max_fee_in_gas_token',
    });
    expect(strk()).toBe(before);
  });

  it('refuses a Caller other than the configured paymasterForwarder', async () => {
    const testnet = createTestnet({ startTime: START });
    const { owner, config, execute } = setup({ paymasterForwarder: testnet.paymasterAddress }, testnet);
    await createSession(config, { owner, policy });
    testnet.faults.paymasterHostile({ caller: testnet.accounts[1]!.address });
    expect(await failure(execute())).toMatchObject({
      code: 'PAYMASTER_RESPONSE_MISMATCH',
      field: 'message.Caller',
    });
    testnet.faults.clear();
    expect((await failure(execute())).code).toBe('ok');
  });

  it("pays within the session's own cap on the gas token when the app set no other bound", async () => {
    const testnet = createTestnet({ startTime: START });
    const { owner, config, execute, strk } = setup({ feeMode: gasToken(testnet) }, testnet);
    const cap = {
      token: testnet.tokens.STRK,
      maxPerCall: 10n ** 17n,
      maxPerWindow: 10n ** 18n,
      windowSeconds: 3600,
    };
    await createSession(config, { owner, policy: { ...policy, spendingLimits: [cap] } });
    const before = strk();
    expect((await failure(execute())).code).toBe('ok');
    const paid = before - strk();
    expect(paid).toBeGreaterThan(0n);
    expect(paid).toBeLessThanOrEqual(cap.maxPerCall);
    testnet.faults.paymasterHostile({ fee: cap.maxPerCall + 1n });
    expect((await failure(execute())).code).toBe('PAYMASTER_RESPONSE_MISMATCH');
    expect(before - strk()).toBe(paid);
  });

  it('refuses a malformed per-call bound as INVALID_INPUT', async () => {
    const { testnet, owner, config, execute } = setup();
    await createSession(config, { owner, policy });
    const bad = execute({ feeMode: gasToken(testnet), maxFeeInGasToken: -1n });
    expect(await failure(bad)).toMatchObject({ code: 'INVALID_INPUT', field: 'maxFeeInGasToken' });
  });
});

describe('signatures: bounded in time and in who relays them', () => {
  it.each([
    ['an Execute Before that never comes (2^64 - 1)', { executeBefore: 2n ** 64n - 1n }],
    ['an Execute Before an hour away', { executeBefore: START + 3600 }],
    ['a Caller of ANY_CALLER', { caller: 'ANY_CALLER' }],
  ])('refuses %s before signing', async (_, hostile) => {
    const { testnet, owner, config, execute } = setup();
    await createSession(config, { owner, policy });
    testnet.faults.paymasterHostile(hostile);
    expect((await failure(execute())).code).toBe('PAYMASTER_RESPONSE_MISMATCH');
    expect(testnet.gameState(0)).toMatchObject({ attacks: 0 });
  });

  it('refuses, before the wallet prompt, a sponsored creation that never expires or anyone may relay', async () => {
    const { testnet, owner, config } = setup();
    let prompts = 0;
    const counting = {
      address: owner.address,
      execute: (calls: never) => owner.execute(calls),
      signMessage: (typedData: never) => {
        prompts++;
        return owner.signMessage(typedData);
      },
    };
    for (const hostile of [{ caller: 'ANY_CALLER' }, { executeBefore: 2n ** 64n - 1n }]) {
      testnet.faults.paymasterHostile(hostile);
      expect((await failure(createSession(config, { owner: counting, policy, sponsored: true }))).code).toBe(
        'PAYMASTER_RESPONSE_MISMATCH',
      );
    }
    expect(prompts).toBe(0);
    testnet.faults.clear();
    expect((await failure(createSession(config, { owner: counting, policy, sponsored: true }))).code).toBe(
      'ok',
    );
    expect(prompts).toBe(1);
  });

  it('asks for a short window, and the paymaster honours it', async () => {
    const { testnet, owner, config, execute } = setup({ maxExecuteWindowSeconds: 120 });
    await createSession(config, { owner, policy });
    await execute();
    const relayed = testnet.lastTransaction()!;
    // execute_from_outside_v2's calldata: [caller, nonce, execute_after, execute_before, ...]
    const executeBefore = BigInt(relayed.calldata[7]!);
    expect(executeBefore).toBe(BigInt(testnet.now() + 120));
  });

  it('a paymaster that withholds the signed payload and answers 503 never gets the action run twice', async () => {
    const { testnet, owner, config, execute } = setup({ paymasterRetries: 0, fallback: { direct: true } });
    const { publicKey } = await createSession(config, { owner, policy });
    testnet.faults.paymasterWithholds(1);
    const error = await failure(execute({ owner }));
    expect(error).toMatchObject({ code: 'PAYMASTER_UNAVAILABLE', retryable: false });
    expect(error.message).toMatch(/may have executed/);
    expect(testnet.gameState(0)).toMatchObject({ attacks: 0 }); // no fallback ran
    expect(testnet.faults.relayWithheld()).toHaveLength(1); // ... later, it relays what it kept
    expect(testnet.gameState(0)).toMatchObject({ attacks: 1 });
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
  });

  it('re-sends the identical payload on a 503: it runs once, and the kept copy can never run again', async () => {
    const { testnet, owner, config, execute } = setup({ paymasterRetries: 2 });
    await createSession(config, { owner, policy });
    testnet.faults.paymasterWithholds(1);
    expect((await failure(execute())).code).toBe('ok');
    expect(testnet.faults.relayWithheld()).toEqual([]);
    expect(testnet.gameState(0)).toMatchObject({ attacks: 1 });
  });

  it('falls back only once the kept payload expired unused', async () => {
    const testnet = createTestnet({ startTime: START });
    const real = testnet.paymaster();
    // Its answer comes after the signed payload's Execute Before.
    const late: PaymasterLike = {
      buildTransaction: (tx, params) => real.buildTransaction(tx, params),
      async executeTransaction(tx, params) {
        try {
          return await real.executeTransaction(tx, params);
        } finally {
          testnet.advanceTime(361); // past Execute Before and the clock-skew allowance
        }
      },
    };
    const { owner, config, execute } = setup(
      { paymaster: late, paymasterRetries: 0, fallback: { direct: true } },
      testnet,
    );
    await createSession(config, { owner, policy });
    testnet.faults.paymasterWithholds(1);
    const sent = await execute();
    expect(sent.via).toBe('direct');
    expect(testnet.faults.relayWithheld()).toEqual([]); // expired: the account refuses it
    expect(testnet.gameState(0)).toMatchObject({ attacks: 1 });
  });
});

describe('reservations: nothing released while the outcome is unknown', () => {
  it('keeps the call of a "may have executed" failure counted until its signature expires', async () => {
    const { testnet, owner, config, execute } = setup({ paymasterRetries: 0 });
    const { publicKey } = await createSession(config, { owner, policy: { ...policy, maxCalls: 1 } });
    testnet.faults.paymasterWithholds(1);
    expect((await failure(execute())).retryable).toBe(false);
    // The kept payload may still run: a second action would go beyond maxCalls.
    expect((await failure(execute())).code).toBe('CALL_LIMIT_REACHED');
    testnet.advanceTime(361); // it can no longer run (Execute Before + a minute of clock skew)
    expect((await failure(execute())).code).toBe('ok');
    expect(testnet.faults.relayWithheld()).toEqual([]);
    expect(testnet.getSessionData(0, publicKey).callsUsed).toBe(1);
  });

  it('reserves in-flight spend: two parallel transfer(60) under a 100 cap, one refused before signing', async () => {
    const { testnet, owner, config, execute } = setup();
    const STRK = testnet.tokens.STRK;
    const cap = { token: STRK, maxPerCall: 100n, maxPerWindow: 100n, windowSeconds: 3600 };
    await createSession(config, { owner, policy: { ...policy, spendingLimits: [cap] } });
    const pay = { contractAddress: STRK, entrypoint: 'transfer', calldata: ['0xbeef', '0x3c', '0x0'] };
    const sent = testnet.transactions().length;
    const codes = await Promise.all([failure(execute({ calls: [pay] })), failure(execute({ calls: [pay] }))]);
    expect(codes.map((c) => c.code).sort()).toEqual(['SPEND_LIMIT_EXCEEDED', 'ok']);
    expect(testnet.transactions()).toHaveLength(sent + 1); // nothing reverted on chain
    expect(testnet.balanceOf(STRK, '0xbeef')).toBe(60n);
    // Once it landed, the chain counts it: 40 more fit, 1 more does not.
    const forty = { ...pay, calldata: ['0xbeef', '0x28', '0x0'] };
    expect((await failure(execute({ calls: [forty] }))).code).toBe('ok');
    expect((await failure(execute({ calls: [{ ...pay, calldata: ['0xbeef', '0x1', '0x0'] }] }))).code).toBe(
      'SPEND_LIMIT_EXCEEDED',
    );
  });

  it('keeps a landed spend counted for a check whose chain read started before it landed', async () => {
    const testnet = createTestnet({ startTime: START });
    const provider = testnet.provider();
    const { owner, config, execute } = setup({ provider }, testnet);
    const STRK = testnet.tokens.STRK;
    const cap = { token: STRK, maxPerCall: 100n, maxPerWindow: 100n, windowSeconds: 3600 };
    const { publicKey } = await createSession(config, {
      owner,
      policy: { ...policy, spendingLimits: [cap] },
    });
    const scope = { chainId: testnet.chainId, accountAddress: owner.address, appId: 'hostile' };
    const pay = { contractAddress: STRK, entrypoint: 'transfer', calldata: ['0xbeef', '0x3c', '0x0'] };
    // The second action's policy read is answered as of before the first landed (its request went out
    // first), and its check runs once the first has landed and settled.
    const read = provider.callContract.bind(provider);
    const before = await read({
      contractAddress: owner.address,
      entrypoint: 'get_spending_policy',
      calldata: [publicKey, STRK],
    });
    await execute({ calls: [pay], waitForReceipt: false });
    let raced = false;
    provider.callContract = async (call, block) => {
      if (call.entrypoint !== 'get_spending_policy' || raced) return read(call, block);
      raced = true;
      // The first one's settle has read its receipt and recorded calls_used: it has landed.
      while ((await config.storage.get(scope, publicKey))?.callsUsed !== 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return before;
    };
    expect((await failure(execute({ calls: [pay] }))).code).toBe('SPEND_LIMIT_EXCEEDED');
    expect(raced).toBe(true);
    expect(testnet.balanceOf(STRK, '0xbeef')).toBe(60n);
  });
});
