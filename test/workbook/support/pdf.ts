import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Reading printed pages back with poppler (pdfinfo, pdftotext, pdftoppm), as a person would look at them. */

const run = promisify(execFile);

export const POPPLER_COMMANDS = ['pdfinfo', 'pdftotext', 'pdftoppm'] as const;

export async function pdfPageCount(file: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [file]);
  const pages = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!pages?.[1]) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(pages[1]);
}

/** Each page's text, laid out as printed (columns kept apart by spaces). */
export async function pdfPageTexts(file: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f');
  // pdftotext ends the last page with a form feed too.
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** Renders one page to `<prefix>-<page>.png` (at `dpi`) and returns the file name. */
export async function pdfPageToPng(file: string, page: number, prefix: string, dpi = 100): Promise<string> {
  await run('pdftoppm', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-png',
    '-r',
    String(dpi),
    '-singlefile',
    file,
    prefix,
  ]);
  return `${prefix}.png`;
}
