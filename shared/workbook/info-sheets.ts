import type { PlanDocument } from '../plan/plan-schema';
import { ROW_DETAILS } from '../plan/row-fields';
import { jsonForCells, xmlSafeText } from './cell-text';
import { MONEY_DECIMALS } from '../money/rounding';
import { MODEL_IDS } from '../estimate/models';
import { buildListLines, LISTS_SHEET } from './model-lists';
import { PRICES_SHEET, type PriceSheetPlan } from './price-lines';
import { fitColumns } from './column-fit';
import type { CellValue, ColumnLayout, SheetModel } from './workbook-types';

const ABOUT_SHEET = 'About';
export const DATA_SHEET = 'Data';

/**
 * Marks a workbook written by Pixel Ledger and the layout version import expects. Version 2 added the
 * Plan sheet's totals row, which an importer of version 1 would read as a plan row.
 */
export const WORKBOOK_FORMAT = 'pixel-ledger-workbook';
export const WORKBOOK_FORMAT_VERSION = 2;

const ROUNDING_RULE =
  `Money per row is rounded once, half away from zero, to ${MONEY_DECIMALS} decimals (1 micro-dollar): ROUND(x, ${MONEY_DECIMALS}). ` +
  'Final cost = ROUND(final generations x cost per final image, 6); draft cost likewise; row total = final + draft; ' +
  'cost per approved final = ROUND(row total / finals, 6). Per-image prices are not rounded. Totals are sums of the rounded row values. ' +
  'Money shows cents; the cells keep all six decimals.';

const HOW_TO_USE =
  'Edit the white input columns on Plan or a price figure on Prices: the shaded columns recalculate. ' +
  'Import the workbook into Pixel Ledger to bring the changes home (rows are matched by the hidden Row id; add rows by inserting them above the totals row, copying a row and clearing its Row id). ' +
  'A row with errors shows them and no numbers until it is fixed and imported again. ' +
  'Changing the billing surface of a row, or its model to another model of this plan, re-prices it from the Prices sheet; a model or pinned entry the workbook has no prices for shows #N/A until the workbook is imported back. ' +
  'On Plan, the + above the columns after Warnings shows the technical columns (pinned price entry, prompt and token counts, unit prices); the - above Warnings hides the inputs.';

/** Characters per line of the About sheet's longer texts (one row per line: nothing wraps or spills). */
const ABOUT_LINE = 100;

/** Text broken between words into lines of at most `width` characters (a longer word is a line of its own). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A labelled text as rows: the label beside its first line, the other lines below it. */
function labelled(label: string, text: string): CellValue[][] {
  return wrapWords(text, ABOUT_LINE).map((line, i) => [i === 0 ? label : null, line]);
}

export interface AboutFacts {
  readonly appVersion: string;
  readonly exportedAt: string;
  readonly scenarioName: string | null;
}

const ABOUT_ITSELF = {
  name: ABOUT_SHEET,
  state: 'visible',
  about: 'This page: the plan, the export, the rounding rule and the sheets.',
} as const;

/**
 * The About sheet: whose plan, which view, when exported and at which prices, how the money is rounded,
 * how to use the workbook, and what every other sheet holds (from each sheet's own `about`, so a sheet
 * added to the workbook is described here too).
 */
export function buildAboutSheet(plan: PlanDocument, facts: AboutFacts, sheets: readonly SheetModel[]): SheetModel {
  const rows: CellValue[][] = [
    ['Plan', plan.meta.name],
    ['Owner', plan.meta.owner === '' ? '(not set: File › Plan properties)' : plan.meta.owner],
    ['Scenario shown', facts.scenarioName === null ? 'Base plan (no scenario)' : facts.scenarioName],
    // Dates as text here: read, not computed with, and aligned with the other facts.
    ['Exported on', facts.exportedAt.slice(0, 10)],
    ['Exported at (UTC)', facts.exportedAt],
    ['Prices as of', plan.meta.priceBookAsOf],
    ['Pixel Ledger version', facts.appVersion],
    ['Currency', plan.meta.currency],
    ...labelled('Rounding rule', ROUNDING_RULE),
    ...labelled('How to use', HOW_TO_USE),
  ];
  for (const sheet of [...sheets, ABOUT_ITSELF]) {
    const name = sheet.state === 'visible' ? sheet.name : `${sheet.name} (hidden)`;
    rows.push(...labelled(`Sheet ${name}`, sheet.about));
  }
  const columns: ColumnLayout[] = [
    { header: 'Field', width: 22, style: 'label' },
    { header: 'Value', width: ABOUT_LINE, style: 'text' },
  ];
  return {
    name: ABOUT_SHEET,
    state: 'visible',
    about: ABOUT_ITSELF.about,
    columns: fitColumns(columns, rows, () => ABOUT_LINE + 2),
    autoFilter: false,
    freezeHeader: true,
    rows,
  };
}

