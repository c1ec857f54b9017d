import { toSelector } from '../call.js';
import { parseSessionData, type SessionData } from '../calls.js';
import { isSessionError, StaleReadError } from '../errors/index.js';
import { parseBigInt, toHex } from '../felt.js';
import type { StoredSession } from '../storage/types.js';
import { ask, readSessionData } from './chain.js';
import type { SessionProviderLike } from './types.js';

/** What the chain says about a stored session, once an answer that it is gone has been checked. */
export type SessionEvidence =
  /** A pinned read still shows it: the first answer was stale. `block` is where it was seen. */
  | { kind: 'alive'; data: SessionData; block: number }
  /** Confirmed gone (revoked, or re-registered with other terms): its key may be wiped. */
  | { kind: 'gone'; data: SessionData }
  /** Not confirmed either way: change nothing, report the state as stale. */
  | { kind: 'unconfirmed'; error: StaleReadError };

type Session = Pick<StoredSession, 'publicKey' | 'validUntil' | 'aliveAtBlock'>;

/** Whether the chain's data is this stored session (present, with the terms it was stored with). */
export function showsSession(session: Session, data: SessionData): boolean {
  return data.exists && data.validUntil === session.validUntil;
}

/** The block of a transaction receipt (where an owner transaction put the session), when it says. */
export function receiptBlock(receipt: unknown): number | undefined {
  const n = (receipt as { block_number?: unknown } | null | undefined)?.block_number;
  return Number.isSafeInteger(n) && (n as number) >= 0 ? (n as number) : undefined;
}

/**
 * Checks an answer saying the session is gone (a lagging, load-balanced node gives such answers). Gone
 * only on evidence: a read pinned to a block at or after the one where the session was last seen alive,
 * or its revocation (or re-registration) event. Node errors on the way make it unconfirmed, never gone.
 */
export async function confirmSessionGone(
  provider: SessionProviderLike,
  accountAddress: string,
  session: Session,
): Promise<SessionEvidence> {
  const since = session.aliveAtBlock;
  try {
    const head = await headOf(provider);
    if (head !== undefined && (since === undefined || head >= since)) {
      const pinned = await readSessionData(provider, accountAddress, session.publicKey, head);
      if (showsSession(session, pinned)) return { kind: 'alive', data: pinned, block: head };
      if (since !== undefined) return { kind: 'gone', data: pinned };
    }
    // No block to compare with: only the account's own event is evidence.
    if (await goneByEvent(provider, accountAddress, session, since ?? 0))
      return { kind: 'gone', data: parseSessionData([0, 0, 0, 0]) }; // none: all zeros
    // Neither a pinned read nor an event confirms it: where the node is says why.
    return unconfirmed(since, {
      details: `The node is at block ${head ?? 'unknown'}; the session was last seen alive at ${since ?? 'unknown'}.`,
    });
  } catch (error) {
    if (!isSessionError(error, 'RPC_ERROR')) throw error;
    return unconfirmed(since, { cause: error });
  }
}

const unconfirmed = (aliveAtBlock: number | undefined, options: { cause?: unknown; details?: string }) =>
  ({ kind: 'unconfirmed', error: new StaleReadError({ aliveAtBlock, ...options }) }) as const;

async function headOf(provider: SessionProviderLike): Promise<number | undefined> {
  if (!provider.getBlockNumber) return undefined;
  // Checked as a receipt's block is: a safe integer, not negative.
  return receiptBlock({ block_number: await ask('starknet_blockNumber', () => provider.getBlockNumber!()) });
}

/** The last SessionKeyRevoked / SessionKeyAdded event of this key since `from`: revoked, or other terms. */
async function goneByEvent(
  provider: SessionProviderLike,
  accountAddress: string,
  session: Session,
  from: number,
): Promise<boolean> {
  if (!provider.getEvents) return false;
  // Event keys are the names hashed as selectors (SESSION_EVENT_SELECTORS in constants.ts pins them).
  const events = ['SessionKeyAdded', 'SessionKeyRevoked'].map((name) => toHex(toSelector(name)));
  let last: { keys: string[]; data: string[] } | undefined;
  let token: string | undefined;
  // A bounded walk: a session's own events are few.
  for (let page = 0; page < 20; page++) {
    const chunk = await ask('starknet_getEvents', () =>
      provider.getEvents!({
        address: accountAddress,
        keys: [events, [toHex(BigInt(session.publicKey))]],
        from_block: { block_number: from },
        to_block: 'latest',
        chunk_size: 100,
        continuation_token: token,
      }),
    );
    last = chunk?.events?.at(-1) ?? last;
    token = chunk?.continuation_token;
    if (!token) break;
  }
  if (!last) return false;
  if (parseBigInt(last.keys?.[0]) === BigInt(events[1]!)) return true; // SessionKeyRevoked
  return parseBigInt(last.data?.[0]) !== BigInt(session.validUntil);
}
