import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ITERATION_PRESETS } from '../../shared/plan/iteration-presets';
import { blankRow } from '../../shared/plan/new-plan';
import { PlanRow, RowInputs } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { buildPlanWorkbook } from '../../shared/workbook/build-workbook';
import { FIELD_KINDS, readField } from '../../shared/workbook/field-codec';
import { PLAN_COLUMNS, PLAN_SHEET, planColumnNumber, planInputColumns } from '../../shared/workbook/plan-columns';
import { NUMBER_FORMATS } from '../../shared/workbook/workbook-types';
import { integerField } from '../../shared/plan/row-field-kinds';
import {
  defaultValues,
  placeFields,
  ROW_DETAILS,
  ROW_FIELD_KEYS,
  ROW_FIELDS,
  ROW_INPUT_KEYS,
  ROW_INPUTS,
  schemaShape,
} from '../../shared/plan/row-fields';

const row = blankRow('r1');

/** The first message the row schema gives for a row with `value` in `key`. */
function schemaMessage(key: keyof PlanRow, value: unknown): string | undefined {
  const parsed = PlanRow.safeParse({ ...row, [key]: value });
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
}

describe('the row field registry drives the row schema', () => {
  it('has one schema key per registry field, inputs first, and nothing else', () => {
    expect(Object.keys(PlanRow.shape)).toEqual(ROW_FIELD_KEYS);
    expect(Object.keys(RowInputs.shape)).toEqual(ROW_INPUT_KEYS);
  });

  it('gives a new row every default, and the defaults are valid', () => {
    for (const key of ROW_FIELD_KEYS) if (key !== 'id') expect(row[key]).toEqual(ROW_FIELDS[key].defaultValue);
    expect(PlanRow.safeParse(row).success).toBe(true);
  });

  it.each(ROW_FIELD_KEYS.filter((k) => ROW_FIELDS[k].kind === 'integer'))(
    '%s: the schema refuses what the parser refuses, with the same message',
    (key) => {
      const field = ROW_FIELDS[key];
      if (field.kind !== 'integer') throw new Error('integer field');
      for (const value of [field.min - 1, field.max + 1]) {
        const parsed = field.parse(String(value), row);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(schemaMessage(key, value)).toBe(parsed.error);
      }
      expect(schemaMessage(key, field.min)).toBeUndefined();
      expect(schemaMessage(key, field.max)).toBeUndefined();
    },
  );

  it('says the same thing about too long a text and an unknown billing surface', () => {
    const long = 'x'.repeat(201);
    const parsedName = ROW_FIELDS.name.parse(long, row);
    expect(parsedName).toEqual({ ok: false, error: 'the text is 201 characters long; at most 200 fit' });
    expect(schemaMessage('name', long)).toBe('the text is 201 characters long; at most 200 fit');
    const parsedSurface = ROW_FIELDS.surface.parse('fax', row);
    expect(parsedSurface.ok).toBe(false);
    if (!parsedSurface.ok) expect(schemaMessage('surface', 'fax')).toBe(parsedSurface.error);
  });

  it('keeps the messages plan files have always shown', () => {
    expect(schemaMessage('finals', 2.5)).toBe('finals must be a whole number');
    expect(schemaMessage('model', '')).toBe('choose a model');
    expect(schemaMessage('iterationFactor', '1.23456')).toBe(
      'expected a decimal with at most 4 decimals, such as "1.8"',
    );
  });

  it('takes the iteration presets from their constant', () => {
    const factor = ROW_FIELDS.iterationFactor;
    if (factor.kind !== 'decimal') throw new Error('decimal field');
    expect(factor.presets).toBe(ITERATION_PRESETS);
    for (const p of ITERATION_PRESETS) {
      expect(factor.parse(p.id, row)).toEqual({ ok: true, value: p.factor });
      expect(factor.description).toContain(`${p.id} ${p.factor}`);
    }
  });
});

