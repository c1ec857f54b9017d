import type { StorybookConfig } from '@storybook/react-vite';

// Written by hand (storybook init would download a browser and add addons we do not use).
const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // TypeScript 7 has no JS API: react-docgen (babel) instead of react-docgen-typescript.
  typescript: { reactDocgen: 'react-docgen' },
};
export default config;
