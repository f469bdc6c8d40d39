/** One line on what the app is and what to do first, until the user dismisses it (issue 9 §4). */
export function FirstStartHint(props: { onDismiss: () => void }) {
  return (
    <div className="pl-banner pl-banner-info pl-first-start" role="note" data-testid="first-start-hint">
      <span>
        Pixel Ledger plans AI image budgets: <strong>edit a cell</strong> to change the plan,{' '}
        <strong>import actuals</strong> to compare, <strong>export to Excel</strong> for finance (File menu).
      </span>
      <button type="button" aria-label="Dismiss this hint" data-testid="first-start-dismiss" onClick={props.onDismiss}>
        ×
      </button>
    </div>
  );
}
