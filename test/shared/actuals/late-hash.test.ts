import { describe, expect, it } from 'vitest';
import { startImport } from '../../../shared/actuals/ledger/import-accumulator';
import { emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import { commit, preview } from './support/ledger-steps';
import { costRecords, meta, read } from './support/records';

/** A caller that hashes the file in the same pass as it reads it names the hash at the end (identify). */
describe('the content hash named after the read', () => {
  const csv = costRecords('export');
  const whole = meta('openai-costs', csv.file);

  function lateImport(ledger = emptyActualsLedger()) {
    const started = startImport(ledger, { ...whole, sha256: '' });
    if (!started.ok) throw new Error(started.error);
    started.value.addAll(csv.records);
    return started.value;
  }

  it('previews exactly as when the hash was known at the start', () => {
    const acc = lateImport();
    expect(acc.identify(whole.sha256)).toEqual({ ok: true, value: undefined });
    const early = preview(emptyActualsLedger(), whole, csv.records, read(csv.records, { rowsRead: csv.rowsRead }));
    expect(acc.finish(read(csv.records, { rowsRead: csv.rowsRead }))).toEqual(early);
  });

  it('recognises a file imported before once its hash is named: nothing is added', () => {
    const ledger = commit(emptyActualsLedger(), preview(emptyActualsLedger(), whole, csv.records));
    const acc = lateImport(ledger);
    acc.identify(whole.sha256);
    const again = acc.finish(read(csv.records));
    expect(again.batch).toBeNull();
    expect(again.sameFileAs?.batchId).toBe(ledger.batches[0]?.id);
  });

  it('refuses a malformed hash, and a finish before the hash is named', () => {
    const acc = lateImport();
    expect(acc.identify('not-a-hash')).toEqual({ ok: false, error: expect.stringMatching(/64 lowercase hex digits/) });
    expect(() => acc.finish(read(csv.records))).toThrow(/identify\(\) the file before finish/);
  });
});
