import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyCommand, invertCommand } from '../../../renderer/src/state/commands';
import { useTempDir } from '../../support/temp-dir';
import { actualsFlowOnHandlers } from '../support/actuals-flow';

/**
 * The import flow's state machine (renderer/src/actuals/actuals-import.ts) against the real handlers, through
 * the dispatcher as the page reaches them: each step, what invalidates a preview, and the one undoable edit.
 */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/actuals');
const inTemp = useTempDir('pixel-ledger-actuals-flow-');

function setup() {
  return actualsFlowOnHandlers(inTemp());
}

describe('the import-actuals flow', () => {
  it('detects the source, previews, and imports as one undoable edit of the actuals', async () => {
    const { flow, commands, infos, plan } = setup();
    const before = plan();
    await flow.open({ kind: 'path', path: path.join(FIXTURES, 'litellm-spendlogs.csv') });
    expect(flow.getState()).toMatchObject({ step: 'choosing', sniff: { source: 'litellm' }, problem: null });
    expect(flow.mapped()).toBe(false);
    await flow.runPreview();
    expect(flow.getState().step).toBe('previewed');
    expect(flow.getState().preview).toMatchObject({ rowsToImport: 616, rowsDuplicate: 6, measure: 'metered' });
    flow.commit();
    expect(flow.getState().step).toBe('closed');
    expect(commands).toHaveLength(1);
    expect(plan().actuals.batches.map((b) => b.source)).toEqual(['litellm']);
    expect(infos[0]).toMatch(/Imported litellm-spendlogs\.csv: 616 rows as batch 07e3c5fe8356 \(metered\)/);
    const [command] = commands;
    if (!command) throw new Error('no command');
    expect(applyCommand(plan(), invertCommand(command))).toEqual(before);
  });

  it("names the preview's usage the plan's price book cannot price, by model, before anything is imported", async () => {
    const { flow } = setup();
    // The sample usage export, its image models renamed to ones no price book lists.
    const [header = '', ...body] = readFileSync(path.join(FIXTURES, 'openai-completions-usage-export.csv'), 'utf8')
      .trim()
      .split('\n');
    const file = path.join(inTemp(), 'usage-own-models.csv');
    writeFileSync(file, [header, ...body.map((l) => l.replace(/,gpt-image-[^,]*,/, ',studio-model,'))].join('\n'));
    await flow.open({ kind: 'path', path: file });
    await flow.runPreview();
    const state = flow.getState();
    expect(state.step).toBe('previewed');
    expect(state.preview?.unpricedUsage?.byModel.map((m) => m.model)).toEqual(['studio-model']);
    expect(state.preview?.unpricedUsage?.byModel[0]?.reason).toMatch(
      /^no price for studio-model on the api surface on /,
    );
    // The sample export as it is prices every bucket: no notice.
    await flow.open({ kind: 'path', path: path.join(FIXTURES, 'openai-completions-usage-export.csv') });
    await flow.runPreview();
    expect(flow.getState()).toMatchObject({ step: 'previewed', preview: { unpricedUsage: null } });
  });

  it('a changed setting drops the preview; naming the mapping does not', async () => {
    const { flow } = setup();
    await flow.open({ kind: 'path', path: path.join(FIXTURES, 'openai-costs-export.csv') });
    await flow.runPreview();
    flow.change({ saveAs: 'costs' });
    expect(flow.getState().step).toBe('previewed');
    flow.change({ dateOrder: 'ISO' });
    expect(flow.getState()).toMatchObject({ step: 'choosing', preview: null });
  });

  it('asks for the mapping of any other CSV and says what is missing; a bad rate is refused before reading', async () => {
    const { flow } = setup();
    const file = Buffer.from('When,What it cost\n2026-11-02,1.5\n');
    await flow.open({ kind: 'bytes', name: 'other.csv', base64: file.toString('base64') });
    expect(flow.mapped()).toBe(true);
    await flow.runPreview();
    expect(flow.getState().problem).toMatch(/Mapping: the mapping needs a date column/);
    flow.change({ columns: { date: 'When', amount: 'What it cost' }, rates: 'EUR' });
    await flow.runPreview();
    expect(flow.getState().problem).toMatch(/Write each rate as CUR=PER_USD/);
    flow.change({ rates: '' });
    await flow.runPreview();
    expect(flow.getState().preview).toMatchObject({ source: 'csv', amountUsd: '1.5' });
  });

  it('the same file again previews as already imported and cannot be imported twice', async () => {
    const { flow, commands } = setup();
    const file = { kind: 'path', path: path.join(FIXTURES, 'openai-costs-api.json') } as const;
    await flow.open(file);
    await flow.runPreview();
    flow.commit();
    await flow.open(file);
    await flow.runPreview();
    expect(flow.getState().preview?.sameFileAs).not.toBeNull();
    flow.commit();
    expect(commands).toHaveLength(1);
  });

  it('a file that cannot be read says why at once, and there is nothing to preview', async () => {
    const { flow } = setup();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await flow.open({ kind: 'bytes', name: 'photo.csv', base64: png.toString('base64') });
    expect(flow.getState()).toMatchObject({ step: 'choosing', sniff: { error: expect.any(String) } });
    expect(flow.getState().problem).toBe(flow.getState().sniff?.error);
    await flow.open({ kind: 'path', path: inTemp('missing.csv') });
    expect(flow.getState().problem).toMatch(/missing\.csv cannot be read/);
  });
});
