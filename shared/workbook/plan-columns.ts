import { ASPECT_PRESETS } from '../estimate/sizes';
import type { PlanRow } from '../plan/plan-schema';
import type { RowField } from '../plan/row-field-kinds';
import { placeFields, ROW_FIELDS, type RowFieldTable } from '../plan/row-fields';
import { columnLetter } from './a1';
import { ANY_KEY, lookupFormula, formulaString, type KeyTable } from './lookup-formula';
import type { CellStyleName, ColumnLayout } from './workbook-types';

/**
 * The Plan sheet's columns, in order, laid out for finance: who and how much first, then the inputs,
 * then the technical detail. Inputs are typed values; helpers and derived columns are live formulas over
 * the row's inputs, the Prices sheet (by the row's pricing profile) and the hidden Lists sheet (by the
 * row's model). Machine columns (hidden) let import match rows and restore exact text.
 */

export const PLAN_SHEET = 'Plan';

export type PlanColumnRole = 'input' | 'info' | 'helper' | 'derived' | 'machine';

/**
 * The Plan sheet's parts, left to right:
 * - key: identity and money (campaign, team, finals, row total, cost per approved final, budget, budget
 *   left, errors), always in view, the campaign column frozen;
 * - inputs: what a planner sets, an outline group shown expanded;
 * - separator: the warnings, ungrouped (two adjacent groups would merge into one);
 * - machine: always hidden (row id, exact values, lookup plumbing, the totals row's helpers);
 * - technical: rarely read inputs and the working (price entry, sizes in pixels, token counts, unit
 *   prices), an outline group shown collapsed.
 */
export type PlanSection = 'key' | 'inputs' | 'separator' | 'machine' | 'technical';

export const PLAN_SECTIONS: readonly PlanSection[] = ['key', 'inputs', 'separator', 'machine', 'technical'];

export interface PlanColumn extends ColumnLayout {
  readonly key: string;
  readonly role: PlanColumnRole;
  readonly section: PlanSection;
  /** Input columns: the row field they hold. */
  readonly field?: keyof PlanRow;
  /** Input columns: headers earlier versions exported, which import still reads. */
  readonly formerHeaders?: readonly string[];
}

/**
 * Every Plan column key by section, in order. A row field the registry gains and these lists do not
 * name follows its registry neighbour, in that neighbour's section.
 */
const PLAN_LAYOUT: Readonly<Record<PlanSection, readonly string[]>> = {
  key: ['name', 'team', 'finals', 'totalCost', 'costPerApprovedFinal', 'budgetCapUsd', 'budgetRemaining', 'errors'],
  inputs: [
    'assetType',
    'startDate',
    'endDate',
    'phasing',
    'approvedFinals',
    'model',
    'surface',
    'size',
    'quality',
    'iterationFactor',
    'draftsPerFinal',
    'draftQuality',
    'referenceImages',
    'referenceSize',
    'inputFidelity',
    'notes',
  ],
  separator: ['warnings'],
  machine: ['id', 'originals', 'profile', 'pricingKind', 'tablePrefix', 'pricedFinals', 'pricedBudgetCap'],
  technical: [
    'priceEntryId',
    'nPerRequest',
    'promptTokens',
    'promptChars',
    'cachedSharePct',
    'partialImages',
    'priceUsed',
    'width',
    'height',
    'plannedQuality',
    'plannedDraftQuality',
    'refWidth',
    'refHeight',
    'finalGenerations',
    'draftGenerations',
    'requests',
    'outputTokensPerFinal',
    'outputTokensPerDraft',
    'textTokens',
    'imageTokens',
    'inputCostPerImage',
    'creditsPerFinalImage',
    'creditsPerDraftImage',
    'costPerFinalImage',
    'costPerDraftImage',
    'finalCost',
    'draftCost',
    'credits',
    'inputShare',
  ],
};

