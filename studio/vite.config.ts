// Builds the Studio into the Worker's static assets (public/studio/), served under /studio/ and,
// for `/` and the Studio's own paths, as index.html by src/features/studio/routes.ts.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/studio/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../public/studio', import.meta.url)),
    emptyOutDir: true,
    // The page's CSP allows files from its own origin only: no asset may become a data: URI.
    assetsInlineLimit: 0,
  },
  logLevel: 'warn',
});
