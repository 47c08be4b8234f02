import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// npm run dev:web: the api runs elsewhere (npm start); its paths are proxied so the app sees one origin, as in production.
const api = process.env.ARENA_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    rollupOptions: {
      output: {
        // The catalogues: each language's shell sections (read by src/i18n/catalogues.ts) in one chunk, locale-<code>,
        // asked for only when the viewer reads that language; a page's own sections (addSections) in
        // locale-<code>-<section>.
        manualChunks(id, { getModuleInfo }) {
          const [, code, section] = /\/src\/i18n\/locales\/([^/]+)\/([^/]+)\.json$/.exec(id) ?? [];
          if (!code || !section) return undefined;
          const shell = getModuleInfo(id)?.dynamicImporters.some((importer) => importer.endsWith('/src/i18n/catalogues.ts'));
          return shell ? `locale-${code}` : `locale-${code}-${section}`;
        },
      },
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': api, '/docs': api, '/health': api },
  },
});
