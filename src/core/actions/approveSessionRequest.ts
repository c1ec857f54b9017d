import { InvalidSessionRequestError, WalletNotConnectedError } from '../errors/index.js';
import { inputObject } from '../input.js';
import { checkRequest, decodeSessionRequest, type SessionRequest, sessionRequestPolicy } from '../request.js';
import type { SessionConfig } from './config.js';
import { ownerCalls, prepare } from './createSession.js';
import { readBack } from './readBack.js';
import { submitOwnerCalls, waitForSuccess } from './submitOwner.js';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from './types.js';

export interface ApproveSessionRequestParameters {
  /** The human's connected wallet account: it signs ONE transaction. */
  owner: OwnerAccountLike | undefined;
  /** The request, or its text or whole link. */
  request: SessionRequest | string;
  provider?: SessionProviderLike | undefined;
  /** The wallet's chain (0x hex); read from the provider when omitted. */
  chainId?: string | undefined;
  /** The owner signs a typed message and the paymaster pays the approval (still one prompt). */
  sponsored?: boolean | undefined;
  paymaster?: PaymasterLike | undefined;
  skipSupportCheck?: boolean | undefined;
}

export interface ApproveSessionRequestReturnType {
  transactionHash: string;
  accountAddress: string;
  publicKey: string;
  validUntil: number;
  maxCalls: number;
}

/**
 * The human's side: checks the request fits this chain and account and that the policy is valid and
 * allowed on this account version (the rules createSession applies, typed errors before any prompt),
 * then ONE owner transaction adds the agent's public key with the requested policy. No key is made or
 * stored here: the agent holds it.
 */
export async function approveSessionRequest(
  config: SessionConfig,
  parameters: ApproveSessionRequestParameters,
): Promise<ApproveSessionRequestReturnType> {
  const given = inputObject(parameters).request;
  const request = typeof given === 'string' ? decodeSessionRequest(given) : checkRequest(given);
  if (!parameters.owner) throw new WalletNotConnectedError();
  const create = { ...parameters, policy: sessionRequestPolicy(request) };
  // createSession's own path: the policy, the chain, and the account version's rules, before any prompt.
  const [owner, , policy, provider, scope] = await prepare(config, create);
  assertFits(request, scope.chainId, owner.address);
  const calls = ownerCalls(owner.address, request.publicKey, policy);
  const transactionHash = await submitOwnerCalls(config, parameters, owner, calls, scope.chainId);
  await waitForSuccess(provider, transactionHash);
  // The account must hold exactly what the human approved (a SUCCEEDED receipt can hide a swallowed setter).
  const expected = { publicKey: request.publicKey, policy };
  await readBack(provider, owner.address, expected, transactionHash);
  return {
    transactionHash,
    accountAddress: scope.accountAddress,
    publicKey: request.publicKey,
    validUntil: policy.validUntil,
    maxCalls: policy.maxCalls,
  };
}

/** A request for another chain or another account is refused before the wallet sees it. */
function assertFits(request: SessionRequest, chainId: string, accountAddress: string): void {
  if (BigInt(request.chainId) !== BigInt(chainId)) {
    throw new InvalidSessionRequestError(
      'wrong-chain',
      'This request is for another network than the one your wallet is on.',
      { details: `request ${request.chainId}, wallet ${chainId}` },
    );
  }
  if (request.accountAddress !== undefined && BigInt(request.accountAddress) !== BigInt(accountAddress)) {
    throw new InvalidSessionRequestError('wrong-account', 'This request is for another account.', {
      details: `request ${request.accountAddress}, connected ${accountAddress}`,
    });
  }
}
