import { Account, type Call, type ProviderInterface } from 'starknet';

type OutsideExecutionTypedData = Parameters<PaymasterLike['executeTransaction']>[0] extends {
  invoke: { typedData: infer T };
}
  ? T
  : never;

import { type NormalizedCall, type SessionCall, toSelector } from '../call.js';
import type { SpendingPolicyState } from '../calls.js';
import { toChainId } from '../chain.js';
import { SPENDING_TRACKED_SELECTORS } from '../constants.js';
import {
  InnerCallFailedError,
  type InnerCallFailure,
  isSessionError,
  NonceConflictError,
  NoSessionError,
  PaymasterUnavailableError,
  type SessionError,
  SessionExpiredError,
  SessionKeyMissingError,
  SessionRevokedError,
  TransactionRevertedError,
} from '../errors/index.js';
import { decodeShortString, toAddress, toHex } from '../felt.js';
import { outsideExecutionHashOf } from '../hash.js';
import { type FeeMode, type PaymasterTypedData, verifyPaymasterTypedData } from '../paymaster.js';
import { checkSessionCalls } from '../preflight.js';
import { formatSessionSignature } from '../sign.js';
import type { SessionScope, SessionSigner, StoredSession } from '../storage/types.js';
import { canSignOutsideExecution } from '../worker/client.js';
import { providerOf, readSessionData, readSpendingPolicies, scopeOf } from './chain.js';
import { messageOf, paymasterError, revertReason, walletError } from './classify.js';
import type { SessionConfig } from './config.js';
import { SessionInvokeSigner } from './starknetSigner.js';
import { waitForSuccess } from './submitOwner.js';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike, SessionTarget } from './types.js';

export interface ExecuteWithSessionParameters extends SessionTarget {
  calls: readonly SessionCall[] | SessionCall;
  provider?: SessionProviderLike | undefined;
  paymaster?: PaymasterLike | undefined;
  /** The session to use; default: the newest active session of the account for this app. */
  publicKey?: string | undefined;
  /** 'paymaster' (gasless, default when a paymaster is configured) or 'direct' (the account pays). */
  mode?: 'paymaster' | 'direct' | undefined;
  feeMode?: FeeMode | undefined;
  /** In gas-token mode, refuse a fee transfer above this (base units). Default: the paymaster's suggested max. */
  maxFeeInGasToken?: bigint | undefined;
  /** Wait for the receipt (and check inner calls) before resolving. Default false. */
  waitForReceipt?: boolean | undefined;
  /** Needed only for the opt-in owner-wallet fallback: the account, or a function that resolves it when needed. */
  owner?: OwnerAccountLike | (() => Promise<OwnerAccountLike | undefined>) | undefined;
}

export interface ExecuteWithSessionReturnType {
  transactionHash: string;
  /** SNIP-29 tracking id (paymaster mode). */
  trackingId: string | undefined;
  /** How it was sent: through the paymaster, directly by the session key, or by the owner's wallet (fallback). */
  via: 'paymaster' | 'direct' | 'owner';
  publicKey: string;
  /** Transactions this session will have used once this one lands. */
  callsUsed: number;
  /** Per-token spend this transaction adds (tokens with a policy). */
  spending: { token: string; amount: bigint }[];
  receipt: unknown;
}

export type ExecuteWithSessionErrorType = SessionError;

const TRANSFER = BigInt(SPENDING_TRACKED_SELECTORS.transfer);
const TRACKED = new Set(Object.values(SPENDING_TRACKED_SELECTORS).map(BigInt));

/**
 * Executes calls with the session key, popup-free: preflight (typed error, nothing sent), sign, submit
 * through the SNIP-29 paymaster (or directly). A failure leaves the session and its key as they were.
 */
