import { describe, expect, it } from 'vitest';
import { createMappingProfile } from '../../../shared/actuals/read/mapping-profile';
import { sniffActuals } from '../../../shared/actuals/read/sniff';
import { cp1252, csv, utf16, utf8 } from './support/generate';
import { fixture } from './support/read-actuals';

describe("sniffing a file's first bytes for the import flow's first step", () => {
  it.each([
    ['openai-costs-export.csv', 'csv', 'openai-costs'],
    ['openai-completions-usage-export.csv', 'csv', 'openai-completions-usage'],
    ['litellm-spendlogs.csv', 'csv', 'litellm'],
    ['openai-costs-api.json', 'json', 'openai-costs-api'],
    ['openai-usage-images-api.json', 'json', 'openai-images-usage'],
  ])('%s is %s from %s, from its first 4 KB', (name, container, source) => {
    const sniffed = sniffActuals(fixture(name).slice(0, 4_096), { fileName: name });
    expect(sniffed).toMatchObject({ error: null, encoding: 'utf-8', container, source });
  });

  it('shows the header, the first rows, the dialect, and that the dates need a choice', () => {
    const text = csv(
      [
        ['Datum', 'Kosten (€)', 'Projekt'],
        ['03.04.2026', '1.234,56', 'Café'],
        ['04.05.2026', '2,50', 'Café'],
      ],
      { delimiter: ';', eol: '\r\n' },
    );
    const sniffed = sniffActuals(cp1252(text), { fileName: 'export.csv', complete: true });
    expect(sniffed).toMatchObject({
      error: null,
      encoding: 'windows-1252',
      container: 'csv',
      delimiter: ';',
      decimalSeparator: ',',
      source: 'csv',
      header: ['Datum', 'Kosten (€)', 'Projekt'],
      rows: [
        ['03.04.2026', '1.234,56', 'Café'],
        ['04.05.2026', '2,50', 'Café'],
      ],
      suggested: { date: 'Datum', amount: 'Kosten (€)', project: 'Projekt' },
      dateOrder: { order: null, how: 'ambiguous', examples: ['03.04.2026', '04.05.2026'] },
      profile: null,
    });
  });

  it('offers the saved profile made for the same header', () => {
    const header = ['Date', 'Amount'];
    const profile = createMappingProfile({ name: 'ledger', header, columns: { date: 'Date', amount: 'Amount' } });
    if (!profile.ok) throw new Error(profile.error);
    const sniffed = sniffActuals(
      utf16(
        csv([
          ['amount', 'date'],
          ['1', '2026-10-01'],
        ]),
        true,
      ),
      {
        fileName: 'x.csv',
        profiles: [profile.value],
      },
    );
    expect(sniffed.encoding).toBe('utf-16le');
    expect(sniffed.profile?.name).toBe('ledger');
  });

  it('says why a file cannot be read', () => {
    expect(sniffActuals(new Uint8Array([0, 0, 0, 1, 0, 0, 0, 0]), { fileName: 'x' }).error).toContain('binary data');
    expect(sniffActuals(utf8('   \n'), { fileName: 'x' }).error).toBe('the file has no data (only blank lines)');
  });
});
