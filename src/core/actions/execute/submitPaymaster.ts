import type { Call } from 'starknet';
import { toChainId } from '../../chain.js';
import { PaymasterUnavailableError, type SessionError } from '../../errors/index.js';
import { toAddress, toHex } from '../../felt.js';
import { type NormalizedOutsideExecution, outsideExecutionHashOf } from '../../hash.js';
import { feeBoundMissing, type PaymasterTypedData, verifyPaymasterTypedData } from '../../paymaster.js';
import { formatSessionSignature } from '../../sign.js';
import { canSignOutsideExecution } from '../../worker/client.js';
import { feeBound } from '../config.js';
import { buildInvoke, CLOCK_SKEW_SECONDS, executeInvoke, requestedTimeBounds } from '../paymasterRequest.js';
import type { PaymasterLike } from '../types.js';
import type { Checked, ResolvedSession, Sent } from './context.js';

/**
 * Gasless: the paymaster builds the outside execution, we verify it against the app's bounds (calls, fee,
 * recipient, Caller, time window), sign it with the session key, send it. Once the signature has left,
 * only the identical payload is ever re-sent: any failure is "may have executed" until it expired unused.
 */
export async function submitPaymaster(
  session: ResolvedSession,
  paymaster: PaymasterLike,
  checked: Checked,
): Promise<Sent> {
  const { config, accountAddress, feeMode } = session;
  const chainId = toChainId(session.scope.chainId);
  const maxFeeInGasToken = feeBoundOf(session, checked);
  // Nothing is signed yet: retrying the build is always safe.
  const built = await buildInvoke(
    paymaster,
    accountAddress,
    session.calls as Call[],
    feeMode,
    config,
    requestedTimeBounds(config),
  );
  const typedData = built.typed_data as PaymasterTypedData;
  checked.recheck(); // an expired session says so before a stale answer does
  // Every bound named here, from the app's config: nothing reaches the verifier by accident.
  const { outsideExecution, feeCall } = verifyPaymasterTypedData({
    typedData,
    accountAddress: session.address,
    chainId,
    calls: checked.calls,
    feeMode,
    maxFeeInGasToken,
    fee: built.fee,
    now: config.now(),
    maxExecuteWindowSeconds: config.maxExecuteWindowSeconds,
    allowAnyCaller: config.allowAnyCaller,
    paymasterForwarder:
      config.paymasterForwarder === undefined ? undefined : BigInt(config.paymasterForwarder),
  });
  // The session's rules once more with the fee call (the clock may have moved while the paymaster
  // answered); the fee's spend is held with the calls' own.
  const fee = feeCall && [
    {
      contractAddress: toHex(feeCall.to),
      entrypoint: toHex(feeCall.selector),
      calldata: feeCall.calldata,
    },
  ];
  checked.own?.setSpend(checked.recheck(fee).spending);
  const signature = await sign(session, chainId, outsideExecution);
  // Whatever happens to this payload, after its Execute Before the chain shows what it did.
  checked.own?.expireAt(Number(outsideExecution.executeBefore) + CLOCK_SKEW_SECONDS);
  try {
    // Retries re-send this same payload: its nonce lets it run at most once.
    const sent = await executeInvoke(paymaster, accountAddress, typedData, signature, feeMode, config);
    return { transactionHash: sent.transaction_hash, trackingId: sent.tracking_id, via: 'paymaster' };
  } catch (error) {
    throw await afterSignature(session, checked, outsideExecution, error);
  }
}

/** A worker signer hashes where it signs: the page's main thread does no Poseidon and no ECDSA. */
async function sign(
  session: ResolvedSession,
  chainId: bigint,
  outsideExecution: NormalizedOutsideExecution,
): Promise<string[]> {
  const { signer, address, record } = session;
  const rs = canSignOutsideExecution(signer)
    ? await signer.signOutsideExecution({ accountAddress: address, chainId, outsideExecution })
    : await signer.signHash(outsideExecutionHashOf(address, chainId, outsideExecution, 'u128'));
  return formatSessionSignature(BigInt(record.publicKey), rs, BigInt(record.validUntil));
}

/**
 * Gas-token mode needs a bound the app set: the call's, the config's, else the cap of the session's
 * spending policy on the gas token as the chain holds it. Never the paymaster's own figure.
 */
function feeBoundOf(session: ResolvedSession, checked: Checked): bigint | undefined {
  const { feeMode } = session;
  if (feeMode.mode !== 'default') return undefined;
  const set = feeBound(session.maxFeeInGasToken) ?? session.config.maxFeeInGasToken;
  if (set !== undefined) return set;
  const token = toAddress(feeMode.gasToken, 'feeMode.gasToken');
  const policy = checked.policies[toHex(token)];
  if (policy && policy.maxPerWindow > 0n) return policy.maxPerCall;
  throw feeBoundMissing(token);
}

/**
 * The error once the signed payload has left. Retryable (fallbacks may run) only when its Execute Before
 * has passed and the account says its nonce is still unused; else it may still run: the hold stays
 * until it expires, and nothing else is tried.
 */
async function afterSignature(
  session: ResolvedSession,
  checked: Checked,
  outsideExecution: NormalizedOutsideExecution,
  error: unknown,
): Promise<SessionError> {
  let unused = false; // no answer (or not a number): it may still run
  // It can never run once past its Execute Before (by more than a chain clock lagging ours could make
  // up) with its nonce unused on chain.
  if (session.config.now() > Number(outsideExecution.executeBefore) + CLOCK_SKEW_SECONDS) {
    try {
      const [valid] = await session.provider.callContract({
        contractAddress: session.accountAddress,
        entrypoint: 'is_valid_outside_execution_nonce',
        calldata: [toHex(outsideExecution.nonce)],
      });
      unused = BigInt(valid as string) === 1n;
    } catch {}
  }
  if (unused) checked.own?.expireAt(undefined); // it never ran: the hold now waits for a fallback, if any
  return new PaymasterUnavailableError(
    unused
      ? 'The signed action expired unused.'
      : `The action may have executed: do not retry before ${outsideExecution.executeBefore}.`,
    { cause: error, details: (error as SessionError | undefined)?.details, retryable: unused },
  );
}
