import { type ColDef, type GetRowIdParams, themeQuartz } from 'ag-grid-community';
import type { EditableField } from '../state/commands';
import { EDITABLE_COLUMN_IDS, createColumnDefs } from './columns';
import { ChoiceEditor } from './ChoiceEditor';
import type { SheetRow } from './sheet-row';
import { SizeEditor } from './SizeEditor';

// Grid options are module constants: a new object or function on each render makes AG Grid re-process them.

export const GRID_THEME = themeQuartz.withParams({
  fontSize: 13,
  headerFontSize: 12,
  spacing: 5,
  wrapperBorderRadius: 4,
});

export const COLUMN_DEFS = createColumnDefs({ sizeEditor: SizeEditor, choiceEditor: ChoiceEditor });

export const DEFAULT_COL_DEF: ColDef<SheetRow> = { sortable: true, resizable: true };

export const getRowId = (p: GetRowIdParams<SheetRow>): string => p.data.id;

export function isEditableField(colId: string): colId is EditableField {
  return EDITABLE_COLUMN_IDS.has(colId);
}
