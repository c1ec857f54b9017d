import { errorName, SessionError } from './base.js';

/** A node or paymaster could not be reached or answered with an error that is not a contract revert. */
export class RpcRequestError extends SessionError<'RPC_ERROR'> {
  override name = 'RpcRequestError';
  declare readonly method: string | undefined;
  constructor(shortMessage: string, options?: { method?: string; cause?: unknown; details?: string }) {
    super('RPC_ERROR', shortMessage, options);
    this.method = options?.method;
  }
}

/** The connected account cannot run SNIP session keys (or lacks a feature the dApp asked for). */
export class SessionNotSupportedError extends SessionError<'SESSION_NOT_SUPPORTED'> {
  override name = errorName(this.code);
  declare readonly accountAddress: string;
  declare readonly missing: 'session-keys' | 'outside-execution' | 'spending-policy';
  constructor(accountAddress: string, missing: SessionNotSupportedError['missing'], details?: string) {
    super(
      'SESSION_NOT_SUPPORTED',
      missing === 'session-keys'
        ? 'This account does not support SNIP session keys.'
        : missing === 'outside-execution'
          ? 'This account does not support outside execution (SNIP-9 v2), needed for gasless actions.'
          : 'This account does not support spending policies.',
      { details },
    );
    this.accountAddress = accountAddress;
    this.missing = missing;
  }
}

/**
 * The node's answer says the session is gone, but nothing confirms it yet (a lagging node answers from
 * an older state): nothing was changed or wiped. Retry later; the state carries `stale: true` meanwhile.
 */
export class StaleReadError extends SessionError<'STALE_READ'> {
  override name = errorName(this.code);
  declare readonly retryable: true;
  /** The block where the session was last seen alive, when known. */
  declare readonly aliveAtBlock: number | undefined;
  constructor(options: { aliveAtBlock?: number | undefined; cause?: unknown; details?: string } = {}) {
    super(
      'STALE_READ',
      'The node may be behind: its answer about this session is not confirmed yet.',
      options,
    );
    this.retryable = true;
    this.aliveAtBlock = options.aliveAtBlock;
  }
}