describe('the row field registry drives the workbook', () => {
  const inputs = PLAN_COLUMNS.filter((c) => c.role === 'input');

  it('has one Plan input column per field, headed with the label the grid uses, sized and formatted by kind', () => {
    expect(inputs.map((c) => c.field).sort()).toEqual([...ROW_FIELD_KEYS].sort());
    const styleOf = { integer: 'integer', decimal: 'decimal', money: 'usd', date: 'date' } as const;
    for (const column of inputs) {
      const field = ROW_FIELDS[column.field ?? 'id'];
      expect(column.header).toBe(field.label);
      expect(column.formerHeaders).toEqual(field.formerLabels);
      expect(column.width).toBe(field.width.sheet);
      const kind = field.kind;
      expect(column.style).toBe(kind in styleOf ? styleOf[kind as keyof typeof styleOf] : 'text');
      expect(NUMBER_FORMATS[column.style]).toBeDefined();
    }
    expect(inputs.find((c) => c.field === 'iterationFactor')).toMatchObject({
      header: 'Generations per final',
      formerHeaders: ['Iteration factor'],
    });
  });

  it('gives every choice field a drop-down of the registry options, prompted with what it expects', () => {
    const built = buildPlanWorkbook(createSamplePlan('2026-11-01'), {
      scenarioId: null,
      appVersion: 'test',
      exportedAt: '2026-11-01T00:00:00.000Z',
    });
    if (!built.ok) throw new Error(built.error);
    const plan = built.value.workbook.sheets.find((sheet) => sheet.name === PLAN_SHEET);
    for (const key of ROW_FIELD_KEYS) {
      const field = ROW_FIELDS[key];
      const choice = plan?.choices?.find((c) => c.column === planColumnNumber(key));
      if (field.kind !== 'choice') {
        expect(choice).toBeUndefined();
        continue;
      }
      expect(choice?.prompt).toBe(field.expectation);
      if (key !== 'model') expect(choice?.list).toBe(`"${field.options(null).join(',')}"`);
    }
  });

  it('reads each field back by its kind, with the registry’s words when a cell is wrong', () => {
    expect(FIELD_KINDS.finals).toBe('integer');
    expect(FIELD_KINDS.promptTokens).toBe('nullable-integer');
    expect(FIELD_KINDS.draftQuality).toBe('nullable-text');
    expect(FIELD_KINDS.budgetCapUsd).toBe('nullable-decimal');
    expect(readField('nPerRequest', 2.5)).toEqual({
      ok: false,
      error: `expected ${ROW_FIELDS.nPerRequest.expectation}, found '2.5'`,
    });
  });
});

describe('a field added to the registry', () => {
  const maskFeather = integerField({
    label: 'Mask feather',
    description: 'Feathering of the edit mask',
    width: { grid: 120, sheet: 12 },
    min: 0,
    max: 1,
    noun: 'feather levels',
    defaultValue: 0,
  });
  const extended = { ...ROW_INPUTS, maskFeather, ...ROW_DETAILS };

  it('is in the schema built from the registry, with its limits and messages', () => {
    const schema = z.object(schemaShape(extended));
    const candidate = { ...row, maskFeather: 2 };
    const parsed = schema.safeParse(candidate);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('2 is out of range: use 0 to 1');
    expect(schema.safeParse({ ...defaultValues(extended), id: 'r1' }).success).toBe(true);
  });

  it('is placed beside its registry neighbour in a layout that does not list it', () => {
    const all = Object.keys(extended);
    const listed = ['name', 'partialImages', 'model', 'notes'];
    const layout = placeFields(listed, all);
    expect(layout.indexOf('maskFeather')).toBe(layout.indexOf('partialImages') + 1);
    expect(layout.filter((k) => listed.includes(k))).toEqual(listed);
    expect(new Set(layout)).toEqual(new Set(all));
  });

  it('gets a workbook column beside its neighbour, headed and formatted from its entry', () => {
    const columns = planInputColumns(extended);
    const at = columns.findIndex((c) => c.key === 'maskFeather');
    expect(columns[at - 1]?.key).toBe('partialImages');
    expect(columns[at]).toMatchObject({ header: 'Mask feather', width: 12, style: 'integer', hidden: false });
  });
});
