import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import { modelAvailability } from '../../../shared/estimate/model-availability';
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
function modelOption(id: string, group?: string, shutDownOn?: string): ChoiceOption {
  const spec = MODEL_SPECS.find((m) => m.id === id);
  const name = spec && spec.label !== id ? `${id} · ${spec.label}` : id;
  const label = shutDownOn === undefined ? name : `${name} · shut down ${shutDownOn}`;
  return option(id, label, spec ? [spec.label] : [], group);
}

/**
 * Models in two groups when the plan's prices are at hand: those that price the plan's date, then those
 * shut down by it, with the day, offered only to price history.
 */
function modelOptions(values: readonly string[], pricing: EstimateContext | undefined): ChoiceOption[] {
  if (!pricing) return values.map((id) => modelOption(id));
  const { available, shutDown } = modelAvailability(pricing.priceBook, pricing.asOf);
  const offered = new Set(values);
  return [
    ...available.filter((m) => offered.has(m.id)).map((m) => modelOption(m.id, `Models for ${pricing.asOf}`)),
    ...shutDown
      .filter((s) => offered.has(s.model.id))
      .map((s) => modelOption(s.model.id, `Shut down by ${pricing.asOf}: pricing history only`, s.on)),
  ];
}

/**
 * The list a choice cell offers for a row: the field's options from the registry (a quality list follows
 * the row's model), an empty choice for an optional field (saying what empty means), the iteration
 * presets for generations per final (any other number stays a custom factor), model names beside ids and,
 * given the plan's prices, the models shut down by its date apart.
 */
export function choiceListFor(field: string, spec: RowField, row: PlanRow, pricing?: EstimateContext): ChoiceList {
  if (spec.kind === 'decimal')
    return {
      options: spec.presets.map((p) => option(p.factor, `${p.factor} · ${p.label}`, [p.id, p.label])),
      allowsCustom: true,
    };
  if (spec.kind !== 'choice') return { options: [], allowsCustom: true };
  const values = spec.options(row);
  const options = field === 'model' ? modelOptions(values, pricing) : values.map((v) => option(v));
  if (!spec.nullable) return { options, allowsCustom: false };
  const fallback = field === 'draftQuality' ? findModel(row.model)?.draftQuality : undefined;
  const empty = option('', fallback ? `(empty: the model's draft default, ${fallback})` : '(empty)', ['empty']);
  return { options: [empty, ...options], allowsCustom: false };
}

const NUMBER = /^\s*[\d.,]+\s*$/;

/** How well an option matches typed text: 0 exact, 1 a word starts with it, 2 contains it; -1 no match. */
function scoreOf(o: ChoiceOption, t: string): number {
  if (o.keys.some((k) => k === t)) return 0;
  if (o.keys.some((k) => k.startsWith(t) || k.split(/[\s·-]+/).some((w) => w.startsWith(t)))) return 1;
  return t.length > 1 && o.keys.some((k) => k.includes(t)) ? 2 : -1;
}

export interface ChoiceMatches {
  /** The matching options, best first within each group (groups keep their order). */
  readonly options: readonly ChoiceOption[];
  /** The one Enter picks: the best match in any group (an exact id beats a near one). */
  readonly best: number;
}

/**
 * The options matching typed text: the exact value, then words starting with the text, then (from two
 * letters on) options containing it. In a list that keeps custom values, a typed number matches only its
 * own value (typing "1" must not pick 1.2).
 */
export function matchChoices(list: ChoiceList, text: string): ChoiceMatches {
  const t = text.trim().toLowerCase();
  if (t === '') return { options: [...list.options], best: 0 };
  if (list.allowsCustom && NUMBER.test(t)) {
    const n = Number(t.replace(',', '.'));
    return { options: list.options.filter((o) => o.value !== '' && Number(o.value) === n), best: 0 };
  }
  const groups = [...new Set(list.options.map((o) => o.group))];
  const ranked = list.options
    .map((option, index) => ({ option, index, score: scoreOf(option, t), group: groups.indexOf(option.group) }))
    .filter((r) => r.score >= 0)
    .sort((a, b) => a.group - b.group || a.score - b.score || a.index - b.index);
  let best = 0;
  ranked.forEach((r, i) => {
    if (r.score < (ranked[best]?.score ?? Infinity)) best = i;
  });
  return { options: ranked.map((r) => r.option), best };
}
