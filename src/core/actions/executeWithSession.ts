import type { SessionCall } from '../call.js';
import type { SessionError } from '../errors/index.js';
import { inputObject } from '../input.js';
import type { FeeMode } from '../paymaster.js';
import type { SessionConfig } from './config.js';
import { check, release, reserve } from './execute/check.js';
import { readChainState } from './execute/readChainState.js';
import { resolveSession } from './execute/resolveSession.js';
import { fitRoute } from './execute/route.js';
import { settle } from './execute/settle.js';
import { submit } from './execute/submit.js';
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
  /**
   * In gas-token mode, refuse a fee transfer above this (base units). Default: the config's, else the
   * session's spending policy on the gas token; with none of them the execute is refused (INVALID_INPUT).
   */
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
  const session = await resolveSession(config, inputObject(parameters));
  const readFrom = config.inflight.mark(); // spend that lands after this is not in the read
  const onChain = await readChainState(session);
  const checked = check(session, onChain, readFrom);
  const fitted = fitRoute(session, onChain);
  const hold = reserve(session, onChain, checked);
  const sent = await submit(fitted, checked).catch((error: unknown) => release(hold, error));
  return settle(session, onChain, checked, hold, sent, !!parameters.waitForReceipt);
}
