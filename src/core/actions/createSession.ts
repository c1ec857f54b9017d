import { buildAddSessionCall, buildSetSpendingPolicyCall } from '../calls.js';
import { randomPrivateKey, starkPublicKey } from '../crypto/ecdsa.js';
import {
  type InvalidPolicyError,
  isSessionError,
  PaymasterUnavailableError,
  SessionNotSupportedError,
  type TransactionRevertedError,
  WalletNotConnectedError,
} from '../errors/index.js';
import { toHex } from '../felt.js';
import {
  type NormalizedSessionPolicy,
  normalizeSessionPolicy,
  type SessionPolicy,
  sessionCoversPolicy,
} from '../policy.js';
import type { StoredSession } from '../storage/types.js';
import { detectSessionSupport } from '../support.js';
import { readSessionData, scopeOf } from './chain.js';
import type { SessionConfig } from './config.js';
import { getSessionState } from './getSessionState.js';
import { submitOwnerCalls, waitForSuccess } from './submitOwner.js';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from './types.js';

export interface CreateSessionParameters {
  /** The connected wallet account that owns the smart account (it signs ONE transaction). */
  owner: OwnerAccountLike | undefined;
  policy: SessionPolicy;
  provider?: SessionProviderLike | undefined;
  chainId?: string | undefined;
  /** The owner signs a typed message and the paymaster pays the creation (still one prompt). */
  sponsored?: boolean | undefined;
  paymaster?: PaymasterLike | undefined;
  /** Skip on-chain feature detection (you know the account is a v33 session account). */
  skipSupportCheck?: boolean | undefined;
}

export interface CreateSessionReturnType {
  publicKey: string;
  validUntil: number;
  maxCalls: number;
  transactionHash: string;
  session: StoredSession;
}

export type CreateSessionErrorType =
  | InvalidPolicyError
  | SessionNotSupportedError
  | WalletNotConnectedError
  | TransactionRevertedError;

/**
 * What creating, ensuring and approving a request share: an owner, a valid policy, the provider and
 * scope, and what the account supports (typed errors, all before any prompt).
 */
export async function prepare(config: SessionConfig, parameters: CreateSessionParameters) {
  const { owner } = parameters;
  if (!owner) throw new WalletNotConnectedError();
  const now = config.now();
  const policy = normalizeSessionPolicy(parameters.policy, {
    now,
    maxDurationSeconds: config.maxDurationSeconds,
  });
  const [provider, scope] = await scopeOf(config, { ...parameters, accountAddress: owner.address });
  if (!parameters.skipSupportCheck) {
    const support = await detectSessionSupport(provider, owner.address);
    if (!support.sessionKeys) throw new SessionNotSupportedError(owner.address, 'session-keys');
    if (policy.spendingLimits.length > 0 && !support.spendingPolicy) {
      throw new SessionNotSupportedError(owner.address, 'spending-policy');
    }
    if ((parameters.sponsored || config.paymaster) && !support.outsideExecution) {
      throw new SessionNotSupportedError(owner.address, 'outside-execution');
    }
  }
  return [owner, now, policy, provider, scope] as const;
}

/**
 * Validates the policy (typed errors before any prompt), generates a key, stores it (pending), asks the
 * wallet for ONE owner transaction (add_or_update_session_key + set_spending_policy calls), waits for it
 * and marks the session active. A rejected or failed creation removes the pending key.
 */
