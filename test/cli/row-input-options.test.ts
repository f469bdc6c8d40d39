import { describe, expect, it } from 'vitest';
import { quoteCommand } from '../../cli/commands/quote';
import { rowInputOptions } from '../../cli/row-input-options';
import { integerField } from '../../shared/plan/row-field-kinds';
import { ROW_DETAILS, ROW_INPUT_KEYS, ROW_INPUTS } from '../../shared/plan/row-fields';
import { createMemoryIo } from './support/memory-io';

const optionByName = new Map(quoteCommand.options.map((o) => [o.name, o]));

describe('quote takes its row options from the field registry', () => {
  it('offers every row input that has a CLI option, with the registry limits', () => {
    const withOption = ROW_INPUT_KEYS.filter((key) => ROW_INPUTS[key].cli !== null);
    expect(withOption.length).toBeGreaterThan(0);
    for (const key of withOption) {
      const field = ROW_INPUTS[key];
      const option = optionByName.get(field.cli?.option ?? '');
      expect(option, key).toBeDefined();
      expect(option?.description).toContain(field.cli?.help);
      if (field.kind === 'integer') {
        expect(option).toMatchObject({ kind: 'integer', min: field.min, max: field.max });
        expect(option?.description).toContain(`${field.min}-`);
      } else {
        expect(option?.kind).toBe('string');
      }
    }
  });

  it('refuses a value outside the registry limits before pricing anything', async () => {
    const { min, max } =
      ROW_INPUTS.referenceImages.kind === 'integer' ? ROW_INPUTS.referenceImages : { min: 0, max: 0 };
    const cli = createMemoryIo({}, '2026-11-28');
    const result = await cli.run(
      'quote',
      '--model',
      'gpt-image-2',
      '--size',
      '1024x1024',
      '--quality',
      'low',
      '--refs',
      String(max + 1),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--refs must be a whole number from ${min} to ${max}, got ${max + 1}`);
  });

  it('makes a field added to the registry with a CLI hint an option, next to its neighbour', () => {
    const maskFeather = integerField({
      label: 'Mask feather',
      description: 'Feathering of the edit mask',
      width: { grid: 120, sheet: 12 },
      cli: { option: 'feather', valueName: 'F', help: 'feathering of the edit mask' },
      min: 0,
      max: 1,
      noun: 'feather levels',
      defaultValue: 0,
    });
    const options = rowInputOptions({ ...ROW_INPUTS, maskFeather, ...ROW_DETAILS }, ['model', 'partialImages'], {});
    const names = options.map((o) => o.option.name);
    expect(names.indexOf('feather')).toBe(names.indexOf('partials') + 1);
    expect(options.find((o) => o.key === 'maskFeather')?.option).toEqual({
      name: 'feather',
      kind: 'integer',
      valueName: 'F',
      min: 0,
      max: 1,
      description: 'feathering of the edit mask, 0-1',
    });
  });
});
