/**
 * SNIP-29 through starknet.js PaymasterRpc against the testnet: the session key acts gaslessly,
 * and every refusal of the contract's outside-execution path comes back with its error string.
 */
import { type PaymasterRpc, RpcError, typedData as snTypedData, type TypedData } from 'starknet';
import { beforeEach, describe, expect, it } from 'vitest';
import { signHash, starkPublicKey } from '../src/core/crypto/ecdsa.js';
import { signOutsideExecution } from '../src/core/sign.js';
import { createTestnet, type Testnet } from '../src/testing/index.js';
import { addSession, hex } from './helpers/testnet.js';

const HOUR = 1_767_222_000;
const T0 = HOUR + 100;
const KEY = 0x1234567890abcdef1234567890abcdefn;
const PK = hex(starkPublicKey(KEY));
const VALID_UNTIL = HOUR + 10 * 3600;

let tn: Testnet;
let pm: PaymasterRpc;
let user: string;

const attack = (target = 7) => ({
  contractAddress: tn.game,
  entrypoint: 'attack',
  calldata: [String(target)],
});
type Params = Parameters<PaymasterRpc['buildTransaction']>[1];
const sponsored: Params = { version: '0x1', feeMode: { mode: 'sponsored' } };
const inToken = (gasToken: string): Params => ({ version: '0x1', feeMode: { mode: 'default', gasToken } });

function sessionSign(td: TypedData, o: { key?: bigint; validUntil?: bigint } = {}) {
  const h = BigInt(snTypedData.getMessageHash(td, user));
  const { r, s } = signHash(h, o.key ?? KEY);
  return [PK, hex(r), hex(s), hex(o.validUntil ?? BigInt(VALID_UNTIL))];
}

async function build(calls = [attack()], params: Params = sponsored) {
  const prepared = await pm.buildTransaction(
    { type: 'invoke', invoke: { userAddress: user, calls } },
    params,
  );
  if (prepared.type !== 'invoke') throw new TypeError('expected an invoke');
  return prepared;
}

async function execute(td: TypedData, signature: string[], params = sponsored) {
  return pm.executeTransaction(
    { type: 'invoke', invoke: { userAddress: user, typedData: td as never, signature } },
    params,
  );
}

async function refusal(promise: Promise<unknown>): Promise<{ code: number; text: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RpcError);
  const e = error as RpcError;
  return { code: e.code as number, text: e.message };
}

beforeEach(async () => {
  tn = createTestnet({ startTime: T0, accounts: 2 });
  pm = tn.paymaster();
  user = tn.accounts[0]!.address;
  await addSession(tn, 0, KEY, VALID_UNTIL, 100);
});

describe('paymaster discovery', () => {
  it('is available and lists its gas tokens with decimals and prices', async () => {
    expect(await pm.isAvailable()).toBe(true);
    const tokens = await pm.getSupportedTokens();
    expect(tokens.map((t) => [t.token_address, t.decimals])).toEqual([
      [tn.tokens.STRK, 18],
      [tn.tokens.ETH, 18],
      [tn.tokens.USDC, 6],
    ]);
  });

  it('builds OutsideExecution V2 typed data with u128 timestamps and exactly the calls (sponsored)', async () => {
    const prepared = await build([attack(3)]);
    expect(prepared.typed_data.domain).toEqual({
      name: 'Account.execute_from_outside',
      version: '2',
      chainId: 'SN_SEPOLIA',
      revision: '1',
    });
    expect(prepared.typed_data.types.OutsideExecution).toContainEqual({
      name: 'Execute After',
      type: 'u128',
    });
    const message = prepared.typed_data.message as unknown as { Caller: string; Calls: unknown[] };
    expect(message.Caller).toBe(tn.paymasterAddress);
    expect(message.Calls).toEqual([
      {
        To: tn.game,
        Selector: hex(BigInt('0x2d1af4265f4530c75b41282ed3b71617d3d435e96fe13b08848482173692f4f')),
        Calldata: ['0x3'],
      },
    ]);
  });

  it('appends the fee transfer to the forwarder as the last call in gas-token mode', async () => {
    const prepared = await build([attack()], inToken(tn.tokens.USDC));
    const calls = (prepared.typed_data.message as unknown as { Calls: { To: string; Calldata: string[] }[] })
      .Calls;
    expect(calls).toHaveLength(2);
    expect(calls[1]!.To).toBe(tn.tokens.USDC);
    expect(calls[1]!.Calldata[0]).toBe(tn.paymasterAddress);
    expect(BigInt(calls[1]!.Calldata[1]!)).toBe(prepared.fee.suggested_max_fee_in_gas_token);
  });
});

