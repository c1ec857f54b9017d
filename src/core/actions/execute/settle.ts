import { InnerCallFailedError, isSessionError } from '../../errors/index.js';
import { readSessionData } from '../chain.js';
import type { ExecuteWithSessionReturnType } from '../executeWithSession.js';
import type { InflightHold } from '../inflight.js';
import { waitForSuccess } from '../submitOwner.js';
import type { ChainState, Checked, ResolvedSession, Sent } from './context.js';
import { innerFailures } from './innerFailures.js';

/** The result object now; the receipt, inner-call failures and the chain's calls_used once it lands. */
export async function settle(
  session: ResolvedSession,
  onChain: ChainState,
  checked: Checked,
  hold: InflightHold,
  sent: Sent,
  waitForReceipt: boolean,
): Promise<ExecuteWithSessionReturnType> {
  // The owner's own transaction does not use the session's budget.
  const byOwner = sent.via === 'owner';
  if (byOwner) hold.fail();
  const result: ExecuteWithSessionReturnType = {
    ...sent,
    trackingId: sent.trackingId,
    publicKey: session.record.publicKey,
    callsUsed: byOwner ? onChain.session.callsUsed : hold.callsUsed,
    spending: byOwner ? [] : checked.spending.map(({ token, amount }) => ({ token, amount })),
    receipt: undefined,
  };
  const landed = land(session, checked, sent).then(
    (receipt) => {
      hold.landed(); // the chain's counters now hold its spend
      return receipt;
    },
    async (error: unknown) => {
      // A reverted outside execution consumed nothing (the relayer's transaction rolled it back); a
      // reverted direct invoke did: its validate phase counted the call, so the record shows it even
      // before a (lagging) node does. One that landed with failed inner calls is counted by the chain.
      // An unknown outcome stays held (the safe side).
      const reverted = isSessionError(error, 'TRANSACTION_REVERTED');
      if (reverted && sent.via !== 'direct') hold.fail();
      else if (reverted || isSessionError(error, 'INNER_CALL_FAILED')) {
        hold.landed();
        if (reverted) await recordCallsUsed(session, hold.callsUsed);
      }
      throw error;
    },
  );
  if (waitForReceipt) result.receipt = await landed;
  else landed.catch(() => {}); // the caller did not ask; the next refresh reports the chain's truth
  return result;
}

/** Waits for the receipt, reports inner-call failures, and records the chain's calls_used. */
async function land(session: ResolvedSession, checked: Checked, sent: Sent): Promise<unknown> {
  const { provider } = session;
  const { transactionHash } = sent;
  const receipt = await waitForSuccess(provider, transactionHash);
  const failures = await innerFailures(provider, transactionHash, session.address, checked.calls.length);
  await readSessionData(provider, session.accountAddress, session.record.publicKey).then(
    ({ callsUsed }) => recordCallsUsed(session, callsUsed),
    () => {},
  );
  if (failures.length > 0) throw new InnerCallFailedError(transactionHash, failures);
  return receipt;
}

/** The record's calls_used (it only grows): display data only, the chain stays the truth. */
async function recordCallsUsed(session: ResolvedSession, callsUsed: number): Promise<void> {
  await session.config.storage.update(session.scope, session.record.publicKey, { callsUsed }).catch(() => {});
}
