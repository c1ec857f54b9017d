import type { Meta, StoryObj } from '@storybook/react-vite';
import { lazy, Suspense, useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';

// Loaded when the story renders, not when Storybook preloads this file next to the first story: the
// simulated chain is most of the stories' code, and would slow the first story down.
const FlowWithWorld = lazy(async () => {
  const { createFlowWorld, FullFlowDemo } = await import('./FullFlowDemo.js');
  /** A fresh simulated chain and wallet per render: nothing leaves the browser. */
  function WithWorld() {
    const [world] = useState(() => createFlowWorld({ walletId: 'storybook' }));
    return <FullFlowDemo world={world} />;
  }
  return { default: WithWorld };
});

function FullFlow() {
  return (
    <Suspense fallback={<p>Starting the simulated network…</p>}>
      <FlowWithWorld />
    </Suspense>
  );
}

const meta = {
  title: 'Flows/Full flow (simulated network)',
  component: FullFlow,
  // A live simulated chain per render: a story to run, not a component to document.
  tags: ['!autodocs'],
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof FullFlow>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Connect, consent (one wallet prompt), act (no prompt), watch the status, revoke (one prompt). */
export const ConnectConsentActRevoke: Story = {
  play: async ({ canvas, userEvent, step }) => {
    await step('connect the mock wallet', async () => {
      // The simulated chain loads with the story (lazily): give it the time a loaded machine needs.
      await userEvent.click(
        await canvas.findByRole('button', { name: 'Connect mock wallet' }, { timeout: 15_000 }),
      );
    });
    await step('approve the session once', async () => {
      await userEvent.click(
        await canvas.findByRole('button', { name: 'Approve in wallet' }, { timeout: 5000 }),
      );
      await canvas.findByRole('button', { name: 'Attack' }, { timeout: 10_000 });
    });
    const card = canvas.getByRole('region', { name: 'Session' });
    await step('act without a prompt and watch the calls counter', async () => {
      await waitFor(() => expect(within(card).getByRole('status')).toHaveTextContent('Active'));
      await userEvent.click(canvas.getByRole('button', { name: 'Attack' }));
      await waitFor(() => expect(canvas.getByText('Attacks landed: 1')).toBeVisible(), { timeout: 10_000 });
      await waitFor(() =>
        expect(within(card).getByRole('progressbar', { name: 'Transactions' })).toHaveAttribute(
          'aria-valuetext',
          '1 of 20 used',
        ),
      );
    });
    await step('revoke it from the card', async () => {
      await userEvent.click(within(card).getByRole('button', { name: 'Revoke' }));
      await waitFor(() => expect(within(card).getByRole('status')).toHaveTextContent('Revoked'), {
        timeout: 10_000,
      });
      await canvas.findByRole('button', { name: 'Approve in wallet' });
    });
  },
};