export async function executeWithSession(
  config: SessionConfig,
  parameters: ExecuteWithSessionParameters,
): Promise<ExecuteWithSessionReturnType> {
  const calls = Array.isArray(parameters.calls) ? parameters.calls : [parameters.calls as SessionCall];
  const provider = providerOf(config, parameters.provider);
  const scope = await scopeOf(config, provider, parameters);
  const record = await usableSession(config, scope, parameters.publicKey);
  const signer = await config.storage.getSigner(scope, record.publicKey);
  if (!signer) throw new SessionKeyMissingError(record.publicKey);

  const account = parameters.accountAddress;
  const chain = await readSessionData(provider, account, record.publicKey);
  if (!chain.exists || chain.validUntil !== record.validUntil) {
    await config.storage.update(scope, record.publicKey, { status: 'revoked' });
    throw new SessionRevokedError(record.publicKey, { details: 'The account no longer has this session.' });
  }
  const paymaster = parameters.paymaster ?? config.paymaster;
  const mode = parameters.mode ?? (paymaster ? 'paymaster' : 'direct');
  const feeMode = parameters.feeMode ?? config.feeMode;
  const policies = await policiesFor(
    provider,
    account,
    record,
    calls,
    mode === 'paymaster' ? feeMode : undefined,
  );

  const key = `${scope.chainId}:${BigInt(account)}:${record.publicKey}`;
  const preflight = () =>
    checkSessionCalls({
      accountAddress: account,
      calls,
      session: { ...record, maxCalls: chain.maxCalls, callsUsed: chain.callsUsed, exists: chain.exists },
      spendingPolicies: policies,
      now: config.now(),
      expiryMarginSeconds: config.expiryMarginSeconds,
      pendingTransactions: config.inflight.pending(key, chain.callsUsed),
    });
  const checked = preflight();
  // Counted synchronously after the check, so parallel executes see each other.
  const reservation = config.inflight.reserve(key, chain.callsUsed);
  const callsUsed = reservation.callsUsed;
  const ctx: Context = {
    config,
    provider,
    scope,
    record,
    signer,
    account,
    calls: checked.calls,
    rawCalls: calls,
  };

  let sent: {
    transactionHash: string;
    trackingId?: string | undefined;
    via: ExecuteWithSessionReturnType['via'];
  };
  try {
    if (mode === 'paymaster' && paymaster) {
      try {
        sent = await viaPaymaster(ctx, paymaster, feeMode, parameters.maxFeeInGasToken, policies);
      } catch (error) {
        sent = await fallback(ctx, error, parameters.owner);
      }
    } else {
      sent = await viaDirect(ctx);
    }
  } catch (error) {
    reservation.fail();
    throw error;
  }
  if (sent.via === 'owner') reservation.fail(); // the owner's own transaction does not use the session

  const result: ExecuteWithSessionReturnType = {
    ...sent,
    trackingId: sent.trackingId,
    publicKey: record.publicKey,
    // An owner-wallet fallback does not use the session's budget.
    callsUsed: sent.via === 'owner' ? chain.callsUsed : callsUsed,
    spending: sent.via === 'owner' ? [] : checked.spending.map((s) => ({ token: s.token, amount: s.amount })),
    receipt: undefined,
  };
  const settle = confirm(ctx, sent.transactionHash).catch((error: unknown) => {
    // A reverted transaction consumed nothing; an unknown outcome stays counted (the safe side).
    if (isSessionError(error, 'TRANSACTION_REVERTED')) reservation.fail();
    throw error;
  });
  if (parameters.waitForReceipt) {
    result.receipt = await settle;
  } else {
    settle.catch(() => {}); // the caller did not ask; the next refresh reports the chain's truth
  }
  return result;
}

interface Context {
  config: SessionConfig;
  provider: SessionProviderLike;
  scope: SessionScope;
  record: StoredSession;
  signer: SessionSigner;
  account: string;
  calls: NormalizedCall[];
  rawCalls: readonly SessionCall[];
}

async function usableSession(
  config: SessionConfig,
  scope: SessionScope,
  publicKey?: string,
): Promise<StoredSession> {
  let record: StoredSession | undefined;
  if (publicKey) record = await config.storage.get(scope, publicKey);
  else {
    // The newest usable session; else the newest one, so its status says why it cannot be used.
    const all = await config.storage.list(scope);
    record = all.find((s) => s.status === 'active') ?? all[0];
  }
  if (!record) throw new NoSessionError();
  if (record.status === 'revoked') throw new SessionRevokedError(record.publicKey);
  if (record.status === 'pending') throw new NoSessionError();
  if (record.status === 'expired') throw new SessionExpiredError(record.validUntil, config.now());
  return record;
}

