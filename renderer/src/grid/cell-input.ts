import type { PlanRow } from '../../../shared/plan/plan-schema';
import { ROW_FIELDS } from '../../../shared/plan/row-fields';
import type { Result } from '../../../shared/result';
import type { CellValue, EditableField } from '../state/commands';

function asText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  return typeof raw === 'string' ? raw : String(raw);
}

/**
 * Reads what a user typed or pasted into a cell as the value the plan stores, the same way for the cell
 * editors and for pasted blocks: each field's parser and messages come from the field registry
 * (shared/plan/row-fields.ts). Fields that depend on the row (quality, size) check against its model.
 */
export function parseCellInput(field: EditableField, raw: unknown, row: PlanRow): Result<CellValue> {
  return ROW_FIELDS[field].parse(asText(raw), row);
}
