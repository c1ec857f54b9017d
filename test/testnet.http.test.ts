/**
 * The same testnet over real HTTP on 127.0.0.1: starknet.js with its default fetch, owner and
 * session flows, the paymaster, and faults as a real client sees them on the wire.
 */
import { PaymasterRpc, RpcProvider, typedData } from 'starknet';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signHash, starkPublicKey } from '../src/core/crypto/ecdsa.js';
import { signSessionInvoke } from '../src/core/sign.js';
import { createTestnet, type Testnet } from '../src/testing/index.js';
import { startTestnetServer, type TestnetServer } from '../src/testing/server.js';
import { addSession, hex, invokeTx } from './helpers/testnet.js';

const HOUR = 1_767_222_000;
const KEY = 0xbadc0deen;
const PK = hex(starkPublicKey(KEY));
const VALID_UNTIL = HOUR + 7200;

let tn: Testnet;
let server: TestnetServer;

beforeEach(async () => {
  tn = createTestnet({ startTime: HOUR + 100, accounts: 1 });
  server = await startTestnetServer(tn, { port: 0 });
});
afterEach(async () => {
  await server.close();
});

describe('the HTTP transport', () => {
  it('listens on 127.0.0.1 and describes the chain on GET /', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const info = await (await fetch(server.url)).json();
    expect(info.chainId).toBe(tn.chainId);
    expect(info.accounts[0].address).toBe(tn.accounts[0]!.address);
    expect(info.accounts[0].privateKey).toBeUndefined();
  });

  it('serves starknet.js RpcProvider: the owner registers a session, the session key acts directly', async () => {
    const provider = new RpcProvider({ nodeUrl: server.rpcUrl, transactionRetryIntervalFallback: 20 });
    expect(await provider.getChainId()).toBe(tn.chainId);
    await addSession(tn, 0, KEY, VALID_UNTIL, 5); // through the in-memory transport: same chain
    const account = tn.accounts[0]!.address;
    const calls = [{ contractAddress: tn.game, entrypoint: 'attack', calldata: ['0x5'] }];
    const nonce = await provider.getNonceForAddress(account);
    const signature = signSessionInvoke({
      accountAddress: account,
      chainId: tn.chainId,
      nonce,
      validUntil: VALID_UNTIL,
      calls,
      privateKey: hex(KEY),
    });
    const tx = invokeTx(
      account,
      [{ to: tn.game, entrypoint: 'attack', calldata: [5] }],
      BigInt(nonce),
      signature,
    );
    // The raw JSON-RPC call (RpcProvider.invokeSignedTx exists only from starknet.js 10 on).
    const sent = await provider.channel.fetch('starknet_addInvokeTransaction', { invoke_transaction: tx });
    const { result } = (await sent.json()) as { result: { transaction_hash: string } };
    const { transaction_hash } = result;
    const receipt = await provider.waitForTransaction(transaction_hash);
    expect(receipt.isSuccess()).toBe(true);
    expect(tn.getSessionData(0, PK).callsUsed).toBe(1);
  });

  it('serves PaymasterRpc: a sponsored session execute over HTTP', async () => {
    await addSession(tn, 0, KEY, VALID_UNTIL, 5);
    const pm = new PaymasterRpc({ nodeUrl: server.paymasterUrl });
    const user = tn.accounts[0]!.address;
    const prepared = await pm.buildTransaction(
      {
        type: 'invoke',
        invoke: {
          userAddress: user,
          calls: [{ contractAddress: tn.game, entrypoint: 'attack', calldata: ['0x9'] }],
        },
      },
      { version: '0x1', feeMode: { mode: 'sponsored' } },
    );
    if (prepared.type !== 'invoke') throw new TypeError('expected invoke');
    const { r, s } = signHash(BigInt(typedData.getMessageHash(prepared.typed_data, user)), KEY);
    const res = await pm.executeTransaction(
      {
        type: 'invoke',
        invoke: {
          userAddress: user,
          typedData: prepared.typed_data,
          signature: [PK, hex(r), hex(s), hex(VALID_UNTIL)],
        },
      },
      prepared.parameters,
    );
    expect(tn.getTransaction(res.transaction_hash)!.status).toBe('SUCCEEDED');
    expect(tn.gameState(0).attacks).toBe(1);
  });

  it('drops the connection when the paymaster is unreachable, and answers CORS preflights', async () => {
    tn.faults.paymasterDown('network');
    await expect(new PaymasterRpc({ nodeUrl: server.paymasterUrl }).isAvailable()).rejects.toThrow();
    const preflight = await fetch(server.rpcUrl, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('sends HTTP 429 with Retry-After when rate limited', async () => {
    tn.faults.paymasterRateLimited(1, 2);
    const res = await fetch(server.paymasterUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'paymaster_isAvailable' }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
  });
});
