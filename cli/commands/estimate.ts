import {
  type PlanEstimate,
  budgetRemainingAt,
  eachRowResult,
  estimatePlan,
  estimatedRowAt,
  forEachRowFigures,
  rowCountOf,
} from '../../shared/estimate/estimate-plan';
import { modelScenario } from '../../shared/estimate/model-scenario';
import { createPriceBook } from '../../shared/pricing/price-book';
import { add, toDecimalString } from '../../shared/money/exact';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { CliError, type OptionSpec, singlePositional } from '../args';
import type { CliIo, Command } from '../command';
import { terminalSafeJsonBytes, writeJsonWithList } from '../json-stream';
import { groupedNoteLines, rowLabel, VERBOSE_OPTION } from '../row-notes';
import { type RowMessage, RowMessageGrouper } from '../../shared/estimate/message-groups';
import { loadPlanFile } from '../files';
import { EXPERIMENTAL_SIZE_NOTE, experimentalSizeWarning } from '../../shared/estimate/sizes';
import { type Column, counted, decimal, integer, microDecimal, truncate, usdMicro } from '../format';
import { ByteTable } from '../byte-table';
import { costPerImageText, generationsText, type RowFigures } from '../../shared/estimate/priced-row';
import type { Micro } from '../../shared/money/rounding';
import type { RowEstimate } from '../../shared/estimate/estimate-row';
import type { PlanRow } from '../../shared/plan/plan-schema';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'scenario',
    kind: 'string',
    valueName: 'NAME',
    example: '"Strict baselines"',
    description: "estimate under this scenario (name or id); default: the plan's active scenario",
  },
  { name: 'base', kind: 'flag', description: 'estimate the base plan, ignoring the active scenario' },
  {
    name: 'on-model',
    kind: 'string',
    valueName: 'MODEL',
    example: 'gpt-image-1.5',
    description:
      'price the base plan with every row on MODEL, sizes and qualities mapped to the nearest it offers (what was mapped printed, one line per change made alike; --verbose: per row)',
  },
  { name: 'json', kind: 'flag', description: 'print one JSON object (money as exact decimal strings)' },
  VERBOSE_OPTION,
];

const COLUMNS: readonly Column[] = [
  { header: '#', align: 'right' },
  { header: 'name', align: 'left' },
  { header: 'finals', align: 'right' },
  { header: 'generations', align: 'right' },
  { header: 'tokens/image', align: 'right' },
  { header: 'cost/image', align: 'right' },
  { header: 'total', align: 'right' },
  { header: 'budget left', align: 'right' },
  { header: 'errors', align: 'left' },
];

export const estimateCommand: Command = {
  name: 'estimate',
  usage: 'estimate PLAN.pxplan [--scenario NAME | --base | --on-model MODEL] [--json] [--verbose]',
  options: OPTIONS,
  details: [
    "Row totals are rounded once to 1e-6 USD (the engine's rule); plan totals are their exact sum.",
    'Exit code 1 when a row has errors: its cost is left out of the totals, so check them.',
  ].join('\n'),
  async run(args, io) {
    const path = singlePositional(args, 'a plan file', 'plan.pxplan');
    const scenarioName = args.string('scenario');
    if (scenarioName !== undefined && args.flag('base'))
      throw new CliError('give either --scenario or --base, not both');
    const onModel = args.string('on-model');
    if (onModel !== undefined && (scenarioName !== undefined || args.flag('base')))
      throw new CliError('give --on-model alone: it prices the base plan on that model');
    const loaded = await loadPlanFile(io, path);
    const switched = onModel === undefined ? null : withModelScenario(loaded, onModel);
    const plan = switched?.plan ?? loaded;
    const scenario = switched ? ON_MODEL_SCENARIO : args.flag('base') ? null : scenarioName;
    const estimate = estimatePlan(plan, { scenario });
    if (!estimate.ok) throw new CliError(`${path}: ${estimate.error}`);
    const result = estimate.value;
    const mappings = switched?.mappings ?? null;
    if (args.flag('json')) writeJson(io, plan, result, mappings);
    else {
      const lines = args.flag('verbose') ? mappings : (switched?.mappingLines ?? null);
      io.stdout(mappingsText(onModel, lines));
      writeEstimateText((text) => io.stdout(text), plan, result, args.flag('verbose'), io.stdoutBytes);
    }
    if (result.totals.rowsWithErrors > 0) {
      const broken = result.totals.rowsWithErrors;
      io.stderr(
        `pixel-ledger: ${integer(broken)} of ${counted(rowCountOf(result), 'row')} ${broken === 1 ? 'has errors and is' : 'have errors and are'} left out of the totals: fix them (see "pixel-ledger validate ${path}")\n`,
      );
      return 1;
    }
    return 0;
  },
};

