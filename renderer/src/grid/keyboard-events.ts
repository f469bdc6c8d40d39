import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** Keys typed into a text box, list or text area belong to it, not to the grid. */
export function isFormField(target: EventTarget): boolean {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}

/** The key is handled: the browser and the grid do nothing more with it. */
export function stop(e: ReactKeyboardEvent): void {
  e.preventDefault();
  e.stopPropagation();
}
