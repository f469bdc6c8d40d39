import { findModel, MODEL_IDS } from '../estimate/models';
import { showValue } from '../safe-text';

/**
 * The model and qualities a Plan row's cells must name for import to take them: a model of the catalog
 * and qualities it offers. A plan may hold others (typed in its file, or a model a newer catalog
 * dropped); the estimate reports those rows. Export marks such values in the row's hidden record, so
 * the workbook imports back unchanged while finance leaves those cells as they were.
 */

export type ChoiceField = 'model' | 'quality' | 'draftQuality';

export interface ChoiceProblem {
  readonly field: ChoiceField;
  readonly message: string;
}

export interface RowChoices {
  readonly model?: unknown;
  readonly quality?: unknown;
  readonly draftQuality?: unknown;
  readonly draftsPerFinal?: unknown;
}

/** What is wrong with a row's model and qualities, field by field (none: import takes them). */
export function rowChoiceProblems(row: RowChoices): ChoiceProblem[] {
  const model = typeof row.model === 'string' ? findModel(row.model) : undefined;
  if (!model)
    return [
      {
        field: 'model',
        message: `unknown model '${showValue(String(row.model ?? ''), 40)}': expected one of ${MODEL_IDS.join(', ')}`,
      },
    ];
  const out: ChoiceProblem[] = [];
  if (!model.qualities.includes(String(row.quality)))
    out.push({
      field: 'quality',
      message: `${model.id} has no quality '${showValue(String(row.quality ?? ''), 40)}': expected one of ${model.qualities.join(', ')}`,
    });
  const draft = row.draftQuality;
  // With no drafts the draft quality is never priced: the engine (and validate) accept any; so does import.
  if (
    draft !== null &&
    draft !== undefined &&
    Number(row.draftsPerFinal) !== 0 &&
    !model.qualities.includes(String(draft))
  )
    out.push({
      field: 'draftQuality',
      message: `${model.id} has no quality '${showValue(String(draft), 40)}': expected one of ${model.qualities.join(', ')} or an empty cell`,
    });
  return out;
}
