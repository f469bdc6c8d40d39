import { type ReactNode, useEffect, useRef } from 'react';

export interface ModalButton {
  readonly label: string;
  readonly onClick: () => void;
  readonly primary?: boolean;
  readonly testId?: string;
}

/** A small in-app dialog: focus goes to the primary button, Escape presses the last (cancel) button. */
export function Modal(props: {
  title: string;
  children: ReactNode;
  buttons: readonly ModalButton[];
  testId?: string;
  wide?: boolean;
}) {
  const { title, children, buttons, testId, wide } = props;
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => primary.current?.focus(), []);
  const cancel = buttons[buttons.length - 1];
  return (
    <div className="pl-modal-backdrop">
      <div
        className={`pl-modal${wide ? ' pl-modal-wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && cancel) {
            e.stopPropagation();
            cancel.onClick();
          }
        }}
      >
        <h2>{title}</h2>
        <div className="pl-modal-body">{children}</div>
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
