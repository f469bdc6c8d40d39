import type { RowIssue } from '../../../shared/estimate/estimate-row';
import { ROW_FIELDS } from '../../../shared/plan/row-fields';
import type { GridRow } from '../../../shared/estimate/plan-estimator';

/** The column that says, in the row, why a row has no price (shown only while some row has none). */
export const ROW_ISSUE_COLUMN_ID = 'rowIssue';

/** One problem in a planner's words: the input's header first ("Quality: …"), a missing price as is. */
export function issueText(issue: RowIssue): string {
  if (issue.field === 'price') return issue.message;
  const label = Object.hasOwn(ROW_FIELDS, issue.field) ? ROW_FIELDS[issue.field].label : issue.field;
  return `${label}: ${issue.message}`;
}

/** Why a row is not priced, every reason in one line; empty for a priced row. */
export function rowIssueText(r: GridRow): string {
  const e = r.result.estimate;
  return e.ok ? '' : e.errors.map(issueText).join(' · ');
}
