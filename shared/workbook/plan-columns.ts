import type { PlanRow } from '../plan/plan-schema';
import type { RowField } from '../plan/row-field-kinds';
import { placeFields, ROW_FIELDS, type RowFieldTable } from '../plan/row-fields';
import { columnLetter } from './a1';
import { ANY_KEY, lookupFormula, formulaString, type KeyTable } from './lookup-formula';
import type { CellStyleName, ColumnLayout } from './workbook-types';

/**
 * The Plan sheet's columns, in order. Inputs are typed values; helpers and derived columns are live
 * formulas over the row's inputs, the Prices sheet (by the row's pricing profile) and the hidden Lists
 * sheet (by the row's model). Machine columns (hidden) let import match rows and restore exact text.
 */

export const PLAN_SHEET = 'Plan';

export type PlanColumnRole = 'input' | 'info' | 'helper' | 'derived' | 'machine';

export interface PlanColumn extends ColumnLayout {
  readonly key: string;
  readonly role: PlanColumnRole;
  /** Input columns: the row field they hold. */
  readonly field?: keyof PlanRow;
  /** Input columns: headers earlier versions exported, which import still reads. */
  readonly formerHeaders?: readonly string[];
}

/**
 * The Plan sheet's order of inputs. A field the registry gains and this list does not name follows its
 * registry neighbour.
 */
const PLAN_INPUT_ORDER = [
  'id',
  'name',
  'team',
  'assetType',
  'startDate',
  'endDate',
  'model',
  'surface',
  'priceEntryId',
  'size',
  'quality',
  'finals',
  'iterationFactor',
  'draftsPerFinal',
  'draftQuality',
  'nPerRequest',
  'promptTokens',
  'promptChars',
  'referenceImages',
  'referenceSize',
  'inputFidelity',
  'cachedSharePct',
  'partialImages',
  'budgetCapUsd',
  'notes',
];

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

/** The input columns of a table of fields (the registry, or in tests the registry with a field added). */
export function planInputColumns<K extends string>(fields: RowFieldTable<K>): (PlanColumn & { readonly key: K })[] {
  return placeFields(PLAN_INPUT_ORDER, Object.keys(fields) as K[]).map((key) => {
    const field = fields[key];
    return {
      key,
      // The registry's keys are PlanRow's keys (its schema is built from them).
      field: key as keyof PlanRow,
      role: 'input',
      header: field.label,
      formerHeaders: field.formerLabels,
      width: field.width.sheet,
      style: cellStyleOf(field),
      // The row id matches rows on import; finance never needs to read it.
      hidden: field.kind === 'id',
    };
  });
}

const computed = (
  key: string,
  role: 'helper' | 'derived',
  header: string,
  width: number,
  style: CellStyleName,
): PlanColumn => ({ key, role, header, width, style, computed: true });

