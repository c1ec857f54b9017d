import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';
import { scopeReactDocgen } from './docgenScope.js';

// Written by hand (storybook init would download a browser and add addons we do not use).
const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // TypeScript 7 has no JS API: react-docgen (babel) instead of react-docgen-typescript.
  typescript: { reactDocgen: 'react-docgen' },
  // The first story in seconds, not ~18 s: every dependency the stories import is pre-bundled when the
  // server starts (instead of discovered on the first visit, which re-bundles and reloads the page),
  // and the preview's own modules are transformed ahead of the first request.
  viteFinal: (vite) => {
    scopeReactDocgen(vite.plugins);
    return mergeConfig(vite, {
      optimizeDeps: {
        include: [
          'react',
          'react/jsx-runtime',
          'react/jsx-dev-runtime',
          'react-dom',
          'react-dom/client',
          '@tanstack/react-query',
          '@starknet-react/core',
          '@starknet-react/chains',
          'starknet',
          'storybook/test',
          '@storybook/addon-docs',
          '@storybook/addon-docs/blocks',
        ],
      },
      server: {
        warmup: {
          // The first story's graph only (the sidebar's first, the one the timing opens): warming the
          // other stories too competes for the CPU with the UI's first load (~0.2 s on 2 cores).
          clientFiles: ['./.storybook/preview.tsx', './stories/SessionConsent.stories.tsx'],
        },
      },
    });
  },
};
export default config;
