/**
 * The "As of" day the Reconcile and Match rules tabs share (one value in the app's view choices): a date
 * field showing the day in effect, and a button back to the latest actual (the default, null).
 */
export function AsOfControl({
  shown,
  chosen,
  latest,
  onAsOf,
  testId,
}: {
  /** The day the reconciliation is as of. */
  shown: string;
  /** The day the user picked, or null for the latest actual. */
  chosen: string | null;
  latest: string | null;
  onAsOf: (asOf: string | null) => void;
  testId: string;
}) {
  return (
    <>
      <label>
        As of{' '}
        <input
          type="date"
          data-testid={testId}
          value={shown}
          onChange={(e) => onAsOf(/^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : null)}
        />
      </label>{' '}
      <button type="button" disabled={chosen === null} onClick={() => onAsOf(null)}>
        Latest actual{latest ? ` (${latest})` : ''}
      </button>
    </>
  );
}
