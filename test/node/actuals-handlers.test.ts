import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createActualsHandlers } from '../../node/handlers/actuals-handlers';
import { dispatch } from '../../node/ipc/dispatch';
import { commitImport } from '../../shared/actuals/ledger/commit-import';
import { type ActualsLedger, emptyActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import type { ActualsPreviewResult } from '../../shared/ipc/actuals-contract';
import { createPriceBook } from '../../shared/pricing/price-book';
import { actualPieces } from '../../shared/reconcile/actual-pieces';
import { meteredOverlapsOfChange } from '../../shared/reconcile/import-overlaps';
import type { HandlerMap } from '../../node/handlers/handler-types';
import { useTempDir } from '../support/temp-dir';
import { handlerContext } from './support/handler-context';

/** The import-actuals channels through the real dispatcher (arguments and results checked against the contract). */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/actuals');
const inTemp = useTempDir('pixel-ledger-actuals-handlers-');
const CHOICES = { source: 'auto', profile: null, dateOrder: null, delimiter: null, decimalSeparator: null, rates: {} };

function call(handlers: Partial<HandlerMap>, channel: string, args: unknown) {
  return dispatch(handlers as HandlerMap, channel, args, handlerContext(inTemp()));
}

describe('actuals handlers', () => {
  it('sniffs a dropped file sent as bytes: source, delimiter, header', async () => {
    const bytes = readFileSync(path.join(FIXTURES, 'openai-completions-usage-export.csv'));
    const outcome = await call(createActualsHandlers(), 'actuals:sniff', {
      file: { kind: 'bytes', name: 'usage.csv', base64: bytes.toString('base64') },
      profiles: [],
    });
    expect(outcome).toMatchObject({
      ok: true,
      result: { fileName: 'usage.csv', source: 'openai-completions-usage', delimiter: ',', sizeBytes: bytes.length },
    });
  });

  it('previews a file by path against the ledger sent, with the contract checking the preview', async () => {
    const outcome = await call(createActualsHandlers(), 'actuals:preview', {
      readId: 'r1',
      file: { kind: 'path', path: path.join(FIXTURES, 'openai-costs-export.csv') },
      ledger: emptyActualsLedger(),
      priceEntries: [],
      choices: CHOICES,
      today: '2026-12-01',
    });
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.result).toMatchObject({
      ok: true,
      findings: { source: 'openai-costs', measure: 'billed', delimiter: ',' },
      preview: { rowsRead: 556, rowsToImport: 551, amountUsd: '132.940732775', periodStart: '2026-10-01' },
    });
  });

  it('sends with the preview what its import changes in billed and metered money: the page finds the overlap with it', async () => {
    const handlers = createActualsHandlers();
    const previewOf = async (name: string, ledger: ActualsLedger) => {
      const outcome = await call(handlers, 'actuals:preview', {
        readId: name,
        file: { kind: 'path', path: path.join(FIXTURES, name) },
        ledger,
        priceEntries: [],
        choices: CHOICES,
        today: '2026-12-01',
      });
      if (!outcome.ok) throw new Error(outcome.error);
      const result = outcome.result as ActualsPreviewResult;
      if (!result.ok || !('preview' in result)) throw new Error('not previewed');
      return result;
    };
    const costs = await previewOf('openai-costs-export.csv', emptyActualsLedger());
    const billed = commitImport(emptyActualsLedger(), costs.preview);
    if (!billed.ok) throw new Error(billed.error);
    expect(costs.spendChange.every((c) => c.measure === 'billed')).toBe(true);
    const gateway = await previewOf('litellm-spendlogs.csv', billed.value);
    const both = commitImport(billed.value, gateway.preview);
    if (!both.ok) throw new Error(both.error);
    // The page adds the change to the ledger it sent: the overlap reconciliation finds once the log is in.
    const overlaps = meteredOverlapsOfChange(billed.value, gateway.spendChange);
    expect(overlaps).toEqual(actualPieces(both.value, createPriceBook(), null).meteredOverlaps);
    expect(overlaps).toEqual([
      {
        metered: 'e446e707-e57d-421f-bf35-24c64a88954d',
        days: 25,
        meteredMicro: 56_614_957,
        suggested: 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ',
        agreeingDays: 25,
      },
    ]);
  });

  it('reports progress while a preview runs and cancels it on request', async () => {
    const handlers = createActualsHandlers();
    const big = Buffer.from(readFileSync(path.join(FIXTURES, 'litellm-spendlogs.csv')));
    const running = call(handlers, 'actuals:preview', {
      readId: 'slow',
      file: { kind: 'bytes', name: 'big.csv', base64: Buffer.concat(Array(30).fill(big)).toString('base64') },
      ledger: emptyActualsLedger(),
      priceEntries: [],
      choices: CHOICES,
      today: '2026-12-01',
    });
    const cancel = await call(handlers, 'actuals:cancel', { readId: 'slow' });
    expect(cancel).toEqual({ ok: true, result: { ok: true } });
    expect(await running).toEqual({ ok: true, result: { ok: false, canceled: true } });
    expect(await call(handlers, 'actuals:progress', { readId: 'slow' })).toEqual({ ok: true, result: null });
  });

  it('exports rejected rows as CSV with formula-like text neutralised', async () => {
    const target = inTemp('rejected.csv');
    const outcome = await call(createActualsHandlers(), 'actuals:export-rejected', {
      rows: [{ file: 'a.csv', line: 7, column: 'Model', reason: '"=HYPERLINK(""x"")" is not a number' }],
      suggestedName: 'rejected.csv',
      path: target,
    });
    expect(outcome).toEqual({ ok: true, result: { ok: true, path: target } });
    const text = readFileSync(target, 'utf8');
    expect(text).toBe('\uFEFFfile,line,column,reason\r\na.csv,7,Model,"""=HYPERLINK(""""x"""")"" is not a number"\r\n');
    const formula = await call(createActualsHandlers(), 'actuals:export-rejected', {
      rows: [{ file: 'a.csv', line: 8, column: null, reason: '=HYPERLINK("http://evil")' }],
      suggestedName: 'rejected.csv',
      path: inTemp('formula.csv'),
    });
    expect(formula.ok).toBe(true);
    expect(readFileSync(inTemp('formula.csv'), 'utf8')).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it('keeps mappings with the preferences, offers them for the same header, and exports and loads them as JSON', async () => {
    const handlers = createActualsHandlers();
    const ctx = handlerContext(inTemp());
    const profile = {
      name: 'finance',
      headerSignature: JSON.stringify(['amount', 'date']),
      columns: { date: 'Date', amount: 'Amount' },
    };
    expect(await dispatch(handlers as HandlerMap, 'actuals:save-profile', { profile }, ctx)).toEqual({
      ok: true,
      result: { ok: true },
    });
    const listed = await dispatch(handlers as HandlerMap, 'actuals:profiles', {}, ctx);
    if (!listed.ok) throw new Error(listed.error);
    expect(listed.result).toMatchObject({ profiles: [{ name: 'finance', measure: 'billed' }] });
    const exported = await dispatch(
      handlers as HandlerMap,
      'actuals:export-profile',
      { profile, path: inTemp('finance.json') },
      ctx,
    );
    expect(exported).toMatchObject({ ok: true, result: { ok: true } });
    const loaded = await dispatch(
      handlers as HandlerMap,
      'actuals:load-profile',
      { path: inTemp('finance.json') },
      ctx,
    );
    expect(loaded).toMatchObject({ ok: true, result: { ok: true, profile: { columns: { amount: 'Amount' } } } });
    const bad = await dispatch(handlers as HandlerMap, 'actuals:load-profile', { path: inTemp('none.json') }, ctx);
    expect(bad).toMatchObject({ ok: true, result: { ok: false, error: expect.stringMatching(/cannot be read/) } });
  });
});
