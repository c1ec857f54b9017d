import { CodeNamedError, SessionError } from './base.js';

/** A node or paymaster could not be reached or answered with an error that is not a contract revert. */
export class RpcRequestError extends SessionError<'RPC_ERROR'> {
  override name = 'RpcRequestError';
  declare readonly method: string | undefined;
  constructor(shortMessage: string, options?: { method?: string; cause?: unknown; details?: string }) {
    super('RPC_ERROR', shortMessage, options);
    this.method = options?.method;
  }
}

export type SessionNotSupportedReason = 'unknown-account' | 'unsafe-version';

const NOT_SUPPORTED_MESSAGES = {
  'session-keys': 'This account has no session keys.',
  'outside-execution': 'This account lacks outside execution (SNIP-9 v2).',
  'spending-policy': 'This account cannot cap spending (needs v33).',
  'unknown-account': 'Unknown account class.',
  'unsafe-version': 'On v28 any session key can act as the owner.',
} as const;

/** The connected account cannot run SNIP session keys (or lacks a feature the dApp asked for). */
export class SessionNotSupportedError extends CodeNamedError<'SESSION_NOT_SUPPORTED'> {
  declare readonly accountAddress: string;
  declare readonly missing: 'session-keys' | 'outside-execution' | 'spending-policy';
  /** Why sessions are refused on an account that has the entrypoints: an unknown or unsafe class. */
  declare readonly reason: SessionNotSupportedReason | undefined;
  constructor(
    accountAddress: string,
    missing: SessionNotSupportedError['missing'],
    details?: string,
    reason?: SessionNotSupportedReason,
  ) {
    super('SESSION_NOT_SUPPORTED', NOT_SUPPORTED_MESSAGES[reason ?? missing], { details });
    this.accountAddress = accountAddress;
    this.missing = missing;
    this.reason = reason;
  }
}

/** After an owner transaction, the account holds something other than what was asked. */
export class AccountStateMismatchError extends CodeNamedError<'ACCOUNT_STATE_MISMATCH'> {
  /** Which owner transaction: 'create', 'update', 'set-policy', 'remove-policy', 'revoke'. */
  declare readonly operation: string;
  declare readonly transactionHash: string | undefined;
  /** What was asked, and what the account holds now (field by field). */
  declare readonly asked: Readonly<Record<string, string>>;
  declare readonly holds: Readonly<Record<string, string>>;
  constructor(
    operation: string,
    asked: Record<string, string>,
    holds: Record<string, string>,
    options?: { transactionHash?: string | undefined; cause?: unknown },
  ) {
    super('ACCOUNT_STATE_MISMATCH', 'The account does not hold what was asked.', {
      ...options, // its cause
      details: JSON.stringify({ asked, holds }),
      metaMessages: [`Operation: ${operation}`],
    });
    this.operation = operation;
    this.transactionHash = options?.transactionHash;
    this.asked = asked;
    this.holds = holds;
  }
}

/**
 * The node's answer says the session is gone, but nothing confirms it yet (a lagging node answers from
 * an older state): nothing was changed or wiped. Retry later; the state carries `stale: true` meanwhile.
 */
export class StaleReadError extends CodeNamedError<'STALE_READ'> {
  declare readonly retryable: true;
  /** The block where the session was last seen alive, when known. */
  declare readonly aliveAtBlock: number | undefined;
  constructor(options: { aliveAtBlock?: number | undefined; cause?: unknown; details?: string } = {}) {
    super('STALE_READ', 'The node may be behind; try again later.', options);
    this.retryable = true;
    this.aliveAtBlock = options.aliveAtBlock;
  }
}
