import {
  isSessionError,
  PaymasterRejectedError,
  PaymasterUnavailableError,
  RpcRequestError,
  type SessionError,
  TransactionRevertedError,
  UserRejectedError,
} from '../errors/index.js';

/** The error's code, as is: callers only compare it with numbers and strings. */
function codeOf(error: unknown): unknown {
  const e = error as { code?: unknown; rpcCode?: unknown; baseError?: { code?: unknown } } | null;
  return e?.rpcCode ?? e?.baseError?.code ?? e?.code;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** True when a wallet error means "the user said no" (get-starknet code 113, EIP-1193 4001, or the words). */
export function isUserRejection(error: unknown): boolean {
  const code = codeOf(error);
  return (
    code === 113 ||
    code === 4001 ||
    code === 'USER_REFUSED_OP' ||
    /USER_REFUSED_OP|user (rejected|refused|denied|cancel|abort)|rejected by (the )?user|request rejected/i.test(
      messageOf(error),
    )
  );
}

/** Maps what a wallet threw to the library's errors. */
export function walletError(error: unknown): SessionError {
  if (isSessionError(error) && !('rpcCode' in (error as object))) return error;
  if (isUserRejection(error)) return new UserRejectedError({ cause: error });
  return new TransactionRevertedError(undefined, { cause: error, details: messageOf(error) });
}

/** Maps what a paymaster client threw. Only "could not reach / overloaded" is retryable. */
export function paymasterError(error: unknown): SessionError {
  if (isSessionError(error)) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  if (code === 156) {
    return new TransactionRevertedError(undefined, { cause: error, details: message });
  }
  // SNIP-29 codes 150-160 but 152 mean "the paymaster refused this request" rather than "it is not
  // there" (156, TRANSACTION_EXECUTION_ERROR, is a revert: above).
  if (typeof code === 'number' && code > 149 && code < 161 && code !== 152) {
    return new PaymasterRejectedError('The paymaster refused this transaction.', {
      cause: error,
      details: message,
    });
  }
  // Down, overloaded or rate limiting (429): a user or an agent waits before trying again; retryable (the default).
  const rateLimited = /\b429\b|rate.?limit|too many requests/i.test(message);
  return new PaymasterUnavailableError(
    rateLimited ? 'The paymaster is rate limiting requests.' : 'The paymaster is unavailable.',
    { cause: error, details: message },
  );
}

/** Maps a node error that is not a contract answer. */
export function rpcError(error: unknown, method: string): SessionError {
  if (isSessionError(error)) return error;
  return new RpcRequestError(`The node did not answer ${method}.`, {
    method,
    cause: error,
    details: messageOf(error),
  });
}

/** Extracts a contract revert reason like 'Session: unauthorized selector' from any error text. */
export function revertReason(error: unknown): string | undefined {
  const text = isSessionError(error) ? `${error.details ?? ''} ${messageOf(error.cause)}` : messageOf(error);
  const known =
    /(Session: [a-z_ ]+|SRC9: [a-z_ <=>]+|Spending: [a-z_ -]+|Account: [a-z_ ]+|argent\/[a-z-]+)/i.exec(text);
  return known?.[1]?.trim();
}

export { messageOf };
