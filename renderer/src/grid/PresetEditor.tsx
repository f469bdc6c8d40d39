import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';
import { ITERATION_PRESETS, iterationPresetOf } from '../../../shared/plan/iteration-presets';
import type { SheetRow } from './sheet-row';
import { initialEditorText } from './SizeEditor';

const CUSTOM = 'custom';

/** Generations per final: one of ITERATION_PRESETS or a custom factor. */
export function PresetEditor(props: CustomCellEditorProps<SheetRow, unknown>) {
  const { eventKey, initialValue, onValueChange, stopEditing } = props;
  const startText = initialEditorText(eventKey, initialValue);
  const typed = eventKey !== null && eventKey.length === 1;
  const [choice, setChoice] = useState(() => (typed ? CUSTOM : (iterationPresetOf(startText)?.id ?? CUSTOM)));
  const [custom, setCustom] = useState(startText);
  const select = useRef<HTMLSelectElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (choice === CUSTOM) input.current?.focus();
    else select.current?.focus();
    onValueChange(startText);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only once, when the editor opens (focus, report the start text)
  }, []);
  return (
    <div className="pl-popup-editor" data-testid="preset-editor">
      <select
        ref={select}
        aria-label="Iteration preset"
        value={choice}
        onChange={(e) => {
          const id = e.target.value;
          setChoice(id);
          const preset = ITERATION_PRESETS.find((p) => p.id === id);
          if (preset) {
            onValueChange(preset.factor);
            setTimeout(() => stopEditing(), 0);
          } else {
            onValueChange(custom);
            setTimeout(() => input.current?.focus(), 0);
          }
        }}
      >
        {ITERATION_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label} ({p.factor})
          </option>
        ))}
        <option value={CUSTOM}>Custom…</option>
      </select>
      {choice === CUSTOM && (
        <input
          ref={input}
          className="pl-editor-input"
          aria-label="Custom iteration factor"
          value={custom}
          onChange={(e) => {
            setCustom(e.target.value);
            onValueChange(e.target.value);
          }}
        />
      )}
      <div className="pl-editor-help">Generations per approved final (at least 1)</div>
    </div>
  );
}
