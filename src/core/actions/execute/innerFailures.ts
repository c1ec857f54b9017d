import type { InnerCallFailure } from '../../errors/index.js';
import { decodeShortString, toHex } from '../../felt.js';
import type { SessionProviderLike } from '../types.js';

interface TraceInvocation {
  contract_address?: string;
  entry_point_selector?: string;
  is_reverted?: boolean;
  result?: string[];
  revert_reason?: string;
  calls?: TraceInvocation[];
}

/** The account executes calls non-atomically: the ones that reverted inside the transaction (no trace: none). */
export async function innerFailures(
  provider: SessionProviderLike,
  transactionHash: string,
  address: bigint,
  callCount: number,
): Promise<InnerCallFailure[]> {
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
  return (find(trace?.execute_invocation)?.calls ?? [])
    .slice(0, callCount)
    .flatMap((c, index) => (c.is_reverted ? [failureOf(c, index)] : []));
}

function failureOf(c: TraceInvocation, index: number): InnerCallFailure {
  return {
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
  };
}
