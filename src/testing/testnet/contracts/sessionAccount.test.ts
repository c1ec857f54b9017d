/**
 * The v33 model refuses exactly what the contract refuses. Signatures here are computed from the
 * spec with primitives (test/helpers/testnet.ts), and every refusal is checked for its error.
 */
import { Account, type RpcError } from 'starknet';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  addSession,
  hex,
  type RawCall,
  rpc,
  selector,
  sendSessionInvoke,
} from '../../../../test/helpers/testnet.js';
import { starkPublicKey } from '../../../core/crypto/ecdsa.js';
import { createTestnet, type Testnet } from '../../index.js';

// An hour boundary, so the validate-phase rounding is easy to reason about.
const HOUR = 1_767_222_000;
const T0 = HOUR + 100;
const SESSION_KEY = 0x1234567890abcdef1234567890abcdefn;
const PK = hex(starkPublicKey(SESSION_KEY));

let tn: Testnet;
let account: string;
const attack = (target = 7): RawCall => ({ to: tn.game, entrypoint: 'attack', calldata: [target] });
const transfer = (amount: bigint, token = tn.tokens.STRK): RawCall => ({
  to: token,
  entrypoint: 'transfer',
  calldata: ['0xbeef', amount, 0],
});

async function expectValidationFailure(response: Awaited<ReturnType<typeof rpc>>, reason?: string) {
  expect(response.error?.code).toBe(55);
  expect(response.error?.message).toBe('Account validation failed');
  if (reason) expect(String(response.error?.data)).toContain(reason);
}

beforeEach(() => {
  tn = createTestnet({ startTime: T0, accounts: 2 });
  account = tn.accounts[0]!.address;
});

describe('owner transactions', () => {
  it('registers a session with the owner key and emits SessionKeyAdded', async () => {
    const { hash } = await addSession(tn, 0, SESSION_KEY, HOUR + 7200, 5, ['attack', 'move']);
    const receipt = await tn.provider().waitForTransaction(hash);
    expect(receipt.isSuccess()).toBe(true);
    expect(tn.getSessionData(0, PK)).toEqual({
      validUntil: HOUR + 7200,
      maxCalls: 5,
      callsUsed: 0,
      allowedEntrypointsLen: 2,
      allowedEntrypoints: [hex(selector('attack')), hex(selector('move'))],
    });
    const added = tn.lastTransaction()!.events.find((e) => e.keys[0] === hex(selector('SessionKeyAdded')));
    expect(added).toEqual({
      fromAddress: account,
      keys: [hex(selector('SessionKeyAdded')), PK],
      data: [hex(HOUR + 7200), '0x5'],
    });
    expect(tn.call(account, 'get_session_allowed_entrypoints_len', [PK])).toEqual(['0x2']);
    expect(tn.call(account, 'get_session_allowed_entrypoint_at', [PK, 1])).toEqual([hex(selector('move'))]);
    expect(
      await tn
        .provider()
        .callContract({ contractAddress: account, entrypoint: 'get_session_data', calldata: [PK] }),
    ).toEqual([hex(HOUR + 7200), '0x5', '0x0', '0x2']);
  });

  it("refuses an owner transaction signed with another key ('Account: invalid signature')", async () => {
    // The account's address with account 1's key; explicit bounds and tip, so nothing is estimated.
    const impostor = new Account({
      provider: tn.provider(),
      address: account,
      signer: tn.accounts[1]!.privateKey,
    });
    const response = await impostor
      .execute([{ contractAddress: tn.game, entrypoint: 'attack', calldata: [1] }], {
        resourceBounds: {
          l1_gas: { max_amount: 0n, max_price_per_unit: 10n ** 14n },
          l2_gas: { max_amount: 20_000_000n, max_price_per_unit: 6_000_000_000n },
          l1_data_gas: { max_amount: 10_000n, max_price_per_unit: 200_000n },
        },
        tip: 0,
      })
      .then(
        () => ({}),
        (error: unknown) => ({ error: (error as RpcError).baseError }),
      );
    await expectValidationFailure(response, "'Account: invalid signature'");
    expect(tn.getNonce(account)).toBe(0n);
  });

  it('blocks the owner-only entrypoints to anyone but the account itself', () => {
    expect(() => tn.call(account, 'add_or_update_session_key', [PK, HOUR + 10, 1, 0])).toThrow(
      /Account: unauthorized/,
    );
  });
});