const LAYOUT_ORDER: readonly { readonly key: string; readonly section: PlanSection }[] = PLAN_SECTIONS.flatMap(
  (section) => PLAN_LAYOUT[section].map((key) => ({ key, section })),
);

/** How a field's cells are formatted, by its kind. */
export function cellStyleOf(field: RowField): CellStyleName {
  switch (field.kind) {
    case 'integer':
      return 'integer';
    case 'decimal':
      return 'decimal';
    case 'money':
      return 'usd';
    case 'date':
      return 'date';
    case 'id':
    case 'text':
    case 'choice':
    case 'size':
    case 'image-size':
    case 'entry-id':
      return 'text';
  }
}

/** A column key in sheet order, with its section. */
interface PlacedKey {
  readonly key: string;
  readonly section: PlanSection;
}

/**
 * Every column key in sheet order for a table of fields: the layout's keys (fields the table lacks left
 * out), each followed by the fields the layout does not name that come after it in the registry, in its
 * section; unnamed fields that come before every named one lead the inputs.
 */
function placeColumns(fieldKeys: readonly string[]): PlacedKey[] {
  const sectionOf = new Map(LAYOUT_ORDER.map((c) => [c.key, c.section]));
  const after = new Map<string, string[]>();
  let anchor = '';
  for (const key of placeFields(
    LAYOUT_ORDER.map((c) => c.key),
    fieldKeys,
  )) {
    if (sectionOf.has(key)) anchor = key;
    else after.set(anchor, [...(after.get(anchor) ?? []), key]);
  }
  const isField = new Set(fieldKeys);
  const out: PlacedKey[] = [];
  let leadingPlaced = false;
  for (const { key, section } of LAYOUT_ORDER) {
    if (section === 'inputs' && !leadingPlaced) {
      for (const extra of after.get('') ?? []) out.push({ key: extra, section });
      leadingPlaced = true;
    }
    if (isField.has(key) || Object.hasOwn(OTHER_COLUMNS, key)) out.push({ key, section });
    for (const extra of after.get(key) ?? []) out.push({ key: extra, section });
  }
  return out;
}

/** An input column for a field of the table. */
function inputColumn<K extends string>(
  fields: RowFieldTable<K>,
  key: K,
  section: PlanSection,
): PlanColumn & { readonly key: K } {
  const field = fields[key];
  return {
    key,
    // The registry's keys are PlanRow's keys (its schema is built from them).
    field: key as keyof PlanRow,
    role: 'input',
    section,
    header: field.label,
    formerHeaders: field.formerLabels,
    width: field.width.sheet,
    style: cellStyleOf(field),
    // The row id matches rows on import; finance never needs to read it.
    hidden: field.kind === 'id',
  };
}

function isFieldOf<K extends string>(fields: RowFieldTable<K>, key: string): key is K {
  return Object.hasOwn(fields, key);
}

/** The input columns of a table of fields (the registry, or in tests the registry with a field added), in sheet order. */
export function planInputColumns<K extends string>(fields: RowFieldTable<K>): (PlanColumn & { readonly key: K })[] {
  return placeColumns(Object.keys(fields)).flatMap(({ key, section }) =>
    isFieldOf(fields, key) ? [inputColumn(fields, key, section)] : [],
  );
}

type ComputedSpec = Omit<PlanColumn, 'key' | 'section'>;

const computed = (role: 'helper' | 'derived', header: string, width: number, style: CellStyleName): ComputedSpec => ({
  role,
  header,
  width,
  style,
  computed: true,
});

