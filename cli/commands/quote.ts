import { cheaperNearbySizes } from '../../shared/estimate/cheaper-sizes';
import { estimateRow, type RowEstimate } from '../../shared/estimate/estimate-row';
import { MODEL_IDS, findModel } from '../../shared/estimate/models';
import { resolveSize, type Size } from '../../shared/estimate/sizes';
import { type Exact, sub, toDecimalString } from '../../shared/money/exact';
import { microToDecimalString } from '../../shared/money/format';
import { blankRow } from '../../shared/plan/new-plan';
import { type PlanRow, RowInputs } from '../../shared/plan/plan-schema';
import { ROW_INPUTS, type RowInputKey } from '../../shared/plan/row-fields';
import { createPriceBook } from '../../shared/pricing/price-book';
import { BILLING_SURFACES, BillingSurface } from '../../shared/pricing/price-entry';
import { CliError, type OptionSpec, UsageError, noPositionals } from '../args';
import type { Command } from '../command';
import { integer, usdExact, usdMicro } from '../format';
import { loadPlanFile } from '../files';
import { rowInputOptions, rowOptionValues } from '../row-input-options';
import { readDateOption } from './common';

/** The row a quote prices: one request of n images (finals = n, one generation each), no drafts, no prompt. */
function quoteRow(n: number): PlanRow {
  return blankRow('quote', { finals: n, nPerRequest: n, iterationFactor: '1', draftsPerFinal: '0', promptChars: null });
}

/**
 * The row inputs a quote takes, in help order, from the field registry (names, limits, descriptions). A
 * field the registry gains with a CLI option joins them beside its neighbour.
 */
const ROW_OPTIONS = rowInputOptions<RowInputKey>(
  ROW_INPUTS,
  [
    'model',
    'size',
    'quality',
    'nPerRequest',
    'surface',
    'priceEntryId',
    'promptTokens',
    'promptChars',
    'referenceImages',
    'referenceSize',
    'partialImages',
    'cachedSharePct',
  ],
  quoteRow(1),
);

/** The option name of a row field (a programming error when the field has none). */
function optionName(key: RowInputKey): string {
  const found = ROW_OPTIONS.find((o) => o.key === key);
  if (!found) throw new Error(`the field ${key} has no command-line option`);
  return found.option.name;
}

const AFTER_PINNED_ENTRY = ROW_OPTIONS.findIndex((o) => o.key === 'priceEntryId') + 1;

const OPTIONS: readonly OptionSpec[] = [
  ...ROW_OPTIONS.slice(0, AFTER_PINNED_ENTRY).map((o) => o.option),
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
  ...ROW_OPTIONS.slice(AFTER_PINNED_ENTRY).map((o) => o.option),
  { name: 'json', kind: 'flag', description: 'print one JSON object instead of text' },
];

/** Which option to blame for an engine error on a row field. */
const FIELD_OPTION: ReadonlyMap<string, string> = new Map(ROW_OPTIONS.map((o) => [o.key, `--${o.option.name}`]));

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
    const [modelOption, sizeOption, qualityOption] = [optionName('model'), optionName('size'), optionName('quality')];
    const modelId = required(args.string(modelOption), `--${modelOption}`, 'gpt-image-2').trim().toLowerCase();
    const size = required(args.string(sizeOption), `--${sizeOption}`, '1024x1024');
    const quality = required(args.string(qualityOption), `--${qualityOption}`, 'high').trim().toLowerCase();
    const model = findModel(modelId);
    if (!model) throw new UsageError(`--model "${modelId}" is not a known model: use one of ${MODEL_IDS.join(', ')}`);
    const surface = readSurface(args.string(optionName('surface')));
    const planPath = args.string('plan');
    const plan = planPath === undefined ? null : await loadPlanFile(io, planPath);
    const date = readDateOption(args.string('date'), plan?.meta.priceBookAsOf ?? io.today);
    if (args.has(optionName('promptTokens')) && args.has(optionName('promptChars'))) {
      throw new UsageError('give either --prompt-tokens or --prompt-chars, not both');
    }
    if (args.has(optionName('referenceSize')) && (args.integer(optionName('referenceImages')) ?? 0) === 0)
      throw new UsageError('--ref-size needs --refs N (how many reference images per request)');

    const candidate = {
      ...quoteRow(args.integer(optionName('nPerRequest')) ?? 1),
      ...rowOptionValues(args, ROW_OPTIONS),
      model: modelId,
      surface,
      size,
      quality,
    };
    const inputs = RowInputs.safeParse(candidate);
    if (!inputs.success) {
      const issue = inputs.error.issues[0];
      const field = issue?.path[0];
      const option = typeof field === 'string' ? (FIELD_OPTION.get(field) ?? field) : 'input';
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
        e.field === 'price' ? `${e.message}${dateHint}` : `${FIELD_OPTION.get(e.field) ?? e.field}: ${e.message}`,
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
