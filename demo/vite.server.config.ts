import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The demo server, for Node 20 (which cannot run TypeScript): one ES module of the demo's own code.
 * The @palaute packages, database drivers included, are loaded from node_modules at run time, as a
 * host's server would load the published packages.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  // Workspace links would otherwise be bundled as sources.
  ssr: { external: ['@palaute/engine', '@palaute/server'] },
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    rolldownOptions: { output: { entryFileNames: 'main.js' } },
  },
});
