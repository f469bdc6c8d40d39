import { Modal } from './Modal';

/** Every shortcut the app answers, for the keyboard help and the README (kept the same). */
export const KEYBOARD_SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'Ctrl/Cmd+F6 (Shift: backwards)', action: 'Move between the grid, the toolbar and the panels' },
  { keys: 'Arrows', action: 'Move between cells' },
  { keys: 'Shift+arrows, Shift+click', action: 'Select a block of cells' },
  { keys: 'Ctrl/Cmd+Shift+arrows', action: 'Extend the selection to the first or last row or column' },
  { keys: 'Typing', action: 'Replace the cell; in a list cell, open its list filtered by what you type' },
  { keys: 'F2, double-click', action: 'Edit the cell (a list cell shows all its choices)' },
  { keys: '↑ ↓ in a list, Enter', action: 'Move through the choices; Enter picks the highlighted one' },
  { keys: 'Enter / Shift+Enter', action: 'Commit and move down / up (the last row keeps the cursor)' },
  {
    keys: 'Tab / Shift+Tab',
    action: 'Next / previous input cell, wrapping to the next row; Tab after the last row adds one',
  },
  { keys: 'Escape', action: 'Cancel the edit, or shrink the selection to one cell' },
  { keys: 'Delete, Backspace', action: 'Clear the selected cells (in a scenario: back to the base value)' },
  { keys: 'Ctrl/Cmd+C, X, V', action: 'Copy, cut, paste a block (a taller block adds rows)' },
  { keys: 'Ctrl/Cmd+D', action: 'Fill down' },
  { keys: 'Ctrl/Cmd+Enter', action: 'Fill what you typed into every selected cell' },
  { keys: 'Ctrl/Cmd+A', action: 'Select every cell' },
  { keys: 'Ctrl/Cmd+Z, Ctrl+Y or Shift+Ctrl/Cmd+Z', action: 'Undo, redo' },
  { keys: 'Ctrl/Cmd+S, Shift+Ctrl/Cmd+S, Ctrl/Cmd+O', action: 'Save, Save As, Open' },
  { keys: 'Ctrl/Cmd+/', action: 'This list' },
];

export function KeyboardHelp(props: { onClose: () => void }) {
  return (
    <Modal
      title="Keyboard shortcuts"
      testId="keyboard-help"
      wide
      buttons={[{ label: 'Close', primary: true, onClick: props.onClose }]}
    >
      <table className="pl-table">
        <tbody>
          {KEYBOARD_SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
