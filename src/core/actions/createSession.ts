import { accountRules, enforcePolicyRules } from '../accountRules.js';
import { addSessionCall, buildSetSpendingPolicyCall } from '../calls.js';
import { randomPrivateKey, starkPublicKey } from '../crypto/ecdsa.js';
import {
  type AccountStateMismatchError,
  InvalidInputError,
  type InvalidPolicyError,
  isSessionError,
  PaymasterUnavailableError,
  SessionNotSupportedError,
  type TransactionRevertedError,
  WalletNotConnectedError,
} from '../errors/index.js';
import { toAddress, toHex } from '../felt.js';
import { inputObject } from '../input.js';
import { feeBoundMissing } from '../paymaster.js';
import {
  coversPolicy,
  type NormalizedSessionPolicy,
  normalizeSessionPolicy,
  type SessionPolicy,
} from '../policy.js';
import type { StoredSession } from '../storage/types.js';
import { detectSessionSupport } from '../support.js';
import { scopeOf } from './chain.js';
import type { SessionConfig } from './config.js';
import { getSessionState } from './getSessionState.js';
import { readBack } from './readBack.js';
import { receiptBlock } from './revocation.js';
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
  | AccountStateMismatchError
  | InvalidPolicyError
  | InvalidInputError
  | SessionNotSupportedError
  | WalletNotConnectedError
  | TransactionRevertedError;

/**
 * What creating, ensuring and approving a request share: an owner, a valid policy, the provider and
 * scope, and the account's version rules applied to the policy (typed errors, all before any prompt).
 */
export async function prepare(config: SessionConfig, parameters: CreateSessionParameters) {
  const { owner } = inputObject(parameters);
  if (!owner) throw new WalletNotConnectedError();
  const now = config.now();
  const policy = normalizeSessionPolicy(parameters.policy, {
    now,
    maxDurationSeconds: config.maxDurationSeconds,
  });
  const [provider, scope] = await scopeOf(config, { ...parameters, accountAddress: owner.address });
  await enforceAccountRules(config, parameters, provider, owner.address, policy);
  return [owner, now, policy, provider, scope] as const;
}

/** Detects the account (unless told to skip: then it is taken as v33) and applies its version's rules. */
async function enforceAccountRules(
  config: SessionConfig,
  parameters: CreateSessionParameters,
  provider: SessionProviderLike,
  accountAddress: string,
  policy: NormalizedSessionPolicy,
): Promise<void> {
  if (parameters.skipSupportCheck) return; // v33 allows every policy
  const support = await detectSessionSupport(provider, accountAddress);
  if (!support.sessionKeys) throw new SessionNotSupportedError(accountAddress, 'session-keys');
  const rules = accountRules(support.accountVersion, config);
  const viaPaymaster = !!(parameters.paymaster ?? config.paymaster);
  enforcePolicyRules(rules, policy, {
    accountAddress,
    viaPaymaster,
    fallbackDirect: config.fallback.direct,
  });
  // No second spending check on support.spendingPolicy: once session keys are found it equals
  // rules.spendingPolicy (the class is v33, whose getter the cross-check saw answer), enforced just above.
  if ((parameters.sponsored || config.paymaster) && !support.outsideExecution) {
    throw new SessionNotSupportedError(accountAddress, 'outside-execution');
  }
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
  requireFeeBound(config, parameters, policy);
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
  let aliveAtBlock: number | undefined;
  try {
    transactionHash = await submitOwnerCalls(
      config,
      parameters,
      owner,
      registrationCalls(owner.address, publicKey, policy),
      scope.chainId,
    );
    await config.storage.update(scope, publicKey, { transactionHash });
    aliveAtBlock = receiptBlock(await waitForSuccess(provider, transactionHash));
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
  // from elsewhere, by the time this resolves. What the account holds must be what was asked (a
  // SUCCEEDED receipt can hide a swallowed setter): else the key stays pending and the error says why.
  // The receipt's block is where the session was first seen alive: a later answer that it is gone
  // counts only from there on (kept even when the read-back below fails).
  if (aliveAtBlock !== undefined) await config.storage.update(scope, publicKey, { aliveAtBlock });
  await readBack(provider, owner.address, { publicKey, policy }, transactionHash);
  const stored = await config.storage.update(scope, publicKey, { status: 'active' });
  return created(stored ?? { ...session, status: 'active', transactionHash });
}

/** What creating returns: the session's key, terms and transaction, with its record. */
function created(session: StoredSession): CreateSessionReturnType {
  const { publicKey, validUntil, maxCalls, transactionHash = '' } = session;
  return { publicKey, validUntil, maxCalls, transactionHash, session };
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
    const covers = coversPolicy(
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
    if (covers && (await config.storage.getSigner(scope, candidate.publicKey)))
      return { ...created(candidate), reused: true };
  }
  return { ...(await createSession(config, parameters)), reused: false };
}

/**
 * Gas-token mode pays the paymaster with a transfer the session key signs: its bound must come from the
 * app (config) or the session's own cap on the gas token, never from the paymaster. Refused before the prompt.
 */
function requireFeeBound(
  config: SessionConfig,
  parameters: CreateSessionParameters,
  policy: NormalizedSessionPolicy,
): void {
  const { feeMode } = config;
  if (feeMode.mode !== 'default' || !(parameters.paymaster ?? config.paymaster)) return;
  if (config.maxFeeInGasToken !== undefined) return;
  const gasToken = toAddress(feeMode.gasToken, 'feeMode.gasToken');
  if (policy.spendingLimits.some((l) => BigInt(l.token) === gasToken)) return;
  throw feeBoundMissing(gasToken);
}

/** The owner calls that register a session with its spending policies, in one multicall. */
export function ownerCalls(accountAddress: string, publicKey: string, policy: NormalizedSessionPolicy) {
  if (!Array.isArray(inputObject(policy, 'policy').spendingLimits))
    throw new InvalidInputError('policy.spendingLimits', 'spendingLimits must be an array.');
  return registrationCalls(accountAddress, publicKey, policy);
}

/** ownerCalls without its input check, for createSession's normalized policy. */
function registrationCalls(accountAddress: string, publicKey: string, policy: NormalizedSessionPolicy) {
  return [
    addSessionCall({
      accountAddress,
      publicKey,
      ...policy,
      allowedEntrypoints: policy.allowedSelectors,
    }),
    ...policy.spendingLimits.map((l) => buildSetSpendingPolicyCall({ accountAddress, publicKey, ...l })),
  ];
}
