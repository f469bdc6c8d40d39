import { type RefObject, useEffect } from 'react';

export interface ClipboardActions {
  copySelection(): string | null;
  cutSelection(): string | null;
  pasteText(text: string): void;
}

/**
 * Copy, cut and paste of the grid's selection as TSV. The events reach the document (Ctrl/Cmd+C/X/V,
 * the Edit menu's native roles); the grid answers only while it has the focus and no cell is being
 * edited, so text fields and cell editors keep their own clipboard.
 */
export function useGridClipboard(
  wrapper: RefObject<HTMLElement | null>,
  isEditing: () => boolean,
  actions: ClipboardActions,
): void {
  useEffect(() => {
    const gridHasFocus = () => {
      const active = document.activeElement;
      return (
        wrapper.current !== null &&
        active !== null &&
        wrapper.current.contains(active) &&
        !isEditing() &&
        !(active instanceof HTMLInputElement) &&
        !(active instanceof HTMLTextAreaElement)
      );
    };
    const put = (e: ClipboardEvent, take: () => string | null) => {
      if (!gridHasFocus()) return;
      const text = take();
      if (text === null || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    const onCopy = (e: ClipboardEvent) => put(e, () => actions.copySelection());
    const onCut = (e: ClipboardEvent) => put(e, () => actions.cutSelection());
    const onPaste = (e: ClipboardEvent) => {
      if (!gridHasFocus()) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      if (text !== '') actions.pasteText(text);
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [actions, isEditing, wrapper]);
}
