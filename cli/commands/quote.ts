import { cheaperNearbySizes } from '../../shared/estimate/cheaper-sizes';
import { estimateRow, type RowEstimate } from '../../shared/estimate/estimate-row';
import { MODEL_IDS, findModel } from '../../shared/estimate/models';
import { resolveSize, type Size } from '../../shared/estimate/sizes';
import { type Exact, sub, toDecimalString } from '../../shared/money/exact';
import { microToDecimalString } from '../../shared/money/format';
import { blankRow } from '../../shared/plan/new-plan';
import { RowInputs } from '../../shared/plan/plan-schema';
import { createPriceBook } from '../../shared/pricing/price-book';
import { BILLING_SURFACES, BillingSurface } from '../../shared/pricing/price-entry';
import { CliError, type OptionSpec, UsageError, noPositionals } from '../args';
import type { Command } from '../command';
import { integer, usdExact, usdMicro } from '../format';
import { loadPlanFile } from '../files';
import { readDateOption } from './common';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'model',
    kind: 'string',
    valueName: 'M',
    example: 'gpt-image-2',
    description: `model id (${MODEL_IDS.slice(0, 3).join(', ')}, ...; see "prices")`,
  },
  {
    name: 'size',
    kind: 'string',
    valueName: 'WxH',
    example: '1024x1024',
    description: 'WIDTHxHEIGHT, an aspect preset (1:1, 4:5, 2:3, 3:2, 16:9, 9:16) or auto',
  },
  {
    name: 'quality',
    kind: 'string',
    valueName: 'Q',
    example: 'high',
    description: 'low, medium, high, auto (models differ: the error lists them)',
  },
  {
    name: 'n',
    kind: 'integer',
    valueName: 'N',
    min: 1,
    max: 10,
    example: '4',
    description: 'images per request, 1-10 (default 1)',
  },
  {
    name: 'surface',
    kind: 'string',
    valueName: 'S',
    example: 'api',
    description: `billing surface: ${BILLING_SURFACES.join(', ')} (default api)`,
  },
  {
    name: 'price-entry',
    kind: 'string',
    valueName: 'ID',
    description: 'use this price entry id instead of the one in force',
  },
  {
    name: 'date',
    kind: 'string',
    valueName: 'D',
    example: '2026-11-01',
    description: "price the quote as of YYYY-MM-DD (default today, or the plan's as-of date with --plan)",
  },
  {
    name: 'plan',
    kind: 'string',
    valueName: 'PLAN',
    example: 'plan.pxplan',
    description: "use a plan's own price entries too (resellers, credits, discounts)",
  },
  {
    name: 'prompt-tokens',
    kind: 'integer',
    valueName: 'T',
    min: 0,
    max: 1_000_000,
    description: 'prompt text tokens per request',
  },
  {
    name: 'prompt-chars',
    kind: 'integer',
    valueName: 'C',
    min: 0,
    max: 32_000,
    description: 'prompt length in characters (tokens estimated as chars / 4)',
  },
  { name: 'refs', kind: 'integer', valueName: 'R', min: 0, max: 16, description: 'reference images per request' },
  {
    name: 'ref-size',
    kind: 'string',
    valueName: 'WxH',
    example: '1024x1024',
    description: 'size of each reference image (default 1024x1024)',
  },
  {
    name: 'partials',
    kind: 'integer',
    valueName: 'P',
    min: 0,
    max: 3,
    description: 'streamed partial images per request, 0-3 (+100 output tokens each)',
  },
  {
    name: 'cached-pct',
    kind: 'integer',
    valueName: 'P',
    min: 0,
    max: 100,
    description: 'share of input tokens served from cache, % (responses surface only)',
  },
  { name: 'json', kind: 'flag', description: 'print one JSON object instead of text' },
];

/** Which option to blame for an engine error on a row field. */
const FIELD_OPTION: Readonly<Record<string, string>> = {
  model: '--model',
  size: '--size',
  quality: '--quality',
  nPerRequest: '--n',
  surface: '--surface',
  priceEntryId: '--price-entry',
  promptTokens: '--prompt-tokens',
  promptChars: '--prompt-chars',
  referenceImages: '--refs',
  referenceSize: '--ref-size',
  partialImages: '--partials',
  cachedSharePct: '--cached-pct',
};

function required(value: string | undefined, option: string, example: string): string {
  if (value === undefined) throw new UsageError(`quote needs ${option}, e.g. ${option} ${example}`);
  return value;
}

