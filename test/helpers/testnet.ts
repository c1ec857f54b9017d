/**
 * Helpers for the testnet's own tests: raw JSON-RPC, and session signatures computed here from
 * spec/session-keys.md §3.1 with nothing but Poseidon and ECDSA (independent of src/core/hash.ts).
 */
import { hash } from 'starknet';
import { signHash, starkPublicKey } from '../../src/core/crypto/ecdsa.js';
import { poseidonHashMany } from '../../src/core/crypto/poseidon.js';
import type { Testnet } from '../../src/testing/index.js';

export interface RawCall {
  to: string;
  entrypoint: string;
  calldata?: (string | number | bigint)[];
}

export const hex = (n: bigint | number) => `0x${n.toString(16)}`;
export const selector = (name: string) => BigInt(hash.getSelectorFromName(name));

export async function rpc(tn: Testnet, method: string, params: unknown = {}, url = tn.rpcUrl) {
  const res = await tn.fetch(url, {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return (await res.json()) as {
    result?: unknown;
    error?: { code: number; message: string; data?: unknown };
  };
}

/** __execute__ calldata: [n, (to, selector, len, ...calldata)*]. */
export function executeCalldata(calls: RawCall[]): bigint[] {
  const out: bigint[] = [BigInt(calls.length)];
  for (const c of calls) {
    const data = (c.calldata ?? []).map((v) => BigInt(v));
    out.push(BigInt(c.to), selector(c.entrypoint), BigInt(data.length), ...data);
  }
  return out;
}

/** §3.1 session_message_hash, straight from the spec. */
export function specSessionHash(
  account: string,
  chainId: string,
  nonce: bigint,
  validUntil: bigint,
  calls: RawCall[],
) {
  const data = [BigInt(account), BigInt(chainId), nonce, validUntil];
  for (const c of calls) {
    const cd = (c.calldata ?? []).map((v) => BigInt(v));
    data.push(BigInt(c.to), selector(c.entrypoint), BigInt(cd.length), ...cd);
  }
  return poseidonHashMany(data);
}

export function sessionSignature(privateKey: bigint, msgHash: bigint, validUntil: bigint): string[] {
  const { r, s } = signHash(msgHash, privateKey);
  return [hex(starkPublicKey(privateKey)), hex(r), hex(s), hex(validUntil)];
}

const RB = {
  l1_gas: { max_amount: '0x0', max_price_per_unit: hex(100_000_000_000_000n) },
  l2_gas: { max_amount: hex(20_000_000n), max_price_per_unit: hex(6_000_000_000n) },
  l1_data_gas: { max_amount: hex(10_000n), max_price_per_unit: hex(200_000n) },
};

/** A BROADCASTED_INVOKE_TXN_V3 with generous resource bounds. */
export function invokeTx(sender: string, calls: RawCall[], nonce: bigint, signature: string[]) {
  return {
    type: 'INVOKE',
    version: '0x3',
    sender_address: sender,
    calldata: executeCalldata(calls).map(hex),
    signature,
    nonce: hex(nonce),
    resource_bounds: RB,
    tip: '0x0',
    paymaster_data: [],
    account_deployment_data: [],
    nonce_data_availability_mode: 'L1',
    fee_data_availability_mode: 'L1',
  };
}

/** Sends a direct session invoke signed per §3.1 (overrides let a test sign something wrong). */
export async function sendSessionInvoke(
  tn: Testnet,
  account: string,
  sessionKey: bigint,
  validUntil: bigint,
  calls: RawCall[],
  o: {
    nonce?: bigint;
    signedNonce?: bigint;
    signedChainId?: string;
    signedValidUntil?: bigint;
    signWith?: bigint;
  } = {},
) {
  const nonce = o.nonce ?? tn.getNonce(account);
  const h = specSessionHash(
    account,
    o.signedChainId ?? tn.chainId,
    o.signedNonce ?? nonce,
    o.signedValidUntil ?? validUntil,
    calls,
  );
  const sig = sessionSignature(o.signWith ?? sessionKey, h, validUntil);
  if (o.signWith !== undefined) sig[0] = hex(starkPublicKey(sessionKey));
  return rpc(tn, 'starknet_addInvokeTransaction', {
    invoke_transaction: invokeTx(account, calls, nonce, sig),
  });
}

/** The owner registers a session through starknet.js Account (a real v3 invoke). */
export async function addSession(
  tn: Testnet,
  accountIndex: number,
  sessionKey: bigint,
  validUntil: number,
  maxCalls: number,
  entrypoints: string[] = [],
) {
  const account = tn.accounts[accountIndex]!.address;
  const pk = starkPublicKey(sessionKey);
  const acc = tn.account(accountIndex);
  const res = await acc.execute([
    {
      contractAddress: account,
      entrypoint: 'add_or_update_session_key',
      calldata: [
        hex(pk),
        validUntil,
        maxCalls,
        entrypoints.length,
        ...entrypoints.map((e) => hex(selector(e))),
      ],
    },
  ]);
  return { hash: res.transaction_hash, publicKey: hex(pk) };
}

// starknet.js warns on every Account.execute that a young chain has too few tips to average.
import { config } from 'starknet';

config.set('logLevel', 'ERROR');
