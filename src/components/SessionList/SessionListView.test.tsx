import { fireEvent, render, screen, within } from '@testing-library/react';
import { type SessionListItem, SessionListView } from './SessionListView.js';

const NOW = 1_767_225_600;
const sessions: SessionListItem[] = [
  {
    publicKey: '0x5b2cf0e0a1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b',
    status: 'active',
    expiresAt: NOW + 3600,
    maxCalls: 50,
    callsUsed: 3,
    createdAt: NOW - 600,
  },
  {
    publicKey: '0x1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80',
    status: 'expired',
    expiresAt: NOW - 60,
    maxCalls: 20,
    callsUsed: 20,
    createdAt: NOW - 7200,
  },
];

describe('SessionListView', () => {
  it('lists sessions with status, calls and dates; revoke only where it means something', () => {
    render(
      <SessionListView
        sessions={sessions}
        appName="Dragon Game"
        onRevoke={() => {}}
        onRevokeAll={() => {}}
        locale="en-US"
        timeZone="UTC"
      />,
    );
    expect(screen.getByRole('heading', { name: 'Sessions for Dragon Game' })).toBeTruthy();
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('Key 0x5b2c…6c7b');
    expect(items[0]?.textContent).toContain('Active');
    expect(items[0]?.textContent).toContain('3 of 50 transactions');
    expect(items[0]?.textContent).toContain('Ends Jan 1, 2026, 1:00 AM UTC');
    expect(within(items[0]!).getByRole('button', { name: 'Revoke session 0x5b2c…6c7b' })).toBeTruthy();
    expect(items[1]?.textContent).toContain('Expired');
    expect(within(items[1]!).queryByRole('button')).toBeNull();
  });

  it('revokes one and all', () => {
    const onRevoke = vi.fn();
    const onRevokeAll = vi.fn();
    render(<SessionListView sessions={sessions} onRevoke={onRevoke} onRevokeAll={onRevokeAll} />);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke session 0x5b2c…6c7b' }));
    expect(onRevoke).toHaveBeenCalledWith(sessions[0]?.publicKey);
    fireEvent.click(screen.getByRole('button', { name: 'Revoke all' }));
    expect(onRevokeAll).toHaveBeenCalledTimes(1);
  });

  it('while revoking, shows progress, blocks more clicks and announces it', () => {
    const onRevoke = vi.fn();
    render(
      <SessionListView
        sessions={sessions}
        onRevoke={onRevoke}
        onRevokeAll={() => {}}
        revoking={[sessions[0]!.publicKey]}
      />,
    );
    const button = screen.getByRole('button', { name: 'Revoking… 0x5b2c…6c7b' });
    expect(button.textContent).toBe('Revoking…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(onRevoke).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('Revoking…');
  });

  it('announces how many sessions were revoked', () => {
    render(<SessionListView sessions={sessions} revokedCount={2} />);
    expect(screen.getByRole('status').textContent).toBe('2 sessions revoked.');
  });

  it('empty: says so and offers no revoke all', () => {
    render(<SessionListView sessions={[]} onRevokeAll={() => {}} />);
    expect(screen.getByText('No sessions on this account yet.')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