function readSurface(text: string | undefined): BillingSurface {
  if (text === undefined) return 'api';
  const parsed = BillingSurface.safeParse(text.trim().toLowerCase());
  if (!parsed.success)
    throw new UsageError(`--surface "${text}" is not a billing surface: use one of ${BILLING_SURFACES.join(', ')}`);
  return parsed.data;
}

interface QuoteJson {
  readonly model: string;
  readonly surface: BillingSurface;
  readonly date: string;
  readonly size: string;
  readonly width: number;
  readonly height: number;
  readonly quality: string | null;
  readonly n: number;
  readonly outputTokens: number | null;
  readonly costPerImageUsd: string;
  readonly outputCostPerImageUsd: string;
  readonly inputCostPerImageUsd: string;
  readonly inputTokens: { readonly text: number; readonly image: number };
  readonly costPerRequestUsd: string;
  readonly creditsPerImage: string | null;
  readonly priceEntryIds: readonly string[];
  readonly priceEntries: readonly {
    readonly id: string;
    readonly sourceClass: string;
    readonly sources: readonly string[];
  }[];
  readonly assumptions: readonly string[];
  readonly warnings: readonly string[];
  readonly cheaperSizes: readonly {
    readonly size: string;
    readonly pixels: number;
    readonly outputTokens: number | null;
    readonly costPerImageUsd: string;
    readonly savingPerImageUsd: string;
  }[];
}

export const quoteCommand: Command = {
  name: 'quote',
  usage: 'quote --model M --size WxH|preset|auto --quality Q [options]',
  options: OPTIONS,
  details: [
    'Examples:',
    '  pixel-ledger quote --model gpt-image-2 --size 1024x1024 --quality high',
    '  pixel-ledger quote --model gpt-image-2 --size 16:9 --quality medium --n 4 --prompt-chars 900 --refs 1 --json',
    'Cost per image includes the input (prompt and reference images) billed for that image.',
  ].join('\n'),
  async run(args, io) {
    noPositionals(args);
    const modelId = required(args.string('model'), '--model', 'gpt-image-2').trim().toLowerCase();
    const size = required(args.string('size'), '--size', '1024x1024');
    const quality = required(args.string('quality'), '--quality', 'high').trim().toLowerCase();
    const model = findModel(modelId);
    if (!model) throw new UsageError(`--model "${modelId}" is not a known model: use one of ${MODEL_IDS.join(', ')}`);
    const surface = readSurface(args.string('surface'));
    const planPath = args.string('plan');
    const plan = planPath === undefined ? null : await loadPlanFile(io, planPath);
    const date = readDateOption(args.string('date'), plan?.meta.priceBookAsOf ?? io.today);
    if (args.has('prompt-tokens') && args.has('prompt-chars')) {
      throw new UsageError('give either --prompt-tokens or --prompt-chars, not both');
    }
    const refs = args.integer('refs') ?? 0;
    if (args.has('ref-size') && refs === 0)
      throw new UsageError('--ref-size needs --refs N (how many reference images per request)');

    const candidate = blankRow('quote', {
      model: modelId,
      surface,
      priceEntryId: args.string('price-entry') ?? null,
      size,
      quality,
      // finals = n with one generation each: the row total is the price of one request of n images.
      finals: args.integer('n') ?? 1,
      iterationFactor: '1',
      draftsPerFinal: '0',
      nPerRequest: args.integer('n') ?? 1,
      promptTokens: args.integer('prompt-tokens') ?? null,
      promptChars: args.integer('prompt-chars') ?? null,
      referenceImages: refs,
      referenceSize: args.string('ref-size') ?? '1024x1024',
      cachedSharePct: args.integer('cached-pct') ?? 0,
      partialImages: args.integer('partials') ?? 0,
    });
    const inputs = RowInputs.safeParse(candidate);
    if (!inputs.success) {
      const issue = inputs.error.issues[0];
      const field = issue?.path[0];
      const option = typeof field === 'string' ? (FIELD_OPTION[field] ?? field) : 'input';
      throw new UsageError(`${option}: ${issue?.message ?? 'not valid'}`);
    }

    const priceBook = createPriceBook(plan?.priceEntries ?? []);
    const ctx = { priceBook, asOf: date };
    const estimate = estimateRow(inputs.data, ctx);
    if (!estimate.ok) {
      // Another date can only help when the user let it default and pinned no price entry.
      const dateHint =
        args.has('date') || args.has('price-entry') ? '' : ' (or price another day with --date YYYY-MM-DD)';
      const problems = estimate.errors.map((e) =>
        e.field === 'price' ? `${e.message}${dateHint}` : `${FIELD_OPTION[e.field] ?? e.field}: ${e.message}`,
      );
      throw new CliError(problems.join('; '));
    }
    const resolved = resolveSize(model, inputs.data.size);
    const planned = resolved.ok ? resolved.value.size : { width: 0, height: 0 };
    const cheaper = cheaperNearbySizes(inputs.data, ctx);
    const result = toJson(estimate, inputs.data, planned, date, priceBook.byId, cheaper);
    if (args.flag('json')) {
      io.stdout(JSON.stringify(result, null, 2) + '\n');
    } else {
      io.stdout(renderText(result, estimate));
    }
    return 0;
  },
};

