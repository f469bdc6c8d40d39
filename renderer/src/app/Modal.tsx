import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface ModalButton {
  readonly label: string;
  readonly onClick: () => void;
  readonly primary?: boolean;
  readonly testId?: string;
}

/** What can take focus inside a dialog, in tab order (no positive tabindex is used in the app). */
const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The dialogs open now, the last on top: only the top one answers the keyboard. */
const openDialogs: HTMLElement[] = [];

/**
 * Keeps the keyboard in the top dialog, as a modal dialog must: Tab and Shift+Tab go round its controls
 * (never out to the page behind the backdrop), and Escape presses its cancel button wherever focus is.
 */
function keepKeysIn(dialog: HTMLElement, cancel: (() => void) | undefined): (e: KeyboardEvent) => void {
  return (e) => {
    if (openDialogs[openDialogs.length - 1] !== dialog) return;
    if (e.key === 'Escape' && cancel) {
      e.preventDefault();
      e.stopPropagation();
      cancel();
      return;
    }
    if (e.key !== 'Tab') return;
    const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
    const first = controls[0];
    const last = controls[controls.length - 1];
    if (first === undefined || last === undefined) return;
    const active = document.activeElement;
    const outside = !(active instanceof Node) || !dialog.contains(active);
    if (outside || (e.shiftKey && active === first) || (!e.shiftKey && active === last)) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  };
}

/**
 * A small in-app dialog: focus goes to the primary button, and back to where it was when the dialog closes;
 * Tab stays inside it; Escape presses the last (cancel) button.
 */
export function Modal(props: {
  title: string;
  children: ReactNode;
  buttons: readonly ModalButton[];
  testId?: string;
  wide?: boolean;
}) {
  const { title, children, buttons, testId, wide } = props;
  const dialog = useRef<HTMLDivElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const bodyId = useId();
  const cancel = buttons[buttons.length - 1];
  // The latest cancel, read when a key is pressed: the listener is added once per dialog.
  const cancelRef = useRef(cancel?.onClick);
  cancelRef.current = cancel?.onClick;

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return undefined;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (primary.current ?? element.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    openDialogs.push(element);
    const onKey = keepKeysIn(element, () => cancelRef.current?.());
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      openDialogs.splice(openDialogs.indexOf(element), 1);
      if (before?.isConnected) before.focus();
    };
  }, []);

  return (
    <div className="pl-modal-backdrop">
      <div
        ref={dialog}
        className={`pl-modal${wide ? ' pl-modal-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        aria-describedby={bodyId}
        data-testid={testId}
      >
        <h2>{title}</h2>
        <div className="pl-modal-body" id={bodyId}>
          {children}
        </div>
        <div className="pl-modal-buttons">
          {buttons.map((b) => (
            <button
              key={b.label}
              type="button"
              ref={b.primary ? primary : undefined}
              className={b.primary ? 'primary' : undefined}
              data-testid={b.testId}
              onClick={b.onClick}
            >
              {b.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
