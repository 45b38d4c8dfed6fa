/**
 * Builds the web application into web/dist, served by Writ itself (src/http/routes/web.ts). JSX
 * is compiled by Vite's own transformer (automatic React runtime), so no framework plugin is
 * needed. The build records the files it read, for the freshness check in ensure-built.ts.
 */
import { writeFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { DIST, INPUTS_FILE, WEB_ROOT, hashInputs, sourceFilesOf } from './build-inputs.ts';

function recordInputs(): Plugin {
  let files: string[] = [];
  return {
    name: 'writ-record-inputs',
    apply: 'build',
    buildEnd() {
      files = sourceFilesOf(this.getModuleIds());
    },
    closeBundle() {
      writeFileSync(INPUTS_FILE, JSON.stringify({ files, hash: hashInputs(files) }, null, 2) + '\n');
    },
  };
}

export default defineConfig({
  root: WEB_ROOT,
  base: '/',
  plugins: [recordInputs()],
  build: {
    outDir: DIST,
    emptyOutDir: true,
    target: 'es2022',
    // One small app: a single chunk loads in one round trip.
    chunkSizeWarningLimit: 600,
  },
  // `npx vite web` for work on the pages, against a Writ started with `npm start`.
  server: { proxy: { '/api': 'http://127.0.0.1:8080', '/openapi.json': 'http://127.0.0.1:8080' } },
});
