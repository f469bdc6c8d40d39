/**
 * What the grid says when it has no rows to show: how to add the first row of an empty plan (instead of
 * AG Grid's "No Rows To Show"), or that the filter hides every row. The message takes the focus on a click,
 * so a block pasted there (Ctrl/Cmd+V) becomes the plan's first rows.
 */
export function EmptyGridMessage(props: { planRows: number; onAddRow: () => void }) {
  const { planRows, onAddRow } = props;
  if (planRows > 0)
    return (
      <div className="pl-empty-grid" data-testid="no-matching-rows" role="status">
        No row matches the filter: clear it to see all {planRows} row{planRows === 1 ? '' : 's'}.
      </div>
    );
  return (
    <div className="pl-empty-grid" data-testid="empty-plan" tabIndex={-1} role="region" aria-label="Empty plan">
      <p>
        <strong>This plan has no rows yet.</strong>
      </p>
      <p>
        Add a row and type into its cells (Tab moves on, and adds the next row at the end) — or click here and paste
        rows copied from a spreadsheet (Ctrl/Cmd+V).
      </p>
      <button type="button" className="primary" data-testid="add-first-row" onClick={onAddRow}>
        Add the first row
      </button>
    </div>
  );
}
