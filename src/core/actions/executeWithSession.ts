import type { Call, ProviderInterface } from 'starknet';
import { normalizeCalls, type SessionCall, trackedSelectors } from '../call.js';
import { toChainId } from '../chain.js';
import {
  InnerCallFailedError,
  type InnerCallFailure,
  isSessionError,
  NonceConflictError,
  NoSessionError,
  PaymasterResponseMismatchError,
  PaymasterUnavailableError,
  type SessionError,
  SessionExpiredError,
  SessionKeyMissingError,
  SessionRevokedError,
  TransactionRevertedError,
} from '../errors/index.js';
import { decodeShortString, parseBigInt, toAddress, toHex } from '../felt.js';
import { outsideExecutionHashOf } from '../hash.js';
import { type FeeMode, type PaymasterTypedData, verifyPaymasterTypedData } from '../paymaster.js';
import { checkSessionCalls } from '../preflight.js';
import { formatSessionSignature } from '../sign.js';
import { canSignOutsideExecution } from '../worker/client.js';
import { readSessionData, readSpendingPolicies, scopeOf } from './chain.js';
import { messageOf, revertReason } from './classify.js';
import type { SessionConfig } from './config.js';
import { pickSession } from './getSessionState.js';
import { buildInvoke, executeInvoke } from './paymasterRequest.js';
import { createAccountOnProvider } from './starknetCompat.js';
import { SessionInvokeSigner } from './starknetSigner.js';
import { ownerExecute, waitForSuccess } from './submitOwner.js';
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

/**
 * Executes calls with the session key, popup-free: preflight (typed error, nothing sent), sign, submit
 * through the SNIP-29 paymaster (or directly). A failure leaves the session and its key as they were.
 */
