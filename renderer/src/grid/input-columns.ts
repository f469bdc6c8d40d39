import { groupInteger } from '../../../shared/money/format';
import type { RowField } from '../../../shared/plan/row-field-kinds';
import { placeFields, ROW_FIELDS, type RowFieldTable } from '../../../shared/plan/row-fields';
import type { EditableField } from '../state/commands';

export type EditorKind = 'text' | 'long-text' | 'number' | 'choice' | 'size' | 'preset' | 'date' | 'money';

/** An editable column: which plan field it shows and which editor fits it (all from the field registry). */
export interface InputColumn<K extends string = EditableField> {
  readonly field: K;
  readonly header: string;
  readonly headerTooltip: string;
  readonly width: number;
  readonly editor: EditorKind;
  readonly pinned?: 'left';
  /** The registry entry behind the column: its kind and limits. */
  readonly spec: RowField;
}

/**
 * The grid's order of inputs: the ones that drive the cost before the computed columns (the draft pass
 * beside the finals it serves), the budget cap closing them, the rest after. A field the registry gains
 * and this list does not name shows next to its registry neighbour.
 */
const LEADING_ORDER = [
  'name',
  'team',
  'assetType',
  'model',
  'surface',
  'size',
  'quality',
  'finals',
  'iterationFactor',
  'draftsPerFinal',
  'draftQuality',
];
const BUDGET_FIELD = 'budgetCapUsd';
/** What the request sends besides the image itself: prompt, references and options (one Columns group). */
export const REQUEST_OPTION_FIELDS = [
  'nPerRequest',
  'promptChars',
  'promptTokens',
  'referenceImages',
  'referenceSize',
  'cachedSharePct',
  'partialImages',
] as const;
const TRAILING_ORDER = [
  ...REQUEST_OPTION_FIELDS,
  'startDate',
  'endDate',
  'phasing',
  'approvedFinals',
  'priceEntryId',
  'notes',
];
/** The column that stays in view while the others scroll (it also carries the row drag handle). */
const PINNED_FIELD = 'name';

export function editorKind(field: RowField): EditorKind {
  switch (field.kind) {
    case 'integer':
      return 'number';
    case 'decimal':
      return field.presets.length > 0 ? 'preset' : 'number';
    case 'money':
      return 'money';
    case 'date':
      return 'date';
    case 'choice':
      return 'choice';
    case 'size':
      return 'size';
    case 'text':
      return field.multiline ? 'long-text' : 'text';
    case 'image-size':
    case 'entry-id':
    case 'id':
      return 'text';
  }
}

/** The header tooltip: the field's description, with the range a whole number may take. */
export function headerTooltipOf(field: RowField): string {
  return field.kind === 'integer'
    ? `${field.description} (${field.min}-${groupInteger(field.max)})`
    : field.description;
}

export interface InputLayout<K extends string> {
  readonly leading: readonly InputColumn<K>[];
  readonly budget: InputColumn<K> | undefined;
  readonly trailing: readonly InputColumn<K>[];
}

/** The grid's input columns for a table of fields: every field with a grid width, in the grid's order. */
export function layoutInputColumns<K extends string>(fields: RowFieldTable<K>): InputLayout<K> {
  const order = placeFields([...LEADING_ORDER, BUDGET_FIELD, ...TRAILING_ORDER], Object.keys(fields) as K[]);
  const columns: InputColumn<K>[] = [];
  for (const key of order) {
    const spec = fields[key];
    if (spec.width.grid === null) continue;
    columns.push({
      field: key,
      header: spec.label,
      headerTooltip: headerTooltipOf(spec),
      width: spec.width.grid,
      editor: editorKind(spec),
      spec,
      ...(key === PINNED_FIELD ? { pinned: 'left' as const } : {}),
    });
  }
  const budgetAt = columns.findIndex((c) => c.field === BUDGET_FIELD);
  const split = budgetAt === -1 ? columns.length : budgetAt;
  return { leading: columns.slice(0, split), budget: columns[budgetAt], trailing: columns.slice(split + 1) };
}

// Every field but the row id has a grid width (test/renderer/grid/input-columns.test.ts checks it).
const LAYOUT = layoutInputColumns(ROW_FIELDS) as InputLayout<EditableField>;

/** Inputs before the formula columns (what drives the cost), then the rest after them. */
export const LEADING_INPUTS: readonly InputColumn[] = LAYOUT.leading;

export const BUDGET_INPUT: InputColumn = LAYOUT.budget ?? missingBudget();

export const TRAILING_INPUTS: readonly InputColumn[] = LAYOUT.trailing;

function missingBudget(): never {
  throw new Error(`the field registry has no ${BUDGET_FIELD} field for the grid`);
}

export const ALL_INPUTS: readonly InputColumn[] = [...LEADING_INPUTS, BUDGET_INPUT, ...TRAILING_INPUTS];

const BY_FIELD = new Map(ALL_INPUTS.map((c) => [c.field as string, c]));

export function inputColumn(colId: string): InputColumn | undefined {
  return BY_FIELD.get(colId);
}
