import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupPathFor, writeFileAtomically } from '../../node/files/atomic-write';
import { addRecentFile } from '../../node/files/recent-files';
import { createHandlers } from '../../node/handlers';
import { dispatch } from '../../node/ipc/dispatch';
import { serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { nodeFs, type FsPort } from '../../node/files/fs-port';
import { failingFsWith } from './support/failing-fs';
import { handlerContext, recordingDesktop } from './support/handler-context';
import { useTempDirs } from './support/temp-dir';

/**
 * The one atomic writer (save, .bak, recovery, preferences, CSV and xlsx export, CLI -o): what is on
 * disk after it is always the old file or the new one, and the backup is the old file itself.
 */

const tempDir = useTempDirs();

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('writing a file atomically', () => {
  it('the backup is the previous file itself (same inode), not a copy', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    await writeFile(target, 'first');
    const before = await stat(target);
    const written = await writeFileAtomically(target, 'second', { keepBackup: true });
    expect(written).toEqual({ ok: true, value: { path: target } });
    expect(await readFile(target, 'utf8')).toBe('second');
    expect(await readFile(backupPathFor(target), 'utf8')).toBe('first');
    expect((await stat(backupPathFor(target))).ino).toBe(before.ino);
    expect(await filesIn(dir)).toEqual(['plan.pxplan', 'plan.pxplan.bak']);
  });

  it('where the disk has no hard links, the old file is renamed to the backup', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    await writeFile(target, 'first');
    const fs = failingFsWith([{ operation: 'link', code: 'EPERM' }]);
    const written = await writeFileAtomically(target, 'second', { keepBackup: true, fs });
    expect(written.ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('second');
    expect(await readFile(backupPathFor(target), 'utf8')).toBe('first');
    expect(await filesIn(dir)).toEqual(['plan.pxplan', 'plan.pxplan.bak']);
  });

  it('without hard links, a refused final rename puts the old file back', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    await writeFile(target, 'first');
    const fs = failingFsWith([
      { operation: 'link', code: 'EPERM' },
      { operation: 'rename', code: 'EBUSY', onlyTo: 'plan.pxplan', times: 1 },
    ]);
    const written = await writeFileAtomically(target, 'second', { keepBackup: true, fs });
    expect(written).toMatchObject({ ok: false, error: { existed: true, code: 'EBUSY' } });
    if (!written.ok) expect(written.error.reason).toMatch(/^could not replace the file: the file is locked/);
    expect(await readFile(target, 'utf8')).toBe('first');
    expect((await filesIn(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a refused final rename leaves the old file in place (the backup already holds it too)', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    await writeFile(target, 'first');
    const fs = failingFsWith([{ operation: 'rename', code: 'EBUSY', onlyTo: 'plan.pxplan' }]);
    const written = await writeFileAtomically(target, 'second', { keepBackup: true, fs });
    expect(written).toMatchObject({ ok: false, error: { existed: true, code: 'EBUSY' } });
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readFile(backupPathFor(target), 'utf8')).toBe('first');
    expect(await filesIn(dir)).toEqual(['plan.pxplan', 'plan.pxplan.bak']);
  });

  it('a failed backup rename leaves the old backup and the old file as they were', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    await writeFile(target, 'first');
    await writeFile(backupPathFor(target), 'older');
    const fs = failingFsWith([{ operation: 'rename', code: 'EACCES', onlyTo: 'plan.pxplan.bak' }]);
    const written = await writeFileAtomically(target, 'second', { keepBackup: true, fs });
    expect(written.ok).toBe(false);
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readFile(backupPathFor(target), 'utf8')).toBe('older');
    expect(await filesIn(dir)).toEqual(['plan.pxplan', 'plan.pxplan.bak']);
  });

  it('replace: false creates a new file and refuses an existing one (EEXIST), leaving it untouched', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'out.csv');
    expect((await writeFileAtomically(target, 'new', { keepBackup: false, replace: false })).ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('new');
    const again = await writeFileAtomically(target, 'other', { keepBackup: false, replace: false });
    expect(again).toEqual({ ok: false, error: { reason: 'the file already exists', existed: true, code: 'EEXIST' } });
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await filesIn(dir)).toEqual(['out.csv']);
  });

  it('replace: false without hard links still creates the file', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'out.csv');
    const fs = failingFsWith([{ operation: 'link', code: 'ENOTSUP' }]);
    expect((await writeFileAtomically(target, 'new', { keepBackup: false, replace: false, fs })).ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await filesIn(dir)).toEqual(['out.csv']);
  });

  it('a streaming writer fills the temporary file; its failure leaves nothing behind', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.xlsx');
    const written = await writeFileAtomically(target, (temp) => writeFile(temp, 'streamed'), { keepBackup: false });
    expect(written.ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('streamed');

    const failed = await writeFileAtomically(
      target,
      async (temp) => {
        await writeFile(temp, 'half');
        throw new Error('the writer gave up\n    at somewhere (file.ts:1:1)');
      },
      { keepBackup: false },
    );
    expect(failed).toEqual({
      ok: false,
      error: { reason: 'could not write the file: the writer gave up', existed: true, code: null },
    });
    expect(await readFile(target, 'utf8')).toBe('streamed');
    expect(await filesIn(dir)).toEqual(['plan.xlsx']);
  });
});

