import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { SessionConsentView } from '../src/components/SessionConsent/SessionConsentView.js';
import { SessionStatusView } from '../src/components/SessionStatus/SessionStatusView.js';
import { gamePolicy, LOCALE, NOW, statusStates, TIME_ZONE, TOKENS } from './fixtures.js';
import { ThemeVariables } from './ThemeVariables.js';

interface ThemeArgs {
  accent: string;
  accentHover: string;
  surface: string;
  text: string;
  radius: string;
  space: string;
  font: string;
  maxWidth: string;
}

/** The variables as an app's stylesheet sets them: on `.ss-root` under the app's own selector. */
function themeRule(args: ThemeArgs): string {
  return `.sb-theming .ss-root {
  --ss-accent: ${args.accent};
  --ss-accent-hover: ${args.accentHover};
  --ss-surface: ${args.surface};
  --ss-text: ${args.text};
  --ss-radius: ${args.radius};
  --ss-space: ${args.space};
  --ss-font: ${args.font};
  --ss-max-width: ${args.maxWidth};
}`;
}

/** The components under a rule that sets `--ss-*` variables, as an app's stylesheet would. */
function ThemedComponents(args: ThemeArgs) {
  return (
    <div className="sb-theming">
      <style>{themeRule(args)}</style>
      <SessionStatusView
        state={statusStates.active}
        now={NOW}
        tokens={TOKENS}
        locale={LOCALE}
        timeZone={TIME_ZONE}
        onRevoke={() => {}}
      />
      <SessionConsentView
        policy={gamePolicy}
        appName="Dragon Game"
        now={NOW}
        locale={LOCALE}
        timeZone={TIME_ZONE}
        paymasterName="AVNU"
      />
    </div>
  );
}

const meta = {
  title: 'Theming/CSS variables',
  component: ThemedComponents,
  tags: ['!autodocs'],
  argTypes: {
    accent: { control: 'color' },
    accentHover: { control: 'color' },
    surface: { control: 'color' },
    text: { control: 'color' },
  },
  args: {
    accent: '#0f766e',
    accentHover: '#115e59',
    surface: '#fffdf7',
    text: '#1c1917',
    radius: '4px',
    space: '0.875rem',
    font: '"DejaVu Sans", "Liberation Sans", sans-serif',
    maxWidth: '30rem',
  },
} satisfies Meta<typeof ThemedComponents>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Change the controls: every component under the wrapper follows, nothing else is needed. */
export const Live: Story = {
  play: async ({ canvas }) => {
    const approve = canvas.getByRole('button', { name: 'Approve in wallet' });
    await expect(getComputedStyle(approve).backgroundColor).toBe('rgb(15, 118, 110)');
  },
};

/** Every variable the stylesheet declares, with its light and dark value, read live from the CSS. */
export const Reference: Story = {
  render: () => <ThemeVariables />,
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('--ss-accent')).toBeVisible();
  },
};
