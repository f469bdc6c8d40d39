import { AUTO_ASSUMPTIONS } from '../estimate/models';
import type { PlanRow } from '../plan/plan-schema';
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
}

const input = (
  key: keyof PlanRow,
  header: string,
  width: number,
  style: CellStyleName,
  hidden = false,
): PlanColumn => ({ key, field: key, role: 'input', header, width, style, hidden });
const computed = (
  key: string,
  role: 'helper' | 'derived',
  header: string,
  width: number,
  style: CellStyleName,
): PlanColumn => ({ key, role, header, width, style, computed: true });

export const PLAN_COLUMNS: readonly PlanColumn[] = [
  input('id', 'Row id', 14, 'text', true),
  input('name', 'Campaign line', 36, 'text'),
  input('team', 'Team', 16, 'text'),
  input('assetType', 'Asset type', 16, 'text'),
  input('startDate', 'Start date', 12, 'date'),
  input('endDate', 'End date', 12, 'date'),
  input('model', 'Model', 22, 'text'),
  input('surface', 'Billing surface', 12, 'text'),
  input('priceEntryId', 'Pinned price entry', 18, 'text'),
  input('size', 'Size', 12, 'text'),
  input('quality', 'Quality', 10, 'text'),
  input('finals', 'Finals', 9, 'integer'),
  input('iterationFactor', 'Iteration factor', 10, 'decimal'),
  input('draftsPerFinal', 'Drafts per final', 10, 'decimal'),
  input('draftQuality', 'Draft quality', 10, 'text'),
  input('nPerRequest', 'Images per request', 10, 'integer'),
  input('promptTokens', 'Prompt tokens', 10, 'integer'),
  input('promptChars', 'Prompt characters', 11, 'integer'),
  input('referenceImages', 'Reference images', 10, 'integer'),
  input('referenceSize', 'Reference size', 12, 'text'),
  input('cachedSharePct', 'Cached input % (Responses)', 12, 'integer'),
  input('partialImages', 'Partial images', 9, 'integer'),
  input('budgetCapUsd', 'Budget cap (USD)', 13, 'usd'),
  input('notes', 'Notes', 30, 'text'),
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

const [AUTO_WIDTH = '1024', AUTO_HEIGHT = '1024'] = AUTO_ASSUMPTIONS.size.split('x');

/**
 * The formula of every helper and derived column, written for row 2 (the shared-formula master) with
 * column-absolute, row-relative references, so the same text fills the whole column.
 */
export function planFormulas(prices: KeyTable, lists: KeyTable): ReadonlyMap<string, string> {
  const c = (key: string) => `$${planColumnLetter(key)}2`;
  const L = (suffix: string) => lookupFormula(lists, `${c('model')}&${formulaString(suffix)}`);
  const Lq = (middle: string, quality: string, tail = '') =>
    lookupFormula(lists, `${c('model')}&${formulaString(middle)}&${quality}${tail}`);
  const P = (item: string) => lookupFormula(prices, `${c('profile')}&${formulaString('/' + item)}`);
  const W = c('width');
  const H = c('height');
  const sizeText = `${W}&"x"&${H}`;
  const kind = c('pricingKind');
  const creditKind = `OR(${kind}="credits-over-tokens",${kind}="credits-per-image")`;
  const hasDrafts = `${c('draftsPerFinal')}<>0`;
  const partialBilled = `IF(${L('/partial')}=1,${c('partialImages')},0)`;

  const gpt2Tokens = (f: string) => {
    const saf = `QUOTIENT(2*${f}*MIN(${W},${H})+MAX(${W},${H}),2*MAX(${W},${H}))`;
    return `QUOTIENT(${f}*${saf}*(2000000+${W}*${H})+3999999,4000000)`;
  };
  const tokensAt = (q: string) =>
    `IF(${L('/rule')}="unknown","",IF(${L('/rule')}="formula",${gpt2Tokens(Lq('/factor/', q))},${Lq('/tokens/', q, `&"/"&${sizeText}`)})+${partialBilled}*100)`;
  const gridAt = (q: string) => {
    const at = (key: string) => lookupFormula(prices, key);
    const tp = c('tablePrefix');
    return `IFERROR(${at(`${tp}&"/"&${q}&"/"&${sizeText}`)},IFERROR(${at(`${tp}&"/"&${q}&"/${ANY_KEY}"`)},IFERROR(${at(`${tp}&"/${ANY_KEY}/"&${sizeText}`)},${at(`${tp}&"/${ANY_KEY}/${ANY_KEY}"`)})))`;
  };
  const cached = `IF(${c('surface')}="responses",${c('cachedSharePct')},0)`;
  const inPart = `(${c('textTokens')}*(${P('text-in')}*(100-${cached})+${P('text-cached-in')}*${cached})+${c('imageTokens')}*(${P('image-in')}*(100-${cached})+${P('image-cached-in')}*${cached}))/100000000`;
  const outPart = (tokens: string, q: string) =>
    `IF(ISNUMBER(${tokens}),${tokens}*${P('image-out')}/1000000,${gridAt(q)}*${P('grid-factor')}+${partialBilled}*100*${P('image-out')}/1000000)`;
  const creditsAt = (tokens: string, q: string) =>
    `IF(${kind}="credits-over-tokens",(${outPart(tokens, q)}+${inPart})*${P('credits-per-cost')}*${P('mult')},(${gridAt(q)}+${P('extra-mp')}*MAX(0,QUOTIENT(${W}*${H}+1048575,1048576)-1))*${P('mult')})`;
  const costAt = (tokens: string, q: string, creditsPerImage: string) =>
    `IF(${creditKind},${creditsPerImage}*${P('usd-per-credit')},IF(${kind}="tokens",${outPart(tokens, q)}*${P('mult')}+${c('inputCostPerImage')},${gridAt(q)}*${P('mult')}))`;

  const rw = c('refWidth');
  const rh = c('refHeight');
  const long = `MAX(${rw},${rh})`;
  const short = `MIN(${rw},${rh})`;
  const capped = `MIN(${long},3*${short})`;
  const patches = `IF(${capped}>=1024,MIN(1536,QUOTIENT(${capped}+31,32)*QUOTIENT(${short}+31,32)),IF(${capped}>=512,MIN(1536,32*QUOTIENT(${short}*32+${capped}-1,${capped})),MIN(1536,QUOTIENT(2*${capped}+31,32)*QUOTIENT(2*${short}+31,32))))`;
  const tiles = `IF(${short}>512,65+129*QUOTIENT(${long}+${short}-1,${short}),65+129*QUOTIENT(${long}+511,512)*QUOTIENT(${short}+511,512))`;
  const refRule = L('/ref-rule');
  const perReference = `IF(${short}<=0,0,IF(${refRule}="patches",${patches},IF(${refRule}="tiles",${tiles},0)))`;

  const finalUnits = `ROUND(${c('finals')}*${c('iterationFactor')}*10000,0)`;
  const draftUnits = `IF(${hasDrafts},ROUND(${c('finals')}*${c('draftsPerFinal')}*10000,0),0)`;
  const n = `${c('nPerRequest')}*10000`;
  const size = c('size');
  const refSize = c('referenceSize');
  const draftQualityNamed = `IF(${c('draftQuality')}="",${L('/draft-quality')},${c('draftQuality')})`;

  // The row's pricing profile follows its model, surface and pinned entry (Prices "Q/..." lines), so a
  // row switched to Batch or another model in the spreadsheet is re-priced.
  const resolution = `"Q/"&${c('model')}&"/"&${c('surface')}&"/"&IF(${c('priceEntryId')}="","-",${c('priceEntryId')})`;
  const profileText = (item: string) => lookupFormula(prices, `${c('profile')}&${formulaString(':' + item)}`);

  const f: Record<string, string> = {
    priceUsed: profileText('entry'),
    profile: lookupFormula(prices, resolution),
    pricingKind: profileText('kind'),
    tablePrefix: profileText('table'),
    width: `IF(${size}="auto",${AUTO_WIDTH},VALUE(LEFT(${size},SEARCH("x",${size})-1)))`,
    height: `IF(${size}="auto",${AUTO_HEIGHT},VALUE(MID(${size},SEARCH("x",${size})+1,9)))`,
    plannedQuality: `IF(${c('quality')}="auto",${L('/auto-quality')},${c('quality')})`,
    plannedDraftQuality: `IF(${hasDrafts},IF(${draftQualityNamed}="auto",${L('/auto-quality')},${draftQualityNamed}),"")`,
    refWidth: `IF(${c('referenceImages')}=0,0,VALUE(LEFT(${refSize},SEARCH("x",${refSize})-1)))`,
    refHeight: `IF(${c('referenceImages')}=0,0,VALUE(MID(${refSize},SEARCH("x",${refSize})+1,9)))`,
    finalGenerations: `${finalUnits}/10000`,
    draftGenerations: `${draftUnits}/10000`,
    requests: `QUOTIENT(${finalUnits}+${n}-1,${n})+QUOTIENT(${draftUnits}+${n}-1,${n})`,
    outputTokensPerFinal: tokensAt(c('plannedQuality')),
    outputTokensPerDraft: `IF(${hasDrafts},${tokensAt(c('plannedDraftQuality'))},"")`,
    textTokens: `IF(ISNUMBER(${c('promptTokens')}),${c('promptTokens')},IF(ISNUMBER(${c('promptChars')}),QUOTIENT(${c('promptChars')}+3,4),0))`,
    imageTokens: `IF(${c('referenceImages')}=0,0,${c('referenceImages')}*${perReference})`,
    inputCostPerImage: `IF(${kind}="tokens",${inPart}*${P('mult')},IF(${kind}="credits-over-tokens",${inPart}*${P('credits-per-cost')}*${P('usd-per-credit')}*${P('mult')},0))`,
    creditsPerFinalImage: `IF(${creditKind},${creditsAt(c('outputTokensPerFinal'), c('plannedQuality'))},"")`,
    creditsPerDraftImage: `IF(${creditKind},IF(${hasDrafts},${creditsAt(c('outputTokensPerDraft'), c('plannedDraftQuality'))},0),"")`,
    costPerFinalImage: costAt(c('outputTokensPerFinal'), c('plannedQuality'), c('creditsPerFinalImage')),
    costPerDraftImage: `IF(${hasDrafts},${costAt(c('outputTokensPerDraft'), c('plannedDraftQuality'), c('creditsPerDraftImage'))},0)`,
    finalCost: `ROUND(${c('finalGenerations')}*${c('costPerFinalImage')},6)`,
    draftCost: `ROUND(${c('draftGenerations')}*${c('costPerDraftImage')},6)`,
    totalCost: `ROUND(${c('finalCost')}+${c('draftCost')},6)`,
    costPerApprovedFinal: `IF(${c('finals')}>0,ROUND(${c('totalCost')}/${c('finals')},6),"")`,
    credits: `IF(${creditKind},ROUND(${c('finalGenerations')}*${c('creditsPerFinalImage')}+${c('draftGenerations')}*${c('creditsPerDraftImage')},6),"")`,
    budgetRemaining: `IF(ISNUMBER(${c('budgetCapUsd')}),ROUND(ROUND(${c('budgetCapUsd')},6)-${c('totalCost')},6),"")`,
    inputShare: `IF(${c('finalGenerations')}*${c('costPerFinalImage')}+${c('draftGenerations')}*${c('costPerDraftImage')}=0,0,(${c('finalGenerations')}+${c('draftGenerations')})*${c('inputCostPerImage')}/(${c('finalGenerations')}*${c('costPerFinalImage')}+${c('draftGenerations')}*${c('costPerDraftImage')}))`,
  };
  // A row the engine could not estimate shows its errors and no numbers (totals skip it, as in the app).
  const gated = new Map<string, string>();
  for (const col of PLAN_COLUMNS) {
    if (col.role !== 'helper' && col.role !== 'derived') continue;
    const formula = f[col.key];
    if (formula === undefined) throw new RangeError(`no formula for Plan column ${col.key}`);
    gated.set(col.key, `IF(${c('errors')}<>"","",${formula})`);
  }
  return gated;
}
