import { findModel, MODEL_SPECS } from '../../../shared/estimate/models';
import type { PlanRow } from '../../../shared/plan/plan-schema';
import type { RowField } from '../../../shared/plan/row-field-kinds';

/** One choice of a cell's list. */
export interface ChoiceOption {
  /** What the cell stores when it is picked ('' for "empty"). */
  readonly value: string;
  /** What the list shows. */
  readonly label: string;
  /** Lower-case words typing matches from their start (the value, the label, an id; "empty" for the empty choice). */
  readonly keys: readonly string[];
  /** The heading the option sits under, when the list is grouped. */
  readonly group?: string;
}

export interface ChoiceList {
  readonly options: readonly ChoiceOption[];
  /** Text matching no option is kept as typed (a custom factor) instead of being an unknown choice. */
  readonly allowsCustom: boolean;
}

function option(value: string, label = value, extraKeys: readonly string[] = [], group?: string): ChoiceOption {
  const keys = [...(value === '' ? [] : [value, label]), ...extraKeys].map((k) => k.toLowerCase());
  return group === undefined ? { value, label, keys } : { value, label, keys, group };
}

/** Model ids with their names ("gpt-image-1 · GPT Image 1"); typing matches either. */
function modelOptions(values: readonly string[]): ChoiceOption[] {
  return values.map((id) => {
    const spec = MODEL_SPECS.find((m) => m.id === id);
    return option(id, spec && spec.label !== id ? `${id} · ${spec.label}` : id, spec ? [spec.label] : []);
  });
}

/**
 * The list a choice cell offers for a row: the field's options from the registry (a quality list follows
 * the row's model), an empty choice for an optional field (saying what empty means), the iteration
 * presets for generations per final (any other number stays a custom factor), model names beside ids.
 */
export function choiceListFor(field: string, spec: RowField, row: PlanRow): ChoiceList {
  if (spec.kind === 'decimal')
    return {
      options: spec.presets.map((p) => option(p.factor, `${p.factor} · ${p.label}`, [p.id, p.label])),
      allowsCustom: true,
    };
  if (spec.kind !== 'choice') return { options: [], allowsCustom: true };
  const values = spec.options(row);
  const options = field === 'model' ? modelOptions(values) : values.map((v) => option(v));
  if (!spec.nullable) return { options, allowsCustom: false };
  const fallback = field === 'draftQuality' ? findModel(row.model)?.draftQuality : undefined;
  const empty = option('', fallback ? `(empty: the model's draft default, ${fallback})` : '(empty)', ['empty']);
  return { options: [empty, ...options], allowsCustom: false };
}

const NUMBER = /^\s*[\d.,]+\s*$/;

/**
 * The options matching typed text, best first: the exact value, then words starting with the text, then
 * (from two letters on) options containing it. In a list that keeps custom values, a typed number matches only its own value
 * (typing "1" must not pick 1.2).
 */
export function matchChoices(list: ChoiceList, text: string): ChoiceOption[] {
  const t = text.trim().toLowerCase();
  if (t === '') return [...list.options];
  if (list.allowsCustom && NUMBER.test(t)) {
    const n = Number(t.replace(',', '.'));
    return list.options.filter((o) => o.value !== '' && Number(o.value) === n);
  }
  const ranked: { option: ChoiceOption; score: number; index: number }[] = [];
  list.options.forEach((o, index) => {
    const score = o.keys.some((k) => k === t)
      ? 0
      : o.keys.some((k) => k.startsWith(t) || k.split(/[\s·-]+/).some((w) => w.startsWith(t)))
        ? 1
        : t.length > 1 && o.keys.some((k) => k.includes(t))
          ? 2
          : -1;
    if (score >= 0) ranked.push({ option: o, score, index });
  });
  ranked.sort((a, b) => a.score - b.score || a.index - b.index);
  return ranked.map((r) => r.option);
}
