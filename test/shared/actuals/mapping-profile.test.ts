import { describe, expect, it } from 'vitest';
import {
  createMappingProfile,
  headerSignature,
  parseMapArgument,
  parseMappingProfile,
  profileMatches,
  serializeMappingProfile,
  suggestMapping,
} from '../../../shared/actuals/read/mapping-profile';

const header = ['Buchungsdatum', 'Kosten (USD)', 'Währung', 'Projekt [intern]', 'Anbieter'];

describe('mapping profiles', () => {
  it('are made from the user choices, saved as JSON a colleague can load, and offered for the same header', () => {
    const made = createMappingProfile({
      name: 'Finance ledger',
      header,
      columns: {
        date: 'Buchungsdatum',
        amount: 'Kosten (USD)',
        currency: 'Währung',
        project: 'Projekt [intern]',
        vendor: 'Anbieter',
      },
      dateOrder: 'DMY',
      decimalSeparator: ',',
      delimiter: ';',
    });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const file = serializeMappingProfile(made.value);
    expect(JSON.parse(file)).toEqual({
      format: 'pixel-ledger/actuals-mapping',
      version: 1,
      name: 'Finance ledger',
      headerSignature: headerSignature(header),
      columns: {
        date: 'Buchungsdatum',
        amount: 'Kosten (USD)',
        currency: 'Währung',
        project: 'Projekt [intern]',
        vendor: 'Anbieter',
      },
      measure: 'billed',
      dateOrder: 'DMY',
      decimalSeparator: ',',
      delimiter: ';',
      currency: 'USD',
      vendor: '',
    });
    const loaded = parseMappingProfile(file);
    expect(loaded).toEqual(made);
    // Same columns in another order, case and spacing: the same header.
    const again = [' anbieter', 'KOSTEN (USD)', 'Buchungsdatum', 'währung', 'Projekt [intern] '];
    expect(profileMatches(made.value, again)).toBe(true);
    expect(profileMatches(made.value, [...again, 'Extra'])).toBe(false);
  });

  it.each([
    {
      why: 'no date',
      draft: { columns: { amount: 'Kosten (USD)' } },
      error: 'the mapping needs a date column (date=COLUMN)',
    },
    {
      why: 'no amount for billed amounts',
      draft: { columns: { date: 'Buchungsdatum' } },
      error: 'the mapping needs an amount column (amount=COLUMN) for billed amounts',
    },
    {
      why: 'amounts in a usage mapping',
      draft: { columns: { date: 'Buchungsdatum', amount: 'Kosten (USD)' }, measure: 'usage' as const },
      error: 'a usage mapping has counts, not amounts',
    },
    {
      why: 'a quantity without its unit',
      draft: { columns: { date: 'Buchungsdatum', amount: 'Kosten (USD)', quantity: 'Anbieter' } },
      error: 'a quantity needs its unit column (unit=COLUMN)',
    },
    {
      why: 'a column the file lacks',
      draft: { columns: { date: 'Date', amount: 'Kosten (USD)' } },
      error:
        'the file has no column for date="Date"; its columns are "Buchungsdatum", "Kosten (USD)", "Währung", "Projekt [intern]", "Anbieter"',
    },
  ])('refuses $why', ({ draft, error }) => {
    const made = createMappingProfile({ name: 'x', header, ...draft });
    expect(made).toEqual({ ok: false, error: expect.stringContaining(error) });
  });

  it.each([
    ['not json', 'the mapping profile is not valid JSON'],
    ['{"name": "x", "columns": {"date": "d", "amount": "a"}, "measure": "invoiced"}', 'measure'],
    ['{"name": "", "columns": {"date": "d", "amount": "a"}}', 'a profile needs a name'],
    ['{"name": "x", "columns": {"datum": "d"}}', 'columns'],
    ['{"name": "x", "columns": {"date": "d", "amount": "a"}, "currency": "euro"}', 'a currency code such as USD'],
    ['{"name": "x", "columns": {"date": "d", "amount": "a"}, "script": "rm -rf"}', 'script'],
  ])('refuses the profile file %s', (text, error) => {
    const parsed = parseMappingProfile(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  it.each([
    ['amount=Kosten (USD)', ['amount', 'Kosten (USD)']],
    ['request-id = id', ['request-id', 'id']],
    ['tag=a=b', ['tag', 'a=b']],
  ])('--map %s', (text, pair) => expect(parseMapArgument(text)).toEqual({ ok: true, value: pair }));

  it.each(['amount', 'cost=Kosten', 'amount='])('--map %j is refused, listing the fields', (text) => {
    const parsed = parseMapArgument(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('FIELD one of date, amount, currency');
  });

  it('suggests a mapping from column names', () => {
    expect(
      suggestMapping(['Date', 'CostInBillingCurrency', 'MeterName', 'Quantity', 'Tags', 'BillingCurrency']),
    ).toEqual({
      date: 'Date',
      amount: 'CostInBillingCurrency',
      currency: 'BillingCurrency',
      quantity: 'Quantity',
      model: 'MeterName',
      tag: 'Tags',
    });
  });
});
