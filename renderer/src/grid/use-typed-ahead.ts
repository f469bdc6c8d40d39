import { type RefObject, useLayoutEffect } from 'react';
import { sheetContext } from './sheet-row';

/**
 * For an editor opened by a typed key: adds the keys typed while it opened (and any that land on the cell
 * later) to its text, and gives its box the focus.
 */
export function useTypedAhead(
  context: unknown,
  openedByTyping: boolean,
  input: RefObject<HTMLInputElement | null>,
  append: (keys: string) => void,
): void {
  useLayoutEffect(() => {
    input.current?.focus();
    if (!openedByTyping) {
      input.current?.select();
      return;
    }
    const typeAhead = sheetContext(context)?.typeAhead;
    return typeAhead?.follow((keys) => {
      append(keys);
      input.current?.focus();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the editor opens; `append` sets state
  }, []);
}