export async function executeWithSession(
  config: SessionConfig,
  parameters: ExecuteWithSessionParameters,
): Promise<ExecuteWithSessionReturnType> {
  const calls: readonly SessionCall[] = [parameters.calls].flat();
  const account = parameters.accountAddress;
  const [provider, scope] = await scopeOf(config, parameters);
  // The given session, else the newest active one; an error says why there is none to use.
  const record = await pickSession(config, scope, parameters.publicKey, ['active']);
  if (!record || record.status === 'pending') throw new NoSessionError();
  if (record.status === 'revoked') throw new SessionRevokedError(record.publicKey);
  if (record.status === 'expired') throw new SessionExpiredError(record.validUntil, config.now());
  const { publicKey, validUntil } = record;
  const signer = await config.storage.getSigner(scope, publicKey);
  if (!signer) throw new SessionKeyMissingError(publicKey);

  const chain = await readSessionData(provider, account, publicKey);
  if (!chain.exists || chain.validUntil !== validUntil) {
    await config.storage.update(scope, publicKey, { status: 'revoked' });
    throw new SessionRevokedError(publicKey, { details: 'The account no longer has this session.' });
  }
  const paymaster = parameters.paymaster ?? config.paymaster;
  const mode = parameters.mode ?? (paymaster ? 'paymaster' : 'direct');
  const feeMode = parameters.feeMode ?? config.feeMode;
  // The spending policies the preflight needs: of the limited tokens, those these calls (and the fee)
  // move; none, no request. A malformed call throws here the typed error the preflight would.
  const moved = normalizeCalls(calls).flatMap((c) => (trackedSelectors().has(c.selector) ? [c.to] : []));
  if (mode === 'paymaster' && feeMode.mode === 'default')
    moved.push(toAddress(feeMode.gasToken, 'feeMode.gasToken'));
  const limited = new Set(record.spendingLimits.map((l) => BigInt(l.token)));
  const policies = await readSpendingPolicies(
    provider,
    account,
    publicKey,
    [...new Set(moved.filter((token) => limited.has(token)))].map(toHex),
  );
  const address = BigInt(account);
  const key = `${scope.chainId}:${address}:${publicKey}`;
  // The chain's validUntil is the record's (checked above); its counters are the truth.
  const checked = checkSessionCalls({
    accountAddress: account,
    calls,
    session: { ...record, ...chain },
    spendingPolicies: policies,
    now: config.now(),
    expiryMarginSeconds: config.expiryMarginSeconds,
    pendingTransactions: config.inflight.pending(key, chain.callsUsed),
  });
  // Counted synchronously after the check, so parallel executes see each other.
  const reservation = config.inflight.reserve(key, chain.callsUsed);

  // Judged once more right before each signature, without counting the calls again: the clock may have
  // moved while the paymaster answered (never sign past the margin), and in gas-token mode the paymaster's
  // fee transfer is one more signed call that must pass the session's rules too.
  const recheck = (fee: SessionCall[] = []) =>
    checkSessionCalls({
      accountAddress: account,
      calls: [...calls, ...fee],
      session: { ...record, callsUsed: 0, maxCalls: 1 },
      spendingPolicies: policies,
      now: config.now(),
      expiryMarginSeconds: config.expiryMarginSeconds,
    });

  const viaPaymaster = async (paymaster: PaymasterLike) => {
    const chainId = toChainId(scope.chainId);
    for (let round = 0; ; round++) {
      // Nothing is signed yet: retrying the build is always safe.
      const built = await buildInvoke(paymaster, account, calls as Call[], feeMode, config);
      const typedData = built.typed_data as PaymasterTypedData;
      const fee = built.fee?.suggested_max_fee_in_gas_token;
      const suggested = parseBigInt(fee);
      if (fee !== undefined && suggested === undefined) {
        throw new PaymasterResponseMismatchError('fee.suggested_max_fee_in_gas_token', 'not an amount');
      }
      const { outsideExecution, feeCall } = verifyPaymasterTypedData({
        typedData,
        accountAddress: address,
        chainId,
        calls: checked.calls,
        feeMode,
        maxFeeInGasToken: parameters.maxFeeInGasToken ?? suggested,
        now: config.now(),
      });
      recheck(
        feeCall && [
          {
            contractAddress: toHex(feeCall.to),
            entrypoint: toHex(feeCall.selector),
            calldata: feeCall.calldata.map(toHex),
          },
        ],
      );
      // A worker signer hashes where it signs: the page's main thread does no Poseidon and no ECDSA.
      const rs = canSignOutsideExecution(signer)
        ? await signer.signOutsideExecution({ accountAddress: address, chainId, outsideExecution })
        : await signer.signHash(outsideExecutionHashOf(address, chainId, outsideExecution, 'u128'));
      const signature = formatSessionSignature(BigInt(publicKey), rs, BigInt(validUntil));
      // Re-sending the same signed payload can never execute twice (the nonce dedupes it), so it is retried
      // on any retryable failure. A "duplicated nonce" answer is only read as "taken by someone else" when
      // no earlier send of this payload may have landed.
      let mayHaveLanded = false;
      try {
        const sent = await executeInvoke(
          paymaster,
          account,
          typedData,
          signature,
          feeMode,
          config,
          (error, e, retried) => {
            // (The message holds the mapped error's details too.)
            if (/duplicated nonce/i.test(messageOf(error))) {
              if (!mayHaveLanded) throw new NonceConflictError({ cause: error });
              throw new PaymasterUnavailableError(
                'The paymaster did not confirm the submission; it may have been executed.',
                { cause: error, retryable: false },
              );
            }
            if (e instanceof PaymasterUnavailableError && e.retryable) {
              // 429 and 503 answers mean the request was turned away before anything ran.
              mayHaveLanded ||= !/\b429\b|\b503\b|rate.?limit|too many requests|service unavailable/i.test(
                messageOf(error),
              );
              if (!retried && mayHaveLanded) {
                throw new PaymasterUnavailableError(
                  'The paymaster did not answer; the transaction may still be executed.',
                  { cause: error, retryable: false },
                );
              }
            }
          },
        );
        return {
          transactionHash: sent.transaction_hash,
          trackingId: sent.tracking_id,
          via: 'paymaster' as const,
        };
      } catch (error) {
        // Someone else used this outside-execution nonce: build (new nonce) and sign once more, then give up.
        if (round > 0 || !(error instanceof NonceConflictError)) throw error;
      }
    }
  };

  const viaDirect = async () => {
    const direct = createAccountOnProvider({
      provider: provider as unknown as ProviderInterface,
      address: toHex(address),
      signer: new SessionInvokeSigner(signer, BigInt(validUntil)),
    });
    for (let attempt = 0; ; attempt++) {
      recheck();
      try {
        const { transaction_hash } = await direct.execute(calls as Call[]);
        return { transactionHash: transaction_hash, via: 'direct' as const };
      } catch (error) {
        const message = messageOf(error);
        if (!/nonce/i.test(message) || !/invalid|taken|used|already/i.test(message)) {
          throw new TransactionRevertedError(undefined, {
            cause: error,
            details: revertReason(error) ?? message,
          });
        }
        // The nonce was taken: re-signed once with the fresh nonce starknet.js reads.
        if (attempt > 0) throw new NonceConflictError({ cause: error });
      }
    }
  };

  /** Opt-in fallbacks when the paymaster cannot be used: direct (no prompt), then the owner's wallet. */
  const fallback = async (error: unknown) => {
    // Not when the outside execution may have run (retryable: false): the calls would run twice.
    if (error instanceof PaymasterUnavailableError && error.retryable) {
      if (config.fallback.direct) return viaDirect();
      if (config.fallback.ownerWallet) {
        const { owner } = parameters;
        const wallet = typeof owner === 'function' ? await owner() : owner;
        if (wallet)
          return { transactionHash: await ownerExecute(wallet, calls as Call[]), via: 'owner' as const };
      }
    }
    throw error;
  };

  const sent: {
    transactionHash: string;
    trackingId?: string | undefined;
    via: 'paymaster' | 'direct' | 'owner';
  } = await (mode === 'paymaster' && paymaster ? viaPaymaster(paymaster).catch(fallback) : viaDirect()).catch(
    (error: unknown) => {
      reservation.fail();
      throw error;
    },
  );
  // The owner's own transaction does not use the session's budget.
  const byOwner = sent.via === 'owner';
  if (byOwner) reservation.fail();

  const result: ExecuteWithSessionReturnType = {
    ...sent,
    trackingId: sent.trackingId,
    publicKey,
    callsUsed: byOwner ? chain.callsUsed : reservation.callsUsed,
    spending: byOwner ? [] : checked.spending.map(({ token, amount }) => ({ token, amount })),
    receipt: undefined,
  };
  // Waits for the receipt, reports inner-call failures, and records the chain's calls_used.
  const settle = (async () => {
    const { transactionHash } = sent;
    const receipt = await waitForSuccess(provider, transactionHash);
    // The account executes calls non-atomically: find the ones that reverted inside the transaction.
    let trace: { execute_invocation?: TraceInvocation } | undefined;
    try {
      trace = (await provider.getTransactionTrace?.(transactionHash)) as typeof trace;
    } catch {
      // no trace: no failures to report
    }
    // The account's own entry, first in depth-first order (under a paymaster's forwarder, it is nested).
    const find = (node: TraceInvocation | undefined): TraceInvocation | undefined =>
      node &&
      (BigInt(node.contract_address ?? -1) === address
        ? node
        : node.calls?.reduce<TraceInvocation | undefined>((found, child) => found ?? find(child), undefined));
    const failures: InnerCallFailure[] = (find(trace?.execute_invocation)?.calls ?? [])
      .slice(0, checked.calls.length)
      .flatMap((c, index) =>
        c.is_reverted
          ? [
              {
                index,
                contractAddress: toHex(BigInt(c.contract_address ?? 0)),
                selector: toHex(BigInt(c.entry_point_selector ?? 0)),
                // Spec 0.10 gives a reverted call no reason field: its `result` is the panic data.
                // Shortstring felts read as text ('Game: out of bounds'), anything else stays hex.
                reason:
                  c.revert_reason ??
                  c.result
                    ?.map((f) => {
                      const n = BigInt(f);
                      return decodeShortString(n) || toHex(n); // 0 decodes to ''
                    })
                    .join(' '),
              },
            ]
          : [],
      );
    try {
      const { callsUsed } = await readSessionData(provider, account, publicKey);
      await config.storage.update(scope, publicKey, { callsUsed });
    } catch {
      // display data only; the chain stays the truth
    }
    if (failures.length > 0) throw new InnerCallFailedError(transactionHash, failures);
    return receipt;
  })().catch((error: unknown) => {
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

interface TraceInvocation {
  contract_address?: string;
  entry_point_selector?: string;
  is_reverted?: boolean;
  result?: string[];
  revert_reason?: string;
  calls?: TraceInvocation[];
}
