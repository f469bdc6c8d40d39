import { publishedCells } from '../../shared/estimate/published-table';
import { toDecimalString } from '../../shared/money/exact';
import { catalogFreshness, STALE_AFTER_DAYS } from '../../shared/pricing/catalog-freshness';
import { allEntries, createPriceBook, entriesInForce } from '../../shared/pricing/price-book';
import type { PerImageTable, PriceEntry } from '../../shared/pricing/price-entry';
import { CliError, type OptionSpec, noPositionals } from '../args';
import type { Command } from '../command';
import { loadPlanFile } from '../files';
import { readDateOption } from './common';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'model', kind: 'string', valueName: 'M', example: 'gpt-image-2', description: 'only entries for this model' },
  {
    name: 'date',
    kind: 'string',
    valueName: 'D',
    example: '2026-11-01',
    description: 'only entries in force on YYYY-MM-DD',
  },
  {
    name: 'plan',
    kind: 'string',
    valueName: 'PLAN',
    example: 'plan.pxplan',
    description: "include a plan's own entries (they override built-ins)",
  },
  { name: 'json', kind: 'flag', description: 'print one JSON object with the full entries' },
];

export const pricesCommand: Command = {
  name: 'prices',
  usage: 'prices [--model M] [--date D] [--plan PLAN] [--json]',
  options: OPTIONS,
  details: [
    'Without --date every entry is listed, historical ones included.',
    `Each entry shows when its sources were checked and how long before --date (or today) that was;`,
    `checks older than ${STALE_AFTER_DAYS} days are flagged. Published per-image tables of token-priced models are`,
    'shown "≈ as published" beside the token price the estimate bills.',
  ].join('\n'),
  async run(args, io) {
    noPositionals(args);
    const dateText = args.string('date');
    const date = dateText === undefined ? null : readDateOption(dateText, io.today);
    const planPath = args.string('plan');
    const plan = planPath === undefined ? null : await loadPlanFile(io, planPath);
    const book = createPriceBook(plan?.priceEntries ?? []);
    let entries = date === null ? allEntries(book) : entriesInForce(book, date);
    const model = args.string('model')?.trim();
    if (model !== undefined) {
      const known = [...new Set(allEntries(book).map((e) => e.model))];
      if (!known.includes(model))
        throw new CliError(`--model "${model}" has no price entries: use one of ${known.join(', ')}`);
      entries = entries.filter((e) => e.model === model);
      if (entries.length === 0 && date !== null) {
        throw new CliError(
          `no price entry for ${model} is in force on ${date}: run "pixel-ledger prices --model ${model}" to see its dates`,
        );
      }
    }
    const asOf = date ?? io.today;
    if (args.flag('json')) {
      const withAge = entries.map((e) => ({ ...e, freshness: catalogFreshness(e, asOf) }));
      io.stdout(JSON.stringify({ date, asOf, model: model ?? null, entries: withAge }, null, 2) + '\n');
      return 0;
    }
    const stale = entries.filter((e) => catalogFreshness(e, asOf).stale).length;
    const heading = `${entries.length} price entr${entries.length === 1 ? 'y' : 'ies'}${model ? ` for ${model}` : ''}${date ? ` in force on ${date}` : ''}${stale > 0 ? ` (${stale} with sources checked over ${STALE_AFTER_DAYS} days before ${asOf})` : ''}`;
    io.stdout([heading, '', ...entries.map((e) => renderEntry(e, asOf))].join('\n') + '\n');
    return 0;
  },
};

function tableLines(label: string, table: PerImageTable, unit: string): string[] {
  return Object.entries(table).map(([quality, sizes]) => {
    const cells = Object.entries(sizes).map(([size, amount]) => `${size === '*' ? 'any size' : size} ${amount}`);
    return `  ${label} ${quality === '*' ? 'any quality' : quality}: ${cells.join(', ')} ${unit}`;
  });
}

/**
 * A token entry's published per-image table: each cell "≈ as published" beside the token price the
 * estimate bills, or, where the model's tokens are unknown, the cell the estimate bills.
 */
