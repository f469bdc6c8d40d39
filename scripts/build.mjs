// Builds everything the app and the installed CLI run: the renderer (Vite), the Electron main process and
// preload (esbuild, CommonJS as Electron loads them), and the CLI (esbuild, ESM). Output goes to out/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chmod } from 'node:fs/promises';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const only = process.argv[2] ?? 'all';

const node = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

if (only === 'all' || only === 'renderer') {
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}
if (only === 'all' || only === 'electron') {
  await esbuild({
    ...node,
    entryPoints: {
      main: path.join(root, 'electron/main.ts'),
      preload: path.join(root, 'electron/preload.ts'),
      // The workbook import's worker thread (node/io/read-workbook.ts), beside main.cjs.
      'xlsx-import-worker': path.join(root, 'node/io/xlsx-import-worker.ts'),
    },
    outdir: path.join(root, 'out/electron'),
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // electron is provided by the runtime; exceljs stays a runtime dependency of the main process.
    external: ['electron', 'exceljs'],
  });
}
if (only === 'all' || only === 'cli') {
  await esbuild({
    ...node,
    entryPoints: { 'pixel-ledger': path.join(root, 'cli/main.ts') },
    outdir: path.join(root, 'out/cli'),
    outExtension: { '.js': '.mjs' },
    format: 'esm',
    // Each command (and exceljs, which only export needs) is its own chunk, loaded when the command runs:
    // without splitting, esbuild hoists every import into the one file and `--help` loads them all.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Less text for V8 to parse on every run (names kept, so a stack trace still reads).
    minifyWhitespace: true,
    minifySyntax: true,
    banner: {
      js: '#!/usr/bin/env node\nimport { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    external: ['exceljs'],
  });
  // The bin must be executable when run straight from a clone (npm sets the mode itself on install).
  await chmod(path.join(root, 'out/cli/pixel-ledger.mjs'), 0o755);
}