export const PLAN_COLUMNS: readonly PlanColumn[] = [
  ...planInputColumns(ROW_FIELDS),
  { key: 'priceUsed', role: 'helper', header: 'Price entry used', width: 30, style: 'text', computed: true },
  { key: 'errors', role: 'info', header: 'Errors', width: 24, style: 'text' },
  { key: 'warnings', role: 'info', header: 'Warnings', width: 24, style: 'text' },
  computed('width', 'helper', 'Width px', 9, 'integer'),
  computed('height', 'helper', 'Height px', 9, 'integer'),
  computed('plannedQuality', 'helper', 'Planned quality', 10, 'text'),
  computed('plannedDraftQuality', 'helper', 'Planned draft quality', 10, 'text'),
  computed('refWidth', 'helper', 'Reference width px', 10, 'integer'),
  computed('refHeight', 'helper', 'Reference height px', 10, 'integer'),
  computed('finalGenerations', 'derived', 'Final generations', 11, 'decimal'),
  computed('draftGenerations', 'derived', 'Draft generations', 11, 'decimal'),
  computed('requests', 'derived', 'Requests', 10, 'integer'),
  computed('outputTokensPerFinal', 'derived', 'Output tokens per final image', 12, 'integer'),
  computed('outputTokensPerDraft', 'derived', 'Output tokens per draft image', 12, 'integer'),
  computed('textTokens', 'derived', 'Text input tokens per image', 12, 'integer'),
  computed('imageTokens', 'derived', 'Image input tokens per image', 12, 'integer'),
  computed('inputCostPerImage', 'derived', 'Input cost per image', 13, 'usd-precise'),
  computed('creditsPerFinalImage', 'derived', 'Credits per final image', 13, 'credits'),
  computed('creditsPerDraftImage', 'derived', 'Credits per draft image', 13, 'credits'),
  computed('costPerFinalImage', 'derived', 'Cost per final image', 13, 'usd-precise'),
  computed('costPerDraftImage', 'derived', 'Cost per draft image', 13, 'usd-precise'),
  computed('finalCost', 'derived', 'Final cost', 13, 'usd-precise'),
  computed('draftCost', 'derived', 'Draft cost', 13, 'usd-precise'),
  computed('totalCost', 'derived', 'Row total', 13, 'usd-precise'),
  computed('costPerApprovedFinal', 'derived', 'Cost per approved final', 13, 'usd-precise'),
  computed('credits', 'derived', 'Credits', 13, 'credits'),
  computed('budgetRemaining', 'derived', 'Budget remaining', 13, 'usd-precise'),
  computed('inputShare', 'derived', 'Input share', 9, 'percent'),
  { key: 'profile', role: 'helper', header: 'Pricing profile', width: 10, style: 'text', computed: true, hidden: true },
  {
    key: 'pricingKind',
    role: 'helper',
    header: 'Pricing kind',
    width: 14,
    style: 'text',
    computed: true,
    hidden: true,
  },
  { key: 'tablePrefix', role: 'helper', header: 'Price table', width: 14, style: 'text', computed: true, hidden: true },
  { key: 'originals', role: 'machine', header: 'Exact values', width: 14, style: 'text', hidden: true },
];

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
  const mpReference = `${priceItem('mp-charges')}*IF(${priceItem('mp-ceil')}=1,QUOTIENT(${refWidth}*${refHeight}+${mpPixels}-1,${mpPixels}),${refWidth}*${refHeight})`;
  const perReference = `IF(${short}<=0,0,IF(AND(${mpKind},${refRule}<>"none"),${mpReference},IF(${tokenRule},${tokenReference}+${fidelityTokens},0)))`;

  const finalUnits = `ROUND(${ref('finals')}*${ref('iterationFactor')}*10000,0)`;
  const draftUnits = `IF(${hasDrafts},ROUND(${ref('finals')}*${ref('draftsPerFinal')}*10000,0),0)`;
  const perRequestUnits = `${ref('nPerRequest')}*10000`;
  const size = ref('size');
  const refSize = ref('referenceSize');
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
    width: `IF(${size}="auto",${listValue('/auto-width')},VALUE(LEFT(${size},SEARCH("x",${size})-1)))`,
    height: `IF(${size}="auto",${listValue('/auto-height')},VALUE(MID(${size},SEARCH("x",${size})+1,9)))`,
    plannedQuality: `IF(${ref('quality')}="auto",${listValue('/auto-quality')},${ref('quality')})`,
    plannedDraftQuality: `IF(${hasDrafts},IF(${draftQualityNamed}="auto",${listValue('/auto-quality')},${draftQualityNamed}),"")`,
    refWidth: `IF(${ref('referenceImages')}=0,0,VALUE(LEFT(${refSize},SEARCH("x",${refSize})-1)))`,
    refHeight: `IF(${ref('referenceImages')}=0,0,VALUE(MID(${refSize},SEARCH("x",${refSize})+1,9)))`,
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