const ON_MODEL_SCENARIO = '__on-model';

/** The plan with a scenario putting every row on `model` (modelScenario, as the app's Scenarios panel does). */
/**
 * The plan with a scenario putting every row on `model` (modelScenario, as the app's Scenarios panel does),
 * and what was mapped: row by row (`mappings`: --json, --verbose) and as one line per change made alike.
 */
function withModelScenario(
  plan: PlanDocument,
  model: string,
): { plan: PlanDocument; mappings: readonly string[]; mappingLines: readonly string[] } {
  const made = modelScenario(plan.rows, model, createPriceBook(plan.priceEntries), plan.meta.priceBookAsOf);
  if (!made.ok) throw new CliError(`--on-model: ${made.error}`);
  const { name, description, overrides, mappings, mappingGroups, notes } = made.value;
  const scenario = { id: ON_MODEL_SCENARIO, name, description, overrides: [...overrides] };
  const noteLines = notes.map((n) => `Note: ${n}`);
  return {
    plan: { ...plan, scenarios: [...plan.scenarios, scenario] },
    mappings: [...mappings, ...noteLines],
    mappingLines: [
      ...groupedNoteLines(mappingGroups, (row) => rowLabel(row, plan.rows[row]?.name), ': '),
      ...noteLines,
    ],
  };
}

function mappingsText(model: string | undefined, mappings: readonly string[] | null): string {
  if (model === undefined || mappings === null) return '';
  if (mappings.length === 0) return `Every row on ${model}: no size or quality needed mapping.\n\n`;
  return `Every row on ${model}, mapped to the nearest it offers:\n${mappings.map((m) => `  ${m}\n`).join('')}\n`;
}

function scenarioLabel(plan: PlanDocument, id: string | null): { id: string; name: string } | null {
  if (id === null) return null;
  const scenario = plan.scenarios.find((s) => s.id === id);
  return { id, name: scenario?.name ?? id };
}

/**
 * Sum of the rows' budget remaining as shown (rows with a cap only); null when no row has one. Read by
 * index (budgetRemainingAt): no row's estimate is built for it.
 */
function budgetLeftTotal(result: PlanEstimate): Micro | null {
  let sum: Micro | null = null;
  const count = rowCountOf(result);
  for (let index = 0; index < count; index++) {
    const left = budgetRemainingAt(result, index);
    if (left !== null) sum = (sum ?? 0) + left;
  }
  return sum;
}

/** The --json output, streamed: the rows are written a batch at a time, never as one string. */
function writeJson(io: CliIo, plan: PlanDocument, result: PlanEstimate, mappings: unknown): void {
  const before = {
    plan: { name: plan.meta.name, priceBookAsOf: plan.meta.priceBookAsOf },
    scenario: scenarioLabel(plan, result.scenarioId),
  };
  // Plain JSON goes out as bytes, terminal-safe as it stands; the rare text that is not goes through stdout.
  const { stdoutBytes } = io;
  const write =
    stdoutBytes === undefined
      ? (text: string) => io.stdout(text)
      : (text: string) => {
          const bytes = terminalSafeJsonBytes(text);
          if (bytes === null) io.stdout(text);
          else stdoutBytes(bytes);
        };
  writeJsonWithList(write, before, 'rows', rowsJson(result), {
    totals: totalsJson(result),
    mappings,
  });
}

function* rowsJson(result: PlanEstimate) {
  let index = 0;
  for (const { row, estimate: e, budgetRemaining } of eachRowResult(result)) {
    yield {
      index,
      id: row.id,
      name: row.name,
      ok: e.ok,
      model: row.model,
      surface: row.surface,
      size: e.sizeKey ?? row.size,
      quality: e.quality ?? row.quality,
      finals: row.finals,
      // As toDecimalString(e.finalGenerations), in numbers where exact (generationsText): no BigInt per row.
      finalGenerations: generationsText(e, false),
      draftGenerations: generationsText(e, true),
      requests: e.requests,
      outputTokensPerImage: e.outputTokensPerFinal,
      outputTokensPerDraft: e.outputTokensPerDraft,
      costPerImageUsd: costPerImageText(e, false),
      costPerDraftImageUsd: costPerImageText(e, true),
      finalCostUsd: microDecimal(e.finalCost),
      draftCostUsd: microDecimal(e.draftCost),
      costUsd: microDecimal(e.totalCost),
      costPerApprovedFinalUsd: e.costPerApprovedFinal === null ? null : microDecimal(e.costPerApprovedFinal),
      budgetCapUsd: row.budgetCapUsd,
      budgetRemainingUsd: budgetRemaining === null ? null : microDecimal(budgetRemaining),
      credits: e.credits === null ? null : microDecimal(e.credits),
      inputShare: e.inputShare,
      priceEntryIds: e.priceEntryIds,
      errors: e.errors,
      warnings: e.warnings,
      assumptions: e.assumptions,
    };
    index += 1;
  }
}

