import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTempDirs } from '../node/support/temp-dir';

/**
 * What the installers will hold, checked offline: the bundles' run-time requires, package.json's
 * dependency split, and a real electron-builder run (`--linux dir`, against a stand-in Electron
 * distribution, since the real one cannot be downloaded here) whose app.asar is then listed.
 */

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tempDir = useTempDirs();

const PackageJson = z.object({
  name: z.string(),
  main: z.string(),
  dependencies: z.record(z.string(), z.string()).default({}),
  devDependencies: z.record(z.string(), z.string()).default({}),
});
type PackageJson = z.infer<typeof PackageJson>;

/** Packages that only the renderer (bundled by Vite) or the tooling use. */
const RENDERER_ONLY = ['react', 'react-dom', 'ag-grid-community', 'ag-grid-react', 'recharts'];

let pkg: PackageJson;

beforeAll(async () => {
  pkg = PackageJson.parse(JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')));
  await run(process.execPath, [path.join(root, 'scripts/build.mjs'), 'electron'], { cwd: root });
  if (!existsSync(path.join(root, 'out/renderer/index.html'))) {
    await run(process.execPath, [path.join(root, 'scripts/build.mjs'), 'renderer'], { cwd: root });
  }
}, 300_000);

/** The bare package names a CommonJS bundle requires at run time. */
function requiredPackages(bundle: string): string[] {
  const names = new Set<string>();
  for (const match of bundle.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const specifier = match[1] ?? '';
    const parts = specifier.split('/');
    names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
  }
  return [...names].sort();
}

function isBuiltin(name: string): boolean {
  return name.startsWith('node:') || builtinModules.includes(name);
}

describe('package.json dependencies', () => {
  it('main is the bundled main process', () => {
    expect(pkg.main).toBe('out/electron/main.cjs');
  });

  it('runtime dependencies hold no renderer-only, tooling or Electron packages', () => {
    const runtime = Object.keys(pkg.dependencies);
    for (const name of [
      ...RENDERER_ONLY,
      'electron',
      'electron-builder',
      'vite',
      'vitest',
      'typescript',
      'esbuild',
      'playwright-core',
      'zod',
    ]) {
      expect(runtime, `${name} must not be a runtime dependency`).not.toContain(name);
    }
    expect(runtime.filter((name) => name in pkg.devDependencies)).toEqual([]);
  });

  it.each(['main.cjs', 'preload.cjs'])(
    'out/electron/%s requires only Node built-ins, electron and runtime dependencies',
    async (file) => {
      const bundle = await readFile(path.join(root, 'out/electron', file), 'utf8');
      const external = requiredPackages(bundle).filter((name) => !isBuiltin(name));
      const allowed = new Set(['electron', ...Object.keys(pkg.dependencies)]);
      expect(external.filter((name) => !allowed.has(name))).toEqual([]);
      if (file === 'preload.cjs') expect(external).toEqual(['electron']);
    },
  );

  it('every runtime dependency is left external by the build, so it is really loaded from node_modules', async () => {
    const buildScript = await readFile(path.join(root, 'scripts/build.mjs'), 'utf8');
    for (const name of Object.keys(pkg.dependencies)) expect(buildScript).toContain(`'${name}'`);
  });
});

interface AsarEntry {
  files?: Record<string, AsarEntry>;
  size?: number;
  offset?: string;
}

interface AsarArchive {
  files: string[];
  read(file: string): string;
}

/**
 * Reads an asar archive: a little-endian pickle header holding a JSON directory tree, then the file
 * bodies, each at its offset after the header.
 */
function openAsar(archive: Buffer): AsarArchive {
  const jsonLength = archive.readUInt32LE(12);
  const header = JSON.parse(archive.subarray(16, 16 + jsonLength).toString('utf8')) as AsarEntry;
  const bodyStart = 8 + archive.readUInt32LE(4);
  const entries = new Map<string, AsarEntry>();
  const walk = (entry: AsarEntry, prefix: string): void => {
    for (const [name, child] of Object.entries(entry.files ?? {})) {
      const full = prefix === '' ? name : `${prefix}/${name}`;
      if (child.files) walk(child, full);
      else entries.set(full, child);
    }
  };
  walk(header, '');
  return {
    files: [...entries.keys()],
    read(file) {
      const entry = entries.get(file);
      if (entry?.offset === undefined || entry.size === undefined) throw new Error(`${file} is not in the archive`);
      const start = bodyStart + Number(entry.offset);
      return archive.subarray(start, start + entry.size).toString('utf8');
    },
  };
}

/** "node_modules/@scope/name/..." or "node_modules/a/node_modules/b/..." -> the innermost package name. */
function packageNameOf(file: string): string {
  const parts = file.split('/');
  const at = parts.lastIndexOf('node_modules');
  const first = parts[at + 1] ?? '';
  return first.startsWith('@') ? `${first}/${parts[at + 2] ?? ''}` : first;
}

/** Every package in the production dependency tree, as npm resolved it (offline). */
async function productionPackageNames(): Promise<Set<string>> {
  const { stdout } = await run('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  return new Set(
    stdout
      .split('\n')
      .filter((line) => line.includes(`${path.sep}node_modules${path.sep}`))
      .map((line) => packageNameOf(path.relative(root, line).split(path.sep).join('/') + '/package.json')),
  );
}

/** @electron/fuses' marker before the fuse wire in an Electron binary: version 1, a length, one byte a fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's own settings: RunAsNode, CookieEncryption, NodeOptions, Inspect, AsarIntegrity, OnlyAsar, V8 snapshot, file:// privileges. */
const ELECTRON_DEFAULT_FUSES = '10110001';
const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

/** The fuses of a binary, by name: true on, false off. */
function readFuseWire(binary: Buffer): Record<string, boolean> {
  const at = binary.indexOf(FUSE_SENTINEL);
  if (at === -1) throw new Error('no fuse wire in the packaged binary');
  const wire = at + FUSE_SENTINEL.length;
  const length = binary[wire + 1] ?? 0;
  return Object.fromEntries(FUSE_NAMES.slice(0, length).map((name, i) => [name, binary[wire + 2 + i] === 0x31]));
}

/** The electronFuses block of build/electron-builder.yml, as written (name: true/false lines). */
async function configuredFuses(): Promise<Record<string, boolean>> {
  const yml = await readFile(path.join(root, 'build/electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ ]+\w+: (?:true|false)\n)+)/m.exec(yml)?.[1] ?? '';
  const fuses: Record<string, boolean> = {};
  for (const [, name = '', value] of block.matchAll(/(\w+): (true|false)/g)) fuses[name] = value === 'true';
  return fuses;
}

describe('Electron fuses (issue 13 §7)', () => {
  it('the builder config turns off run-as-node, NODE_OPTIONS and --inspect, and turns on the protections', async () => {
    expect(await configuredFuses()).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});

describe('the packaged app (electron-builder --linux dir, offline)', () => {
  let files: string[] = [];
  let fuses: Record<string, boolean> = {};
  let packagedPackageJson: PackageJson;

  beforeAll(async () => {
    const electronDist = await tempDir();
    // Stand-in for the Electron distribution electron-builder would download: it copies it and flips
    // its fuses, so it carries a fuse wire with Electron's defaults after the sentinel.
    await writeFile(
      path.join(electronDist, 'electron'),
      Buffer.concat([
        Buffer.from('#!/bin/sh\necho "stand-in for Electron"\nexit 0\n# '),
        Buffer.from(FUSE_SENTINEL),
        Buffer.from([1, ELECTRON_DEFAULT_FUSES.length]),
        Buffer.from(ELECTRON_DEFAULT_FUSES),
        Buffer.from('\n'),
      ]),
    );
    await chmod(path.join(electronDist, 'electron'), 0o755);
    await writeFile(path.join(electronDist, 'version'), 'v45.5.0');
    await writeFile(path.join(electronDist, 'LICENSE'), '');
    await writeFile(path.join(electronDist, 'LICENSES.chromium.html'), '');
    await mkdir(path.join(electronDist, 'resources'));
    const output = await tempDir();
    const builder = path.join(root, 'node_modules/.bin/electron-builder');
    const args = [
      '--config',
      'build/electron-builder.yml',
      '--linux',
      'dir',
      `-c.electronDist=${electronDist}`,
      '-c.electronVersion=45.5.0',
      `-c.directories.output=${output}`,
    ];
    try {
      await run(builder, args, { cwd: root, env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const stderr = typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : '';
      const stdout = typeof error === 'object' && error !== null && 'stdout' in error ? String(error.stdout) : '';
      throw new Error(`electron-builder failed:\n${(stdout + stderr).split('\n').slice(-30).join('\n')}`);
    }
    fuses = readFuseWire(await readFile(path.join(output, 'linux-unpacked/pixel-ledger')));
    const archive = openAsar(await readFile(path.join(output, 'linux-unpacked/resources/app.asar')));
    files = archive.files;
    packagedPackageJson = PackageJson.parse(JSON.parse(archive.read('package.json')));
  }, 300_000);

  it('has its fuses flipped as configured in the packaged binary', async () => {
    expect(fuses).toMatchObject(await configuredFuses());
    // Fuses the config leaves alone keep Electron's own setting.
    expect(fuses).toMatchObject({
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    });
  });

  it('holds the main process, the preload and the renderer', () => {
    expect(files).toContain('out/electron/main.cjs');
    expect(files).toContain('out/electron/preload.cjs');
    expect(files).toContain('out/renderer/index.html');
    expect(files.some((f) => f.startsWith('out/renderer/assets/') && f.endsWith('.js'))).toBe(true);
    expect(packagedPackageJson.main).toBe('out/electron/main.cjs');
    expect(packagedPackageJson.dependencies).toEqual(pkg.dependencies);
  });

  it('holds no sources, tests, source maps, CLI build or build resources', () => {
    const unexpected = files
      .filter((f) => !f.startsWith('node_modules/'))
      .filter((f) => !(f.startsWith('out/electron/') || f.startsWith('out/renderer/') || f === 'package.json'));
    expect(unexpected).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map') && f.startsWith('out/'))).toEqual([]);
  });

  it('holds the runtime dependencies and their dependencies, and no development-only package', async () => {
    const packaged = new Set(files.filter((f) => f.startsWith('node_modules/')).map(packageNameOf));
    const production = await productionPackageNames();
    for (const name of Object.keys(pkg.dependencies)) expect(packaged.has(name), `${name} is packaged`).toBe(true);
    expect([...packaged].filter((name) => !production.has(name))).toEqual([]);
    // A dev package may still ship when a runtime dependency needs it too (@types/node via fast-csv).
    for (const name of Object.keys(pkg.devDependencies).filter((n) => !production.has(n))) {
      expect(packaged.has(name), `${name} must not be packaged`).toBe(false);
    }
  });

  it('everything the bundled main process requires is inside the package', async () => {
    const bundle = await readFile(path.join(root, 'out/electron/main.cjs'), 'utf8');
    for (const name of requiredPackages(bundle).filter((n) => !isBuiltin(n) && n !== 'electron')) {
      expect(files, `${name} is required by main.cjs`).toContain(`node_modules/${name}/package.json`);
    }
  });
});

describe('builder configuration', () => {
  it('names the app, its id, the output and resources folders, the .pxplan association and every installer', async () => {
    const yaml = await readFile(path.join(root, 'build/electron-builder.yml'), 'utf8');
    expect(yaml).toMatch(/^appId: app\.pixelledger\.desktop$/m);
    expect(yaml).toMatch(/^productName: Pixel Ledger$/m);
    expect(yaml).toMatch(/^ {2}output: release$/m);
    expect(yaml).toMatch(/^ {2}buildResources: build$/m);
    expect(yaml).toMatch(/^ {2}- ext: pxplan$/m);
    for (const target of ['AppImage', 'deb']) expect(yaml).toMatch(new RegExp(`^ {4}- ${target}$`, 'm'));
    expect(yaml).toMatch(/^mac:\n {2}target: dmg$/m);
    expect(yaml).toMatch(/^win:\n {2}target: nsis$/m);
    expect(yaml).toMatch(/^ {2}maintainer: .+$/m);
  });

  it('the icon is a 1024×1024 PNG next to its SVG source', async () => {
    const png = await readFile(path.join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
    expect(existsSync(path.join(root, 'build/icon.svg'))).toBe(true);
  });
});
