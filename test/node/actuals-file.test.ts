import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commitImport } from '../../shared/actuals/ledger/commit-import';
import { emptyActualsLedger, type ActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import { CANCELED, type ReadProgress, hashActualsFile } from '../../node/io/actuals-file';
import { type FileImport, previewActualsFile } from '../../node/io/actuals-import';
import { useTempDir } from '../support/temp-dir';

/** Actuals files read from disk in chunks through the shared reader into a ledger preview. */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/actuals');
const fixture = (name: string) => path.join(FIXTURES, name);
const inTemp = useTempDir('pixel-ledger-actuals-file-');
const OPTIONS = { read: { today: '2026-12-01' }, importedAt: '2026-12-01T09:00:00Z' };

function expectPreview(result: FileImport | typeof CANCELED) {
  if (result === CANCELED || result.kind !== 'preview')
    throw new Error(`expected a preview, got ${JSON.stringify(result)}`);
  return result;
}

describe('reading an actuals file in chunks', () => {
  it('reads the Costs export in 4 KB chunks to the sample total, with the file name and hash in the batch', async () => {
    const progress: ReadProgress[] = [];
    const result = expectPreview(
      await previewActualsFile(
        emptyActualsLedger(),
        { kind: 'path', path: fixture('openai-costs-export.csv') },
        OPTIONS,
        {
          chunkBytes: 4096,
          onProgress: (p) => progress.push(p),
        },
      ),
    );
    expect(result.read.source).toMatchObject({ source: 'openai-costs', how: 'detected', measure: 'billed' });
    expect(result.preview).toMatchObject({ rowsRead: 556, rowsToImport: 551, rowsEmpty: 5, rowsRejected: 0 });
    expect(result.preview.amountUsd).toBe('132.940732775');
    expect(result.preview.batch?.fileName).toBe('openai-costs-export.csv');
    const bytes = readFileSync(fixture('openai-costs-export.csv'));
    expect(result.preview.batch?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const reads = progress.filter((p) => p.phase === 'read');
    expect(reads.length).toBeGreaterThan(10);
    expect(reads.at(-1)).toEqual({ phase: 'read', bytesDone: bytes.length, bytesTotal: bytes.length });
    expect(reads.every((p, i) => i === 0 || p.bytesDone > (reads[i - 1]?.bytesDone ?? 0))).toBe(true);
  });

  it('reads the same bytes sent by a page (no path) to the same preview', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('litellm-spendlogs.csv')));
    const fromDisk = expectPreview(
      await previewActualsFile(emptyActualsLedger(), { kind: 'path', path: fixture('litellm-spendlogs.csv') }, OPTIONS),
    );
    const fromPage = expectPreview(
      await previewActualsFile(emptyActualsLedger(), { kind: 'bytes', name: 'litellm-spendlogs.csv', bytes }, OPTIONS, {
        chunkBytes: 777,
      }),
    );
    expect(fromPage.preview).toEqual(fromDisk.preview);
    expect(fromDisk.preview).toMatchObject({ measure: 'metered', rowsRead: 622, rowsToImport: 616, rowsDuplicate: 6 });
    expect(fromDisk.preview.amountUsd).toBe('56.6149570000000028533');
  });

  it('recognises the same file imported again: nothing is added', async () => {
    const source = { kind: 'path', path: fixture('openai-costs-api.json') } as const;
    const first = expectPreview(await previewActualsFile(emptyActualsLedger(), source, OPTIONS));
    expect(first.preview.amountUsd).toBe('24.7872685');
    const committed = commitImport(emptyActualsLedger(), first.preview);
    if (!committed.ok) throw new Error(committed.error);
    const again = expectPreview(await previewActualsFile(committed.value, source, OPTIONS));
    expect(again.preview.batch).toBeNull();
    expect(again.preview.sameFileAs?.batchId).toBe(first.preview.batch?.id);
  });

  it('stops when cancelled between chunks, and answers canceled', async () => {
    const controller = new AbortController();
    const result = await previewActualsFile(
      emptyActualsLedger(),
      { kind: 'path', path: fixture('litellm-spendlogs.csv') },
      OPTIONS,
      {
        chunkBytes: 1024,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'read' && p.bytesDone >= 4096) controller.abort();
        },
      },
    );
    expect(result).toBe(CANCELED);
    const hashing = new AbortController();
    hashing.abort();
    expect(
      await hashActualsFile({ kind: 'path', path: fixture('litellm-spendlogs.csv') }, { signal: hashing.signal }),
    ).toBeNull();
  });

  it('asks for the date order when the dates read both ways, and reads them once it is given', async () => {
    const file = inTemp('invoices.csv');
    writeFileSync(file, 'Date,Amount,Vendor\n03/04/2026,12.50,Acme\n05/06/2026,3.25,Acme\n');
    const profile = {
      format: 'pixel-ledger/actuals-mapping' as const,
      version: 1 as const,
      name: 'invoices',
      headerSignature: '',
      columns: { date: 'Date', amount: 'Amount', vendor: 'Vendor' },
      measure: 'billed' as const,
      dateOrder: null,
      decimalSeparator: null,
      delimiter: null,
      currency: 'USD',
      vendor: '',
    };
    const ledger: ActualsLedger = emptyActualsLedger();
    const asked = await previewActualsFile(
      ledger,
      { kind: 'path', path: file },
      { ...OPTIONS, read: { ...OPTIONS.read, profile } },
    );
    if (asked === CANCELED || asked.kind !== 'needs-choice') throw new Error('expected a choice');
    expect(asked.read.choices[0]?.kind).toBe('date-order');
    const read = expectPreview(
      await previewActualsFile(
        ledger,
        { kind: 'path', path: file },
        { ...OPTIONS, read: { ...OPTIONS.read, profile, dateOrder: 'DMY' } },
      ),
    );
    expect(read.preview).toMatchObject({ periodStart: '2026-04-03', periodEnd: '2026-06-05', amountUsd: '15.75' });
  });

  it('refuses a missing file, a folder and a binary file with the reason', async () => {
    const missing = await previewActualsFile(emptyActualsLedger(), { kind: 'path', path: inTemp('nope.csv') }, OPTIONS);
    expect(missing).toMatchObject({ kind: 'refused', error: expect.stringContaining('does not exist') });
    const folder = await previewActualsFile(emptyActualsLedger(), { kind: 'path', path: inTemp() }, OPTIONS);
    expect(folder).toMatchObject({ kind: 'refused', error: expect.stringContaining('is a folder') });
    const binary = inTemp('image.png');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]));
    const refused = await previewActualsFile(emptyActualsLedger(), { kind: 'path', path: binary }, OPTIONS);
    expect(refused).toMatchObject({ kind: 'refused', error: expect.stringMatching(/^image\.png: /) });
  });
});
