import { allEntries, createPriceBook, entriesInForce } from '../../shared/pricing/price-book';
import type { PerImageTable, PriceEntry, Pricing } from '../../shared/pricing/price-entry';
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
  details: 'Without --date every entry is listed, historical ones included.',
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
    if (args.flag('json')) {
      io.stdout(JSON.stringify({ date, model: model ?? null, entries }, null, 2) + '\n');
      return 0;
    }
    const heading = `${entries.length} price entr${entries.length === 1 ? 'y' : 'ies'}${model ? ` for ${model}` : ''}${date ? ` in force on ${date}` : ''}`;
    io.stdout([heading, '', ...entries.map(renderEntry)].join('\n') + '\n');
    return 0;
  },
};

function tableLines(label: string, table: PerImageTable, unit: string): string[] {
  return Object.entries(table).map(([quality, sizes]) => {
    const cells = Object.entries(sizes).map(([size, amount]) => `${size === '*' ? 'any size' : size} ${amount}`);
    return `  ${label} ${quality === '*' ? 'any quality' : quality}: ${cells.join(', ')} ${unit}`;
  });
}

function rateLines(pricing: Pricing): string[] {
  switch (pricing.unit) {
    case 'usd-per-1m-tokens': {
      const r = pricing.rates;
      const cached = (v: string | null) => (v === null ? '' : ` (cached ${v})`);
      const lines = [
        `  USD per 1M tokens: text in ${r.textInput}${cached(r.textCachedInput)}, image in ${r.imageInput ?? '-'}${cached(r.imageCachedInput)}, image out ${r.imageOutput ?? '-'}${r.textOutput ? `, text out ${r.textOutput}` : ''}`,
      ];
      if (pricing.perImageOutput) lines.push(...tableLines('per-image output', pricing.perImageOutput, 'USD'));
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

function renderEntry(e: PriceEntry): string {
  const lines = [`${e.id}  ${e.model}  [${e.surfaces.join(', ')}]  ${e.sourceClass}`];
  lines.push(...rateLines(e.pricing));
  if (e.batch)
    lines.push(`  batch: ${e.batch.status}, discount ${e.batch.discount}${e.batch.note ? ` (${e.batch.note})` : ''}`);
  const until = e.effectiveUntil === null ? 'open-ended' : `until ${e.effectiveUntil}`;
  const shutdown = e.shutdownDate === null ? '' : `, shutdown ${e.shutdownDate}`;
  lines.push(`  effective from ${e.effectiveFrom}, ${until}${shutdown}`);
  for (const url of e.sources) lines.push(`  source: ${url}`);
  return lines.join('\n') + '\n';
}
