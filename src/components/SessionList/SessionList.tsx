'use client';
import { useSessions } from '../../react/queries.js';
import { useRevokeSession } from '../../react/useRevokeSession.js';
import { SessionListView, type SessionListViewProps } from './SessionListView.js';

export type SessionListProps = Omit<
  SessionListViewProps,
  'sessions' | 'onRevoke' | 'onRevokeAll' | 'revoking' | 'revokedCount' | 'error'
>;

/** The connected account's sessions for this app, with revoke one and revoke all (one wallet prompt each). */
export function SessionList(props: SessionListProps) {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const variables = revoke.isPending ? revoke.variables : undefined;
  const revoking: SessionListViewProps['revoking'] = variables
    ? variables.all
      ? 'all'
      : (variables.publicKeys ?? [])
    : undefined;
  return (
    <SessionListView
      {...props}
      sessions={sessions.data ?? []}
      onRevoke={(publicKey) => revoke.revokeSession({ publicKeys: [publicKey] })}
      onRevokeAll={() => revoke.revokeSession({ all: true })}
      revoking={revoking}
      revokedCount={revoke.data?.revoked.length}
      error={revoke.error ?? sessions.error ?? undefined}
    />
  );
}
