/**
 * Iteration presets: generations per approved final for the usual ways of working. The grid's preset
 * editor, the typed-text parser, the tooltip and the messages all list them from here.
 */
export const ITERATION_PRESETS = [
  { id: 'strict', label: 'Strict baselines', factor: '1.2' },
  { id: 'exploring', label: 'Exploring', factor: '1.8' },
  { id: 'scratch', label: 'From scratch', factor: '2.5' },
] as const;

export type IterationPreset = (typeof ITERATION_PRESETS)[number];

export function iterationPresetOf(factor: string): IterationPreset | undefined {
  return ITERATION_PRESETS.find((p) => Number(p.factor) === Number(factor));
}
