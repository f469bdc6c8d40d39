import { useState } from 'react';
import { groupInteger } from '../../../shared/money/format';

/**
 * Tables whose length grows with the plan or its actuals (a row per override, per row behind a week's
 * variance, per team typed in the grid): they draw their first items and offer more, because React
 * drawing 100,000 table rows freezes the window for seconds.
 */

/** Items a long table draws at first. */
export const LISTED_AT_FIRST = 200;
/** Items each "Show more" adds. */
export const LISTED_PER_STEP = 1_000;

/** How many items a long table draws, and the request to draw more. */
export interface Listing {
  readonly listed: number;
  readonly showMore: () => void;
}

/**
 * How many items a long table draws, and the "Show more" that adds LISTED_PER_STEP. Back to
 * LISTED_AT_FIRST when `key` names another list (another scenario, another week drilled into), not
 * when the same list changes: a reset clicked far down keeps the items shown around it.
 */
export function useListedCount(key: string): Listing {
  const [state, setState] = useState({ key, listed: LISTED_AT_FIRST });
  const listed = state.key === key ? state.listed : LISTED_AT_FIRST;
  return { listed, showMore: () => setState({ key, listed: listed + LISTED_PER_STEP }) };
}

/**
 * The line under a table drawing `listing.listed` of `count` items ("200 of 6,000 overrides listed", and
 * where the rest are seen, then a Show more button); nothing while every item is drawn. Test ids:
 * `${testId}-not-listed` for the line, `${testId}-show-more` for the button.
 */
export function NotListedLine(props: {
  listing: Listing;
  count: number;
  /** What the items are, plural: "overrides", "rows". */
  what: string;
  /** Where else every item can be seen or changed, after a semicolon. */
  note?: string;
  testId: string;
}) {
  const { listing, count, what, note, testId } = props;
  const { listed, showMore } = listing;
  if (count <= listed) return null;
  return (
    <p className="pl-muted" data-testid={`${testId}-not-listed`}>
      {groupInteger(listed)} of {groupInteger(count)} {what} listed{note === undefined ? '.' : `; ${note}`}{' '}
      <button type="button" data-testid={`${testId}-show-more`} onClick={showMore}>
        Show {groupInteger(Math.min(LISTED_PER_STEP, count - listed))} more
      </button>
    </p>
  );
}
