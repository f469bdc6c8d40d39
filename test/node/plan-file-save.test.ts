import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupPathFor } from '../../node/files/atomic-write';
import { savePlanFile, withPlanExtension } from '../../node/files/plan-file';
import { suggestedFileName } from '../../node/files/suggested-file-name';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { blankPlan } from '../../shared/plan/new-plan';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';
import { failingFs, failingFsWith, type FsOperation } from './support/failing-fs';
import { TODAY } from './support/handler-context';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs();
const sample = createSamplePlan(TODAY);
const edited = { ...sample, meta: { ...sample.meta, name: 'Edited plan' } };

async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe('saving a plan file', () => {
  it('writes the plan so that it reads back identically', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'launch.pxplan');
    const saved = await savePlanFile(target, sample);
    expect(saved).toEqual({ ok: true, value: { path: target } });
    const reread = parsePlanText(await readFile(target, 'utf8'));
    expect(reread).toEqual({ ok: true, value: sample });
    // A first save has no previous version to keep, and leaves no temporary file behind.
    expect(await filesIn(dir)).toEqual(['launch.pxplan']);
  });

  it('keeps the previous version as <name>.pxplan.bak when replacing a file', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'launch.pxplan');
    await savePlanFile(target, sample);
    const firstBytes = await readFile(target);
    await savePlanFile(target, edited);
    expect(await readFile(backupPathFor(target))).toEqual(firstBytes);
    expect(await readFile(target, 'utf8')).toBe(serializePlan(edited));
    expect(await filesIn(dir)).toEqual(['launch.pxplan', 'launch.pxplan.bak']);
  });

  it('writes a large plan a few thousand rows at a time, to the same bytes as its text in one piece', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'large.pxplan');
    const large = generateDiversePlan({ rows: 10_000, seed: 4 });
    const fs = failingFsWith([]);
    expect(await savePlanFile(target, large, fs)).toEqual({ ok: true, value: { path: target } });
    expect(fs.calls.filter((call) => call === 'write')).toHaveLength(5);
    expect(await readFile(target, 'utf8')).toBe(serializePlan(large));
    const full = await savePlanFile(target, { ...large, rows: large.rows.slice(1) }, failingFs('write', 'ENOSPC'));
    expect(full).toMatchObject({
      ok: false,
      error: expect.stringMatching(/the disk is full.*The previous version is unchanged\.$/),
    });
    expect(await readFile(target, 'utf8')).toBe(serializePlan(large));
    expect(await filesIn(dir)).toEqual(['large.pxplan']);
  });

  const failures: { operation: FsOperation; code: string; reason: RegExp }[] = [
    { operation: 'write', code: 'ENOSPC', reason: /could not write the file: the disk is full/ },
    {
      operation: 'sync',
      code: 'EIO',
      reason: /could not flush the file to the disk: the disk reported an input\/output error/,
    },
    {
      operation: 'createExclusive',
      code: 'EACCES',
      reason: /could not create a temporary file in the folder: permission denied/,
    },
    {
      operation: 'link',
      code: 'ENOSPC',
      reason: /could not keep the previous version as a backup: the disk is full/,
    },
    {
      operation: 'rename',
      code: 'EBUSY',
      reason: /could not keep the previous version as a backup: the file is locked by another program/,
    },
  ];

  it.each(failures)(
    'a failure in $operation ($code) reports why and leaves the old file byte-identical',
    async ({ operation, code, reason }) => {
      const dir = await tempDir();
      const target = path.join(dir, 'budget.pxplan');
      await savePlanFile(target, sample);
      const before = await readFile(target);
      const mtimeBefore = (await stat(target)).mtimeMs;

      const result = await savePlanFile(target, edited, failingFs(operation, code));

      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toMatch(/^Could not save “budget\.pxplan”: /);
      expect(result.error).toMatch(reason);
      expect(result.error).toMatch(/The previous version is unchanged\.$/);
      expect(await readFile(target)).toEqual(before);
      expect((await stat(target)).mtimeMs).toBe(mtimeBefore);
      // The half-written temporary file is cleaned up; a backup exists only if it was completed.
      const left = await filesIn(dir);
      expect(left.filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect(left).toContain('budget.pxplan');
    },
  );

  it('a failed first save says nothing was written and leaves no file', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'new.pxplan');
    const result = await savePlanFile(target, sample, failingFs('write', 'ENOSPC'));
    expect(result).toEqual({
      ok: false,
      error:
        'Could not save “new.pxplan”: could not write the file: the disk is full (free some space and try again). Nothing was written.',
    });
    expect(await filesIn(dir)).toEqual([]);
  });

  it('refuses to replace a folder with a file', async () => {
    const dir = await tempDir();
    const result = await savePlanFile(dir, sample);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/is a folder, not a file/);
  });

  it('reports a missing folder instead of creating one silently', async () => {
    const dir = await tempDir();
    const result = await savePlanFile(path.join(dir, 'nope', 'plan.pxplan'), sample);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/the folder does not exist/);
  });

  it('saves asked for in quick succession land in order: the last one asked for is on disk', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'quick.pxplan');
    const versions = Array.from({ length: 8 }, (_, i) => ({
      ...sample,
      meta: { ...sample.meta, name: `Version ${i}` },
    }));
    const results = await Promise.all(versions.map((version) => savePlanFile(target, version)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await readFile(target, 'utf8')).toBe(serializePlan(versions[7] ?? sample));
    expect(await readFile(backupPathFor(target), 'utf8')).toBe(serializePlan(versions[6] ?? sample));
    expect(await filesIn(dir)).toEqual(['quick.pxplan', 'quick.pxplan.bak']);
  });

  it('an existing backup is replaced by the version just before this save', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'p.pxplan');
    await writeFile(backupPathFor(target), 'stale backup');
    await savePlanFile(target, sample);
    await savePlanFile(target, edited);
    expect(await readFile(backupPathFor(target), 'utf8')).toBe(serializePlan(sample));
  });
});

describe('file names for Save', () => {
  it.each([
    ['Q1 launch imagery (sample)', 'Q1 launch imagery (sample).pxplan'],
    ['a/b:c*?"<>|', 'a b c.pxplan'],
    ['   ', 'Untitled plan.pxplan'],
    ['ends with dots...', 'ends with dots.pxplan'],
  ])('suggests %j as %j', (name, expected) => {
    expect(suggestedFileName(name, '.pxplan')).toBe(expected);
  });

  it('exports get the same name with their own extension', () => {
    expect(suggestedFileName('Q1 — launch: hero/detail (v2)', '.xlsx')).toBe('Q1 — launch hero detail (v2).xlsx');
    expect(suggestedFileName('', '.xlsx')).toBe('Untitled plan.xlsx');
  });

  it.each([
    ['/x/plan', '/x/plan.pxplan'],
    ['/x/plan.pxplan', '/x/plan.pxplan'],
    ['/x/plan.PXPLAN', '/x/plan.PXPLAN'],
    ['/x/plan.json', '/x/plan.json.pxplan'],
  ])('adds the plan extension when missing: %s', (chosen, expected) => {
    expect(withPlanExtension(chosen)).toBe(expected);
  });

  it('blank plans save too', async () => {
    const dir = await tempDir();
    const result = await savePlanFile(path.join(dir, 'blank.pxplan'), blankPlan(TODAY));
    expect(result.ok).toBe(true);
  });
});