/** Reads the spending policies the preflight needs: tokens these calls (and the fee) move. */
async function policiesFor(
  provider: SessionProviderLike,
  account: string,
  record: StoredSession,
  calls: readonly SessionCall[],
  feeMode: FeeMode | undefined,
): Promise<Record<string, SpendingPolicyState> | undefined> {
  if (record.spendingLimits.length === 0) return undefined;
  const limited = new Set(record.spendingLimits.map((l) => BigInt(l.token)));
  const moved = new Set<bigint>();
  for (const c of calls) {
    try {
      const to = toAddress(c.contractAddress);
      if (limited.has(to) && TRACKED.has(toSelector(c.entrypoint))) moved.add(to);
    } catch {
      // malformed: the preflight reports it
    }
  }
  if (feeMode?.mode === 'default' && limited.has(BigInt(feeMode.gasToken)))
    moved.add(BigInt(feeMode.gasToken));
  if (moved.size === 0) return {};
  return readSpendingPolicies(provider, account, record.publicKey, [...moved].map(toHex));
}

async function viaPaymaster(
  ctx: Context,
  paymaster: PaymasterLike,
  feeMode: FeeMode,
  maxFee: bigint | undefined,
  policies: Record<string, SpendingPolicyState> | undefined,
): Promise<{ transactionHash: string; trackingId?: string | undefined; via: 'paymaster' }> {
  const { config } = ctx;
  let nonceRetried = false;
  for (let attempt = 0; ; attempt++) {
    let built: { typed_data?: PaymasterTypedData; fee?: { suggested_max_fee_in_gas_token?: unknown } };
    try {
      built = (await withTimeout(
        paymaster.buildTransaction(
          { type: 'invoke', invoke: { userAddress: ctx.account, calls: ctx.rawCalls as Call[] } },
          { version: '0x1', feeMode },
        ),
        config.paymasterTimeoutMs,
      )) as typeof built;
    } catch (error) {
      const e = paymasterError(error);
      // Nothing is signed yet: retrying is always safe.
      if (e instanceof PaymasterUnavailableError && e.retryable && attempt < config.paymasterRetries) {
        await sleep(backoff(attempt));
        continue;
      }
      throw e;
    }
    const suggested = built.fee?.suggested_max_fee_in_gas_token;
    const verified = verifyPaymasterTypedData({
      typedData: built.typed_data as PaymasterTypedData,
      accountAddress: BigInt(ctx.account),
      chainId: toChainId(ctx.scope.chainId),
      calls: ctx.calls,
      feeMode,
      maxFeeInGasToken: maxFee ?? (suggested === undefined ? undefined : BigInt(suggested as string)),
      now: config.now(),
    });
    if (verified.feeCall) {
      // The fee transfer is one of the signed calls: it must pass the session's rules too.
      checkSessionCalls({
        accountAddress: ctx.account,
        calls: [
          ...ctx.rawCalls,
          {
            contractAddress: toHex(verified.feeCall.to),
            entrypoint: toHex(TRANSFER),
            calldata: verified.feeCall.calldata.map(toHex),
          },
        ],
        // Calls were counted by the first check; this one only judges the extra fee call.
        session: { ...ctx.record, callsUsed: 0, maxCalls: 1 },
        spendingPolicies: policies,
        now: config.now(),
        expiryMarginSeconds: config.expiryMarginSeconds,
      });
    }
    assertNotExpired(ctx);
    const accountAddress = BigInt(ctx.account);
    const chainId = toChainId(ctx.scope.chainId);
    // A worker signer hashes where it signs: the page's main thread does no Poseidon and no ECDSA.
    const rs = canSignOutsideExecution(ctx.signer)
      ? await ctx.signer.signOutsideExecution({
          accountAddress,
          chainId,
          outsideExecution: verified.outsideExecution,
        })
      : await ctx.signer.signHash(
          outsideExecutionHashOf(accountAddress, chainId, verified.outsideExecution, 'u128'),
        );
    const signature = formatSessionSignature(BigInt(ctx.record.publicKey), rs, BigInt(ctx.record.validUntil));
    const submission = await executeSigned(
      ctx,
      paymaster,
      built.typed_data as PaymasterTypedData,
      signature,
      feeMode,
    );
    if (submission.ok) {
      return {
        transactionHash: submission.sent.transaction_hash,
        trackingId: submission.sent.tracking_id,
        via: 'paymaster',
      };
    }
    // Someone else used this outside-execution nonce: build (new nonce) and sign once more, then give up.
    if (nonceRetried) throw new NonceConflictError({ cause: submission.error });
    nonceRetried = true;
  }
}