export function buildPricesSheet(prices: PriceSheetPlan): SheetModel {
  const rows: CellValue[][] = prices.lines.map((l) => [
    l.key,
    l.entry.id,
    l.entry.provider,
    l.entry.model,
    l.entry.surfaces.join(', '),
    l.label,
    l.quality === '' ? null : l.quality,
    l.size === '' ? null : l.size,
    l.formula === null ? l.value : { kind: 'formula', formula: l.formula, result: l.value },
    l.unit,
    { kind: 'date', iso: l.entry.effectiveFrom },
    l.entry.effectiveUntil === null ? null : { kind: 'date', iso: l.entry.effectiveUntil },
    l.entry.sourceClass,
    l.entry.sources[0] ?? null,
    l.formula === null ? 'price figure: edit to re-price' : 'as used by Plan rows (formula)',
  ]);
  return {
    name: PRICES_SHEET,
    state: 'visible',
    about:
      'The price figures the plan uses, one per line, each with its price entry, the dates it is in force, its source class and source URL. Edit a figure to re-price the Plan rows that use it; lines marked "as used by Plan rows" are formulas.',
    // Long ids, items and URLs are cut at the column edge (the cell keeps them): the page stays readable.
    columns: fitColumns(PRICES_COLUMNS, rows, () => 36),
    autoFilter: true,
    freezeHeader: true,
    rows,
  };
}

const PRICES_COLUMNS: readonly ColumnLayout[] = [
  { header: 'Key', width: 22, style: 'text' },
  { header: 'Entry id', width: 40, style: 'text' },
  { header: 'Provider', width: 14, style: 'text' },
  { header: 'Model', width: 22, style: 'text' },
  { header: 'Surfaces', width: 20, style: 'text' },
  { header: 'Item', width: 40, style: 'text' },
  { header: 'Quality', width: 10, style: 'text' },
  { header: 'Size', width: 12, style: 'text' },
  { header: 'Value', width: 14, style: 'price' },
  { header: 'Unit', width: 20, style: 'text' },
  { header: 'Effective from', width: 13, style: 'date' },
  { header: 'Effective until', width: 13, style: 'date' },
  { header: 'Source class', width: 12, style: 'text' },
  { header: 'Source URL', width: 50, style: 'text' },
  { header: 'Line', width: 30, style: 'text' },
];

export function buildListsSheet(): SheetModel {
  const lines = buildListLines();
  const models = MODEL_IDS;
  return {
    name: LISTS_SHEET,
    state: 'hidden',
    about: 'Model facts the Plan formulas look up: token rules and factors, published token counts, the model list.',
    columns: [
      { header: 'Key', width: 40, style: 'text' },
      { header: 'Value', width: 12, style: 'text' },
      { header: 'About', width: 50, style: 'text' },
      { header: 'Model ids', width: 26, style: 'text' },
    ],
    autoFilter: false,
    freezeHeader: true,
    rows: lines.map((l, i) => [l.key, l.value, l.about, models[i] ?? null]),
  };
}

/** Cell text limit minus a margin: the JSON is cut into pieces that fit a cell. */
const CHUNK = 30_000;

/**
 * The hidden Data sheet: the plan without its rows (metadata, plan price entries, scenarios, actuals)
 * as JSON, so import rebuilds the whole document; rows live on the Plan sheet.
 */
export interface EmbeddedPlan {
  readonly format: typeof WORKBOOK_FORMAT;
  readonly version: number;
  readonly scenarioId: string | null;
  readonly plan: Omit<PlanDocument, 'rows'>;
  /** Long row texts holding characters XML cannot carry, exactly, by row id and field (see longRowTexts). */
  readonly texts?: LongRowTexts;
}

export type LongRowTexts = Record<string, Record<string, string>>;

/** Texts at least this long are kept on the Data sheet, not in the row's hidden one-cell record. */
export const LONG_TEXT = 1000;

/**
 * The exact text of long row fields that hold characters XML cannot carry (a pasted note full of
 * control characters): the Plan cell shows the text without them, and the row's hidden record, one cell
 * of JSON with every such character escaped six-fold, may not hold it. Only a row's own details
 * (name, notes, ...), which no scenario overrides, so the base plan's text is the one exported.
 */
export function longRowTexts(plan: PlanDocument): LongRowTexts | undefined {
  // No prototype: a row id such as "__proto__" is a key like any other.
  const out: LongRowTexts = Object.create(null) as LongRowTexts;
  const fields = Object.keys(ROW_DETAILS) as (keyof typeof ROW_DETAILS)[];
  for (const row of plan.rows)
    for (const field of fields) {
      const value = row[field];
      if (typeof value !== 'string' || value.length < LONG_TEXT || xmlSafeText(value) === value) continue;
      out[row.id] = { ...out[row.id], [field]: value };
    }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function buildDataSheet(plan: PlanDocument, scenarioId: string | null): SheetModel {
  const { rows: _rows, ...rest } = plan;
  const texts = longRowTexts(plan);
  const embedded: EmbeddedPlan = {
    format: WORKBOOK_FORMAT,
    version: WORKBOOK_FORMAT_VERSION,
    scenarioId,
    plan: rest,
    ...(texts ? { texts } : {}),
  };
  const json = jsonForCells(embedded);
  const rows: CellValue[][] = [];
  for (let i = 0; i < json.length;) {
    let end = Math.min(json.length, i + CHUNK);
    // Never split a surrogate pair between two cells.
    const last = json.charCodeAt(end - 1);
    if (end < json.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    rows.push([json.slice(i, end)]);
    i = end;
  }
  return {
    name: DATA_SHEET,
    state: 'veryHidden',
    about: 'The rest of the plan (settings, plan price entries, scenarios, actuals) for import; do not edit.',
    columns: [{ header: 'Pixel Ledger plan data (do not edit)', width: 20, style: 'text' }],
    autoFilter: false,
    freezeHeader: false,
    rows,
  };
}