type EntryLookup = ReadonlyMap<string, { readonly sourceClass: string; readonly sources: readonly string[] }>;

function toJson(
  estimate: RowEstimate,
  inputs: RowInputs,
  planned: Size,
  date: string,
  entries: EntryLookup,
  cheaper: ReturnType<typeof cheaperNearbySizes>,
): QuoteJson {
  const outputCost: Exact = sub(estimate.costPerFinalImage, estimate.inputCostPerImage);
  return {
    model: inputs.model,
    surface: inputs.surface,
    date,
    size: estimate.sizeKey ?? inputs.size,
    width: planned.width,
    height: planned.height,
    quality: estimate.quality,
    n: inputs.nPerRequest,
    outputTokens: estimate.outputTokensPerFinal,
    costPerImageUsd: toDecimalString(estimate.costPerFinalImage),
    outputCostPerImageUsd: toDecimalString(outputCost),
    inputCostPerImageUsd: toDecimalString(estimate.inputCostPerImage),
    inputTokens: { text: estimate.textInputTokensPerImage, image: estimate.imageInputTokensPerImage },
    costPerRequestUsd: microToDecimalString(estimate.totalCost),
    creditsPerImage: estimate.creditsPerFinalImage === null ? null : toDecimalString(estimate.creditsPerFinalImage),
    priceEntryIds: estimate.priceEntryIds,
    priceEntries: estimate.priceEntryIds.map((id) => {
      const entry = entries.get(id);
      return { id, sourceClass: entry?.sourceClass ?? 'unknown', sources: entry?.sources ?? [] };
    }),
    assumptions: estimate.assumptions,
    warnings: estimate.warnings,
    cheaperSizes: cheaper.map((c) => ({
      size: c.key,
      pixels: c.pixels,
      outputTokens: c.outputTokens,
      costPerImageUsd: toDecimalString(c.costPerImage),
      savingPerImageUsd: toDecimalString(c.savingPerImage),
    })),
  };
}

function renderText(q: QuoteJson, estimate: RowEstimate): string {
  const lines: string[] = [];
  const sizeText = q.size === 'auto' ? `auto (planned as ${q.width}x${q.height})` : q.size;
  lines.push(`${q.model}  ${sizeText}  ${q.quality ?? ''}  on the ${q.surface} surface, prices as of ${q.date}`);
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(24)}${value}`);
  row('output tokens / image', q.outputTokens === null ? 'not published (priced per image)' : integer(q.outputTokens));
  row('cost / image', usdExact(estimate.costPerFinalImage));
  const hasInput = q.inputTokens.text > 0 || q.inputTokens.image > 0;
  if (hasInput) {
    row('  output', usdExact(sub(estimate.costPerFinalImage, estimate.inputCostPerImage)));
    row(
      '  input',
      `${usdExact(estimate.inputCostPerImage)}  (${integer(q.inputTokens.text)} text + ${integer(q.inputTokens.image)} image tokens)`,
    );
  }
  if (q.n > 1) row(`request of ${q.n} images`, usdMicro(estimate.totalCost));
  if (q.creditsPerImage !== null) row('credits / image', q.creditsPerImage);
  row('price entries', q.priceEntries.map((e) => `${e.id} (${e.sourceClass})`).join(', '));
  for (const a of q.assumptions) lines.push(`  assumption: ${a}`);
  for (const w of q.warnings) lines.push(`  warning: ${w}`);
  if (q.cheaperSizes.length === 0) {
    lines.push('  cheaper nearby sizes: none (no legal size of this aspect, ±5%, with as many pixels costs less)');
  } else {
    lines.push('  cheaper nearby sizes (same aspect ±5%, at least as many pixels, same quality):');
    const width = Math.max(...q.cheaperSizes.map((c) => c.size.length));
    for (const c of q.cheaperSizes) {
      const tokens = c.outputTokens === null ? '' : `${integer(c.outputTokens)} tokens  `;
      lines.push(
        `    ${c.size.padEnd(width)}  ${tokens}$${c.costPerImageUsd}  (saves $${c.savingPerImageUsd} per image)`,
      );
    }
  }
  return lines.join('\n') + '\n';
}
