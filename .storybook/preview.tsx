import type { Decorator, Preview } from '@storybook/react-vite';
import '../packages/react/src/styles.css';

/**
 * Exposes the toolbar's theme on a wrapper (`data-theme`) for standalone parts; the dialog and form
 * take `theme` and `locale` from `context.globals` in their stories' render functions.
 */
const withTheme: Decorator = (Story, context) => (
  <div className="palaute-theme" data-theme={context.globals.theme ?? 'light'}>
    <Story />
  </div>
);

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withTheme],
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