function totalsJson(result: PlanEstimate) {
  const { totals } = result;
  const left = budgetLeftTotal(result);
  return {
    finals: totals.finals,
    finalGenerations: toDecimalString(totals.finalGenerations),
    draftGenerations: toDecimalString(totals.draftGenerations),
    requests: totals.requests,
    finalCostUsd: microDecimal(totals.finalCost),
    draftCostUsd: microDecimal(totals.draftCost),
    costUsd: microDecimal(totals.totalCost),
    credits: microDecimal(totals.credits),
    budgetCapUsd: microDecimal(totals.budgetCap),
    budgetRemainingUsd: left === null ? null : microDecimal(left),
    rowsWithErrors: totals.rowsWithErrors,
  };
}

/**
 * The rows' errors and warnings as read for the notes under the table: one line per row and message when
 * verbose, else grouped by message as the rows are read (RowMessageGrouper: no record kept per message).
 */
class RowNotes {
  private readonly errors: RowMessage[] = [];
  private readonly warnings: RowMessage[] = [];
  private readonly errorGroups = new RowMessageGrouper();
  private readonly warningGroups = new RowMessageGrouper();

  constructor(private readonly verbose: boolean) {}

  add(index: number, e: RowEstimate): void {
    for (const error of e.errors) {
      const text = `${error.field}: ${error.message}`;
      if (this.verbose) this.errors.push({ row: index, text });
      else this.errorGroups.add(index, text);
    }
    this.addWarnings(index, e.warnings);
  }

  /** A row's warnings as RowFigures gives them: the experimental size's note by its size, then the rest. */
  addFigures(index: number, figures: RowFigures): void {
    const width = figures.experimentalWidth;
    if (width !== 0) {
      const height = figures.experimentalHeight;
      if (this.verbose) this.warnings.push({ row: index, text: experimentalSizeWarning(width, height) });
      else this.warningGroups.addSized(index, width, height, EXPERIMENTAL_SIZE_NOTE);
    }
    this.addWarnings(index, figures.warnings);
  }

  addWarnings(index: number, warnings: readonly string[]): void {
    for (const warning of warnings) {
      if (this.verbose) this.warnings.push({ row: index, text: warning });
      else this.warningGroups.add(index, warning);
    }
  }

  /** The lines, as rowNoteLines gives them: errors, then warnings (verbose: as the rows give them). */
  lines(result: PlanEstimate): string[] {
    const label = (index: number) => `row ${index + 1} "${estimatedRowAt(result, index)?.name ?? ''}"`;
    if (this.verbose) {
      // As the rows give them: each row's errors, then its warnings.
      const all = [
        ...this.errors.map((m) => ({ ...m, kind: 'error' })),
        ...this.warnings.map((m) => ({ ...m, kind: 'warning' })),
      ];
      all.sort((a, b) => a.row - b.row || (a.kind === b.kind ? 0 : a.kind === 'error' ? -1 : 1));
      return all.map((m) => `${m.kind}: ${label(m.row)}${m.kind === 'error' ? ', ' : ': '}${m.text}`);
    }
    return [
      ...groupedNoteLines(this.errorGroups.groups(), label, ', ').map((line) => `error: ${line}`),
      ...groupedNoteLines(this.warningGroups.groups(), label, ': ').map((line) => `warning: ${line}`),
    ];
  }
}

/** The cells of a row read in numbers (RowFigures), written into the table with no string made for them. */
function putFigureCells(
  table: ByteTable,
  row: PlanRow,
  figures: RowFigures,
  budgetRemaining: Micro | null,
  index: number,
): void {
  putRowStart(table, row, index);
  table.putScaledDecimal(figures.finalGenerations, figures.finalGenerationsScale);
  if (figures.draftGenerations !== 0) {
    table.putAscii(' + ');
    table.putScaledDecimal(figures.draftGenerations, figures.draftGenerationsScale);
    table.putAscii(' drafts');
  }
  table.endCell();
  if (figures.outputTokensPerFinal === null) table.putAscii('per image');
  else table.putInteger(figures.outputTokensPerFinal, true);
  table.endCell();
  const costPerImage = figures.costPerFinalImage;
  table.putAscii(costPerImage < 0 ? '-$' : '$');
  table.putScaledDecimal(Math.abs(costPerImage), figures.costPerFinalImageScale);
  table.endCell();
  putRowEnd(table, figures.totalCost, budgetRemaining);
}

