// The project's layers for the `layering` rule (scripts/eslint/layering.mjs): each top-level folder lists
// the layers it may import, whether it may import Node built-ins, and which npm packages.
const ALL_LAYERS = ['shared', 'node', 'electron', 'cli', 'renderer', 'bench', 'test', 'scripts'];

/**
 * Each top-level folder is a layer and lists what it may import. The direction:
 * shared/ (pure) ← node/ (plain Node) ← electron/ (the shell) and ← cli/; renderer/ uses shared/ only.
 */
export const LAYERS = {
  shared: {
    imports: ['shared'],
    builtins: false,
    packages: ['zod'],
    hint: 'shared/ is pure and runs in the page and in Node: take what needs files, Node or Electron as an argument and do that part in node/.',
  },
  node: {
    imports: ['shared', 'node'],
    builtins: true,
    packages: '*',
    deniedPackages: ['electron'],
    hint: 'node/ runs in plain Node (the CLI and the browser host use it): keep what needs Electron in electron/, behind a port such as DialogPort or DesktopPort.',
  },
  electron: {
    imports: ['shared', 'node', 'electron'],
    builtins: true,
    packages: '*',
    hint: 'electron/ is the shell on top; move what both need into node/ (plain Node) or shared/ (pure).',
  },
  cli: {
    imports: ['shared', 'node', 'cli'],
    builtins: true,
    packages: '*',
    deniedPackages: ['electron'],
    rootFiles: ['package.json'],
    hint: 'cli/ runs in plain Node: use node/, and move code that does not need Electron out of electron/ into node/.',
  },
  renderer: {
    imports: ['shared', 'renderer'],
    builtins: false,
    packages: '*',
    deniedPackages: ['electron'],
    hint: 'renderer/ runs in the page: it reaches files and the OS only through the typed IPC contract (shared/ipc/contract.ts, renderer/src/bridge/).',
  },
  bench: {
    // test/: the grid benchmark drives Chromium through the end-to-end harness (test/e2e/support), and the
    // benchmarks build their data with the generators the tests use (test/support, shared/plan).
    imports: ['shared', 'node', 'cli', 'bench', 'test'],
    builtins: true,
    packages: '*',
    deniedPackages: ['electron'],
    hint: 'bench/ measures shared/, node/ and cli/ code from plain Node.',
  },
  test: { imports: ALL_LAYERS, builtins: true, packages: '*', rootFiles: ['package.json'], hint: '' },
  scripts: { imports: ALL_LAYERS, builtins: true, packages: '*', rootFiles: ['package.json'], hint: '' },
};

/** Files that belong to another layer than their folder's: the renderer's Vite config is build tooling. */
export const LAYER_FILES = { 'renderer/vite.config.ts': 'scripts' };