/** The columns that are not row fields, by key (their place comes from PLAN_LAYOUT). */
const OTHER_COLUMNS: Readonly<Record<string, ComputedSpec>> = {
  priceUsed: computed('helper', 'Price entry used', 30, 'text'),
  errors: { role: 'info', header: 'Errors', width: 24, style: 'text' },
  warnings: { role: 'info', header: 'Warnings', width: 24, style: 'text' },
  width: computed('helper', 'Width px', 9, 'integer'),
  height: computed('helper', 'Height px', 9, 'integer'),
  plannedQuality: computed('helper', 'Planned quality', 10, 'text'),
  plannedDraftQuality: computed('helper', 'Planned draft quality', 10, 'text'),
  refWidth: computed('helper', 'Reference width px', 10, 'integer'),
  refHeight: computed('helper', 'Reference height px', 10, 'integer'),
  finalGenerations: computed('derived', 'Final generations', 11, 'decimal'),
  draftGenerations: computed('derived', 'Draft generations', 11, 'decimal'),
  requests: computed('derived', 'Requests', 10, 'integer'),
  outputTokensPerFinal: computed('derived', 'Output tokens per final image', 12, 'integer'),
  outputTokensPerDraft: computed('derived', 'Output tokens per draft image', 12, 'integer'),
  textTokens: computed('derived', 'Text input tokens per image', 12, 'integer'),
  imageTokens: computed('derived', 'Image input tokens per image', 12, 'integer'),
  // Unit prices are not rounded: they show all six decimals. Money shows cents and keeps its six.
  inputCostPerImage: computed('derived', 'Input cost per image', 13, 'usd-precise'),
  creditsPerFinalImage: computed('derived', 'Credits per final image', 13, 'credits'),
  creditsPerDraftImage: computed('derived', 'Credits per draft image', 13, 'credits'),
  costPerFinalImage: computed('derived', 'Cost per final image', 13, 'usd-precise'),
  costPerDraftImage: computed('derived', 'Cost per draft image', 13, 'usd-precise'),
  finalCost: computed('derived', 'Final cost', 13, 'usd'),
  draftCost: computed('derived', 'Draft cost', 13, 'usd'),
  totalCost: computed('derived', 'Row total', 13, 'usd'),
  costPerApprovedFinal: computed('derived', 'Cost per approved final', 13, 'usd'),
  credits: computed('derived', 'Credits', 13, 'credits'),
  budgetRemaining: computed('derived', 'Budget remaining', 13, 'usd'),
  inputShare: computed('derived', 'Input share', 9, 'percent'),
  profile: { ...computed('helper', 'Pricing profile', 10, 'text'), hidden: true },
  pricingKind: { ...computed('helper', 'Pricing kind', 14, 'text'), hidden: true },
  tablePrefix: { ...computed('helper', 'Price table', 14, 'text'), hidden: true },
  // What the totals row sums for finals and budget: the values of rows without errors, as the app does.
  pricedFinals: { ...computed('helper', 'Finals of priced rows', 10, 'integer'), hidden: true },
  pricedBudgetCap: { ...computed('helper', 'Budget cap of priced rows', 13, 'usd'), hidden: true },
  originals: { role: 'machine', header: 'Exact values', width: 14, style: 'text', hidden: true },
};

/** The outline group of a section's columns (Excel's column grouping). */
const SECTION_GROUP: Readonly<Record<PlanSection, ColumnLayout['group']>> = {
  key: undefined,
  inputs: 'expanded',
  separator: undefined,
  machine: undefined,
  technical: 'collapsed',
};

/** Every Plan column of a table of fields, in sheet order, grouped as its section is. */
export function planColumns<K extends string>(fields: RowFieldTable<K>): readonly PlanColumn[] {
  return placeColumns(Object.keys(fields)).map(({ key, section }): PlanColumn => {
    const group = SECTION_GROUP[section];
    const other = OTHER_COLUMNS[key];
    let column: PlanColumn;
    if (isFieldOf(fields, key)) column = inputColumn(fields, key, section);
    else if (other) column = { ...other, key, section };
    else throw new RangeError(`no Plan column "${key}"`);
    return group ? { ...column, group } : column;
  });
}

export const PLAN_COLUMNS: readonly PlanColumn[] = planColumns(ROW_FIELDS);

const PLAN_COLUMN_INDEX: ReadonlyMap<string, number> = new Map(PLAN_COLUMNS.map((c, i) => [c.key, i]));

