import { spawn } from 'node:child_process';
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { removeLitterAtStart } from '../../node/files/stale-temp-files';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { bigPlan } from './support/kill-loop-plans';
import { useTempDirs } from './support/temp-dir';

/**
 * Issue 13 §2: kill -9 at random points while a process saves a plan (with its backup) and writes a CLI
 * -o output (through the one atomic writer, with the options each uses), over and over. After every kill each file is whole: one of the versions written, never a
 * mix or a cut, and the backup too. Fixed seed; bounded (KILLS runs, each a few tens of milliseconds).
 */

const KILLS = 200;
const SEED = 0x5afe;
const VERSIONS = new Set(['before the loop', 'version A', 'version B']);

const tempDir = useTempDirs();
const writerSource = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support/kill-loop-writer.ts');
let writerBundle = '';

/** mulberry32: a small seeded generator, so a failing run can be repeated exactly. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  const out = await tempDir();
  writerBundle = path.join(out, 'kill-loop-writer.mjs');
  await build({
    entryPoints: [writerSource],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: writerBundle,
    logLevel: 'warning',
  });
});

/** Starts the writer, waits until it writes, lets it run `delayMs`, then kills it with SIGKILL. */
async function runAndKill(folder: string, versionFiles: readonly string[], delayMs: number): Promise<void> {
  const child = spawn(process.execPath, [writerBundle, folder, ...versionFiles], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', () => reject(new Error(`the writer stopped before it was killed: ${stderr}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  await exited;
}

/** The version a file holds, or why it is not whole. */
async function versionIn(file: string): Promise<string> {
  const parsed = parsePlanText(await readFile(file, 'utf8'));
  return parsed.ok ? parsed.value.meta.name : `not whole: ${parsed.error.slice(0, 120)}`;
}

describe('kill -9 in the middle of saves, backups and CLI output', () => {
  it(`after each of ${KILLS} kills at random points, the plan, its backup and the CLI output are whole`, async () => {
    const folder = await tempDir();
    const saved = path.join(folder, 'saved.pxplan');
    const output = path.join(folder, 'cli-output.pxplan');
    const before = serializePlan(bigPlan('before the loop', 10));
    await writeFile(saved, before);
    await writeFile(output, before);
    const versionsDir = await tempDir();
    const versionFiles = [path.join(versionsDir, 'a.pxplan'), path.join(versionsDir, 'b.pxplan')];
    await writeFile(versionFiles[0] ?? '', serializePlan(bigPlan('version A', 900)));
    await writeFile(versionFiles[1] ?? '', serializePlan(bigPlan('version B', 1100)));
    const random = seededRandom(SEED);
    const seen = new Set<string>();

    for (let run = 0; run < KILLS; run += 1) {
      await runAndKill(folder, versionFiles, Math.floor(random() * 40));
      const found = {
        run,
        saved: await versionIn(saved),
        output: await versionIn(output),
        backup: (await readdir(folder)).includes('saved.pxplan.bak') ? await versionIn(`${saved}.bak`) : 'none yet',
      };
      for (const version of [found.saved, found.output, found.backup]) seen.add(version);
      expect(VERSIONS.has(found.saved) && VERSIONS.has(found.output), JSON.stringify(found)).toBe(true);
      expect(found.backup === 'none yet' || VERSIONS.has(found.backup), JSON.stringify(found)).toBe(true);
    }
    // The kills landed while both versions were being written, not only before the first write.
    expect(seen.has('version A') && seen.has('version B')).toBe(true);

    // The next start removes what the killed writes left (once old enough not to be another writer's).
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    const temps = (await readdir(folder)).filter((f) => f.endsWith('.tmp'));
    expect(temps.length).toBeGreaterThan(0);
    for (const temp of temps) await utimes(path.join(folder, temp), hourAgo, hourAgo);
    expect(await removeLitterAtStart(await tempDir(), [saved, output])).toBe(temps.length);
    expect((await readdir(folder)).sort()).toEqual(['cli-output.pxplan', 'saved.pxplan', 'saved.pxplan.bak']);
  }, 300_000);
});
