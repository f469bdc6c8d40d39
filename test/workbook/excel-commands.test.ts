import ExcelJS from 'exceljs';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import { planColumnNumber } from '../../shared/workbook/plan-columns';
import { runCli } from '../../cli/run';
import type { CliIo } from '../../cli/command';
import { createNodeIo } from '../../cli/node-io';
import { FileAccess } from '../../node/handlers/file-access';
import { createXlsxHandlers } from '../../node/handlers/xlsx-handlers';

const xlsxHandlers = createXlsxHandlers(new FileAccess());
import type { HandlerContext } from '../../node/handlers/handler-types';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { useTempDir } from '../support/temp-dir';

vi.mock('electron', () => ({}));

const SAMPLE = createSamplePlan('2026-11-01');

const inTemp = useTempDir('pl-xlsx-cmd-');

/** The real files on disk, with the output captured. */
function realIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ...createNodeIo('2026-11-28'), out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
}

describe('cli export / import-xlsx', () => {
  it('exports a workbook and a CSV, and imports the workbook back to the same plan', async () => {
    const planFile = inTemp('plan.pxplan');
    await writeFile(planFile, serializePlan(SAMPLE));
    const io = realIo();
    expect(await runCli(['export', planFile, '-o', inTemp('plan.xlsx'), '--base'], io)).toBe(0);
    expect(await runCli(['export', planFile, '-o', inTemp('plan.csv'), '--delimiter', ';'], io)).toBe(0);
    expect((await readFile(inTemp('plan.csv'), 'utf8')).split('\r\n')[0]).toContain('Campaign line;Team');
    expect(await runCli(['import-xlsx', inTemp('plan.xlsx'), '-o', inTemp('back.pxplan')], io)).toBe(0);
    const back = parsePlanText(await readFile(inTemp('back.pxplan'), 'utf8'));
    expect(back.ok && back.value).toEqual(SAMPLE);
    expect(io.out.join('')).toContain('wrote');
  });

  it('an edited workbook imported over the plan lists the changes first', async () => {
    const planFile = inTemp('edit.pxplan');
    await writeFile(planFile, serializePlan(SAMPLE));
    const io = realIo();
    expect(await runCli(['export', planFile, '-o', inTemp('edit.xlsx'), '--base'], io)).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(inTemp('edit.xlsx'));
    const cell = wb.getWorksheet('Plan')?.getRow(2).getCell(planColumnNumber('finals'));
    if (cell) cell.value = 100;
    await wb.xlsx.writeFile(inTemp('edit.xlsx'));
    expect(await runCli(['import-xlsx', inTemp('edit.xlsx'), '-o', planFile, '--force'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/0 added, 0 removed, 1 changed[\s\S]*finals: 24 -> 100/);
  });

  it('bad input: one line naming the cell, exit code 1', async () => {
    const io = realIo();
    const notXlsx = inTemp('notes.xlsx');
    await writeFile(notXlsx, 'hello');
    expect(await runCli(['import-xlsx', notXlsx, '-o', inTemp('x.pxplan')], io)).toBe(1);
    expect(io.err.join('')).toMatch(/not an Excel workbook/);
    expect(await runCli(['export', inTemp('missing.pxplan'), '-o', inTemp('x.txt')], io)).toBe(2);
  });
});

function context(paths: { open?: string | null; save?: string | null }): HandlerContext {
  return {
    dialogs: {
      chooseOpenPath: async () => paths.open ?? null,
      chooseSavePath: async () => paths.save ?? null,
    },
    userDataDir: inTemp(),
    appVersion: '0.1.0-test',
    shell: 'browser',
    launchPath: null,
    now: () => new Date('2026-11-28T09:30:00Z'),
  };
}

describe('xlsx:export and xlsx:import handlers', () => {
  it('export asks for a path when none is given, import reads it back; cancel is not an error', async () => {
    const target = inTemp('handler.xlsx');
    const saved = await xlsxHandlers['xlsx:export'](
      { document: SAMPLE, scenarioId: null, path: null },
      context({ save: target }),
    );
    expect(saved).toEqual({ ok: true, path: target });
    const read = await xlsxHandlers['xlsx:import']({ path: null }, context({ open: target }));
    expect(read.ok && 'document' in read ? read.document : null).toEqual(SAMPLE);
    expect(await xlsxHandlers['xlsx:export']({ document: SAMPLE, scenarioId: null, path: null }, context({}))).toEqual({
      ok: false,
      canceled: true,
    });
    expect(await xlsxHandlers['xlsx:import']({ path: null }, context({}))).toEqual({ ok: false, canceled: true });
  });

  it('export under an unknown scenario and import of a bad file answer with an error', async () => {
    const r = await xlsxHandlers['xlsx:export'](
      { document: SAMPLE, scenarioId: 'nope', path: null },
      context({ save: inTemp('x.xlsx') }),
    );
    expect(r.ok === false && 'error' in r ? r.error : '').toMatch(/no scenario "nope"/);
    const bad = inTemp('bad.xlsx');
    await writeFile(bad, 'nope');
    const i = await xlsxHandlers['xlsx:import']({ path: bad }, context({}));
    expect(i.ok === false && 'error' in i ? i.error : '').toMatch(/not an Excel workbook/);
  });
});
