import type { CustomCellEditorProps } from 'ag-grid-react';
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ROW_FIELDS, type RowFieldKey } from '../../../shared/plan/row-fields';
import { type ChoiceList, type ChoiceOption, choiceListFor, matchChoices } from './choice-list';
import { asGridRow, type SheetRow, sheetContext } from './sheet-row';
import { useTypedAhead } from './use-typed-ahead';

function isRowField(id: string): id is RowFieldKey {
  return Object.hasOwn(ROW_FIELDS, id);
}

const NO_CHOICES: ChoiceList = { options: [], allowsCustom: true };

/** The value the editor hands the grid: the highlighted option, else the text as typed. */
function valueOf(text: string, typed: boolean, matches: readonly ChoiceOption[], active: number): string {
  const picked = matches[active];
  if (picked) return picked.value;
  return typed ? text : '';
}

/** The list under the text box, grouped when the options say so. */
function OptionList(props: {
  id: string;
  matches: readonly ChoiceOption[];
  active: number;
  onPick: (index: number) => void;
}) {
  const { id, matches, active, onPick } = props;
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const selected = list.current?.querySelector('[aria-selected="true"]');
    // jsdom (the component tests) has no scrollIntoView.
    if (selected && typeof selected.scrollIntoView === 'function') selected.scrollIntoView({ block: 'nearest' });
  }, [active]);
  return (
    <ul className="pl-choice-list" role="listbox" id={id} ref={list} aria-label="Choices">
      {matches.map((o, i) => {
        const heading = o.group !== undefined && o.group !== matches[i - 1]?.group ? o.group : null;
        return [
          heading && (
            <li key={`group:${heading}`} role="presentation" className="pl-choice-group">
              {heading}
            </li>
          ),
          <li
            key={o.value}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(i)}
          >
            {o.label}
          </li>,
        ];
      })}
    </ul>
  );
}

/**
 * The editor of a choice cell (model, billing surface, quality, draft quality, generations per final):
 * typing opens the list filtered by what was typed, arrows move through it, Enter picks the highlighted
 * match (the grid commits what the editor reports) and a click picks an option. Opened with F2 or a
 * double-click it shows every option with the cell's value highlighted. Where a list keeps custom values
 * (generations per final), text matching no option is kept as typed.
 */
export function ChoiceEditor(props: CustomCellEditorProps<SheetRow, unknown>) {
  const { eventKey, initialValue, onValueChange, stopEditing, colDef } = props;
  const startTyped = eventKey !== null && eventKey.length === 1;
  const initial = initialValue === null || initialValue === undefined ? '' : String(initialValue);
  const [text, setText] = useState(startTyped ? eventKey : initial);
  const [typed, setTyped] = useState(startTyped);
  const field = colDef.colId ?? '';
  const gridRow = asGridRow(props.data);
  const pricing = sheetContext(props.context)?.estimateContext;
  const list = useMemo(
    () => (gridRow && isRowField(field) ? choiceListFor(field, ROW_FIELDS[field], gridRow.row, pricing) : NO_CHOICES),
    [field, gridRow, pricing],
  );
  const matched = useMemo(() => (typed ? matchChoices(list, text) : null), [list, text, typed]);
  const matches = matched?.options ?? list.options;
  const [active, setActive] = useState(() =>
    startTyped ? matchChoices(list, text).best : list.options.findIndex((o) => o.value === initial),
  );
  // After type-ahead keys arrive the highlight goes to the best match of the whole text.
  const shownActive = active === -1 && typed ? (matched?.best ?? 0) : active;
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const value = valueOf(text, typed, matches, shownActive);
  const current = typed || shownActive >= 0 ? value : initial;
  useEffect(() => onValueChange(current), [current, onValueChange]);
  useTypedAhead(props.context, startTyped, input, (keys) => {
    setText((t) => t + keys);
    setActive(-1); // the best match of the whole text, below
  });
  const pick = (index: number) => {
    setActive(index);
    const chosen = matches[index];
    if (chosen) onValueChange(chosen.value);
    setTimeout(() => stopEditing(), 0);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || matches.length === 0) return;
    e.preventDefault();
    setActive(Math.max(0, Math.min(matches.length - 1, shownActive + step)));
  };
  const custom = typed && list.allowsCustom && matches.length === 0 && text.trim() !== '';
  return (
    <div className="pl-popup-editor pl-choice-editor" data-testid="choice-editor" data-field={field}>
      <input
        ref={input}
        className="pl-editor-input"
        role="combobox"
        aria-label={colDef.headerName ?? field}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shownActive >= 0 && matches[shownActive] ? `${listId}-${shownActive}` : undefined}
        aria-autocomplete="list"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setTyped(true);
          setActive(matchChoices(list, e.target.value).best);
        }}
        onKeyDown={onKeyDown}
      />
      <OptionList id={listId} matches={matches} active={shownActive} onPick={pick} />
      {custom && <div className="pl-editor-help">Enter keeps {text.trim()} (a custom value)</div>}
      {typed && !list.allowsCustom && matches.length === 0 && (
        <div className="pl-editor-error" role="alert">
          Nothing matches “{text.trim()}”
        </div>
      )}
      <div className="pl-editor-help">Type to filter · ↑↓ to move · Enter to pick</div>
    </div>
  );
}