describe('a session key acting through the paymaster', () => {
  it('executes a sponsored call signed with the session key (starknet.js typed-data hash)', async () => {
    const prepared = await build([attack()]);
    const { transaction_hash } = await execute(prepared.typed_data, sessionSign(prepared.typed_data));
    const receipt = await tn.provider().waitForTransaction(transaction_hash);
    expect(receipt.isSuccess()).toBe(true);
    expect(tn.gameState(0).attacks).toBe(1);
    expect(tn.getSessionData(0, PK).callsUsed).toBe(1);
    expect(tn.getTransaction(transaction_hash)!.sender).toBe(tn.paymasterAddress);
  });

  it("accepts the library's signOutsideExecution signature", async () => {
    const prepared = await build([attack(4)]);
    const m = prepared.typed_data.message as unknown as {
      Caller: string;
      Nonce: string;
      'Execute After': string;
      'Execute Before': string;
      Calls: { To: string; Selector: string; Calldata: string[] }[];
    };
    const signature = signOutsideExecution({
      accountAddress: user,
      chainId: tn.chainId,
      outsideExecution: {
        caller: m.Caller,
        nonce: m.Nonce,
        executeAfter: m['Execute After'],
        executeBefore: m['Execute Before'],
        calls: m.Calls.map((c) => ({ contractAddress: c.To, entrypoint: c.Selector, calldata: c.Calldata })),
      },
      privateKey: hex(KEY),
      validUntil: VALID_UNTIL,
    });
    await execute(prepared.typed_data, signature);
    expect(tn.lastTransaction()!.status).toBe('SUCCEEDED');
    expect(tn.gameState(0).score).toBe(10n);
  });

  it('pays in a gas token: the user sends the fee to the forwarder inside the outside execution', async () => {
    const before = tn.balanceOf(tn.tokens.USDC, user);
    const prepared = await build([attack()], inToken(tn.tokens.USDC));
    await execute(prepared.typed_data, sessionSign(prepared.typed_data), inToken(tn.tokens.USDC));
    expect(tn.balanceOf(tn.tokens.USDC, user)).toBe(
      before - BigInt(prepared.fee.suggested_max_fee_in_gas_token),
    );
    expect(tn.balanceOf(tn.tokens.USDC, tn.paymasterAddress)).toBe(
      BigInt(prepared.fee.suggested_max_fee_in_gas_token),
    );
  });

  it('also accepts the felt-timestamp hash variant (the contract falls back to it)', async () => {
    const prepared = await build([attack()]);
    const td = prepared.typed_data as unknown as TypedData;
    const feltTypes = {
      ...td.types,
      OutsideExecution: td.types.OutsideExecution!.map((f) =>
        f.type === 'u128' ? { ...f, type: 'felt' } : f,
      ),
    };
    const signature = sessionSign({ ...td, types: feltTypes });
    await execute(td, signature);
    expect(tn.lastTransaction()!.status).toBe('SUCCEEDED');
  });

  it('runs many executes in parallel, each with its own SNIP-9 nonce, none lost or double-counted', async () => {
    const n = 40;
    const prepared = await Promise.all(Array.from({ length: n }, (_, i) => build([attack(i + 1)])));
    const results = await Promise.all(prepared.map((p) => execute(p.typed_data, sessionSign(p.typed_data))));
    expect(new Set(results.map((r) => r.transaction_hash)).size).toBe(n);
    expect(tn.getSessionData(0, PK).callsUsed).toBe(n);
    expect(tn.gameState(0).attacks).toBe(n);
  });

  it('tracks an execution by its tracking id', async () => {
    const prepared = await build();
    const res = await execute(prepared.typed_data, sessionSign(prepared.typed_data));
    const tracked = await tn.fetch(tn.paymasterUrl, {
      method: 'POST',
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'paymaster_trackingIdToLatestHash',
        params: { tracking_id: res.tracking_id },
      }),
    });
    expect((await tracked.json()).result).toEqual({
      transaction_hash: res.transaction_hash,
      status: 'accepted',
    });
  });
});

