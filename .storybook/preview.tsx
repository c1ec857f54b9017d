import type { Decorator, Preview } from '@storybook/react-vite';
import '../src/styles.css';
import './preview.css';

/** Theme from the toolbar (or a story's `globals`), set on a wrapper as the library documents it. */
const withTheme: Decorator = (Story, context) => {
  const theme = context.globals.theme as string | undefined;
  const width = context.parameters.frameWidth as number | undefined;
  return (
    <div
      className="sb-frame"
      data-theme={theme === 'dark' ? 'dark' : 'light'}
      data-width={width}
      data-mode={context.viewMode}
    >
      <Story />
    </div>
  );
};

const preview: Preview = {
  decorators: [withTheme],
  // A docs page per component: its props table, usage, and every story (state) rendered live.
  tags: ['autodocs'],
  globalTypes: {
    theme: {
      description: 'Component theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'fullscreen',
    // Any axe violation fails the story's test.
    a11y: { test: 'error' },
    controls: { matchers: { date: /At$/ } },
    docs: { toc: true, codePanel: true },
  },
};
export default preview;