type Submission =
  | { ok: true; sent: { transaction_hash: string; tracking_id?: string } }
  | { ok: false; error: unknown };

/**
 * Sends a signed outside execution. Re-sending the same signed payload can never execute twice (the
 * nonce dedupes it), so it is retried on any retryable failure. A "duplicated nonce" answer is only
 * read as "taken by someone else" when no earlier send of this payload may have landed.
 */
async function executeSigned(
  ctx: Context,
  paymaster: PaymasterLike,
  typedData: PaymasterTypedData,
  signature: string[],
  feeMode: FeeMode,
): Promise<Submission> {
  let mayHaveLanded = false;
  for (let attempt = 0; ; attempt++) {
    try {
      const sent = await withTimeout(
        paymaster.executeTransaction(
          {
            type: 'invoke',
            invoke: {
              userAddress: ctx.account,
              typedData: typedData as unknown as OutsideExecutionTypedData,
              signature,
            },
          },
          { version: '0x1', feeMode },
        ),
        ctx.config.paymasterTimeoutMs,
      );
      return { ok: true, sent };
    } catch (error) {
      const e = paymasterError(error);
      if (/duplicated nonce/i.test(`${messageOf(error)} ${e.details ?? ''}`)) {
        if (!mayHaveLanded) return { ok: false, error };
        throw new PaymasterUnavailableError(
          'The paymaster did not confirm the submission; it may have been executed.',
          { cause: error, retryable: false },
        );
      }
      if (e instanceof PaymasterUnavailableError && e.retryable) {
        mayHaveLanded ||= !definitelyNotProcessed(error);
        if (attempt < ctx.config.paymasterRetries) {
          await sleep(backoff(attempt));
          continue;
        }
        if (mayHaveLanded) {
          throw new PaymasterUnavailableError(
            'The paymaster did not answer; the transaction may still be executed.',
            {
              cause: error,
              retryable: false,
            },
          );
        }
      }
      if (e instanceof TransactionRevertedError) throw refine(e, error);
      throw e;
    }
  }
}

/** 429 and 503 answers mean the request was turned away before anything ran. */
function definitelyNotProcessed(error: unknown): boolean {
  return /\b429\b|\b503\b|rate.?limit|too many requests|service unavailable/i.test(messageOf(error));
}

