import { groupInteger } from '../shared/money/format';
import type { RowField, RowFieldValue } from '../shared/plan/row-field-kinds';
import { placeFields, type RowFieldTable } from '../shared/plan/row-fields';
import type { OptionSpec, ParsedArgs } from './args';

/**
 * Command-line options that set row fields, from the field registry: the option's name, value name,
 * limits (checked by the argument parser) and description come from the field's entry, so a field
 * given a `cli` hint becomes an option of every command that lists row options.
 */

export interface RowInputOption<K extends string> {
  readonly key: K;
  readonly option: OptionSpec;
}

/** The option for a field, its description ending with the command's default when the field asks for it. */
export function rowFieldOption(field: RowField, commandDefault: RowFieldValue | undefined): OptionSpec | null {
  const cli = field.cli;
  if (cli === null) return null;
  const integer = field.kind === 'integer';
  const range = integer ? `, ${field.min}-${groupInteger(field.max)}` : '';
  const notes: string[] = [];
  if (cli.note !== undefined) notes.push(cli.note);
  if (cli.showDefault && commandDefault !== undefined && commandDefault !== null)
    notes.push(`default ${commandDefault}`);
  return {
    name: cli.option,
    kind: integer ? 'integer' : 'string',
    valueName: cli.valueName,
    ...(cli.example === undefined ? {} : { example: cli.example }),
    ...(integer ? { min: field.min, max: field.max } : {}),
    description: `${cli.help}${range}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`,
  };
}

/**
 * Every field of `fields` that has a command-line option, in `order` (fields it does not name follow
 * their registry neighbour). `defaults` is the row the command starts from.
 */
export function rowInputOptions<K extends string>(
  fields: RowFieldTable<K>,
  order: readonly string[],
  defaults: Partial<Record<K, RowFieldValue>>,
): RowInputOption<K>[] {
  const out: RowInputOption<K>[] = [];
  for (const key of placeFields(order, Object.keys(fields) as K[])) {
    const option = rowFieldOption(fields[key], defaults[key]);
    if (option) out.push({ key, option });
  }
  return out;
}

/** The values given for row options (integers already checked against the field's limits). */
export function rowOptionValues<K extends string>(
  args: ParsedArgs,
  options: readonly RowInputOption<K>[],
): Partial<Record<K, string | number>> {
  const values: Partial<Record<K, string | number>> = {};
  for (const { key, option } of options) {
    if (!args.has(option.name)) continue;
    const value = option.kind === 'integer' ? args.integer(option.name) : args.string(option.name);
    if (value !== undefined) values[key] = value;
  }
  return values;
}
