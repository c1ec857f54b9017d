import type { AccountRules } from '../../accountRules.js';
import type { SessionCall } from '../../call.js';
import type { SessionData, SpendingPolicyState } from '../../calls.js';
import type { FeeMode } from '../../paymaster.js';
import type { CheckSessionCallsResult } from '../../preflight.js';
import type { SessionScope, SessionSigner, StoredSession } from '../../storage/types.js';
import type { SessionConfig } from '../config.js';
import type { InflightHold } from '../inflight.js';
import type { OwnerAccountLike, PaymasterLike, SessionProviderLike } from '../types.js';

/** The session an execute uses: its record, its signer, where it lives and how it sends. */
export interface ResolvedSession extends Route {
  config: SessionConfig;
  calls: readonly SessionCall[];
  provider: SessionProviderLike;
  scope: SessionScope;
  record: StoredSession;
  signer: SessionSigner;
  /** The account as a number (hot path) and as given. */
  address: bigint;
  accountAddress: string;
  /** The inflight tracker's key for this session. */
  key: string;
}

/** How the transaction goes out, chosen before anything is read. */
export interface Route {
  mode: 'paymaster' | 'direct';
  paymaster: PaymasterLike | undefined;
  feeMode: FeeMode;
  maxFeeInGasToken?: bigint | undefined;
  owner?: OwnerAccountLike | (() => Promise<OwnerAccountLike | undefined>) | undefined;
}

/** What the account holds now: the truth the checks run on. */
export interface ChainState {
  session: SessionData;
  /** The whitelist as the account holds it (0x hex selectors; [] = any non-admin selector). */
  allowedSelectors: string[];
  /** The rules of the account's version, from its class hash. */
  rules: AccountRules;
  /** Spending policies of the tokens these calls (and the fee) move, keyed by 0x hex token. */
  policies: Record<string, SpendingPolicyState>;
}

/** The checked calls plus the re-check run right before each signature. */
export interface Checked extends CheckSessionCallsResult {
  /** The chain's spending policies the check ran on (keyed by 0x hex token). */
  policies: Record<string, SpendingPolicyState>;
  /** This execute's own hold, once reserved: its spend is not counted twice by the re-check. */
  own?: InflightHold | undefined;
  recheck(fee?: SessionCall[]): CheckSessionCallsResult;
}

/** What a submit route returns. */
export interface Sent {
  transactionHash: string;
  trackingId?: string | undefined;
  via: 'paymaster' | 'direct' | 'owner';
}
