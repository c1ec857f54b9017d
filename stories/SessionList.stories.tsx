import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { SessionListView } from '../src/components/SessionList/SessionListView.js';
import { LOCALE, sessionList, TIME_ZONE } from './fixtures.js';

const meta = {
  title: 'Components/SessionList',
  component: SessionListView,
  parameters: {
    docs: {
      description: {
        component: `Every session of the connected account for this app, with Revoke per session and Revoke all
(one wallet prompt each).

\`\`\`tsx
import { SessionList } from 'starknet-sessions';

<SessionList appName="Dragon Game" />
\`\`\`

\`SessionListView\` renders from props alone (below).`,
      },
    },
  },
  args: {
    sessions: sessionList,
    appName: 'Dragon Game',
    locale: LOCALE,
    timeZone: TIME_ZONE,
    onRevoke: fn(),
    onRevokeAll: fn(),
  },
} satisfies Meta<typeof SessionListView>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  args: { sessions: [] },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No sessions on this account yet.')).toBeVisible();
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

export const Several: Story = {
  play: async ({ canvas, userEvent, args }) => {
    const revokeButtons = canvas.getAllByRole('button', { name: /^Revoke session/ });
    // Only the live sessions (active, expiring) can be revoked.
    await expect(revokeButtons).toHaveLength(2);
    await userEvent.click(revokeButtons[0]!);
    await expect(args.onRevoke).toHaveBeenCalledWith(sessionList[0]?.publicKey);
    await userEvent.click(canvas.getByRole('button', { name: 'Revoke all' }));
    await expect(args.onRevokeAll).toHaveBeenCalledTimes(1);
  },
};

export const Revoking: Story = {
  args: { revoking: [sessionList[0]!.publicKey] },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Revoke all' }));
    await expect(args.onRevokeAll).not.toHaveBeenCalled();
    await expect(canvas.getByRole('status')).toHaveTextContent('Revoking…');
  },
};

export const RevokingAll: Story = { args: { revoking: 'all' } };

export const Dark: Story = { globals: { theme: 'dark' } };
