import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Where the production bundle goes. Maven sets BATON_UI_OUT_DIR to
// target/classes/static so the jar contains static/index.html, which Spring
// Boot serves at "/". A plain `npm run build` writes to dist/.
const outDir = process.env.BATON_UI_OUT_DIR || 'dist';

// Backend for `npm run dev` (override with BATON_API_TARGET).
const apiTarget = process.env.BATON_API_TARGET || 'http://127.0.0.1:7777';

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      // Also proxies the SSE stream (/api/v1/projects/{id}/stream).
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir,
    // outDir may sit outside the project root (target/classes/static is inside,
    // but be explicit): always start from an empty directory so no stale
    // hashed assets from an earlier build end up in the jar.
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
