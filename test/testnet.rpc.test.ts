/**
 * starknet.js RpcProvider and Account against the testnet's JSON-RPC (in-memory fetch transport):
 * blocks follow the clock, owner and session transactions go through, faults surface as they would.
 */
import { Account, type Call, RpcError, type SignerInterface } from 'starknet';
import { beforeEach, describe, expect, it } from 'vitest';
import { starkPublicKey } from '../src/core/crypto/ecdsa.js';
import { signSessionInvoke } from '../src/core/sign.js';
import { createTestnet, type Testnet, TestnetUsageError } from '../src/testing/index.js';
import { addSession, hex, selector } from './helpers/testnet.js';

const HOUR = 1_767_222_000;
const T0 = HOUR + 100;
const KEY = 0xc0ffeen;
const PK = hex(starkPublicKey(KEY));
const VALID_UNTIL = HOUR + 5 * 3600;
const BOUNDS = {
  l1_gas: { max_amount: 0n, max_price_per_unit: 10n ** 14n },
  l2_gas: { max_amount: 20_000_000n, max_price_per_unit: 6_000_000_000n },
  l1_data_gas: { max_amount: 10_000n, max_price_per_unit: 200_000n },
};

let tn: Testnet;
beforeEach(() => {
  tn = createTestnet({ startTime: T0, accounts: 2 });
});

const attack = (target = 7): Call => ({ contractAddress: tn.game, entrypoint: 'attack', calldata: [target] });

/** A starknet.js signer that signs with a session key through the library's signSessionInvoke. */
function sessionSigner(privateKey: bigint, validUntil: number): SignerInterface {
  const refuse = async (): Promise<never> => {
    throw new TestnetUsageError('A session key only signs invokes here.');
  };
  return {
    getPubKey: async () => hex(starkPublicKey(privateKey)),
    signMessage: refuse,
    signDeployAccountTransaction: refuse,
    signDeclareTransaction: refuse,
    signTransaction: async (calls, details) => {
      const d = details as unknown as { walletAddress: string; chainId: string; nonce: string | bigint };
      return signSessionInvoke({
        accountAddress: d.walletAddress,
        chainId: d.chainId,
        nonce: String(d.nonce),
        validUntil,
        calls: calls.map((c) => ({ ...c, calldata: (c.calldata ?? []) as string[] })),
        privateKey: hex(privateKey),
      });
    },
  } as SignerInterface;
}

describe('chain basics', () => {
  it('answers spec version, chain id and blocks whose timestamps follow the clock', async () => {
    const p = tn.provider();
    expect(await p.getSpecVersion()).toBe('0.10.0');
    expect(await p.getChainId()).toBe('0x534e5f5345504f4c4941');
    const b0 = await p.getBlockWithTxHashes('latest');
    expect(b0.timestamp).toBe(T0);
    tn.advanceTime(90);
    const b1 = await p.getBlock('latest');
    expect(b1.timestamp).toBe(T0 + 90);
    expect(b1.block_number).toBe((b0 as { block_number: number }).block_number + 1);
    expect(() => tn.setTime(T0)).toThrow(TestnetUsageError);
  });

  it('serves the class hash and a Sierra-like class whose ABI lists the session entrypoints', async () => {
    const p = tn.provider();
    const account = tn.accounts[0]!.address;
    expect(await p.getClassHashAt(account)).toBe(
      '0x484bbd2404b3c7264bea271f7267d6d4004821ac7787a9eed7f472e79ef40d1',
    );
    const cls = await p.getClassAt(account);
    const names = JSON.stringify(cls.abi);
    for (const n of ['add_or_update_session_key', 'execute_from_outside_v2', 'get_spending_policy'])
      expect(names).toContain(n);
    expect(await p.getContractVersion(account)).toEqual({ cairo: '1', compiler: '2' });
    const legacy = await p.getClassAt(tn.accounts.find((a) => a.kind === 'legacy')!.address);
    expect(JSON.stringify(legacy.abi)).not.toContain('add_or_update_session_key');
  });

  it('returns CONTRACT_NOT_FOUND for an address with nothing deployed', async () => {
    await expect(tn.provider().getClassHashAt('0x1234')).rejects.toMatchObject({ baseError: { code: 20 } });
  });
});

