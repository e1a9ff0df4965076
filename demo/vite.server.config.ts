import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The demo server, for Node 20 (which cannot run TypeScript): one ES module. The @palaute packages
 * are bundled (the server ships TypeScript sources while it is private); everything else, database
 * drivers included, is loaded from node_modules at run time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  ssr: { noExternal: [/^@palaute\//] },
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    rolldownOptions: { output: { entryFileNames: 'main.js' } },
  },
});
