import { fireEvent, render, screen } from '@testing-library/react';
import { UserRejectedError } from '../../core/errors/index.js';
import type { SessionPolicy } from '../../core/policy.js';
import { defaultText } from '../text.js';
import { SessionConsentDialog } from './SessionConsentDialog.js';
import { SessionConsentView, type SessionConsentViewProps } from './SessionConsentView.js';

const NOW = 1_767_225_600; // 2026-01-01T00:00:00Z
const GAME = '0x4a1e4c6d3f6a2b9d39e6a0f6c1c5f1a2d4b7c3e9f8a6b5c4d3e2f1a0b9c8d7e';
const USDC = '0x33068f6539f8e6e6b131e6b2b814e6c34a5224bc66947c47dab9dfee93b35fb';
const STRK = '0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';

const policy: SessionPolicy = {
  actions: [
    { entrypoint: 'attack', contractAddress: GAME, label: 'Attack a monster', contractLabel: 'Dragon Game' },
  ],
  durationSeconds: 3600,
  maxCalls: 50,
};

function renderView(props: Partial<SessionConsentViewProps> = {}) {
  return render(
    <SessionConsentView
      policy={policy}
      appName="Dragon Game"
      now={NOW}
      locale="en-US"
      timeZone="UTC"
      {...props}
    />,
  );
}

const warnings = () =>
  Array.from(
    screen.getByRole('region', { name: 'Read before approving' }).querySelectorAll(':scope > ul > li'),
    (li) => li.textContent,
  );

