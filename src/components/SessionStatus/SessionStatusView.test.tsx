import { act, fireEvent, render, screen } from '@testing-library/react';
import { type SessionStatusData, SessionStatusView } from './SessionStatusView.js';

const NOW = 1_767_225_600;
const USDC = '0x33068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fb';
const active: SessionStatusData = {
  status: 'active',
  expiresAt: NOW + 3600 + 125,
  maxCalls: 50,
  callsUsed: 12,
  spending: [
    {
      token: USDC,
      maxPerWindow: 50_000_000n,
      left: 37_500_000n,
      windowSeconds: 86400,
      nextResetAt: NOW + 3 * 3600,
    },
  ],
};
const tokens = [{ address: USDC, symbol: 'USDC', decimals: 6 }];

describe('SessionStatusView', () => {
  it('card: countdown, exact end, calls bar and spend per token', () => {
    render(<SessionStatusView state={active} now={NOW} tokens={tokens} locale="en-US" timeZone="UTC" />);
    expect(screen.getByRole('status').textContent).toBe('Active');
    expect(screen.getByRole('timer').textContent).toBe('1 h 02 min left');
    expect(screen.getByText('Ends Jan 1, 2026, 1:02 AM UTC')).toBeTruthy();
    const calls = screen.getByRole('progressbar', { name: 'Transactions' });
    expect(calls.getAttribute('aria-valuenow')).toBe('12');
    expect(calls.getAttribute('aria-valuemax')).toBe('50');
    expect(calls.getAttribute('aria-valuetext')).toBe('12 of 50 used');
    const spend = screen.getByRole('progressbar', { name: 'USDC left' });
    expect(spend.getAttribute('aria-valuetext')).toBe('37.5 USDC of 50 USDC per day, resets in 3 h 00 min');
  });

  it('badge: one line with status and time left', () => {
    const { container } = render(
      <SessionStatusView
        variant="badge"
        state={{ ...active, status: 'expiring', expiresAt: NOW + 252 }}
        now={NOW}
      />,
    );
    expect(container.textContent).toBe('Expiring soon4:12 left');
    expect(container.firstElementChild?.className).toContain('ss-badge--expiring');
  });

  it('counts down live from a clock', () => {
    vi.useFakeTimers();
    try {
      let t = NOW;
      render(<SessionStatusView variant="badge" state={{ ...active, expiresAt: NOW + 90 }} now={() => t} />);
      expect(screen.getByRole('timer').textContent).toBe('1:30 left');
      t += 5;
      act(() => {
        vi.advanceTimersByTime(1000);
      });
      expect(screen.getByRole('timer').textContent).toBe('1:25 left');
    } finally {
      vi.useRealTimers();
    }
  });

  it('offers revoke for a live session and renew for an expiring one', () => {
    const onRevoke = vi.fn();
    const onRenew = vi.fn();
    const { rerender } = render(
      <SessionStatusView state={active} now={NOW} onRevoke={onRevoke} onRenew={onRenew} />,
    );
    expect(screen.queryByRole('button', { name: 'Renew' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke' }));
    expect(onRevoke).toHaveBeenCalledTimes(1);
    rerender(
      <SessionStatusView
        state={{ ...active, status: 'expiring' }}
        now={NOW}
        onRevoke={onRevoke}
        onRenew={onRenew}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Renew' }));
    expect(onRenew).toHaveBeenCalledTimes(1);
  });

  it('an expired session shows when it ended, no countdown, and only renew', () => {
    render(
      <SessionStatusView
        state={{ ...active, status: 'expired', expiresAt: NOW - 60 }}
        now={NOW}
        onRevoke={() => {}}
        onRenew={() => {}}
        locale="en-US"
        timeZone="UTC"
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('Expired');
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByText('Ended Dec 31, 2025, 11:59 PM UTC')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Renew' })).toBeTruthy();
  });

  it('no session: says each action will ask the wallet', () => {
    render(
      <SessionStatusView
        state={{ status: 'none', expiresAt: undefined, maxCalls: 0, callsUsed: 0 }}
        now={NOW}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('No session');
    expect(screen.getByText(/each action will ask your wallet/)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('announces a status change through its live region', () => {
    const { rerender } = render(<SessionStatusView state={active} now={NOW} />);
    const region = screen.getByRole('status');
    rerender(<SessionStatusView state={{ ...active, status: 'revoked' }} now={NOW} />);
    expect(region.textContent).toBe('Revoked');
  });

  it('shows stale state and errors', () => {
    render(
      <SessionStatusView
        state={{ ...active, stale: true }}
        now={NOW}
        error={{ shortMessage: 'The wallet is locked.' }}
      />,
    );
    expect(screen.getByText(/network could not be reached/)).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('The wallet is locked.');
  });

  it('a used-up or revoked session shows no countdown', () => {
    const { rerender } = render(
      <SessionStatusView state={{ ...active, status: 'exhausted', callsUsed: 50 }} now={NOW} />,
    );
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByRole('progressbar', { name: 'Transactions' }).getAttribute('aria-valuetext')).toBe(
      '50 of 50 used',
    );
    rerender(<SessionStatusView state={{ ...active, status: 'revoked' }} now={NOW} />);
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.queryByText(/^Ends /)).toBeNull();
  });
});