/** The 1-based column number of a column key (a programming error when unknown). */
export function planColumnNumber(key: string): number {
  const i = PLAN_COLUMN_INDEX.get(key);
  if (i === undefined) throw new RangeError(`no Plan column "${key}"`);
  return i + 1;
}

export function planColumnLetter(key: string): string {
  return columnLetter(planColumnNumber(key));
}

/**
 * The formula of every helper and derived column, written for row 2 (the shared-formula master) with
 * column-absolute, row-relative references, so the same text fills the whole column.
 */
// eslint-disable-next-line max-lines-per-function -- the column → formula table and the parts its formulas share; split further, a formula's pieces would sit far from the column that uses them
export function planFormulas(prices: KeyTable, lists: KeyTable): ReadonlyMap<string, string> {
  /** This row's cell in the column of `key` (column-absolute, row-relative). */
  const ref = (key: string) => `$${planColumnLetter(key)}2`;
  /** What the Lists sheet says about the row's model ("/rule", "/partial"...). */
  const listValue = (suffix: string) => lookupFormula(lists, `${ref('model')}&${formulaString(suffix)}`);
  /** What the Lists sheet says about the row's model at a quality (token factors and tables). */
  const listValueAt = (middle: string, quality: string, tail = '') =>
    lookupFormula(lists, `${ref('model')}&${formulaString(middle)}&${quality}${tail}`);
  /** An item of the row's pricing profile on the Prices sheet ("text-in", "mult"...). */
  const priceItem = (item: string) => lookupFormula(prices, `${ref('profile')}&${formulaString('/' + item)}`);
  const width = ref('width');
  const height = ref('height');
  const sizeText = `${width}&"x"&${height}`;
  const kind = ref('pricingKind');
  const mpCredits = `${kind}="per-megapixel-credits"`;
  const mpKind = `OR(${kind}="per-megapixel",${mpCredits})`;
  const creditKind = `OR(${kind}="credits-over-tokens",${kind}="credits-per-image",${mpCredits})`;
  const hasDrafts = `${ref('draftsPerFinal')}<>0`;
  const partialBilled = `IF(${listValue('/partial')}=1,${ref('partialImages')},0)`;

  const gpt2Tokens = (factor: string) => {
    const shortSide = `QUOTIENT(2*${factor}*MIN(${width},${height})+MAX(${width},${height}),2*MAX(${width},${height}))`;
    return `QUOTIENT(${factor}*${shortSide}*(2000000+${width}*${height})+3999999,4000000)`;
  };
  const tokensAt = (quality: string) =>
    `IF(${listValue('/rule')}="unknown","",IF(${listValue('/rule')}="formula",${gpt2Tokens(listValueAt('/factor/', quality))},${listValueAt('/tokens/', quality, `&"/"&${sizeText}`)})+${partialBilled}*100)`;
  const gridAt = (quality: string) => {
    const priceAt = (key: string) => lookupFormula(prices, key);
    const table = ref('tablePrefix');
    return `IFERROR(${priceAt(`${table}&"/"&${quality}&"/"&${sizeText}`)},IFERROR(${priceAt(`${table}&"/"&${quality}&"/${ANY_KEY}"`)},IFERROR(${priceAt(`${table}&"/${ANY_KEY}/"&${sizeText}`)},${priceAt(`${table}&"/${ANY_KEY}/${ANY_KEY}"`)})))`;
  };
  const cached = `IF(${ref('surface')}="responses",${ref('cachedSharePct')},0)`;
  const inPart = `(${ref('textTokens')}*(${priceItem('text-in')}*(100-${cached})+${priceItem('text-cached-in')}*${cached})+${ref('imageTokens')}*(${priceItem('image-in')}*(100-${cached})+${priceItem('image-cached-in')}*${cached}))/100000000`;
  // Output tokens x rate, or rounded up to whole cent steps where the price says so (fal), in integers.
  const roundCents = priceItem('out-round-cents');
  const tokenOut = (tokens: string) =>
    `IF(${roundCents}>0,QUOTIENT(${tokens}*${priceItem('image-out')}*100+${roundCents}*1000000-1,${roundCents}*1000000)*${roundCents}/100,${tokens}*${priceItem('image-out')}/1000000)`;
  const outPart = (tokens: string, quality: string) =>
    `IF(ISNUMBER(${tokens}),${tokenOut(tokens)},${gridAt(quality)}*${priceItem('grid-factor')}+${partialBilled}*100*${priceItem('image-out')}/1000000)`;
  // Per-megapixel output: the first megapixel, then each further one (whole, rounded up, or exact).
  const mpPixels = priceItem('mp-pixels');
  const mpCount = `IF(${priceItem('mp-ceil')}=1,QUOTIENT(${width}*${height}+${mpPixels}-1,${mpPixels}),${width}*${height}/${mpPixels})`;
  const mpOut = `(${priceItem('mp-first')}+${priceItem('mp-extra')}*MAX(0,${mpCount}-1))`;
  const creditsAt = (tokens: string, quality: string) =>
    `IF(${kind}="credits-over-tokens",(${outPart(tokens, quality)}+${inPart})*${priceItem('credits-per-cost')}*${priceItem('mult')},IF(${mpCredits},(${mpOut}+${inPart})*${priceItem('mult')},(${gridAt(quality)}+${priceItem('extra-mp')}*MAX(0,QUOTIENT(${width}*${height}+1048575,1048576)-1))*${priceItem('mult')}))`;
  const costAt = (tokens: string, quality: string, creditsPerImage: string) =>
    `IF(${creditKind},${creditsPerImage}*${priceItem('usd-per-credit')},IF(${kind}="tokens",${outPart(tokens, quality)}*${priceItem('mult')}+${ref('inputCostPerImage')},IF(${kind}="per-megapixel",${mpOut}*${priceItem('mult')}+${ref('inputCostPerImage')},${gridAt(quality)}*${priceItem('mult')})))`;

  const perReference = perReferenceFormula(ref, listValue, priceItem, mpKind);

  const finalUnits = `ROUND(${ref('finals')}*${ref('iterationFactor')}*10000,0)`;
  const draftUnits = `IF(${hasDrafts},ROUND(${ref('finals')}*${ref('draftsPerFinal')}*10000,0),0)`;
  const perRequestUnits = `${ref('nPerRequest')}*10000`;
  const size = ref('size');
  const refSize = ref('referenceSize');
  // A size cell as typed: WIDTHxHEIGHT in any spelling the app reads ("1536x1024", "1536 x 1024",
  // "1536X1024", "1536×1024", "1536*1024"), or, for the row's own size, auto or an aspect preset ("16:9"),
  // which the model's Lists lines size as the engine does (resolveSize).
  const plainSize = (cell: string) => `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${cell}," ",""),"×","x"),"*","x")`;
  const edgeOf = (cell: string, edge: 'width' | 'height') =>
    edge === 'width'
      ? `VALUE(LEFT(${plainSize(cell)},SEARCH("x",${plainSize(cell)})-1))`
      : `VALUE(MID(${plainSize(cell)},SEARCH("x",${plainSize(cell)})+1,9))`;
  const namedSize = `OR(${['auto', ...ASPECT_PRESETS].map((name) => `TRIM(${size})=${formulaString(name)}`).join(',')})`;
  const sizeEdge = (edge: 'width' | 'height') =>
    `IF(${namedSize},${lookupFormula(lists, `${ref('model')}&"/"&TRIM(${size})&${formulaString('-' + edge)}`)},${edgeOf(size, edge)})`;
  const draftQualityNamed = `IF(${ref('draftQuality')}="",${listValue('/draft-quality')},${ref('draftQuality')})`;

  // The row's pricing profile follows its model, surface and pinned entry (Prices "Q/..." lines), so a
  // row switched to Batch or another model in the spreadsheet is re-priced.
  const resolution = `"Q/"&${ref('model')}&"/"&${ref('surface')}&"/"&IF(${ref('priceEntryId')}="","-",${ref('priceEntryId')})`;
  const profileText = (item: string) => lookupFormula(prices, `${ref('profile')}&${formulaString(':' + item)}`);

  const formulas: Record<string, string> = {
    priceUsed: profileText('entry'),
    profile: lookupFormula(prices, resolution),
    pricingKind: profileText('kind'),
    tablePrefix: profileText('table'),
    width: sizeEdge('width'),
    height: sizeEdge('height'),
    plannedQuality: `IF(${ref('quality')}="auto",${listValue('/auto-quality')},${ref('quality')})`,
    plannedDraftQuality: `IF(${hasDrafts},IF(${draftQualityNamed}="auto",${listValue('/auto-quality')},${draftQualityNamed}),"")`,
    refWidth: `IF(${ref('referenceImages')}=0,0,${edgeOf(refSize, 'width')})`,
    refHeight: `IF(${ref('referenceImages')}=0,0,${edgeOf(refSize, 'height')})`,
    finalGenerations: `${finalUnits}/10000`,
    draftGenerations: `${draftUnits}/10000`,
    requests: `QUOTIENT(${finalUnits}+${perRequestUnits}-1,${perRequestUnits})+QUOTIENT(${draftUnits}+${perRequestUnits}-1,${perRequestUnits})`,
    outputTokensPerFinal: tokensAt(ref('plannedQuality')),
    outputTokensPerDraft: `IF(${hasDrafts},${tokensAt(ref('plannedDraftQuality'))},"")`,
    textTokens: `IF(ISNUMBER(${ref('promptTokens')}),${ref('promptTokens')},IF(ISNUMBER(${ref('promptChars')}),QUOTIENT(${ref('promptChars')}+3,4),0))`,
    imageTokens: `IF(${ref('referenceImages')}=0,0,${ref('referenceImages')}*${perReference})`,
    inputCostPerImage: `IF(OR(${kind}="tokens",${kind}="per-megapixel"),${inPart}*${priceItem('mult')},IF(${kind}="credits-over-tokens",${inPart}*${priceItem('credits-per-cost')}*${priceItem('usd-per-credit')}*${priceItem('mult')},IF(${mpCredits},${inPart}*${priceItem('usd-per-credit')}*${priceItem('mult')},0)))`,
    creditsPerFinalImage: `IF(${creditKind},${creditsAt(ref('outputTokensPerFinal'), ref('plannedQuality'))},"")`,
    creditsPerDraftImage: `IF(${creditKind},IF(${hasDrafts},${creditsAt(ref('outputTokensPerDraft'), ref('plannedDraftQuality'))},0),"")`,
    costPerFinalImage: costAt(ref('outputTokensPerFinal'), ref('plannedQuality'), ref('creditsPerFinalImage')),
    costPerDraftImage: `IF(${hasDrafts},${costAt(ref('outputTokensPerDraft'), ref('plannedDraftQuality'), ref('creditsPerDraftImage'))},0)`,
    finalCost: `ROUND(${ref('finalGenerations')}*${ref('costPerFinalImage')},6)`,
    draftCost: `ROUND(${ref('draftGenerations')}*${ref('costPerDraftImage')},6)`,
    totalCost: `ROUND(${ref('finalCost')}+${ref('draftCost')},6)`,
    costPerApprovedFinal: `IF(${ref('finals')}>0,ROUND(${ref('totalCost')}/${ref('finals')},6),"")`,
    credits: `IF(${creditKind},ROUND(${ref('finalGenerations')}*${ref('creditsPerFinalImage')}+${ref('draftGenerations')}*${ref('creditsPerDraftImage')},6),"")`,
    budgetRemaining: `IF(ISNUMBER(${ref('budgetCapUsd')}),ROUND(ROUND(${ref('budgetCapUsd')},6)-${ref('totalCost')},6),"")`,
    pricedFinals: ref('finals'),
    pricedBudgetCap: `IF(ISNUMBER(${ref('budgetCapUsd')}),ROUND(${ref('budgetCapUsd')},6),"")`,
    inputShare: `IF(${ref('finalGenerations')}*${ref('costPerFinalImage')}+${ref('draftGenerations')}*${ref('costPerDraftImage')}=0,0,(${ref('finalGenerations')}+${ref('draftGenerations')})*${ref('inputCostPerImage')}/(${ref('finalGenerations')}*${ref('costPerFinalImage')}+${ref('draftGenerations')}*${ref('costPerDraftImage')}))`,
  };
  // A row the engine could not estimate shows its errors and no numbers (totals skip it, as in the app).
  const gated = new Map<string, string>();
  for (const col of PLAN_COLUMNS) {
    if (col.role !== 'helper' && col.role !== 'derived') continue;
    const formula = formulas[col.key];
    if (formula === undefined) throw new RangeError(`no formula for Plan column ${col.key}`);
    gated.set(col.key, `IF(${ref('errors')}<>"","",${formula})`);
  }
  return gated;
}

