import type { Preview } from '@storybook/react-vite';
import '../packages/react/src/styles.css';

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    // Every story is also a test in headless Chromium: an axe violation fails it.
    a11y: { test: 'error' },
    controls: { matchers: { color: /(background|color)$/i, date: /Date$/i } },
  },
  globalTypes: {
    theme: {
      description: 'Palaute theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: ['light', 'dark', 'auto'],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Customer locale',
      toolbar: { title: 'Locale', icon: 'globe', items: ['en', 'fi'], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en' },
};

export default preview;
