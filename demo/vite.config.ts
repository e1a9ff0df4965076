import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The browser app: built to dist/client, which the demo server serves. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  // A placeholder the server replaces with a fresh nonce per response (demo.server.ts). Vite puts
  // it on its tags and in <meta property="csp-nonce">, where main.tsx reads it for setStyleNonce.
  html: { cspNonce: 'PALAUTE_DEMO_CSP_NONCE' },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // A strict CSP forbids inline code; keep every asset a file of its own.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // One unsplit bundle for a demo (React, the Palaute packages and the app): ~150 KB gzipped.
    chunkSizeWarningLimit: 600,
  },
});
