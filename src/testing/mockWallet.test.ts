import { InjectedConnector } from '@starknet-react/core';
import { typedData as snTypedData, WalletAccount } from 'starknet';
import { beforeEach, describe, expect, it } from 'vitest';
import { hex, selector } from '../../test/helpers/testnet.js';
import { signHash, starkPublicKey } from '../core/crypto/ecdsa.js';
import { MockWalletError } from './errors.js';
import { createMockWallet, createTestnet, type Testnet } from './index.js';

const HOUR = 1_767_222_000;
let tn: Testnet;
beforeEach(() => {
  tn = createTestnet({ startTime: HOUR + 100, accounts: 2 });
});

describe('the mock wallet', () => {
  it('connects through starknet.js WalletAccount and sends the owner transaction after one prompt', async () => {
    const wallet = createMockWallet(tn, 0);
    const account = await WalletAccount.connect(tn.provider(), wallet as never);
    expect(account.address).toBe(tn.accounts[0]!.address);
    const { transaction_hash } = await account.execute([
      { contractAddress: tn.game, entrypoint: 'attack', calldata: ['0x3'] },
    ]);
    expect(tn.getTransaction(transaction_hash)!.status).toBe('SUCCEEDED');
    expect(wallet.prompts).toBe(1);
    expect(wallet.promptLog[0]).toMatchObject({ type: 'wallet_addInvokeTransaction', approved: true });
  });

  it('rejects with USER_REFUSED_OP (113) and sends nothing when the user says no', async () => {
    const wallet = createMockWallet(tn, 0, { approve: false });
    const error = await wallet
      .request({
        type: 'wallet_addInvokeTransaction',
        params: { calls: [{ contract_address: tn.game, entry_point: 'attack', calldata: ['0x1'] }] },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockWalletError);
    expect(error).toMatchObject({ code: 'USER_REFUSED_OP', rpcCode: 113 });
    expect(tn.transactions()).toHaveLength(0);
    expect(wallet.prompts).toBe(1);
  });

  it('decides per request with an approve function', async () => {
    const wallet = createMockWallet(tn, 0, { approve: (r) => r.type === 'wallet_signTypedData' });
    await expect(
      wallet.request({ type: 'wallet_addInvokeTransaction', params: { calls: [] } }),
    ).rejects.toBeInstanceOf(MockWalletError);
    wallet.setApprove(true);
    await wallet.request({
      type: 'wallet_addInvokeTransaction',
      params: { calls: [{ contract_address: tn.game, entry_point: 'attack', calldata: ['0x1'] }] },
    });
    expect(wallet.promptLog.map((p) => p.approved)).toEqual([false, true]);
  });

  it("signs typed data with the owner key, which the account's is_valid_signature accepts", async () => {
    const wallet = createMockWallet(tn, 0);
    const td = {
      types: {
        StarknetDomain: [
          { name: 'name', type: 'shortstring' },
          { name: 'version', type: 'shortstring' },
          { name: 'chainId', type: 'shortstring' },
          { name: 'revision', type: 'shortstring' },
        ],
        Login: [{ name: 'Nonce', type: 'felt' }],
      },
      primaryType: 'Login',
      domain: { name: 'dapp', version: '1', chainId: 'SN_SEPOLIA', revision: '1' },
      message: { Nonce: '0x42' },
    };
    const sig = (await wallet.request({ type: 'wallet_signTypedData', params: td })) as string[];
    const h = snTypedData.getMessageHash(td, tn.accounts[0]!.address);
    expect(tn.call(tn.accounts[0]!.address, 'is_valid_signature', [h, 2, ...sig])).toEqual([
      hex(0x56414c4944n),
    ]);
  });

  it('asks once to create a session and never again while the session key acts', async () => {
    const wallet = createMockWallet(tn, 0);
    const account = await WalletAccount.connect(tn.provider(), wallet as never);
    const key = 0x5e551011n;
    const pk = hex(starkPublicKey(key));
    await account.execute([
      {
        contractAddress: account.address,
        entrypoint: 'add_or_update_session_key',
        calldata: [pk, HOUR + 7200, 10, 0],
      },
    ]);
    const pm = tn.paymaster();
    for (let i = 1; i <= 3; i++) {
      const prepared = await pm.buildTransaction(
        {
          type: 'invoke',
          invoke: {
            userAddress: account.address,
            calls: [{ contractAddress: tn.game, entrypoint: 'attack', calldata: [String(i)] }],
          },
        },
        { version: '0x1', feeMode: { mode: 'sponsored' } },
      );
      if (prepared.type !== 'invoke') throw new TypeError('expected invoke');
      const { r, s } = signHash(
        BigInt(snTypedData.getMessageHash(prepared.typed_data, account.address)),
        key,
      );
      await pm.executeTransaction(
        {
          type: 'invoke',
          invoke: {
            userAddress: account.address,
            typedData: prepared.typed_data,
            signature: [pk, hex(r), hex(s), hex(HOUR + 7200)],
          },
        },
        prepared.parameters,
      );
    }
    expect(tn.gameState(0).attacks).toBe(3);
    expect(wallet.prompts).toBe(1);
  });

  it('prompts to connect when the dApp is not yet authorised, and answers silently otherwise', async () => {
    const wallet = createMockWallet(tn, 1, { authorized: false });
    expect(await wallet.request({ type: 'wallet_requestAccounts', params: { silent_mode: true } })).toEqual(
      [],
    );
    expect(await wallet.request({ type: 'wallet_requestAccounts' })).toEqual([tn.accounts[1]!.address]);
    expect(wallet.promptLog.map((p) => p.type)).toEqual(['wallet_requestAccounts']);
    expect(await wallet.request({ type: 'wallet_getPermissions' })).toEqual(['accounts']);
  });

  it("works as @starknet-react/core's InjectedConnector wallet", async () => {
    const wallet = createMockWallet(tn, 1, { id: 'mockwallet' });
    const uninstall = wallet.install();
    try {
      const connector = new InjectedConnector({ options: { id: 'mockwallet' } });
      expect(connector.available()).toBe(true);
      const { account, chainId } = await connector.connect();
      expect(account).toBe(tn.accounts[1]!.address);
      expect(chainId).toBe(BigInt(tn.chainId));
      const walletAccount = await connector.account(tn.provider());
      await walletAccount.execute([
        { contractAddress: tn.game, entrypoint: 'move', calldata: ['0x1', '0x1'] },
      ]);
      expect(tn.gameState(1)).toMatchObject({ x: 1, y: 1 });
      expect(tn.lastTransaction()!.calldata[2]).toBe(hex(selector('move')));
    } finally {
      uninstall();
    }
    expect((globalThis as Record<string, unknown>).starknet_mockwallet).toBeUndefined();
  });

  it('emits accountsChanged when switching accounts', () => {
    const wallet = createMockWallet(tn, 0);
    const seen: unknown[] = [];
    wallet.on('accountsChanged', (a) => seen.push(a));
    wallet.switchAccount(1);
    expect(seen).toEqual([[tn.accounts[1]!.address]]);
    expect(wallet.account.address).toBe(tn.accounts[1]!.address);
  });
});
