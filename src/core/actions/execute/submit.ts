import type { Call } from 'starknet';
import { PaymasterUnavailableError } from '../../errors/index.js';
import { ownerExecute } from '../submitOwner.js';
import type { Checked, ResolvedSession, Sent } from './context.js';
import { submitDirect } from './submitDirect.js';
import { submitPaymaster } from './submitPaymaster.js';

/** Sends by the chosen route; when the paymaster cannot be used, the opt-in fallbacks (direct, then owner). */
export async function submit(session: ResolvedSession, checked: Checked): Promise<Sent> {
  if (session.mode !== 'paymaster' || !session.paymaster) return submitDirect(session, checked);
  try {
    return await submitPaymaster(session, session.paymaster, checked);
  } catch (error) {
    // Not when the outside execution may have run (retryable: false): the calls would run twice.
    if (!(error instanceof PaymasterUnavailableError && error.retryable)) throw error;
    const { config, owner } = session;
    if (config.fallback.direct) return submitDirect(session, checked);
    // The owner's wallet sends the calls itself (one prompt), when an owner account is at hand.
    const wallet = config.fallback.ownerWallet && (typeof owner === 'function' ? await owner() : owner);
    if (!wallet) throw error;
    return { transactionHash: await ownerExecute(wallet, session.calls as Call[]), via: 'owner' };
  }
}
