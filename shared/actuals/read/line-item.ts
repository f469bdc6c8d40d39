/**
 * OpenAI's cost line items and model names, normalised so billed, metered and usage records name a model
 * the same way. Grammar of a line item (usage-exports.md):
 * `[<surface> | ]<model>[-YYYY-MM-DD][ image|text|audio], <input|output|cached input|cache writes>`,
 * e.g. `gpt-image-2-2026-04-21 image, output` → gpt-image-2, image, output. A line item that does not
 * follow it (`whisper`) is kept raw: model = the text, modality and direction ''.
 */

export interface LineItemParts {
  /** The part before ` | ` ("evals"), else ''. */
  readonly surface: string;
  readonly model: string;
  /** "image" | "text" | "audio" ("text" when the line item names no modality), or '' when it did not parse. */
  readonly modality: string;
  /** "input" | "output" | "cached input" | "cache writes", or ''. */
  readonly direction: string;
}

const DIRECTIONS = new Set(['input', 'output', 'cached input', 'cache writes']);
const MODALITIES = ['image', 'text', 'audio'];
const SNAPSHOT = /-\d{4}-\d{2}-\d{2}$/;

/** A model name without its trailing snapshot date: `gpt-5-mini-2025-08-07` → `gpt-5-mini`. */
export function normaliseModel(name: string): string {
  const trimmed = name.trim();
  return SNAPSHOT.test(trimmed) ? trimmed.slice(0, -11) : trimmed;
}

export function parseLineItem(text: string): LineItemParts {
  const raw = text.trim();
  const comma = raw.lastIndexOf(',');
  const direction =
    comma === -1
      ? ''
      : raw
          .slice(comma + 1)
          .trim()
          .toLowerCase();
  if (!DIRECTIONS.has(direction)) return { surface: '', model: raw, modality: '', direction: '' };
  let head = raw.slice(0, comma).trim();
  let surface = '';
  const bar = head.indexOf(' | ');
  if (bar !== -1) {
    surface = head.slice(0, bar).trim();
    head = head.slice(bar + 3).trim();
  }
  let modality = 'text';
  const space = head.lastIndexOf(' ');
  if (space !== -1 && MODALITIES.includes(head.slice(space + 1).toLowerCase())) {
    modality = head.slice(space + 1).toLowerCase();
    head = head.slice(0, space).trim();
  }
  if (head === '' || head.includes(' ')) return { surface: '', model: raw, modality: '', direction: '' };
  return { surface, model: normaliseModel(head), modality, direction };
}
