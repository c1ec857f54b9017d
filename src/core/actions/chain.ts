import type { AccountCall, SessionData, SpendingPolicyState } from '../calls.js';
import {
  buildGetSessionDataCall,
  buildGetSpendingPolicyCall,
  parseSessionData,
  parseSpendingPolicy,
} from '../calls.js';
import { toChainId } from '../chain.js';
import { toHex } from '../felt.js';
import { inputObject } from '../input.js';
import type { SessionScope } from '../storage/types.js';
import { rpcError } from './classify.js';
import type { SessionConfig } from './config.js';
import type { SessionProviderLike, SessionTarget } from './types.js';

/** The provider an action uses: the one passed in, else the config's. */
export function providerOf(
  config: SessionConfig,
  provider: SessionProviderLike | undefined,
): SessionProviderLike {
  const p = provider ?? config.provider;
  if (!p) throw rpcError(new Error('No provider: pass one to the action or config.'), 'provider');
  return p;
}

/** Runs a node request; what it throws becomes RPC_ERROR naming `method` (a typed error passes through). */
export async function ask<T>(method: string, request: () => T | Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw rpcError(error, method);
  }
}

/** A contract read and its parse, a failure named after the entrypoint (`starknet_call get_session_data`). */
const read = <T>(
  provider: SessionProviderLike,
  call: AccountCall,
  parse: (result: string[]) => T,
  block?: number,
) =>
  ask(`starknet_call ${call.entrypoint}`, async () =>
    // Only a pinned read passes the block: some providers' callContract take nothing else.
    parse(await (block === undefined ? provider.callContract(call) : provider.callContract(call, block))),
  );

/**
 * Where an action works: its provider (`providerOf`) and the storage scope of the account on the chain,
 * for this app (the chain id is read from the provider when not given).
 */
export async function scopeOf(
  config: SessionConfig,
  target: SessionTarget & { provider?: SessionProviderLike | undefined },
): Promise<[provider: SessionProviderLike, scope: SessionScope]> {
  const provider = providerOf(config, inputObject(target).provider);
  const chainId = target.chainId ?? (await ask('starknet_chainId', () => provider.getChainId()));
  return [
    provider,
    { chainId: toHex(toChainId(chainId)), accountAddress: target.accountAddress, appId: config.appId },
  ];
}

export async function readSessionData(
  provider: SessionProviderLike,
  accountAddress: string,
  publicKey: string,
  block?: number,
): Promise<SessionData> {
  return read(provider, buildGetSessionDataCall({ accountAddress, publicKey }), parseSessionData, block);
}

/** Spending policies of the given tokens, keyed by 0x hex token address. */
export async function readSpendingPolicies(
  provider: SessionProviderLike,
  accountAddress: string,
  publicKey: string,
  tokens: readonly string[],
): Promise<Record<string, SpendingPolicyState>> {
  const entries = await Promise.all(
    tokens.map((token) =>
      read(
        provider,
        buildGetSpendingPolicyCall({ accountAddress, publicKey, token }),
        (felts) => [toHex(BigInt(token)), parseSpendingPolicy(felts)] as const,
      ),
    ),
  );
  return Object.fromEntries(entries);
}

/** The whitelist as the account holds it (indices below len only: v28 keeps stale entries past it). */
export async function readAllowedSelectors(
  provider: SessionProviderLike,
  accountAddress: string,
  publicKey: string,
  len: number,
): Promise<string[]> {
  return Promise.all(
    Array.from({ length: len }, (_, i) =>
      read(
        provider,
        {
          contractAddress: accountAddress,
          entrypoint: 'get_session_allowed_entrypoint_at',
          calldata: [toHex(BigInt(publicKey)), toHex(i)],
        },
        ([felt]) => toHex(BigInt(felt ?? 0)),
      ),
    ),
  );
}

/** The account's class hash (0x hex), or undefined when the provider cannot read it. */
export async function readClassHash(
  provider: SessionProviderLike,
  accountAddress: string,
): Promise<string | undefined> {
  if (!provider.getClassHashAt) return undefined;
  return ask('starknet_getClassHashAt', async () =>
    toHex(BigInt(await provider.getClassHashAt!(accountAddress))),
  );
}
