'use client';
import { SessionStatus, useSession } from 'starknet-sessions';

export default function Page() {
  const { status } = useSession();
  return (
    <main>
      <h1>Session</h1>
      <p data-testid="query-status">{status}</p>
      <SessionStatus />
    </main>
  );
}