function publishedLines(entry: PriceEntry): string[] {
  const cells = publishedCells(entry);
  if (cells.length === 0) return [];
  const byTokens = cells.some((c) => c.billedFrom === 'tokens');
  const lines = [
    byTokens
      ? `  per-image output ≈ as published (the estimate bills tokens x rate${entry.pricing.unit === 'usd-per-1m-tokens' && entry.pricing.outputRoundUpCents ? ', rounded up to the cent as this provider does' : ''}):`
      : '  per-image output as published (the estimate bills these: output tokens unknown):',
  ];
  const qualities = [...new Set(cells.map((c) => c.quality))];
  for (const quality of qualities) {
    const row = cells
      .filter((c) => c.quality === quality)
      .map((c) =>
        c.tokenPrice === null
          ? `${c.size} ${c.published}`
          : c.matches
            ? `${c.size} ${c.published} (= tokens)`
            : `${c.size} ≈${c.published} (tokens: ${toDecimalString(c.tokenPrice)})`,
      );
    lines.push(`    ${quality}: ${row.join(', ')} USD`);
  }
  return lines;
}

function rateLines(entry: PriceEntry): string[] {
  const pricing = entry.pricing;
  switch (pricing.unit) {
    case 'usd-per-1m-tokens': {
      const r = pricing.rates;
      const cached = (v: string | null) => (v === null ? '' : ` (cached ${v})`);
      const textOut = r.textOutput ? `, text out ${r.textOutput}` : '';
      return [
        `  USD per 1M tokens: text in ${r.textInput}${cached(r.textCachedInput)}, image in ${r.imageInput ?? '-'}${cached(r.imageCachedInput)}, image out ${r.imageOutput ?? '-'}${textOut}`,
        ...publishedLines(entry),
      ];
    }
    case 'per-megapixel': {
      const money = pricing.usdPerCredit === null ? 'USD' : 'credits';
      const unit = pricing.megapixel;
      const mp = unit.pixels === 1_048_576 ? '1024x1024 px' : '1,000,000 px';
      const counted = unit.rounding === 'ceil' ? 'each image rounded up to whole megapixels' : 'counted exactly';
      const input =
        pricing.inputMegapixel === null
          ? 'input images not charged'
          : `each input-image megapixel ${pricing.inputMegapixel} ${money}`;
      const lines = [
        `  per megapixel: first ${pricing.firstMegapixel} ${money}, each further ${pricing.extraMegapixel} ${money}; ${input}`,
        `  megapixel = ${mp}, ${counted} (${unit.basis})`,
      ];
      if (pricing.usdPerCredit !== null) lines.push(`  USD per credit ${pricing.usdPerCredit}`);
      return lines;
    }
    case 'usd-per-image':
      return tableLines('per image', pricing.perImage, 'USD');
    case 'credits-per-image': {
      const extra =
        pricing.creditsPerExtraMegapixel === null
          ? ''
          : `, +${pricing.creditsPerExtraMegapixel} credits per extra megapixel`;
      return [
        ...tableLines('credits per image', pricing.creditsPerImage, 'credits'),
        `  USD per credit ${pricing.usdPerCredit}${extra}`,
      ];
    }
    case 'credits-per-token-usd':
      return [
        `  credits = token cost in USD x ${pricing.creditsPerUsd} x markup ${pricing.markup}; USD per credit ${pricing.usdPerCredit}`,
      ];
    case 'discount':
      return [`  ${pricing.percentOff}% off ${pricing.baseEntryId}`];
  }
}

function renderEntry(e: PriceEntry, asOf: string): string {
  const lines = [`${e.id}  ${e.model}  [${e.surfaces.join(', ')}]  ${e.sourceClass}`];
  lines.push(...rateLines(e));
  if (e.maxImagesPerRequest) lines.push(`  at most ${e.maxImagesPerRequest} images per request`);
  if (e.batch)
    lines.push(`  batch: ${e.batch.status}, discount ${e.batch.discount}${e.batch.note ? ` (${e.batch.note})` : ''}`);
  const until = e.effectiveUntil === null ? 'open-ended' : `until ${e.effectiveUntil}`;
  const shutdown = e.shutdownDate === null ? '' : `, shutdown ${e.shutdownDate}`;
  lines.push(`  effective from ${e.effectiveFrom}, ${until}${shutdown}`);
  const freshness = catalogFreshness(e, asOf);
  lines.push(`  ${freshness.stale ? 'STALE: ' : ''}${freshness.summary}`);
  for (const url of e.sources) lines.push(`  source: ${url}`);
  if (e.notes) lines.push(`  notes: ${e.notes}`);
  return lines.join('\n') + '\n';
}
