import type { StoredSession } from '../storage/types.js';
import { scopeOf } from './chain.js';
import type { SessionConfig } from './config.js';
import { deriveStatus, type SessionStatus } from './getSessionState.js';
import type { SessionProviderLike, SessionTarget } from './types.js';

export interface ListSessionsParameters extends SessionTarget {
  provider?: SessionProviderLike | undefined;
}

export interface SessionSummary {
  publicKey: string;
  status: SessionStatus;
  expiresAt: number;
  maxCalls: number;
  callsUsed: number;
  createdAt: number;
  session: StoredSession;
}

/** The sessions this app holds for the account, newest first, with their status (from storage). */
export async function listSessions(
  config: SessionConfig,
  parameters: ListSessionsParameters,
): Promise<SessionSummary[]> {
  const [, scope] = await scopeOf(config, parameters);
  const now = config.now();
  return (await config.storage.list(scope)).map((session) => ({
    publicKey: session.publicKey,
    status: deriveStatus(session, now, config.renewBeforeSeconds),
    expiresAt: session.validUntil,
    maxCalls: session.maxCalls,
    callsUsed: session.callsUsed ?? 0,
    createdAt: session.createdAt,
    session,
  }));
}
