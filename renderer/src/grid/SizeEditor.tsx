import type { CustomCellEditorProps } from 'ag-grid-react';
import { useEffect, useRef, useState } from 'react';
import { cheaperNearbySizes } from '../../../shared/estimate/cheaper-sizes';
import { findModel } from '../../../shared/estimate/models';
import { ASPECT_PRESETS, resolveSize } from '../../../shared/estimate/sizes';
import { usdExact } from './money-text';
import { asGridRow, type SheetRow, sheetContext } from './sheet-row';
import { useTypedAhead } from './use-typed-ahead';

function typedKey(eventKey: string | null): boolean {
  return eventKey !== null && eventKey.length === 1;
}

/** The text an editor starts with: the typed key replaces the cell, F2/Enter/double-click keep its value. */
export function initialEditorText(eventKey: string | null, initialValue: unknown): string {
  if (eventKey !== null && eventKey.length === 1) return eventKey;
  return initialValue === null || initialValue === undefined ? '' : String(initialValue);
}

/**
 * Size cell editor: WIDTHxHEIGHT, an aspect preset or auto. Shows the engine's validation message while
 * typing and, for a valid size, legal sizes nearby that cost less per image.
 */
export function SizeEditor(props: CustomCellEditorProps<SheetRow, unknown>) {
  const { eventKey, initialValue, onValueChange, stopEditing } = props;
  const [text, setText] = useState(() => initialEditorText(eventKey, initialValue));
  const input = useRef<HTMLInputElement>(null);
  useTypedAhead(props.context, typedKey(eventKey), input, (keys) => setText((t) => t + keys));
  useEffect(() => onValueChange(text), [onValueChange, text]);
  const gridRow = asGridRow(props.data);
  const ctx = sheetContext(props.context);
  const model = gridRow ? findModel(gridRow.row.model) : undefined;
  const resolved = model ? resolveSize(model, text) : null;
  const hints =
    gridRow && ctx && resolved?.ok
      ? cheaperNearbySizes(
          { ...gridRow.row, size: resolved.value.key === 'auto' ? gridRow.row.size : resolved.value.key },
          ctx.estimateContext,
          { limit: 3 },
        )
      : [];
  const choose = (value: string) => {
    setText(value);
    onValueChange(value);
    setTimeout(() => stopEditing(), 0);
  };
  return (
    <div className="pl-popup-editor" data-testid="size-editor">
      <input
        ref={input}
        className="pl-editor-input"
        value={text}
        aria-label="Size"
        onChange={(e) => {
          setText(e.target.value);
          onValueChange(e.target.value);
        }}
      />
      <div className="pl-editor-help">WIDTHxHEIGHT, {ASPECT_PRESETS.join(' ')} or auto</div>
      {resolved && !resolved.ok && (
        <div className="pl-editor-error" role="alert" data-testid="size-error">
          {resolved.error}
        </div>
      )}
      {resolved?.ok && resolved.value.key !== text.trim() && (
        <div className="pl-editor-help">= {resolved.value.key}</div>
      )}
      {hints.length > 0 && (
        <div className="pl-editor-hints" data-testid="size-hints">
          Cheaper nearby:
          {hints.map((h) => (
            <button
              key={h.key}
              type="button"
              title={h.reason}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(h.key)}
            >
              {h.key} (−{usdExact(h.savingPerImage)}/image)
            </button>
          ))}
          {hints[0] && <div data-testid="size-hints-why">Why: {hints[0].reason}.</div>}
        </div>
      )}
    </div>
  );
}