describe('direct session invokes (__validate__ path)', () => {
  beforeEach(async () => {
    await addSession(tn, 0, SESSION_KEY, HOUR + 200, 3);
  });

  it('accepts a correct session signature and counts one call per transaction', async () => {
    const res = await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack(), attack(8)]);
    expect(res.error).toBeUndefined();
    expect(tn.lastTransaction()!.status).toBe('SUCCEEDED');
    expect(tn.getSessionData(0, PK).callsUsed).toBe(1);
    expect(tn.gameState(0).attacks).toBe(2);
  });

  it('refuses a signature by another key', async () => {
    const res = await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()], {
      signWith: 0xabcdefn,
    });
    await expectValidationFailure(res, "should return 'VALID'. Got: 0x0");
    expect(tn.getSessionData(0, PK).callsUsed).toBe(0);
  });

  it('refuses a signature over another nonce', async () => {
    const res = await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()], {
      signedNonce: tn.getNonce(account) + 1n,
    });
    await expectValidationFailure(res);
  });

  it('refuses a signature over another chain id', async () => {
    const res = await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()], {
      signedChainId: '0x534e5f4d41494e',
    });
    await expectValidationFailure(res);
  });

  it('refuses a transaction whose nonce is not the account nonce (INVALID_TRANSACTION_NONCE)', async () => {
    const res = await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()], {
      nonce: tn.getNonce(account) + 5n,
    });
    expect(res.error?.code).toBe(52);
    expect(String(res.error?.data)).toMatch(/Account nonce: 0x1; got: 0x6/);
  });

  it('refuses the admin blocklist on any contract and self-calls under an empty whitelist', async () => {
    for (const call of [
      { to: tn.game, entrypoint: 'upgrade', calldata: [1] },
      { to: tn.tokens.STRK, entrypoint: 'set_public_key', calldata: [1, 0] },
      { to: account, entrypoint: 'get_public_key' },
    ]) {
      await expectValidationFailure(
        await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [call]),
      );
    }
  });

  it('refuses a selector outside a non-empty whitelist', async () => {
    const other = 0x777n;
    await addSession(tn, 0, other, HOUR + 200, 3, ['move']);
    await expectValidationFailure(
      await sendSessionInvoke(tn, account, other, BigInt(HOUR + 200), [attack()]),
    );
    const ok = await sendSessionInvoke(tn, account, other, BigInt(HOUR + 200), [
      { to: tn.game, entrypoint: 'move', calldata: [3, 4] },
    ]);
    expect(ok.error).toBeUndefined();
  });

  it('refuses an exhausted session', async () => {
    for (let i = 0; i < 3; i++) {
      expect(
        (await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()])).error,
      ).toBeUndefined();
    }
    await expectValidationFailure(
      await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()]),
    );
    expect(tn.getSessionData(0, PK).callsUsed).toBe(3);
  });

  it('refuses a revoked session', async () => {
    await tn
      .account(0)
      .execute([{ contractAddress: account, entrypoint: 'revoke_session_key', calldata: [PK] }]);
    expect(tn.lastTransaction()!.events[0]!.keys).toEqual([hex(selector('SessionKeyRevoked')), PK]);
    expect(tn.getSessionData(0, PK).validUntil).toBe(0);
    await expectValidationFailure(
      await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()]),
    );
  });

  it('sees the block time rounded down to the hour in __validate__ (expiry slack up to 3599 s)', async () => {
    tn.setTime(HOUR + 3000); // past valid_until (HOUR + 200), same hour
    expect(
      (await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()])).error,
    ).toBeUndefined();
    tn.setTime(HOUR + 3600);
    await expectValidationFailure(
      await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack()]),
    );
  });

  it('runs a multicall non-atomically: a reverting call yields nothing and the rest still runs', async () => {
    const res = await sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 200), [attack(0), attack(9)]);
    expect(res.error).toBeUndefined();
    const tx = tn.lastTransaction()!;
    expect(tx.status).toBe('SUCCEEDED');
    expect(tx.innerCalls.map((c) => c.ok)).toEqual([false, true]);
    expect(tx.innerCalls[0]!.revertReason).toContain("'Game: invalid target'");
    expect(tn.gameState(0).score).toBe(10n);
  });
});