describe('outside-execution refusals carry the contract error strings', () => {
  it("'SRC9: invalid signature' for another key", async () => {
    const p = await build();
    const r = await refusal(execute(p.typed_data, sessionSign(p.typed_data, { key: 0x999n })));
    expect(r.code).toBe(156);
    expect(r.text).toContain("'SRC9: invalid signature'");
  });

  it("'SRC9: invalid signature' for typed data of another chain", async () => {
    const p = await build();
    const other = { ...p.typed_data, domain: { ...p.typed_data.domain, chainId: 'SN_MAIN' } };
    const r = await refusal(execute(p.typed_data, sessionSign(other as TypedData)));
    expect(r.text).toContain("'SRC9: invalid signature'");
  });

  it("'SRC9: duplicated nonce' when the same outside execution is replayed", async () => {
    const p = await build();
    const sig = sessionSign(p.typed_data);
    await execute(p.typed_data, sig);
    const r = await refusal(execute(p.typed_data, sig));
    expect(r.text).toContain("'SRC9: duplicated nonce'");
    expect(tn.getSessionData(0, PK).callsUsed).toBe(1);
  });

  it("'SRC9: now >= execute_before' once the typed data expired", async () => {
    const p = await build();
    tn.advanceTime(3600);
    const r = await refusal(execute(p.typed_data, sessionSign(p.typed_data)));
    expect(r.text).toContain("'SRC9: now >= execute_before'");
  });

  it("'SRC9: now <= execute_after' before its window opens", async () => {
    const p = await build([attack()], {
      ...sponsored,
      timeBounds: { executeAfter: T0 + 100, executeBefore: T0 + 1000 },
    });
    const r = await refusal(execute(p.typed_data, sessionSign(p.typed_data)));
    expect(r.text).toContain("'SRC9: now <= execute_after'");
  });

  it("'SRC9: invalid caller' when someone else than the named caller relays it", async () => {
    const p = await build();
    const td = {
      ...p.typed_data,
      message: { ...p.typed_data.message, Caller: tn.accounts[1]!.address },
    } as TypedData;
    const r = await refusal(execute(td, sessionSign(td)));
    expect(r.text).toContain("'SRC9: invalid caller'");
  });

  it("'Session: valid_until exceeded' when signature[3] is above the registered validUntil", async () => {
    const p = await build();
    const r = await refusal(
      execute(p.typed_data, sessionSign(p.typed_data, { validUntil: BigInt(VALID_UNTIL + 1) })),
    );
    expect(r.text).toContain("'Session: valid_until exceeded'");
  });

  it("'Session: invalid timestamp' when signature[3] is not a u64", async () => {
    const p = await build();
    const r = await refusal(execute(p.typed_data, sessionSign(p.typed_data, { validUntil: 1n << 64n })));
    expect(r.text).toContain("'Session: invalid timestamp'");
  });

  it("'Session: unauthorized selector' for a blocklisted selector, an expired or an exhausted session", async () => {
    const p1 = await build([{ contractAddress: tn.game, entrypoint: 'upgrade', calldata: ['0x1'] }]);
    expect((await refusal(execute(p1.typed_data, sessionSign(p1.typed_data)))).text).toContain(
      "'Session: unauthorized selector'",
    );

    await addSession(tn, 0, KEY, VALID_UNTIL, 0); // an update refills and here sets max_calls = 0
    const p2 = await build();
    expect((await refusal(execute(p2.typed_data, sessionSign(p2.typed_data)))).text).toContain(
      "'Session: unauthorized selector'",
    );

    await addSession(tn, 0, KEY, T0 + 50, 10);
    tn.setTime(T0 + 60); // exact time: no hour rounding outside __validate__
    const p3 = await build();
    const r = await refusal(
      execute(p3.typed_data, sessionSign(p3.typed_data, { validUntil: BigInt(T0 + 50) })),
    );
    expect(r.text).toContain("'Session: unauthorized selector'");
  });

  it("refuses a gas-token fee transfer a selector whitelist does not allow ('Session: unauthorized selector')", async () => {
    await addSession(tn, 0, KEY, VALID_UNTIL, 10, ['attack']);
    const p = await build([attack()], inToken(tn.tokens.STRK));
    const r = await refusal(execute(p.typed_data, sessionSign(p.typed_data), inToken(tn.tokens.STRK)));
    expect(r.text).toContain("'Session: unauthorized selector'");
  });

  it("'Spending: exceeds per-call' through the paymaster too", async () => {
    await tn.account(0).execute([
      {
        contractAddress: user,
        entrypoint: 'set_spending_policy',
        calldata: [PK, tn.tokens.USDC, 10, 0, 100, 0, 3600],
      },
    ]);
    const p = await build([
      { contractAddress: tn.tokens.USDC, entrypoint: 'transfer', calldata: ['0xbeef', '11', '0'] },
    ]);
    const r = await refusal(execute(p.typed_data, sessionSign(p.typed_data)));
    expect(r.text).toContain("'Spending: exceeds per-call'");
  });
});

