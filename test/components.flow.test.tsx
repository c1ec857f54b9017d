// The connected components end to end on the simulated network: connect, consent (ONE wallet prompt),
// act (no prompt), status follows, revoke from the list (one prompt).
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createFlowWorld, FullFlowDemo } from '../stories/FullFlowDemo.js';

describe('SessionConsent, SessionStatus and SessionList wired to the hooks', () => {
  it('connect, approve once, act without prompts, revoke', { timeout: 30_000 }, async () => {
    const world = createFlowWorld({ walletId: 'flow-test' });
    render(<FullFlowDemo world={world} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect mock wallet' }));

    const approve = await screen.findByRole('button', { name: 'Approve in wallet' }, { timeout: 5000 });
    expect(screen.getByRole('heading', { name: 'Dragon Game asks to act for you' })).toBeTruthy();
    world.wallet.resetPrompts();
    fireEvent.click(approve);
    // The consent shows it waits for the wallet, then goes away once the session is live.
    await screen.findByRole('button', { name: 'Attack' }, { timeout: 10_000 });
    expect(world.wallet.prompts).toBe(1);

    const card = screen.getByRole('region', { name: 'Session' });
    await waitFor(() => expect(within(card).getByRole('status').textContent).toBe('Active'));
    expect(within(card).getByRole('timer').textContent).toBe('1 h 00 min left');

    fireEvent.click(screen.getByRole('button', { name: 'Attack' }));
    await waitFor(() => expect(screen.getByText('Attacks landed: 1')).toBeTruthy(), { timeout: 10_000 });
    await waitFor(() =>
      expect(
        within(card).getByRole('progressbar', { name: 'Transactions' }).getAttribute('aria-valuetext'),
      ).toBe('1 of 20 used'),
    );
    expect(world.wallet.prompts).toBe(1);

    const list = screen.getByRole('region', { name: 'Sessions for Dragon Game' });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    fireEvent.click(within(list).getByRole('button', { name: /^Revoke session 0x/ }));
    await waitFor(() => expect(within(card).getByRole('status').textContent).toBe('Revoked'), {
      timeout: 10_000,
    });
    expect(world.wallet.prompts).toBe(2);
    // No usable session: the consent is back.
    expect(await screen.findByRole('button', { name: 'Approve in wallet' })).toBeTruthy();
    act(() => world.uninstall());
  });

  it('a wallet rejection reads as a rejection, and retry asks again', { timeout: 30_000 }, async () => {
    const world = createFlowWorld({ walletId: 'flow-reject' });
    render(<FullFlowDemo world={world} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Connect mock wallet' }));
    const approve = await screen.findByRole('button', { name: 'Approve in wallet' }, { timeout: 5000 });
    world.wallet.setApprove(false);
    world.wallet.resetPrompts();
    fireEvent.click(approve);
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('Rejected in your wallet');
    world.wallet.setApprove(true);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await screen.findByRole('button', { name: 'Attack' }, { timeout: 10_000 });
    expect(world.wallet.prompts).toBe(2);
    act(() => world.uninstall());
  });
});