export async function createSession(
  config: SessionConfig,
  parameters: CreateSessionParameters,
): Promise<CreateSessionReturnType> {
  const [owner, now, policy, provider, scope] = await prepare(config, parameters);

  const privateKey = randomPrivateKey();
  const publicKey = toHex(starkPublicKey(privateKey));
  const session: StoredSession = {
    schemaVersion: 1,
    scope,
    publicKey,
    ...policy, // a NormalizedSessionPolicy: validUntil, maxCalls, allowedSelectors; its limits as stored:
    spendingLimits: policy.spendingLimits.map((l) => ({
      ...l,
      maxPerCall: toHex(l.maxPerCall),
      maxPerWindow: toHex(l.maxPerWindow),
    })),
    // The dApp's policy as JSON (bigint amounts as strings), kept for display and drift checks.
    policy: JSON.parse(
      JSON.stringify(parameters.policy, (_, v) => (typeof v === 'bigint' ? v.toString() : v)),
    ),
    createdAt: now,
    status: 'pending',
    callsUsed: 0,
    updatedAt: now,
  };
  // Stored before the prompt, so an approved transaction never leaves a key we lost.
  await config.storage.set(session, privateKey);
  let transactionHash: string | undefined;
  try {
    transactionHash = await submitOwnerCalls(
      config,
      parameters,
      owner,
      ownerCalls(owner.address, publicKey, policy),
      scope.chainId,
    );
    await config.storage.update(scope, publicKey, { transactionHash });
    await waitForSuccess(provider, transactionHash);
  } catch (error) {
    // Only a refusal or a reverted transaction proves the key is useless; while the outcome is unknown
    // (the node did not answer) the pending key is kept, and a later refresh activates it.
    const unknownOutcome = error instanceof PaymasterUnavailableError && !error.retryable;
    if ((transactionHash === undefined && !unknownOutcome) || isSessionError(error, 'TRANSACTION_REVERTED')) {
      await config.storage.remove(scope, publicKey);
    }
    throw error;
  }
  // Registered. The key is never removed from here on: the session may already be in use, or revoked
  // from elsewhere, by the time this resolves.
  const chain = await readSessionData(provider, owner.address, publicKey);
  const stored =
    chain.exists && chain.validUntil === policy.validUntil
      ? await config.storage.update(scope, publicKey, { status: 'active' })
      : await config.storage.get(scope, publicKey);
  return {
    publicKey,
    validUntil: policy.validUntil,
    maxCalls: policy.maxCalls,
    transactionHash,
    session: stored ?? { ...session, status: 'active', transactionHash },
  };
}

export type EnsureSessionReturnType = CreateSessionReturnType & { reused: boolean };

/**
 * Idempotent: reuses a live session of this account and app that covers the policy (same or wider
 * selectors, same caps, calls left, not expiring), otherwise asks for consent and creates one.
 */
export async function ensureSession(
  config: SessionConfig,
  parameters: CreateSessionParameters,
): Promise<EnsureSessionReturnType> {
  const [owner, now, requested, provider, scope] = await prepare(config, parameters);
  for (const candidate of await config.storage.list(scope)) {
    if (candidate.status !== 'active') continue;
    const state = await getSessionState(config, {
      provider,
      chainId: scope.chainId,
      accountAddress: owner.address,
      publicKey: candidate.publicKey,
    });
    // Expiring ones are refused below too (validUntil within renewBeforeSeconds).
    if (state.stale || state.status !== 'active') continue;
    const covers = sessionCoversPolicy(
      {
        ...candidate,
        maxCalls: state.maxCalls,
        callsUsed: state.callsUsed,
        spendingLimits: candidate.spendingLimits.map((l) => ({
          ...l,
          maxPerCall: BigInt(l.maxPerCall),
          maxPerWindow: BigInt(l.maxPerWindow),
        })),
      },
      requested,
      now,
      config.renewBeforeSeconds,
    );
    if (covers && (await config.storage.getSigner(scope, candidate.publicKey))) {
      return {
        publicKey: candidate.publicKey,
        validUntil: candidate.validUntil,
        maxCalls: candidate.maxCalls,
        transactionHash: candidate.transactionHash ?? '',
        session: candidate,
        reused: true,
      };
    }
  }
  return { ...(await createSession(config, parameters)), reused: false };
}

/** The owner calls that register a session with its spending policies, in one multicall. */
export function ownerCalls(accountAddress: string, publicKey: string, policy: NormalizedSessionPolicy) {
  return [
    buildAddSessionCall({
      accountAddress,
      publicKey,
      ...policy,
      allowedEntrypoints: policy.allowedSelectors,
    }),
    ...policy.spendingLimits.map((l) => buildSetSpendingPolicyCall({ accountAddress, publicKey, ...l })),
  ];
}