describe('paymaster faults', () => {
  it('answers isAvailable false and 503 for the rest when down', async () => {
    tn.faults.paymasterDown();
    expect(await pm.isAvailable()).toBe(false);
    const r = await refusal(build());
    expect(r.code).toBe(163);
    expect(r.text).toContain('Paymaster service unavailable');
    tn.faults.paymasterUp();
    expect(await pm.isAvailable()).toBe(true);
  });

  it('fails like an unreachable host in network mode', async () => {
    tn.faults.paymasterDown('network');
    await expect(pm.isAvailable()).rejects.toThrow('fetch failed');
  });

  it('rate limits the next requests with HTTP 429', async () => {
    tn.faults.paymasterRateLimited(1, 7);
    const res = await tn.fetch(tn.paymasterUrl, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'paymaster_isAvailable' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await pm.isAvailable()).toBe(true);
  });

  it('is slow on demand, and an aborted request stops waiting', async () => {
    tn.faults.paymasterSlow(300);
    const t = Date.now();
    await pm.isAvailable();
    expect(Date.now() - t).toBeGreaterThanOrEqual(290);
    const controller = new AbortController();
    const pending = tn.fetch(tn.paymasterUrl, {
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'paymaster_isAvailable' }),
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a gas token it no longer accepts (TOKEN_NOT_SUPPORTED)', async () => {
    tn.faults.refuseToken(tn.tokens.USDC);
    expect((await pm.getSupportedTokens()).map((t) => t.token_address)).not.toContain(tn.tokens.USDC);
    const r = await refusal(build([attack()], inToken(tn.tokens.USDC)));
    expect(r.code).toBe(151);
  });

  it('refuses accounts without SNIP-9 (CLASS_HASH_NOT_SUPPORTED)', async () => {
    const legacy = tn.accounts.find((a) => a.label.includes('no SNIP-9'))!;
    const r = await refusal(
      pm.buildTransaction(
        { type: 'invoke', invoke: { userAddress: legacy.address, calls: [attack()] } },
        sponsored,
      ),
    );
    expect(r.code).toBe(155);
  });
});

