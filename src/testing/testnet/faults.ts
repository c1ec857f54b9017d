/**
 * Faults on demand: what a real node or paymaster does on a bad day, switched on by a test.
 * The transport, the sequencer and the paymaster consult this registry.
 */
import { TestnetUsageError } from '../errors.js';
import { parseFelt, sel } from './cairo.js';

export interface RpcErrorShape {
  code: number;
  message: string;
  data?: unknown;
}

export type PaymasterDownMode = 'unavailable' | 'network';

export interface RevertTarget {
  /** Contract address whose next call reverts (any contract if omitted). */
  contract?: string | undefined;
  /** Entrypoint name, or `selector` as hex (any entrypoint if both are omitted). */
  entrypoint?: string | undefined;
  selector?: string | undefined;
}

/**
 * What a hostile paymaster puts in the outside execution it builds (each field optional: the honest
 * value otherwise). It then also relays what it built, whatever the fee's recipient.
 */
export interface HostilePaymaster {
  /** The typed data's Caller: an address, or 'ANY_CALLER' (anyone may relay). */
  caller?: string | undefined;
  /** Who the gas-token fee `transfer` pays. */
  feeRecipient?: string | undefined;
  /** The fee transfer's amount (base units), also answered as its suggested max. */
  fee?: bigint | undefined;
  /** Execute Before (unix seconds), whatever time bounds were requested. */
  executeBefore?: number | bigint | undefined;
  /** Answer without the `fee` object. */
  omitFee?: boolean | undefined;
}

/** A paymaster_executeTransaction request the paymaster kept instead of running. */
export interface WithheldPayload {
  /** Runs it now, as the paymaster would have: its JSON-RPC answer. */
  relay(): { result?: { transaction_hash: string }; error?: RpcErrorShape };
}

interface Countdown {
  method: string | undefined;
  remaining: number;
}

/** The default error an injected RPC failure answers with (spec 0.10 UNEXPECTED_ERROR). */
export const INJECTED_RPC_ERROR: RpcErrorShape = {
  code: 63,
  message: 'An unexpected error occurred',
  data: 'Injected by the testnet (faults.rpcError)',
};

export class Faults {
  /** @internal */ paymasterDownMode: PaymasterDownMode | undefined;
  /** @internal */ paymasterDelayMs = 0;
  /** @internal */ paymasterRateLimit = 0;
  /** @internal */ retryAfterSeconds = 1;
  /** @internal */ readonly refusedTokens = new Set<bigint>();
  /** @internal */ hostile: HostilePaymaster | undefined;
  private withholdCount = 0;
  private readonly withheld: { payload: WithheldPayload; hostile: HostilePaymaster | undefined }[] = [];
  private readonly rpcErrors: (Countdown & { error: RpcErrorShape })[] = [];
  private readonly rpcTimeouts: (Countdown & { ms: number })[] = [];
  private readonly reverts: { contract?: bigint; selector?: bigint; remaining: number }[] = [];
  private readonly staleReads: (Countdown & { block: number })[] = [];

  constructor(private readonly bumpNonce: (account: string) => void) {}

  /** The paymaster stops serving: `paymaster_isAvailable` answers false and every other method
   * fails with HTTP 503 ('unavailable'), or the host cannot be reached at all ('network'). */
  paymasterDown(mode: PaymasterDownMode = 'unavailable'): void {
    this.paymasterDownMode = mode;
  }

  paymasterUp(): void {
    this.paymasterDownMode = undefined;
  }

  /** Every paymaster answer is delayed by `ms` (0 restores normal speed). Aborting the request works. */
  paymasterSlow(ms: number): void {
    this.paymasterDelayMs = nonNegative(ms, 'ms');
  }