describe('writing a file in pieces (a plan saved a few thousand rows at a time)', () => {
  /** The real disk, with each write of the temporary file logged as it begins and ends; the `failAt`th fails. */
  function loggingFs(log: string[], failAt = -1): FsPort {
    let writes = 0;
    return {
      ...nodeFs,
      async createExclusive(filePath) {
        const real = await nodeFs.createExclusive(filePath);
        return {
          ...real,
          async write(data) {
            const n = writes++;
            log.push(`write ${n} begins`);
            await new Promise((resolve) => setTimeout(resolve, 5));
            if (n === failAt) throw Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
            await real.write(data);
            log.push(`write ${n} ends`);
          },
        };
      },
    };
  }

  function* logged(log: string[], pieces: readonly string[], failAt = -1): Generator<string> {
    for (const [i, piece] of pieces.entries()) {
      if (i === failAt) throw new Error('the plan could not be written out');
      log.push(`made ${i}`);
      yield piece;
    }
  }

  it('writes them in order, each while the next one is made', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    const log: string[] = [];
    const pieces = ['{\n', '  "é": "ü",\n', '  "n": 1\n', '}\n'];
    const written = await writeFileAtomically(
      target,
      { pieces: logged(log, pieces) },
      { keepBackup: true, fs: loggingFs(log) },
    );
    expect(written.ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(pieces.join(''));
    expect(log).toEqual([
      'made 0',
      'write 0 begins',
      'made 1',
      'write 0 ends',
      'write 1 begins',
      'made 2',
      'write 1 ends',
      'write 2 begins',
      'made 3',
      'write 2 ends',
      'write 3 begins',
      'write 3 ends',
    ]);
  });

  it('writes long pieces and short ones, in any alphabet, as their UTF-8', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    const pieces = ['a'.repeat(5_000_000), 'é€😀\n', '広告'.repeat(2_100_000), '', 'end\n'];
    expect((await writeFileAtomically(target, { pieces }, { keepBackup: false })).ok).toBe(true);
    expect((await readFile(target)).equals(Buffer.from(pieces.join(''), 'utf8'))).toBe(true);
  });

  it('a failed write of a later piece, or a piece that cannot be made, leaves the old file and no temporary one', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    await writeFile(target, 'old');
    const pieces = ['a', 'b', 'c', 'd'];
    const full = await writeFileAtomically(
      target,
      { pieces: logged([], pieces) },
      { keepBackup: true, fs: loggingFs([], 2) },
    );
    expect(full).toEqual({
      ok: false,
      error: {
        reason: 'could not write the file: the disk is full (free some space and try again)',
        existed: true,
        code: 'ENOSPC',
      },
    });
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await filesIn(dir)).toEqual(['plan.pxplan']);

    await expect(
      writeFileAtomically(target, { pieces: logged([], pieces, 2) }, { keepBackup: true, fs: loggingFs([]) }),
    ).rejects.toThrow('the plan could not be written out');
    expect(await readFile(target, 'utf8')).toBe('old');
    expect(await filesIn(dir)).toEqual(['plan.pxplan']);
  });
});

describe('temporary files left by a writer killed mid-write', () => {
  const hourAgo = new Date(Date.now() - 60 * 60 * 1000);

  it('the next write to the same file removes its old ones, and leaves young ones and other files alone', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'plan.pxplan');
    const stale = ['.plan.pxplan.0123456789ab.tmp', '.plan.pxplan.bak.ba9876543210.tmp'];
    const kept = ['.plan.pxplan.aaaaaaaaaaaa.tmp', '.other.pxplan.0123456789ab.tmp', 'notes.tmp'];
    for (const name of [...stale, ...kept]) await writeFile(path.join(dir, name), 'half a file');
    for (const name of [...stale, kept[1] ?? '', kept[2] ?? '']) await utimes(path.join(dir, name), hourAgo, hourAgo);

    expect((await writeFileAtomically(target, 'whole', { keepBackup: true })).ok).toBe(true);
    expect(await filesIn(dir)).toEqual([...kept, 'plan.pxplan'].sort());
  });

  it('the app’s start removes old ones in its own folders and beside its recent plans', async () => {
    const userData = await tempDir();
    const plans = await tempDir();
    await mkdir(path.join(userData, 'recovery'));
    const litter = [
      path.join(userData, '.recent-files.json.0123456789ab.tmp'),
      path.join(userData, 'recovery', '.autosave.json.0123456789ab.tmp'),
      path.join(plans, '.q1.pxplan.0123456789ab.tmp'),
    ];
    for (const file of litter) {
      await writeFile(file, 'half');
      await utimes(file, hourAgo, hourAgo);
    }
    await writeFile(path.join(plans, 'q1.pxplan'), serializePlan(createSamplePlan('2026-11-28')));
    await addRecentFile(userData, path.join(plans, 'q1.pxplan'));

    const handlers = createHandlers(recordingDesktop());
    const started = await dispatch(handlers, 'app:startup', { today: '2026-11-28' }, handlerContext(userData));
    expect(started.ok).toBe(true);
    expect(await filesIn(plans)).toEqual(['q1.pxplan']);
    expect(await filesIn(path.join(userData, 'recovery'))).toEqual([]);
    expect((await filesIn(userData)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
