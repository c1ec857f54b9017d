import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import {
  SessionStatusView,
  type SessionStatusViewProps,
} from '../src/components/SessionStatus/SessionStatusView.js';
import type { SessionStatus } from '../src/core/actions/index.js';
import { LOCALE, NOW, statusStates, TIME_ZONE, TOKENS } from './fixtures.js';

const STATUSES = Object.keys(statusStates) as SessionStatus[];

type StatusStoryProps = Omit<SessionStatusViewProps, 'state'> & { status: SessionStatus };

/** Picks the fixture state for a status, so the status is a plain control in the Storybook UI. */
function StatusStory({ status, ...props }: StatusStoryProps) {
  return <SessionStatusView {...props} state={statusStates[status]} />;
}

const meta = {
  title: 'Components/SessionStatus',
  component: StatusStory,
  // The view's own props table (from its JSDoc), as a tab beside the story's controls.
  subcomponents: { SessionStatusView },
  parameters: {
    docs: {
      description: {
        component: `The session at a glance (\`variant="badge"\`) or in full (card): status, countdown, calls,
spend left, Renew and Revoke. The status turns \`expiring\` and \`expired\` on time, on the system clock
or on any clock given as the config's \`now\` (\`testnet.clock\` in tests).

**In an app**, the connected \`SessionStatus\` reads \`useSession()\` and wires Renew and Revoke (one
wallet prompt each):

\`\`\`tsx
import { SessionStatus } from 'starknet-sessions';

<SessionStatus />                 // the card
<SessionStatus variant="badge" /> // one line, for a header
\`\`\`

**Designers and stories** render \`SessionStatusView\` with a \`state\` (\`useSession().data\` fits as is);
here the \`status\` control picks one of the fixtures.`,
      },
    },
  },
  argTypes: { status: { control: 'select', options: STATUSES } },
  args: {
    status: 'active',
    variant: 'card',
    now: NOW,
    locale: LOCALE,
    timeZone: TIME_ZONE,
    tokens: TOKENS,
    onRenew: fn(),
    onRevoke: fn(),
  },
} satisfies Meta<typeof StatusStory>;
export default meta;
type Story = StoryObj<typeof meta>;

export const None: Story = { args: { status: 'none' } };

export const Pending: Story = { args: { status: 'pending' } };

export const Active: Story = {
  args: { status: 'active' },
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('timer')).toHaveTextContent('5 h 42 min left');
    await expect(canvas.getByRole('progressbar', { name: 'Transactions' })).toHaveAttribute(
      'aria-valuenow',
      '12',
    );
    await expect(canvas.queryByRole('button', { name: 'Renew' })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Revoke' }));
    await expect(args.onRevoke).toHaveBeenCalledTimes(1);
  },
};

export const Expiring: Story = {
  args: { status: 'expiring' },
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Expiring soon');
    await userEvent.click(canvas.getByRole('button', { name: 'Renew' }));
    await expect(args.onRenew).toHaveBeenCalledTimes(1);
  },
};

export const Expired: Story = {
  args: { status: 'expired' },
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole('timer')).toBeNull();
    await expect(canvas.queryByRole('button', { name: 'Revoke' })).toBeNull();
  },
};

export const Exhausted: Story = { args: { status: 'exhausted' } };

export const Revoked: Story = { args: { status: 'revoked' } };

export const Renewing: Story = { args: { status: 'expiring', renewing: true } };

export const Dark: Story = { args: { status: 'expiring' }, globals: { theme: 'dark' } };

/** Every status as the compact badge, side by side. */
export const Badges: Story = {
  render: (args) => (
    <div className="sb-row">
      {STATUSES.map((status) => (
        <StatusStory key={status} {...args} status={status} variant="badge" />
      ))}
    </div>
  ),
};