/**
 * The cells of any other row (one with errors, or a figure not worked out in numbers), from its estimate's
 * decimal text: what putFigureCells writes from the numbers (ByteTable.putScaledDecimal's rule).
 */
function putEstimateCells(
  table: ByteTable,
  row: PlanRow,
  e: RowEstimate,
  budgetRemaining: Micro | null,
  index: number,
): void {
  putRowStart(table, row, index);
  if (!e.ok) {
    for (let cell = 0; cell < 5; cell++) {
      table.putAscii('-');
      table.endCell();
    }
    table.putAscii(counted(e.errors.length, 'error'));
    table.endCell();
    return;
  }
  table.putGroupedDecimal(generationsText(e, false));
  const drafts = generationsText(e, true);
  if (drafts !== '0') {
    table.putAscii(' + ');
    table.putGroupedDecimal(drafts);
    table.putAscii(' drafts');
  }
  table.endCell();
  if (e.outputTokensPerFinal === null) table.putAscii('per image');
  else table.putInteger(e.outputTokensPerFinal, true);
  table.endCell();
  table.putUsdDecimal(costPerImageText(e, false));
  table.endCell();
  putRowEnd(table, e.totalCost, budgetRemaining);
}

/** A row's first cells: its number, name and finals. */
function putRowStart(table: ByteTable, row: PlanRow, index: number): void {
  table.putInteger(index + 1, false);
  table.endCell();
  table.putText(truncate(row.name, 40));
  table.endCell();
  table.putInteger(row.finals, true);
  table.endCell();
}

/** A priced row's last cells: its total, the budget left and (no) errors. */
function putRowEnd(table: ByteTable, totalCost: Micro, budgetRemaining: Micro | null): void {
  table.putUsdMicro(totalCost);
  table.endCell();
  if (budgetRemaining === null) table.putAscii('-');
  else {
    table.putUsdMicro(budgetRemaining);
    if (budgetRemaining < 0) table.putAscii(' over');
  }
  table.endCell();
  table.endCell(); // no errors
}

/**
 * The table and the notes under it, written in pieces (a 100k-row table is tens of megabytes). The rows
 * are read in one pass (forEachRowFigures: their figures in numbers, no estimate object made or kept per
 * row but for a row with errors), which gives each row's cells, its messages and the budget left. With
 * `writeBytes` the table goes to it as bytes (see CliIo.stdoutBytes).
 */
export function writeEstimateText(
  write: (text: string) => void,
  plan: PlanDocument,
  result: PlanEstimate,
  verbose: boolean,
  writeBytes?: (bytes: Uint8Array) => void,
): void {
  const scenario = scenarioLabel(plan, result.scenarioId);
  const header = `${plan.meta.name}: prices as of ${plan.meta.priceBookAsOf}, ${scenario ? `scenario "${scenario.name}"` : 'base plan'}`;
  const table = new ByteTable(COLUMNS, rowCountOf(result) + 1);
  const notes = new RowNotes(verbose);
  const budget: { left: Micro | null } = { left: null };
  // Figures read in numbers (forEachRowFigures): no estimate object per row.
  const addBudget = (budgetRemaining: Micro | null) => {
    if (budgetRemaining !== null) budget.left = (budget.left ?? 0) + budgetRemaining;
  };
  forEachRowFigures(
    result,
    (row, figures, budgetRemaining, index) => {
      putFigureCells(table, row, figures, budgetRemaining, index);
      notes.addFigures(index, figures);
      addBudget(budgetRemaining);
    },
    (row, e, budgetRemaining, index) => {
      putEstimateCells(table, row, e, budgetRemaining, index);
      notes.add(index, e);
      addBudget(budgetRemaining);
    },
  );
  const { left } = budget;
  const { totals } = result;
  const generations = add(totals.finalGenerations, totals.draftGenerations);
  table.startFooter();
  table.addRow([
    '',
    'Total',
    integer(totals.finals),
    decimal(generations),
    '',
    '',
    usdMicro(totals.totalCost),
    left === null ? '-' : usdMicro(left),
    totals.rowsWithErrors > 0 ? `${counted(totals.rowsWithErrors, 'row')} left out` : '',
  ]);
  write(`${header}\n\n`);
  table.writeTo(write, writeBytes);
  const lines = [''];
  const noteLines = notes.lines(result);
  if (noteLines.length > 0) lines.push('', ...noteLines);
  if (totals.draftCost > 0)
    lines.push('', `drafts ${usdMicro(totals.draftCost)} + finals ${usdMicro(totals.finalCost)}`);
  write(lines.join('\n') + '\n');
}
