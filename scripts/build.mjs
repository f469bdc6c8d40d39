// Builds everything the app and the installed CLI run: the renderer (Vite), the Electron main process and
// preload (esbuild, CommonJS as Electron loads them), and the CLI (esbuild, ESM). Output goes to out/.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chmod, readdir, rm } from 'node:fs/promises';

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
  const cliDir = path.join(root, 'out/cli');
  const built = await esbuild({
    ...node,
    // The metafile names its outputs from here (removeStaleFiles), whatever folder the build is run from.
    absWorkingDir: root,
    entryPoints: { 'pixel-ledger': path.join(root, 'cli/main.ts') },
    outdir: cliDir,
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
    metafile: true,
  });
  await removeStaleFiles(cliDir, Object.keys(built.metafile.outputs));
  // The bin must be executable when run straight from a clone (npm sets the mode itself on install).
  await chmod(path.join(cliDir, 'pixel-ledger.mjs'), 0o755);
}

/**
 * Deletes the files in `dir` that this build did not write (`outputs`, as esbuild's metafile names them).
 * Chunk names carry a hash of their content, so each change of the code left its old chunks behind:
 * hundreds after a day's work. Removed after the new ones are written, never the directory as a whole,
 * so a CLI run started from an earlier build of the same code (a test beside a rebuild) keeps its files.
 */
async function removeStaleFiles(dir, outputs) {
  const kept = new Set(outputs.map((file) => path.resolve(root, file)));
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const stale = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .filter((file) => !kept.has(file));
  await Promise.all(stale.map((file) => rm(file, { force: true })));
}
