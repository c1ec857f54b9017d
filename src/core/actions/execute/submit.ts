import type { Call } from 'starknet';
import { PaymasterUnavailableError } from '../../errors/index.js';
import { ownerExecute } from '../submitOwner.js';
import type { Checked, ResolvedSession, Route, Sent } from './context.js';
import { submitDirect } from './submitDirect.js';
import { submitPaymaster } from './submitPaymaster.js';

/** Sends by the chosen route; when the paymaster cannot be used, the opt-in fallbacks (direct, then owner). */
export async function submit(session: ResolvedSession, route: Route, checked: Checked): Promise<Sent> {
  if (route.mode !== 'paymaster' || !route.paymaster) return submitDirect(session, checked);
  try {
    return await submitPaymaster(session, route, route.paymaster, checked);
  } catch (error) {
    // Not when the outside execution may have run (retryable: false): the calls would run twice.
    if (!(error instanceof PaymasterUnavailableError && error.retryable)) throw error;
    const { fallback } = session.config;
    if (fallback.direct) return submitDirect(session, checked);
    if (fallback.ownerWallet) {
      const sent = await submitByOwner(session, route);
      if (sent) return sent;
    }
    throw error;
  }
}

/** The owner's wallet sends the calls itself (one prompt); none when no owner account is at hand. */
async function submitByOwner(session: ResolvedSession, route: Route): Promise<Sent | undefined> {
  const wallet = typeof route.owner === 'function' ? await route.owner() : route.owner;
  if (!wallet) return undefined;
  return { transactionHash: await ownerExecute(wallet, session.calls as Call[]), via: 'owner' };
}