describe('owner transactions through the paymaster (starknet.js Account)', () => {
  it('runs executePaymasterTransaction sponsored and in a gas token', async () => {
    const account = tn.account(1);
    const sponsoredRes = await account.executePaymasterTransaction([attack()], {
      feeMode: { mode: 'sponsored' },
    });
    expect(tn.getTransaction(sponsoredRes.transaction_hash)!.status).toBe('SUCCEEDED');
    const before = tn.balanceOf(tn.tokens.ETH, tn.accounts[1]!.address);
    await account.executePaymasterTransaction([attack()], {
      feeMode: { mode: 'default', gasToken: tn.tokens.ETH },
    });
    expect(tn.balanceOf(tn.tokens.ETH, tn.accounts[1]!.address)).toBeLessThan(before);
    expect(tn.gameState(1).attacks).toBe(2);
  });
});

describe('hostile paymaster faults', () => {
  it('honours requested time bounds, unless hostile about Execute Before', async () => {
    const bounds = { executeAfter: T0 - 60, executeBefore: T0 + 120 };
    const honest = await build([attack()], { ...sponsored, timeBounds: bounds });
    expect(BigInt((honest.typed_data.message as Record<string, unknown>)['Execute Before'] as string)).toBe(
      BigInt(T0 + 120),
    );
    tn.faults.paymasterHostile({ executeBefore: 2n ** 64n - 1n });
    const hostile = await build([attack()], { ...sponsored, timeBounds: bounds });
    expect(BigInt((hostile.typed_data.message as Record<string, unknown>)['Execute Before'] as string)).toBe(
      2n ** 64n - 1n,
    );
  });

  it('builds the Caller, fee and recipient of its choice, and relays them', async () => {
    tn.faults.paymasterHostile({ caller: 'ANY_CALLER', fee: 10n ** 18n, feeRecipient: '0xbad' });
    const built = await build([attack()], inToken(tn.tokens.STRK));
    const message = built.typed_data.message as { Caller: string; Calls: { Calldata: string[] }[] };
    expect(message.Caller).toBe('0x414e595f43414c4c4552');
    expect(message.Calls.at(-1)!.Calldata).toEqual(['0xbad', '0xde0b6b3a7640000', '0x0']);
    await execute(built.typed_data, sessionSign(built.typed_data), inToken(tn.tokens.STRK));
    expect(tn.balanceOf(tn.tokens.STRK, '0xbad')).toBe(10n ** 18n);
  });

  it('withholds a signed payload behind a 503 and relays it later, once', async () => {
    tn.faults.paymasterWithholds(2);
    const built = await build();
    const signature = sessionSign(built.typed_data);
    for (let i = 0; i < 2; i++) {
      await expect(execute(built.typed_data, signature)).rejects.toThrow(/503|unavailable/i);
    }
    expect(tn.gameState(0)).toMatchObject({ attacks: 0 });
    tn.faults.clear(); // the kept payloads stay kept
    expect(tn.faults.withheldCount()).toBe(2);
    expect(tn.faults.relayWithheld()).toHaveLength(1); // the second copy: duplicated nonce
    expect(tn.gameState(0)).toMatchObject({ attacks: 1 });
  });
});

describe('testnet paymaster: a refused build leaves its state as it was', () => {
  it('an invalid hostile feeRecipient is refused before a nonce is drawn', async () => {
    const tn = createTestnet({ startTime: 1_767_222_100, accounts: 1 });
    const user = tn.accounts[0]!.address;
    tn.faults.paymasterHostile({ feeRecipient: 'not-a-felt' });
    const paymaster = () => {
      const s = JSON.parse(tn.exportState()) as Record<string, unknown>;
      const p = JSON.stringify((s.state as Record<string, unknown> | undefined)?.paymaster ?? s.paymaster);
      expect(p).toContain('nonceCounter');
      return p;
    };
    const before = paymaster();
    const res = await tn.fetch(tn.paymasterUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'paymaster_buildTransaction',
        params: {
          transaction: { type: 'invoke', invoke: { user_address: user, calls: [] } },
          parameters: { version: '0x1', fee_mode: { mode: 'default', gas_token: tn.tokens.STRK } },
        },
      }),
    });
    const body = (await res.json()) as { error?: { code: number; data?: unknown } };
    expect(body.error).toMatchObject({ code: -32602, data: 'hostile.feeRecipient is not a felt' });
    expect(paymaster()).toBe(before);
  });
});