/**
 * Input tokens (or megapixel units) one reference image adds, by the model's rule on the Lists sheet:
 * GPT Image 2 patches, older GPT Image tiles, a fixed count, or megapixels on a per-megapixel price.
 */
function perReferenceFormula(
  ref: (key: string) => string,
  listValue: (suffix: string) => string,
  priceItem: (item: string) => string,
  mpKind: string,
): string {
  const refWidth = ref('refWidth');
  const refHeight = ref('refHeight');
  const long = `MAX(${refWidth},${refHeight})`;
  const short = `MIN(${refWidth},${refHeight})`;
  const capped = `MIN(${long},3*${short})`;
  const patches = `IF(${capped}>=1024,MIN(1536,QUOTIENT(${capped}+31,32)*QUOTIENT(${short}+31,32)),IF(${capped}>=512,MIN(1536,32*QUOTIENT(${short}*32+${capped}-1,${capped})),MIN(1536,QUOTIENT(2*${capped}+31,32)*QUOTIENT(2*${short}+31,32))))`;
  // Older GPT Image models: fit within 2048x2048 first, then the shortest side down to 512 px (tokens.ts).
  const tiles = `65+129*IF(${long}>2048,IF(4*${short}>${long},QUOTIENT(${long}+${short}-1,${short}),4*QUOTIENT(4*${short}+${long}-1,${long})),IF(${short}>512,QUOTIENT(${long}+${short}-1,${short}),QUOTIENT(${long}+511,512)*QUOTIENT(${short}+511,512)))`;
  const refRule = listValue('/ref-rule');
  const fidelityTokens = `IF(${ref('inputFidelity')}="high",IF(4*${long}<5*${short},${listValue('/fidelity-square')},${listValue('/fidelity-other')}),0)`;
  const tokenReference = `IF(${refRule}="patches",${patches},IF(${refRule}="tiles",${tiles},IF(${refRule}="fixed",${listValue('/ref-tokens')},0)))`;
  const tokenRule = `OR(${refRule}="patches",${refRule}="tiles",${refRule}="fixed")`;
  // On a per-megapixel price every input image is counted in its megapixel units (when it charges inputs).
  const mpReference = `${priceItem('mp-charges')}*IF(${priceItem('mp-ceil')}=1,QUOTIENT(${refWidth}*${refHeight}+${priceItem('mp-pixels')}-1,${priceItem('mp-pixels')}),${refWidth}*${refHeight})`;
  const perReference = `IF(${short}<=0,0,IF(AND(${mpKind},${refRule}<>"none"),${mpReference},IF(${tokenRule},${tokenReference}+${fidelityTokens},0)))`;
  return perReference;
}
