import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { APP_NODE_REQUIREMENT, isAtLeast, nodeVersionProblem } from '../../scripts/preflight.mjs';

/** npm start's Node check (scripts/preflight.mjs): the desktop app needs Node 22.12+, the rest 20.19+. */

const run = promisify(execFile);
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../scripts/preflight.mjs');

describe('npm start checks the Node version first', () => {
  it.each([
    ['v22.12.0', true],
    ['v22.13.1', true],
    ['v24.0.0', true],
    ['v23.0.0', true],
    ['v22.11.9', false],
    ['v20.20.2', false],
    ['v18.20.4', false],
  ])('%s can run the desktop app: %s', (version, ok) => {
    expect(isAtLeast(version, APP_NODE_REQUIREMENT)).toBe(ok);
    expect(nodeVersionProblem(version) === null).toBe(ok);
  });

  it('says in one line what is needed, what this Node is, and what to do', () => {
    const line = nodeVersionProblem('v20.20.2') ?? '';
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^Pixel Ledger's desktop app needs Node\.js 22\.12\.0 or newer, and this is Node 20\.20\.2 /);
    expect(line).toContain('nodejs.org');
    expect(line).toContain('npm install and npm start again');
  });

  it('runs before the build and Electron, and stops npm start on an old Node', async () => {
    expect(packageJson.scripts.start).toMatch(/^node scripts\/preflight\.mjs && /);
    const problem = nodeVersionProblem(process.version);
    const outcome = await run(process.execPath, [script]).then(
      ({ stderr }) => ({ code: 0, stderr }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(outcome).toEqual(problem === null ? { code: 0, stderr: '' } : { code: 1, stderr: `${problem}\n` });
  });
});
