import { accountRules, accountVersionOf } from '../../accountRules.js';
import { normalizeCalls, trackedSelectors } from '../../call.js';
import type { SpendingPolicyState } from '../../calls.js';
import {
  AccountStateMismatchError,
  SessionNotSupportedError,
  SessionRevokedError,
} from '../../errors/index.js';
import { toAddress, toHex } from '../../felt.js';
import type { StoredSession } from '../../storage/types.js';
import { readAllowedSelectors, readClassHash, readSessionData, readSpendingPolicies } from '../chain.js';
import { confirmSessionGone, showsSession } from '../revocation.js';
import type { ChainState, ResolvedSession } from './context.js';

/**
 * What the account holds now, the truth the checks run on: its version (class hash), the session data
 * and whitelist, and the spending policy of every token these calls (and a gas-token fee) move.
 */
export async function readChainState(session: ResolvedSession): Promise<ChainState> {
  const { config, provider, accountAddress, record } = session;
  const { publicKey } = record;
  const [read, classHash] = await Promise.all([
    readSessionData(provider, accountAddress, publicKey),
    readClassHash(provider, accountAddress),
  ]);
  // The session data, once an answer that it is gone is confirmed (revoked: key wiped) or shown stale.
  let chain = read;
  if (!showsSession(record, read)) {
    // One answer proves nothing (a lagging node): the key is wiped only on confirmed evidence.
    const evidence = await confirmSessionGone(provider, accountAddress, record);
    if (evidence.kind === 'unconfirmed') throw evidence.error;
    const { storage } = config;
    if (evidence.kind === 'gone') {
      await storage.update(session.scope, publicKey, { status: 'revoked' });
      throw new SessionRevokedError(publicKey, { details: 'The account no longer has this session.' });
    }
    await storage.update(session.scope, publicKey, { aliveAtBlock: evidence.block });
    chain = evidence.data;
  }
  const rules = accountRules(accountVersionOf(classHash), config);
  if (rules.refused) {
    throw new SessionNotSupportedError(accountAddress, 'session-keys', classHash, rules.refused);
  }
  // Only v33 has spending policies: on older classes the getter is missing and nothing is capped.
  const tokens = movedTokens(session);
  const [allowedSelectors, policies] = await Promise.all([
    readAllowedSelectors(provider, accountAddress, publicKey, chain.allowedEntrypointsLen),
    readSpendingPolicies(provider, accountAddress, publicKey, rules.spendingPolicy ? tokens : []),
  ]);
  assertConsentedLimitsHeld(record, tokens, policies);
  return { session: chain, allowedSelectors, rules, policies };
}

/** Every token a tracked selector moves, plus the gas token of a paying fee mode. A malformed call throws here. */
function movedTokens(session: ResolvedSession): string[] {
  const moved = normalizeCalls(session.calls).flatMap((c) =>
    trackedSelectors().has(c.selector) ? [c.to] : [],
  );
  const { mode, feeMode } = session;
  if (mode === 'paymaster' && feeMode.mode === 'default')
    moved.push(toAddress(feeMode.gasToken, 'feeMode.gasToken'));
  return [...new Set(moved)].map(toHex);
}

/** A cap the user consented to must be on chain: a moved token whose policy is gone would spend uncapped. */
function assertConsentedLimitsHeld(
  record: StoredSession,
  tokens: readonly string[],
  policies: Record<string, SpendingPolicyState>,
): void {
  for (const limit of record.spendingLimits) {
    const token = toHex(BigInt(limit.token));
    if (!tokens.includes(token) || policies[token]?.enabled) continue;
    const key = `spendingLimits[${token}]`;
    throw new AccountStateMismatchError('set-policy', { [key]: 'a cap' }, { [key]: 'none' });
  }
}