  /** The next `requests` paymaster requests get HTTP 429 with Retry-After (Infinity: until cleared). */
  paymasterRateLimited(requests = Number.POSITIVE_INFINITY, retryAfterSeconds = 1): void {
    this.paymasterRateLimit =
      requests === Number.POSITIVE_INFINITY ? requests : nonNegative(requests, 'requests');
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The paymaster stops accepting this gas token (TOKEN_NOT_SUPPORTED, and gone from the token list). */
  refuseToken(token: string): void {
    this.refusedTokens.add(felt(token, 'token'));
  }

  acceptToken(token: string): void {
    this.refusedTokens.delete(felt(token, 'token'));
  }

  /** The paymaster builds what it likes (Caller, fee and recipient, expiry) and relays it. */
  paymasterHostile(hostile: HostilePaymaster): void {
    this.hostile = { ...hostile };
  }

  /**
   * The next `times` paymaster_executeTransaction requests are kept, signature and all, and answered
   * HTTP 503 as if nothing ran. `relayWithheld()` runs them later.
   */
  paymasterWithholds(times = 1): void {
    this.withholdCount = times === Number.POSITIVE_INFINITY ? times : nonNegative(times, 'times');
  }

  /**
   * Relays the kept payloads now (oldest first), as the paymaster that kept them (its hostile settings
   * then, even after `clear()`); the hashes of those the chain accepted.
   */
  relayWithheld(): string[] {
    const hashes: string[] = [];
    const now = this.hostile;
    for (const { payload, hostile } of this.withheld.splice(0)) {
      this.hostile = hostile;
      try {
        const answer = payload.relay();
        if (answer.result) hashes.push(answer.result.transaction_hash);
      } finally {
        this.hostile = now;
      }
    }
    return hashes;
  }

  /** How many signed payloads the paymaster is keeping. */
  withheldCount(): number {
    return this.withheld.length;
  }

  /** The next `times` JSON-RPC calls (of `method`, or of any method) answer with an error. */
  rpcError(method?: string, times = 1, error: RpcErrorShape = INJECTED_RPC_ERROR): void {
    this.rpcErrors.push({ method, remaining: nonNegative(times, 'times'), error });
  }

  /** The next `times` calls of `method` (or any) hang for `ms`, then fail as a timed-out request. */
  rpcTimeout(method?: string, ms = 30_000, times = 1): void {
    this.rpcTimeouts.push({ method, remaining: nonNegative(times, 'times'), ms: nonNegative(ms, 'ms') });
  }

  /** The next `times` matching calls inside a committed transaction panic ('Testnet: forced revert').
   * In a v33 account's multicall this shows non-atomic execution: the others still run. */
  revertNextCall(target: RevertTarget = {}, times = 1): void {
    const selector =
      target.selector !== undefined
        ? felt(target.selector, 'selector')
        : target.entrypoint
          ? sel(target.entrypoint)
          : undefined;
    const contract = target.contract !== undefined ? felt(target.contract, 'contract') : undefined;
    this.reverts.push({ contract, selector, remaining: nonNegative(times, 'times') });
  }

  /**
   * A node behind the chain (a lagging replica behind a load balancer): the next `reads` state reads
   * (starknet_call, getNonce, getEvents, blockNumber) answer from the state at `block`, and a
   * newer block is not found there. Pinned reads to an older block are answered correctly.
   */
  staleNode(block: number, reads = 1): void {
    if (!Number.isSafeInteger(block) || block < 0)
      throw new TestnetUsageError('block must be a block number.', { details: String(block) });
    this.staleReads.push({ method: undefined, remaining: nonNegative(reads, 'reads'), block });
  }

  /** Another transaction of `account` is included first: its nonce moves on by one. */
  consumeNonce(account: string): void {
    this.bumpNonce(account);
  }

  /** Everything back to normal. */
  clear(): void {
    this.paymasterDownMode = undefined;
    this.paymasterDelayMs = 0;
    this.paymasterRateLimit = 0;
    this.refusedTokens.clear();
    this.hostile = undefined;
    this.withholdCount = 0;
    this.rpcErrors.length = 0;
    this.rpcTimeouts.length = 0;
    this.reverts.length = 0;
    this.staleReads.length = 0;
  }

  /** @internal The head block of the node answering this read, when it is a lagging one. */
  takeStaleRead(method: string): number | undefined {
    return STALE_READ_METHODS.has(method) ? take(this.staleReads, method)?.block : undefined;
  }

  /** @internal */
  takeRpcError(method: string): RpcErrorShape | undefined {
    return take(this.rpcErrors, method)?.error;
  }

  /** @internal */
  takeRpcTimeout(method: string): number | undefined {
    return take(this.rpcTimeouts, method)?.ms;
  }

  /** @internal Keeps this execute request when a withhold is armed. */
  takeWithhold(payload: WithheldPayload): boolean {
    if (this.withholdCount <= 0) return false;
    this.withholdCount -= 1;
    this.withheld.push({ payload, hostile: this.hostile });
    return true;
  }

  /** @internal */
  takeRateLimit(): boolean {
    if (this.paymasterRateLimit <= 0) return false;
    this.paymasterRateLimit -= 1;
    return true;
  }

  /** @internal Consumes a forced revert matching this call. */
  takeRevert(to: bigint, selector: bigint): boolean {
    const i = this.reverts.findIndex(
      (r) =>
        r.remaining > 0 &&
        (r.contract === undefined || r.contract === to) &&
        (r.selector === undefined || r.selector === selector),
    );
    if (i < 0) return false;
    const r = this.reverts[i]!;
    r.remaining -= 1;
    if (r.remaining <= 0) this.reverts.splice(i, 1);
    return true;
  }
}

/** The reads a lagging node answers from its own (old) head. */
const STALE_READ_METHODS = new Set([
  'starknet_call',
  'starknet_getNonce',
  'starknet_getEvents',
  'starknet_blockNumber',
  'starknet_blockHashAndNumber',
]);

function take<T extends Countdown>(list: T[], method: string): T | undefined {
  const i = list.findIndex((f) => f.remaining > 0 && (f.method === undefined || f.method === method));
  if (i < 0) return undefined;
  const f = list[i]!;
  f.remaining -= 1;
  if (f.remaining <= 0) list.splice(i, 1);
  return f;
}

function nonNegative(n: number, field: string): number {
  if (!(n >= 0))
    throw new TestnetUsageError(`${field} must be a non-negative number.`, { details: String(n) });
  return n;
}

function felt(value: string, field: string): bigint {
  const n = parseFelt(value);
  if (n === undefined) throw new TestnetUsageError(`${field} is not a felt.`, { details: value });
  return n;
}
