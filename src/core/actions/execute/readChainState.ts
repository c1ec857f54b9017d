import { normalizeCalls, trackedSelectors } from '../../call.js';
import { SessionRevokedError } from '../../errors/index.js';
import { toAddress, toHex } from '../../felt.js';
import { readSessionData, readSpendingPolicies } from '../chain.js';
import type { ChainState, ResolvedSession, Route } from './context.js';

/** The session data on chain, and the spending policies of the limited tokens these calls (and the fee) move. */
export async function readChainState(session: ResolvedSession, route: Route): Promise<ChainState> {
  const { config, provider, accountAddress, record, scope } = session;
  const { publicKey } = record;
  const chain = await readSessionData(provider, accountAddress, publicKey);
  if (!chain.exists || chain.validUntil !== record.validUntil) {
    await config.storage.update(scope, publicKey, { status: 'revoked' });
    throw new SessionRevokedError(publicKey, { details: 'The account no longer has this session.' });
  }
  // None moved, no request. A malformed call throws here the typed error the preflight would.
  const moved = normalizeCalls(session.calls).flatMap((c) =>
    trackedSelectors().has(c.selector) ? [c.to] : [],
  );
  if (route.mode === 'paymaster' && route.feeMode.mode === 'default')
    moved.push(toAddress(route.feeMode.gasToken, 'feeMode.gasToken'));
  const limited = new Set(record.spendingLimits.map((l) => BigInt(l.token)));
  const tokens = [...new Set(moved.filter((token) => limited.has(token)))].map(toHex);
  const policies = await readSpendingPolicies(provider, accountAddress, publicKey, tokens);
  return { session: chain, policies };
}