/** The clock may have moved while the paymaster answered: never sign past the margin. */
function assertNotExpired(ctx: Context): void {
  const now = ctx.config.now();
  if (now + ctx.config.expiryMarginSeconds > ctx.record.validUntil) {
    throw new SessionExpiredError(ctx.record.validUntil, now);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return promise;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new PaymasterUnavailableError(`The paymaster did not answer within ${ms} ms.`, { retryable: true }),
        ),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function viaDirect(ctx: Context): Promise<{ transactionHash: string; via: 'direct' }> {
  const account = new Account({
    provider: ctx.provider as unknown as ProviderInterface,
    address: toHex(BigInt(ctx.account)),
    signer: new SessionInvokeSigner(ctx.signer, BigInt(ctx.record.validUntil)),
  });
  for (let attempt = 0; ; attempt++) {
    assertNotExpired(ctx);
    try {
      const { transaction_hash } = await account.execute(ctx.rawCalls as Call[]);
      return { transactionHash: transaction_hash, via: 'direct' };
    } catch (error) {
      const nonceTaken =
        /nonce/i.test(messageOf(error)) && /invalid|taken|used|already/i.test(messageOf(error));
      if (nonceTaken && attempt === 0) continue; // re-signed with the fresh nonce starknet.js reads
      if (nonceTaken) throw new NonceConflictError({ cause: error });
      throw refine(
        new TransactionRevertedError(undefined, {
          cause: error,
          details: revertReason(error) ?? messageOf(error),
        }),
        error,
      );
    }
  }
}

/** Opt-in fallbacks when the paymaster cannot be used: direct (no prompt), then the owner's wallet. */
async function fallback(
  ctx: Context,
  error: unknown,
  ownerOrResolver: ExecuteWithSessionParameters['owner'],
): Promise<{ transactionHash: string; via: 'direct' | 'owner' }> {
  if (!(error instanceof PaymasterUnavailableError)) throw error;
  const { fallback: allowed } = ctx.config;
  if (allowed.direct) return viaDirect(ctx);
  const owner =
    allowed.ownerWallet && typeof ownerOrResolver === 'function' ? await ownerOrResolver() : ownerOrResolver;
  if (allowed.ownerWallet && owner && typeof owner !== 'function') {
    try {
      const { transaction_hash } = await owner.execute(ctx.rawCalls as Call[]);
      return { transactionHash: transaction_hash, via: 'owner' };
    } catch (ownerError) {
      throw walletError(ownerError);
    }
  }
  throw error;
}

/** Waits for the receipt, reports inner-call failures, and records the chain's calls_used. */
async function confirm(ctx: Context, transactionHash: string): Promise<unknown> {
  const receipt = await waitForSuccess(ctx.provider, transactionHash);
  const failures = await innerFailures(ctx, transactionHash);
  try {
    const chain = await readSessionData(ctx.provider, ctx.account, ctx.record.publicKey);
    await ctx.config.storage.update(ctx.scope, ctx.record.publicKey, { callsUsed: chain.callsUsed });
  } catch {
    // display data only; the chain stays the truth
  }
  if (failures.length > 0) throw new InnerCallFailedError(transactionHash, failures);
  return receipt;
}

interface TraceInvocation {
  contract_address?: string;
  entry_point_selector?: string;
  is_reverted?: boolean;
  result?: string[];
  revert_reason?: string;
  calls?: TraceInvocation[];
}

/** The account executes calls non-atomically: find the ones that reverted inside a successful transaction. */
async function innerFailures(ctx: Context, transactionHash: string): Promise<InnerCallFailure[]> {
  if (!ctx.provider.getTransactionTrace) return [];
  let trace: { execute_invocation?: TraceInvocation } | undefined;
  try {
    trace = (await ctx.provider.getTransactionTrace(transactionHash)) as typeof trace;
  } catch {
    return [];
  }
  const account = BigInt(ctx.account);
  const entry = findAccountEntry(trace?.execute_invocation, account);
  if (!entry?.calls) return [];
  const inner = entry.calls;
  // Spec 0.10 gives a reverted call no reason field: its `result` is the panic data. Shortstring
  // felts read as text ('Game: out of bounds'), anything else stays hex.
  const panicText = (felts: string[] | undefined) =>
    felts
      ?.map((f) => {
        const n = BigInt(f);
        return (n === 0n ? undefined : decodeShortString(n)) ?? toHex(n);
      })
      .join(' ');
  const failures: InnerCallFailure[] = [];
  for (let i = 0; i < inner.length && i < ctx.calls.length; i++) {
    const c = inner[i]!;
    if (c.is_reverted) {
      failures.push({
        index: i,
        contractAddress: toHex(BigInt(c.contract_address ?? 0)),
        selector: toHex(BigInt(c.entry_point_selector ?? 0)),
        reason: c.revert_reason ?? panicText(c.result),
      });
    }
  }
  return failures;
}

function findAccountEntry(node: TraceInvocation | undefined, account: bigint): TraceInvocation | undefined {
  if (!node) return undefined;
  if (node.contract_address !== undefined && BigInt(node.contract_address) === account) return node;
  for (const child of node.calls ?? []) {
    const found = findAccountEntry(child, account);
    if (found) return found;
  }
  return undefined;
}

/** Adds the contract's reason to a revert error so users see 'Session: unauthorized selector' etc. */
function refine(error: TransactionRevertedError, cause: unknown): TransactionRevertedError {
  const reason = revertReason(cause);
  return reason && !error.details?.includes(reason)
    ? new TransactionRevertedError(error.transactionHash, { cause, details: reason })
    : error;
}

const backoff = (attempt: number) => Math.min(2000, 150 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
