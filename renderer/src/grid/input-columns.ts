import type { EditableField } from '../state/commands';

export type EditorKind =
  | 'text'
  | 'long-text'
  | 'number'
  | 'model'
  | 'surface'
  | 'quality'
  | 'draft-quality'
  | 'size'
  | 'preset'
  | 'date'
  | 'money';

/** An editable column: which plan field it shows and which editor fits it. */
export interface InputColumn {
  readonly field: EditableField;
  readonly header: string;
  readonly headerTooltip: string;
  readonly width: number;
  readonly editor: EditorKind;
  readonly pinned?: 'left';
}

/** Inputs before the formula columns (what drives the cost), then the rest after them. */
export const LEADING_INPUTS: readonly InputColumn[] = [
  {
    field: 'name',
    header: 'Campaign line',
    headerTooltip: 'What the images are for',
    width: 230,
    editor: 'text',
    pinned: 'left',
  },
  { field: 'team', header: 'Team', headerTooltip: 'Owning team (subtotals group by it)', width: 115, editor: 'text' },
  {
    field: 'assetType',
    header: 'Asset type',
    headerTooltip: 'Kind of asset (subtotals group by it)',
    width: 115,
    editor: 'text',
  },
  { field: 'model', header: 'Model', headerTooltip: 'Image model', width: 120, editor: 'model' },
  {
    field: 'surface',
    header: 'Billing',
    headerTooltip: 'How the images are paid: api, responses, batch, credits, reseller',
    width: 80,
    editor: 'surface',
  },
  {
    field: 'size',
    header: 'Size',
    headerTooltip: 'WIDTHxHEIGHT, an aspect preset (1:1, 4:5, 2:3, 3:2, 16:9, 9:16) or auto',
    width: 100,
    editor: 'size',
  },
  {
    field: 'quality',
    header: 'Quality',
    headerTooltip: "Quality of the finals (the model's own levels)",
    width: 80,
    editor: 'quality',
  },
  { field: 'finals', header: 'Finals', headerTooltip: 'Approved images needed', width: 75, editor: 'number' },
  {
    field: 'iterationFactor',
    header: 'Gens / final',
    headerTooltip: 'Generations per approved final: strict 1.2, exploring 1.8, from scratch 2.5, or your own',
    width: 105,
    editor: 'preset',
  },
];

export const BUDGET_INPUT: InputColumn = {
  field: 'budgetCapUsd',
  header: 'Budget cap',
  headerTooltip: 'Budget for the row in USD (empty = no cap)',
  width: 110,
  editor: 'money',
};

export const TRAILING_INPUTS: readonly InputColumn[] = [
  {
    field: 'draftsPerFinal',
    header: 'Drafts / final',
    headerTooltip: 'Cheaper draft images per final (0 = no draft pass)',
    width: 110,
    editor: 'number',
  },
  {
    field: 'draftQuality',
    header: 'Draft quality',
    headerTooltip: "Quality of the drafts (empty = the model's draft default)",
    width: 110,
    editor: 'draft-quality',
  },
  {
    field: 'nPerRequest',
    header: 'n / request',
    headerTooltip: 'Images per API request',
    width: 100,
    editor: 'number',
  },
  {
    field: 'promptChars',
    header: 'Prompt chars',
    headerTooltip: 'Prompt length in characters (tokens are estimated as chars ÷ 4)',
    width: 110,
    editor: 'number',
  },
  {
    field: 'promptTokens',
    header: 'Prompt tokens',
    headerTooltip: 'Prompt tokens, when known (overrides the character estimate)',
    width: 115,
    editor: 'number',
  },
  {
    field: 'referenceImages',
    header: 'Ref images',
    headerTooltip: 'Reference images sent with each request',
    width: 100,
    editor: 'number',
  },
  {
    field: 'referenceSize',
    header: 'Ref size',
    headerTooltip: 'Size of each reference image (WIDTHxHEIGHT)',
    width: 100,
    editor: 'text',
  },
  {
    field: 'cachedSharePct',
    header: 'Cached %',
    headerTooltip: 'Share of input served from cache (Responses API only)',
    width: 95,
    editor: 'number',
  },
  {
    field: 'partialImages',
    header: 'Partials',
    headerTooltip: 'Streamed partial images per request (0-3)',
    width: 90,
    editor: 'number',
  },
  { field: 'startDate', header: 'Start', headerTooltip: 'First day (YYYY-MM-DD)', width: 115, editor: 'date' },
  { field: 'endDate', header: 'End', headerTooltip: 'Last day (YYYY-MM-DD)', width: 115, editor: 'date' },
  {
    field: 'priceEntryId',
    header: 'Price entry',
    headerTooltip: 'Pin a price entry by id (empty = the one in force)',
    width: 200,
    editor: 'text',
  },
  { field: 'notes', header: 'Notes', headerTooltip: 'Free notes', width: 260, editor: 'long-text' },
];

export const ALL_INPUTS: readonly InputColumn[] = [...LEADING_INPUTS, BUDGET_INPUT, ...TRAILING_INPUTS];

const BY_FIELD = new Map(ALL_INPUTS.map((c) => [c.field as string, c]));

export function inputColumn(colId: string): InputColumn | undefined {
  return BY_FIELD.get(colId);
}
