/**
 * The testnet in real Chromium: starknet.js RpcProvider, Account and PaymasterRpc over the
 * in-memory fetch transport, the owner registers a session and the session key acts gaslessly.
 */
import { RpcError, typedData } from 'starknet';
import { describe, expect, it } from 'vitest';
import { signHash, starkPublicKey } from '../src/core/crypto/ecdsa.js';
import { createMockWallet, createTestnet } from '../src/testing/index.js';
import { hex } from './helpers/testnet.js';

const HOUR = 1_767_222_000;

describe('the testnet in the browser', () => {
  it('runs without Node: owner creates a session, the session key acts through the paymaster', async () => {
    expect(typeof window).toBe('object');
    const tn = createTestnet({ startTime: HOUR + 100, accounts: 1 });
    const provider = tn.provider();
    expect(await provider.getChainId()).toBe(tn.chainId);

    const key = 0xb40e5e7n;
    const pk = hex(starkPublicKey(key));
    const user = tn.accounts[0]!.address;
    const wallet = createMockWallet(tn, 0);
    await wallet.request({
      type: 'wallet_addInvokeTransaction',
      params: {
        calls: [
          {
            contract_address: user,
            entry_point: 'add_or_update_session_key',
            calldata: [pk, hex(HOUR + 7200), '0xa', '0x0'],
          },
        ],
      },
    });
    expect(tn.getSessionData(0, pk).maxCalls).toBe(10);

    const pm = tn.paymaster();
    expect(await pm.isAvailable()).toBe(true);
    const prepared = await pm.buildTransaction(
      {
        type: 'invoke',
        invoke: {
          userAddress: user,
          calls: [{ contractAddress: tn.game, entrypoint: 'attack', calldata: ['0x2'] }],
        },
      },
      { version: '0x1', feeMode: { mode: 'sponsored' } },
    );
    if (prepared.type !== 'invoke') throw new TypeError('expected invoke');
    const { r, s } = signHash(BigInt(typedData.getMessageHash(prepared.typed_data, user)), key);
    const { transaction_hash } = await pm.executeTransaction(
      {
        type: 'invoke',
        invoke: {
          userAddress: user,
          typedData: prepared.typed_data,
          signature: [pk, hex(r), hex(s), hex(HOUR + 7200)],
        },
      },
      prepared.parameters,
    );
    const receipt = await provider.waitForTransaction(transaction_hash);
    expect(receipt.isSuccess()).toBe(true);
    expect(tn.getSessionData(0, pk).callsUsed).toBe(1);
    expect(wallet.prompts).toBe(1);
  });

  it('refuses a bad session signature with the contract string, in the browser too', async () => {
    const tn = createTestnet({ startTime: HOUR + 100, accounts: 1 });
    const user = tn.accounts[0]!.address;
    await tn.account(0).execute([
      {
        contractAddress: user,
        entrypoint: 'add_or_update_session_key',
        calldata: [hex(starkPublicKey(7n)), HOUR + 7200, 10, 0],
      },
    ]);
    const pm = tn.paymaster();
    const prepared = await pm.buildTransaction(
      {
        type: 'invoke',
        invoke: {
          userAddress: user,
          calls: [{ contractAddress: tn.game, entrypoint: 'attack', calldata: ['0x2'] }],
        },
      },
      { version: '0x1', feeMode: { mode: 'sponsored' } },
    );
    if (prepared.type !== 'invoke') throw new TypeError('expected invoke');
    const { r, s } = signHash(BigInt(typedData.getMessageHash(prepared.typed_data, user)), 8n);
    const error = await pm
      .executeTransaction(
        {
          type: 'invoke',
          invoke: {
            userAddress: user,
            typedData: prepared.typed_data,
            signature: [hex(starkPublicKey(7n)), hex(r), hex(s), hex(HOUR + 7200)],
          },
        },
        prepared.parameters,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).message).toContain("'SRC9: invalid signature'");
  });
});
