import type { Call } from 'starknet';
import {
  PaymasterResponseMismatchError,
  PaymasterUnavailableError,
  type SessionError,
} from '../errors/index.js';
import { parseBigInt } from '../felt.js';
import type { FeeMode, PaymasterTypedData } from '../paymaster.js';
import { paymasterError } from './classify.js';
import type { SessionConfig } from './config.js';
import type { PaymasterLike } from './types.js';

type OutsideExecutionTypedData = Parameters<PaymasterLike['executeTransaction']>[0] extends {
  invoke: { typedData: infer T };
}
  ? T
  : never;

/** Retries with backoff and a timeout per request (the config's); without them, one plain request. */
export type PaymasterRetry = Pick<SessionConfig, 'paymasterRetries' | 'paymasterTimeoutMs'>;

/** Sees each failure (raw, mapped, and whether it is retried) and may throw its own error instead. */
export type PaymasterFailureInspector = (error: unknown, mapped: SessionError, retried: boolean) => void;

/**
 * One paymaster request: what it throws becomes the library's error (paymasterError), and with `retry`
 * it runs under the timeout and is retried with backoff while the failure is retryable.
 */
export async function paymasterRequest<T>(
  send: () => Promise<T>,
  retry?: PaymasterRetry,
  inspect?: PaymasterFailureInspector,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTimeout(send(), retry?.paymasterTimeoutMs ?? 0);
    } catch (error) {
      const e = paymasterError(error);
      const again =
        e instanceof PaymasterUnavailableError && e.retryable && attempt < (retry?.paymasterRetries ?? 0);
      inspect?.(error, e, again);
      if (!again) throw e;
      // Backoff: 150 ms doubling up to 2 s, ±25 % jitter.
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(2000, 150 * 2 ** attempt) * (0.75 + Math.random() * 0.5)),
      );
    }
  }
}

/** How far this device's clock and the chain's block time may disagree (seconds). */
export const CLOCK_SKEW_SECONDS = 60;

/** The SNIP-29 time bounds to ask for: valid from a minute ago (clock skew) until the window's end. */
export type RequestedTimeBounds = { executeAfter: number; executeBefore: number };

export function requestedTimeBounds(
  config: Pick<SessionConfig, 'now' | 'maxExecuteWindowSeconds'>,
): RequestedTimeBounds {
  const now = config.now();
  return {
    executeAfter: Math.max(1, now - CLOCK_SKEW_SECONDS),
    executeBefore: now + config.maxExecuteWindowSeconds,
  };
}

/** paymaster_buildTransaction of an invoke: the outside execution to sign, and the fee. */
export function buildInvoke(
  paymaster: PaymasterLike,
  userAddress: string,
  calls: readonly Call[],
  feeMode: FeeMode,
  retry?: PaymasterRetry,
  timeBounds?: RequestedTimeBounds,
) {
  return paymasterRequest(async () => {
    const built = await paymaster.buildTransaction(
      { type: 'invoke', invoke: { userAddress, calls: calls as Call[] } },
      { version: '0x1', feeMode, ...(timeBounds && { timeBounds }) },
    );
    // No answer object is no build: typed here, never a TypeError where `typed_data` is read.
    if (built === null || typeof built !== 'object') {
      throw new PaymasterResponseMismatchError('result', 'the paymaster answered no build');
    }
    return built as { typed_data?: PaymasterTypedData; fee?: unknown };
  }, retry);
}

/** paymaster_executeTransaction of a signed outside execution. */
export async function executeInvoke(
  paymaster: PaymasterLike,
  userAddress: string,
  typedData: PaymasterTypedData | undefined,
  signature: string[],
  feeMode: FeeMode,
  retry?: PaymasterRetry,
  inspect?: PaymasterFailureInspector,
): ReturnType<PaymasterLike['executeTransaction']> {
  const sent = await paymasterRequest(
    () =>
      paymaster.executeTransaction(
        {
          type: 'invoke',
          invoke: { userAddress, typedData: typedData as unknown as OutsideExecutionTypedData, signature },
        },
        { version: '0x1', feeMode },
      ),
    retry,
    inspect,
  );
  if (
    parseBigInt((sent as { transaction_hash?: unknown } | null | undefined)?.transaction_hash) === undefined
  ) {
    // It answered, so the payload may have run: a typed error that is never retried.
    throw new PaymasterUnavailableError('The paymaster sent no transaction hash; it may have executed.', {
      retryable: false,
    });
  }
  return sent;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  // 0, NaN, Infinity: no limit. (PaymasterUnavailableError is retryable by default.)
  return ms > 0 && ms < Number.POSITIVE_INFINITY
    ? new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new PaymasterUnavailableError(`The paymaster did not answer within ${ms} ms.`)),
          ms,
        );
        promise.then(resolve, reject).finally(() => clearTimeout(timer));
      })
    : promise;
}