describe('spending policies on direct invokes', () => {
  beforeEach(async () => {
    await addSession(tn, 0, SESSION_KEY, HOUR + 100_000, 20);
    await tn.account(0).execute([
      {
        contractAddress: account,
        entrypoint: 'set_spending_policy',
        calldata: [PK, tn.tokens.STRK, 100, 0, 150, 0, 3600],
      },
    ]);
  });

  const send = (calls: RawCall[]) =>
    sendSessionInvoke(tn, account, SESSION_KEY, BigInt(HOUR + 100_000), calls);

  it('stores the policy as 8 felts', () => {
    expect(tn.call(account, 'get_spending_policy', [PK, tn.tokens.STRK])).toEqual([
      '0x64',
      '0x0',
      '0x96',
      '0x0',
      '0xe10',
      '0x0',
      '0x0',
      hex(T0),
    ]);
  });

  it("reverts a transfer above the per-call cap ('Spending: exceeds per-call')", async () => {
    const before = tn.balanceOf(tn.tokens.STRK, '0xbeef');
    await send([transfer(101n)]);
    const tx = tn.lastTransaction()!;
    expect(tx.status).toBe('REVERTED');
    expect(tx.revertReason).toContain("'Spending: exceeds per-call'");
    expect(tn.balanceOf(tn.tokens.STRK, '0xbeef')).toBe(before);
    expect(tn.getSessionData(0, PK).callsUsed).toBe(1); // validation ran: the call is consumed
  });

  it('counts a tumbling window anchored at its last reset', async () => {
    await send([transfer(100n)]);
    expect(tn.lastTransaction()!.status).toBe('SUCCEEDED');
    await send([transfer(60n)]);
    expect(tn.lastTransaction()!.revertReason).toContain("'Spending: exceeds window limit'");
    tn.advanceTime(3600);
    await send([transfer(60n)]);
    expect(tn.lastTransaction()!.status).toBe('SUCCEEDED');
    expect(tn.getSpendingPolicy(0, PK, tn.tokens.STRK)).toMatchObject({
      spentInWindow: 60n,
      windowStart: T0 + 3600,
    });
  });

  it('accumulates the calls of one multicall, approve included', async () => {
    await send([transfer(80n), { to: tn.tokens.STRK, entrypoint: 'approve', calldata: [tn.game, 80, 0] }]);
    expect(tn.lastTransaction()!.revertReason).toContain("'Spending: exceeds window limit'");
  });

  it('rejects calldata it cannot read', async () => {
    await send([{ to: tn.tokens.STRK, entrypoint: 'transfer', calldata: ['0xbeef'] }]);
    expect(tn.lastTransaction()!.revertReason).toContain("'Spending: calldata too short'");
    await send([{ to: tn.tokens.STRK, entrypoint: 'transfer', calldata: ['0xbeef', 1, 1n << 128n] }]);
    expect(tn.lastTransaction()!.revertReason).toContain('Spending: invalid amount');
  });

  it('does not limit tokens without a policy', async () => {
    await send([transfer(10n ** 18n, tn.tokens.ETH)]);
    expect(tn.lastTransaction()!.status).toBe('SUCCEEDED');
  });
});

describe('views', () => {
  it('answers SRC-5, version and SNIP-9 like v33', () => {
    const yes = ['0x1'];
    expect(
      tn.call(account, 'supports_interface', [
        '0x037ab4f01106526662a612eaa2926df2aa314c4144b964f183805880bbcfa55d',
      ]),
    ).toEqual(yes);
    expect(
      tn.call(account, 'supports_interface', [
        '0x1d1144bb2138366ff28d8e9ab57456b1d332ac42196230c3a602003c89872',
      ]),
    ).toEqual(yes);
    expect(
      tn.call(account, 'supports_interface', [
        '0x2ceccef7f994940b3962a6c67e0ba4fcd37df7d131417c604f91e03caecc1cd',
      ]),
    ).toEqual(yes);
    expect(tn.call(account, 'get_contract_info')).toEqual([hex(0x763333n)]);
    expect(tn.call(account, 'get_snip9_version')).toEqual(['0x2']);
  });

  it('accepts a session key as an ERC-1271 signer only while the session lives', async () => {
    await addSession(tn, 0, SESSION_KEY, HOUR + 200, 3);
    const msg = 0x1234n;
    const { signHash } = await import('../../../core/crypto/ecdsa.js');
    const { r, s } = signHash(msg, SESSION_KEY);
    const sig = [PK, hex(r), hex(s), hex(HOUR + 200)];
    expect(tn.call(account, 'is_valid_signature', [hex(msg), 4, ...sig])).toEqual([hex(0x56414c4944n)]);
    tn.setTime(HOUR + 201);
    expect(tn.call(account, 'is_valid_signature', [hex(msg), 4, ...sig])).toEqual(['0x0']);
  });

  it('tells legacy accounts apart: no session interface, or a supports_interface that reverts', async () => {
    const [legacy, reverting] = tn.accounts.filter((a) => a.kind === 'legacy');
    expect(
      tn.call(legacy!.address, 'supports_interface', [
        '0x037ab4f01106526662a612eaa2926df2aa314c4144b964f183805880bbcfa55d',
      ]),
    ).toEqual(['0x0']);
    const res = await rpc(tn, 'starknet_call', {
      request: {
        contract_address: reverting!.address,
        entry_point_selector: hex(selector('supports_interface')),
        calldata: ['0x1'],
      },
      block_id: 'latest',
    });
    expect(res.error?.code).toBe(40);
    expect(JSON.stringify(res.error?.data)).toContain("'SRC5: not implemented'");
    const missing = await rpc(tn, 'starknet_call', {
      request: {
        contract_address: legacy!.address,
        entry_point_selector: hex(selector('get_session_data')),
        calldata: [PK],
      },
      block_id: 'latest',
    });
    expect(missing.error?.code).toBe(21);
  });
});
