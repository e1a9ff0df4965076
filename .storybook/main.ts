import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/react-vite';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Stories run on the packages' source, so a change shows without a build.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    resolve: {
      ...viteConfig.resolve,
      alias: {
        ...(viteConfig.resolve?.alias as Record<string, string> | undefined),
        // The subpath first: an alias also matches `<key>/…`.
        '@palaute/engine/outbox': source('../packages/engine/src/outbox.ts'),
        '@palaute/engine/protocol-schemas': source('../packages/engine/src/protocol-schemas.ts'),
        '@palaute/engine/persisted-flow': source('../packages/engine/src/flow/flow.restore.ts'),
        '@palaute/engine': source('../packages/engine/src/index.ts'),
        '@palaute/react/devtools': source('../packages/react/src/devtools/index.ts'),
        '@palaute/react': source('../packages/react/src/index.ts'),
      },
    },
  }),
};

export default config;
