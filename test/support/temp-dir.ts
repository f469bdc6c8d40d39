import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * One temporary folder for a whole test file: made before its first test, removed after its last.
 * Returns a function for paths inside it, `inTemp('plan.csv')`; with no argument, the folder itself.
 * (test/node/support/temp-dir.ts has the per-test kind.)
 */
export function useTempDir(prefix: string): (...parts: string[]) => string {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return (...parts) => {
    if (!dir) throw new Error('the temporary folder is made in beforeAll: use it inside a test or hook');
    return path.join(dir, ...parts);
  };
}
