import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { SessionRequestApprovalView } from '../src/components/index.js';
import { InvalidSessionRequestError, UserRejectedError } from '../src/core/errors/index.js';
import type { SessionRequest } from '../src/core/request.js';
import { GAME, LOCALE, NOW, TIME_ZONE, TOKENS, USDC } from './fixtures.js';

const SN_SEPOLIA = '0x534e5f5345504f4c4941';
const ACCOUNT = '0x3062f8ec52749beae94daee793871e60a4f71fdee577e9d9fb0c61260024806';

const request: SessionRequest = {
  version: 1,
  chainId: SN_SEPOLIA,
  accountAddress: ACCOUNT,
  publicKey: '0x5a5c5b9b1b6c2d4e3f0a1b2c3d4e5f60718293a4b5c6d7e8f9011121314151',
  policy: {
    actions: [
      {
        entrypoint: 'attack',
        contractAddress: GAME,
        label: 'Attack a monster',
        contractLabel: 'Dragon Game',
      },
      { entrypoint: 'transfer', contractAddress: USDC, label: 'Pay in USDC', contractLabel: 'USDC' },
    ],
    validUntil: NOW + 4 * 3600,
    maxCalls: 20,
    spendingLimits: [
      {
        token: USDC,
        symbol: 'USDC',
        decimals: 6,
        maxPerCall: '5000000',
        maxPerWindow: '25000000',
        windowSeconds: 86_400,
      },
    ],
  },
  app: { name: 'Trading agent', url: 'https://agent.example' },
  requestedAt: NOW,
};

const meta = {
  title: 'Components/SessionRequestApproval',
  component: SessionRequestApprovalView,
  args: {
    state: 'ready',
    request,
    accountAddress: ACCOUNT,
    chainId: SN_SEPOLIA,
    feeMode: { mode: 'sponsored' },
    now: NOW,
    locale: LOCALE,
    timeZone: TIME_ZONE,
    tokens: TOKENS,
    onApprove: fn(),
    onReject: fn(),
  },
} satisfies Meta<typeof SessionRequestApprovalView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The consent for exactly what the link carries; who asks is marked unverified. */
export const Ready: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByText('Who is asking is not verified')).toBeVisible();
    await expect(
      canvas.getByRole('heading', { name: 'Trading agent (unverified) asks to act for you' }),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Approve in wallet' }));
    await expect(args.onApprove).toHaveBeenCalledTimes(1);
  },
};

/** A link widened in transit: the consent shows the widened policy, as the wallet will register it. */
export const Widened: Story = {
  args: {
    request: { ...request, policy: { ...request.policy, maxCalls: 5000, actions: [], allowAnyAction: true } },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('up to 5,000')).toBeVisible();
    await expect(canvas.getByText('Any action on any contract')).toBeVisible();
  },
};

export const Pending: Story = { args: { status: 'pending' } };

export const Rejected: Story = {
  args: { status: 'error', error: new UserRejectedError() },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent('Rejected in your wallet');
  },
};

export const Invalid: Story = {
  args: {
    state: 'invalid',
    request: undefined,
    invalid: new InvalidSessionRequestError('malformed', 'The session request is not valid base64url JSON.'),
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent('not valid base64url JSON');
  },
};

export const Disconnected: Story = { args: { state: 'disconnected', accountAddress: undefined } };

export const WrongChain: Story = {
  args: { state: 'wrong-chain', chainId: '0x534e5f4d41494e' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent(
      'network SN_SEPOLIA, your wallet is on SN_MAIN',
    );
  },
};

export const WrongAccount: Story = { args: { state: 'wrong-account', accountAddress: '0x1234' } };

export const Approved: Story = {
  args: {
    state: 'approved',
    transactionHash: '0x7f3c0b1e5d2a4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90112131415161',
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Trading agent can now act');
  },
};

export const Dark: Story = { globals: { theme: 'dark' } };
