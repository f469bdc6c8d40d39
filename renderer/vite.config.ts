import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Vite defines import.meta.dirname when it loads its config (no Node types needed in the web tsconfig).
const here = import.meta.dirname;

// Relative base: the built renderer is served at app://pixel-ledger/ in Electron (electron/app-protocol.ts)
// and at http://127.0.0.1:<port>/ by the browser host, so its asset URLs must not assume either origin.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${here}/../out/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
});