describe('SessionConsentView', () => {
  it('shows the app, the action, the limits and the exact expiry', () => {
    renderView({ paymasterName: 'AVNU' });
    expect(screen.getByRole('heading', { level: 2, name: 'Dragon Game asks to act for you' })).toBeTruthy();
    const actions = screen.getByRole('region', { name: 'What it can do' });
    expect(actions.textContent).toContain('Attack a monster');
    expect(actions.textContent).toContain('attack');
    expect(actions.textContent).toContain('used on Dragon Game');
    const limits = screen.getByRole('region', { name: 'Limits' });
    expect(limits.textContent).toContain('up to 50');
    expect(limits.textContent).toContain('1 hour');
    expect(limits.textContent).toContain('Jan 1, 2026, 1:00 AM UTC');
    expect(limits.textContent).toContain('Sponsored by AVNU');
    expect(screen.getByText(/For 1 hour, Dragon Game can then send up to 50 transactions/)).toBeTruthy();
  });

  it('warns that the action works on every contract and that the key can sign messages', () => {
    renderView();
    expect(warnings()).toEqual([
      expect.stringContaining('The session can use attack on any other app or token'),
      expect.stringContaining('sign messages as your account'),
    ]);
  });

  it('shows spending caps with symbols and decimals', () => {
    renderView({
      policy: {
        ...policy,
        actions: [...policy.actions, { entrypoint: 'transfer', contractAddress: USDC }],
        spendingLimits: [
          {
            token: USDC,
            symbol: 'USDC',
            decimals: 6,
            maxPerCall: '5',
            maxPerWindow: '1250.5',
            windowSeconds: 86400,
          },
        ],
      },
    });
    const caps = screen.getByRole('region', { name: 'Spending caps' });
    expect(caps.textContent).toContain('1,250.5 USDC per day');
    expect(caps.textContent).toContain('5 USDC per transaction');
    // Capped, but transfer still reaches every other token.
    expect(warnings()[0]).toContain('transfer can move tokens out of your account.');
    expect(warnings()[0]).toContain('Tokens without a spending cap can be moved without limit.');
    expect(warnings()[0]).not.toContain('No spending cap on');
  });

  it('names the uncapped token a transfer action targets', () => {
    renderView({
      policy: {
        ...policy,
        actions: [{ entrypoint: 'transfer', contractAddress: USDC, contractLabel: 'USDC' }],
      },
    });
    expect(warnings()[0]).toContain('No spending cap on USDC.');
  });

  it('puts the empty-whitelist danger first and lists what stays blocked', () => {
    renderView({ policy: { ...policy, actions: [], allowAnyAction: true } });
    expect(screen.getByText('Any action on any contract')).toBeTruthy();
    expect(warnings()[0]).toContain('The app can call any function on any contract');
    expect(warnings()[0]).toContain('The 9 admin functions that stay blocked');
    expect(warnings()[0]).toContain('upgrade');
    expect(warnings()[0]).toContain('set_public_key');
  });

  it('words each account-version warning from its text entry', () => {
    const { unmount } = renderView({ accountVersion: 'v28' });
    expect(warnings()).toEqual(
      expect.arrayContaining([
        defaultText.warnUnsafeVersion('v28'),
        defaultText.warnCannotCapSpending('v28'),
      ]),
    );
    unmount();
    const { unmount: unmount2 } = renderView({
      accountVersion: 'unknown',
      policy: { ...policy, actions: [{ entrypoint: 'attack' }] },
    });
    expect(warnings()).toEqual(
      expect.arrayContaining([
        defaultText.warnUnknownAccount,
        defaultText.warnEveryContract('attack', false),
      ]),
    );
    unmount2();
    renderView({ accountVersion: 'v29' });
    expect(warnings()).toContain(defaultText.warnLastCallNotGasless('v29'));
  });

  it('shows gas paid in a token by the account', () => {
    renderView({
      feeMode: { mode: 'default', gasToken: STRK },
      tokens: [{ address: STRK, symbol: 'STRK', decimals: 18 }],
    });
    expect(screen.getByRole('region', { name: 'Limits' }).textContent).toContain(
      'Paid by your account in STRK',
    );
    expect(warnings()).toContainEqual(expect.stringContaining('cannot pay its fees in STRK'));
  });

  it('shows the bound on one gas-token fee the app set', () => {
    renderView({
      feeMode: { mode: 'default', gasToken: STRK },
      maxFeeInGasToken: 10n ** 17n,
      tokens: [{ address: STRK, symbol: 'STRK', decimals: 18 }],
    });
    expect(screen.getByRole('region', { name: 'Limits' }).textContent).toContain(
      'Paid by your account in STRK, at most 0.1 STRK per transaction',
    );
  });

  it('calls onApprove and onReject', () => {
    const onApprove = vi.fn();
    const onReject = vi.fn();
    renderView({ onApprove, onReject });
    fireEvent.click(screen.getByRole('button', { name: 'Approve in wallet' }));
    fireEvent.click(screen.getByRole('button', { name: 'Not now' }));
    expect(onApprove).toHaveBeenCalledTimes(1);
    expect(onReject).toHaveBeenCalledTimes(1);
  });

  it('while pending, says to look at the wallet and ignores clicks without losing focus', () => {
    const onApprove = vi.fn();
    renderView({ status: 'pending', onApprove });
    const button = screen.getByRole('button', { name: 'Waiting for wallet…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.hasAttribute('disabled')).toBe(false);
    fireEvent.click(button);
    expect(onApprove).not.toHaveBeenCalled();
    expect(screen.getByText('Confirm or reject in your wallet.')).toBeTruthy();
  });

  it('reads a wallet rejection as a rejection, with a retry', () => {
    const onRetry = vi.fn();
    renderView({ status: 'error', error: new UserRejectedError(), onRetry });
    expect(screen.getByRole('alert').textContent).toContain('Rejected in your wallet');
    expect(screen.getByRole('alert').textContent).toContain('Nothing was changed');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows the short message of other errors', () => {
    renderView({ error: { code: 'PAYMASTER_UNAVAILABLE', shortMessage: 'The paymaster is not answering.' } });
    expect(screen.getByRole('alert').textContent).toContain('The session could not be started');
    expect(screen.getByRole('alert').textContent).toContain('The paymaster is not answering.');
  });

  it('refuses to offer Approve for an invalid policy', () => {
    renderView({ policy: { ...policy, actions: [{ entrypoint: 'upgrade' }] } });
    expect(screen.getByRole('heading', { name: 'This request cannot be approved' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Approve in wallet' })).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('upgrade');
  });

  it('takes text overrides', () => {
    renderView({ text: { approve: 'Autoriser' } });
    expect(screen.getByRole('button', { name: 'Autoriser' })).toBeTruthy();
  });
});

describe('SessionConsentDialog', () => {
  it('opens as a modal, focuses its title, and asks to close on Escape', () => {
    const onReject = vi.fn();
    const { rerender } = render(
      <SessionConsentDialog open policy={policy} appName="Dragon Game" now={NOW} onReject={onReject} />,
    );
    const dialog = screen.getByRole('dialog', { name: 'Dragon Game asks to act for you' });
    expect((dialog as HTMLDialogElement).open).toBe(true);
    expect(document.activeElement?.textContent).toBe('Dragon Game asks to act for you');
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(onReject).toHaveBeenCalledTimes(1);
    rerender(
      <SessionConsentDialog
        open={false}
        policy={policy}
        appName="Dragon Game"
        now={NOW}
        onReject={onReject}
      />,
    );
    expect((dialog as HTMLDialogElement).open).toBe(false);
  });

  it('does not close on Escape while the wallet is open', () => {
    const onReject = vi.fn();
    render(
      <SessionConsentDialog
        open
        status="pending"
        policy={policy}
        appName="Dragon Game"
        now={NOW}
        onReject={onReject}
      />,
    );
    fireEvent(screen.getByRole('dialog'), new Event('cancel', { cancelable: true }));
    expect(onReject).not.toHaveBeenCalled();
  });
});

describe('SessionConsentView with a text override left undefined', () => {
  // Partial<SessionText> accepts undefined values; an i18n lookup that misses gives exactly that.
  it.each(['warnSignsMessages', 'warnUnknownAccount'] as const)(
    '%s: undefined does not crash the card',
    (key) => {
      expect(() =>
        render(
          <SessionConsentView
            policy={policy}
            appName="Dragon Game"
            now={1_767_225_600}
            accountVersion="unknown"
            text={{ [key]: undefined }}
          />,
        ),
      ).not.toThrow();
      expect(document.body.textContent).toContain(defaultText[key]);
    },
  );
});