describe('owner transactions with starknet.js Account', () => {
  it('estimates, signs the v3 transaction hash, and gets included with events and a fee', async () => {
    const account = tn.account(0);
    const estimate = await account.estimateInvokeFee([attack()]);
    const { transaction_hash } = await account.execute([attack()]);
    const receipt = await tn.provider().waitForTransaction(transaction_hash);
    expect(receipt.isSuccess()).toBe(true);
    const tx = tn.getTransaction(transaction_hash)!;
    expect(tx.fee).toBeGreaterThan(0n);
    expect(tx.fee).toBeLessThanOrEqual(estimate.overall_fee);
    expect(tx.events.at(-1)).toMatchObject({
      fromAddress: tn.tokens.STRK,
      keys: [hex(selector('Transfer')), tn.accounts[0]!.address, tn.sequencerAddress],
    });
    expect(await tn.provider().getTransactionStatus(transaction_hash)).toEqual({
      finality_status: 'ACCEPTED_ON_L2',
      execution_status: 'SUCCEEDED',
    });
  });

  it('finds SessionKeyAdded with starknet_getEvents', async () => {
    await addSession(tn, 0, KEY, VALID_UNTIL, 10);
    await addSession(tn, 1, KEY, VALID_UNTIL, 10);
    const { events } = await tn.provider().getEvents({
      address: tn.accounts[0]!.address,
      keys: [[hex(selector('SessionKeyAdded'))]],
      chunk_size: 10,
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.keys).toEqual([hex(selector('SessionKeyAdded')), PK]);
    expect(events[0]!.data).toEqual([hex(VALID_UNTIL), '0xa']);
  });

  it('reverts atomically on a legacy account and refuses to estimate a reverting transaction', async () => {
    const legacy = tn.account(tn.accounts.findIndex((a) => a.kind === 'legacy'));
    const error = await legacy.estimateInvokeFee([attack(0)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(41);
    expect((error as RpcError).message).toContain("'Game: invalid target'");
  });
});

describe('a session key acting directly (custom starknet.js signer)', () => {
  it('signs the §3.1 hash with the tx nonce and is accepted; calls_used counts it', async () => {
    await addSession(tn, 0, KEY, VALID_UNTIL, 10);
    const session = new Account({
      provider: tn.provider(),
      address: tn.accounts[0]!.address,
      signer: sessionSigner(KEY, VALID_UNTIL),
    });
    const { transaction_hash } = await session.execute([
      attack(),
      { contractAddress: tn.game, entrypoint: 'move', calldata: [1, 2] },
    ]);
    expect((await tn.provider().waitForTransaction(transaction_hash)).isSuccess()).toBe(true);
    expect(tn.getSessionData(0, PK).callsUsed).toBe(1);
    expect(tn.gameState(0)).toMatchObject({ x: 1, y: 2, attacks: 1 });
  });

  it('is refused once another transaction consumed the nonce it signed', async () => {
    await addSession(tn, 0, KEY, VALID_UNTIL, 10);
    const session = new Account({
      provider: tn.provider(),
      address: tn.accounts[0]!.address,
      signer: sessionSigner(KEY, VALID_UNTIL),
    });
    const signedNonce = tn.getNonce(0);
    tn.faults.consumeNonce(tn.accounts[0]!.address);
    // Explicit bounds and tip: nothing is estimated, the stale nonce goes straight to the node.
    const error = await session
      .execute([attack()], { nonce: signedNonce, resourceBounds: BOUNDS, tip: 0 })
      .catch((e: unknown) => e);
    expect((error as RpcError).code).toBe(52);
    // Re-signed with the new nonce, it goes through.
    await session.execute([attack()]);
    expect(tn.getSessionData(0, PK).callsUsed).toBe(1);
  });
});

describe('RPC faults', () => {
  it('answers an injected error once, then recovers', async () => {
    const p = tn.provider();
    tn.faults.rpcError('starknet_blockNumber');
    await expect(p.getBlockNumber()).rejects.toMatchObject({ baseError: { code: 63 } });
    expect(await p.getBlockNumber()).toBe(0);
  });

  it('times a request out', async () => {
    tn.faults.rpcTimeout('starknet_getNonce', 30);
    await expect(tn.provider().getNonceForAddress(tn.accounts[0]!.address)).rejects.toThrow(/timeout/);
  });

  it('reverts one call inside a v33 multicall while the transaction still succeeds', async () => {
    tn.faults.revertNextCall({ contract: tn.game, entrypoint: 'attack' });
    const { transaction_hash } = await tn.account(0).execute([attack(1), attack(2)]);
    const tx = tn.getTransaction(transaction_hash)!;
    expect(tx.status).toBe('SUCCEEDED');
    expect(tx.innerCalls.map((c) => c.ok)).toEqual([false, true]);
    expect(tx.innerCalls[0]!.revertReason).toContain("'Testnet: forced revert'");
    expect(tn.gameState(0).attacks).toBe(1);
  });

  it('reverts the whole transaction of an atomic (legacy) account', async () => {
    const i = tn.accounts.findIndex((a) => a.kind === 'legacy');
    tn.faults.revertNextCall({ contract: tn.game });
    const { transaction_hash } = await tn.account(i).execute([attack(1), attack(2)]);
    const receipt = await tn.provider().getTransactionReceipt(transaction_hash);
    expect(receipt.isReverted()).toBe(true);
    expect(tn.gameState(i).attacks).toBe(0);
    expect(tn.getNonce(i)).toBe(1n);
  });
});
