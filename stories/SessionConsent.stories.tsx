import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, waitFor } from 'storybook/test';
// The views' own modules, not the components index: a story loads only what it renders (fast first story).
import { SessionConsentDialog } from '../src/components/SessionConsent/SessionConsentDialog.js';
import {
  SessionConsentView,
  type SessionConsentViewProps,
} from '../src/components/SessionConsent/SessionConsentView.js';
import { UserRejectedError } from '../src/core/errors/index.js';
import {
  anyActionPolicy,
  gamePolicy,
  gasTokenPolicy,
  LOCALE,
  NOW,
  STRK,
  shopPolicy,
  TIME_ZONE,
  TOKENS,
} from './fixtures.js';

const meta = {
  title: 'Components/SessionConsent',
  component: SessionConsentView,
  parameters: {
    docs: {
      description: {
        component: `The consent card: the app, each allowed action, limits, exact expiry, spending caps, who pays
gas, and every warning the protocol makes necessary. The footer with the decision buttons sticks to
the bottom of the screen (or of the dialog), so Approve and Reject are visible without scrolling,
however long the request.

**In an app**, use the connected \`SessionConsent\` (inside \`<SessionProvider>\`): Approve asks the
wallet for one transaction, shows pending while it is open, and an error with a retry.

\`\`\`tsx
import { SessionConsent } from 'starknet-sessions';
import 'starknet-sessions/styles.css';

<SessionConsent
  policy={{ actions: [{ entrypoint: 'attack', contractAddress: GAME, label: 'Attack a monster' }], durationSeconds: 3600, maxCalls: 20 }}
  appName="Dragon Game"
  onApproved={() => setOpen(false)}
  onReject={() => setOpen(false)}
  dialog // optional: a native modal <dialog>
/>
\`\`\`

**Designers and stories** render \`SessionConsentView\` from props alone (below): every state is a story.`,
      },
    },
  },
  args: {
    policy: gamePolicy,
    appName: 'Dragon Game',
    appOrigin: 'dragon.example',
    now: NOW,
    locale: LOCALE,
    timeZone: TIME_ZONE,
    tokens: TOKENS,
    onApprove: fn(),
    onReject: fn(),
  },
} satisfies Meta<typeof SessionConsentView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** No paymaster: the account pays its own fees. Approve and reject reach the app. */
export const Plain: Story = {
  args: { feeMode: { mode: 'direct' } },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Approve in wallet' }));
    await expect(args.onApprove).toHaveBeenCalledTimes(1);
    await userEvent.click(canvas.getByRole('button', { name: 'Not now' }));
    await expect(args.onReject).toHaveBeenCalledTimes(1);
  },
};

export const Sponsored: Story = {
  args: { feeMode: { mode: 'sponsored' }, paymasterName: 'AVNU' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Sponsored by AVNU')).toBeVisible();
  },
};

export const GasToken: Story = {
  args: { policy: gasTokenPolicy, feeMode: { mode: 'default', gasToken: STRK } },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/^Paid by your account in STRK/)).toBeVisible();
  },
};

export const WithCaps: Story = {
  args: { policy: shopPolicy, paymasterName: 'AVNU' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('region', { name: 'Spending caps' })).toHaveTextContent('25 USDC per day');
  },
};

export const EmptyWhitelistDanger: Story = {
  args: { policy: anyActionPolicy, paymasterName: 'AVNU' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Any action on any contract')).toBeVisible();
  },
};

/** The wallet prompt is open: both buttons ignore clicks, focus stays where it was. */
export const Pending: Story = {
  args: { status: 'pending', paymasterName: 'AVNU' },
  play: async ({ canvas, userEvent, args }) => {
    const button = canvas.getByRole('button', { name: 'Waiting for wallet…' });
    await userEvent.click(button);
    await expect(args.onApprove).not.toHaveBeenCalled();
    await expect(button).toHaveFocus();
  },
};

export const Rejected: Story = {
  args: { status: 'error', error: new UserRejectedError(), paymasterName: 'AVNU' },
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent('Rejected in your wallet');
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(args.onApprove).toHaveBeenCalledTimes(1);
  },
};

export const Failed: Story = {
  name: 'Error',
  args: {
    status: 'error',
    error: {
      code: 'PAYMASTER_UNAVAILABLE',
      shortMessage: 'The paymaster did not answer. Try again in a moment.',
    },
    paymasterName: 'AVNU',
  },
};

/** A policy the library refuses: no Approve button at all. */
export const Invalid: Story = {
  args: { policy: { ...gamePolicy, actions: [{ entrypoint: 'upgrade' }] } },
};

export const Narrow360: Story = {
  args: { policy: shopPolicy, paymasterName: 'AVNU' },
  parameters: { frameWidth: 360 },
};

export const Dark: Story = {
  args: { policy: shopPolicy, paymasterName: 'AVNU' },
  globals: { theme: 'dark' },
};

function DialogDemo(props: SessionConsentViewProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="ss-root ss-button ss-button--primary" onClick={() => setOpen(true)}>
        Review session
      </button>
      <SessionConsentDialog
        {...props}
        open={open}
        onReject={() => {
          props.onReject?.();
          setOpen(false);
        }}
      />
    </>
  );
}

/** In a native modal dialog: focus goes to the title, Escape closes, focus comes back. */
export const InDialog: Story = {
  args: { paymasterName: 'AVNU' },
  render: (args) => <DialogDemo {...args} />,
  play: async ({ canvas, userEvent, args, canvasElement }) => {
    const opener = canvas.getByRole('button', { name: 'Review session' });
    await userEvent.click(opener);
    const dialog = canvasElement.ownerDocument.querySelector('dialog');
    await waitFor(() => expect(dialog).toHaveAttribute('open'));
    await expect(canvasElement.ownerDocument.activeElement).toHaveTextContent(
      'Dragon Game asks to act for you',
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(dialog).not.toHaveAttribute('open'));
    await expect(args.onReject).toHaveBeenCalledTimes(1);
    await expect(opener).toHaveFocus();
  },
};
