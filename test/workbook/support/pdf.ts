import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { requireTool } from '../../support/tools';

/** Reading printed pages back with poppler (pdfinfo, pdftotext, pdftoppm), as a person would look at them. */

const run = promisify(execFile);

/** A poppler program, from the folder test/support/tools.ts found pdftotext in. */
function poppler(command: 'pdfinfo' | 'pdftotext' | 'pdftoppm'): string {
  return join(dirname(requireTool('poppler')), command);
}

export async function pdfPageCount(file: string): Promise<number> {
  const { stdout } = await run(poppler('pdfinfo'), [file]);
  const pages = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!pages?.[1]) throw new Error(`pdfinfo gave no page count for ${file}`);
  return Number(pages[1]);
}

/** Each page's text, laid out as printed (columns kept apart by spaces). */
export async function pdfPageTexts(file: string): Promise<string[]> {
  const { stdout } = await run(poppler('pdftotext'), ['-layout', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages = stdout.split('\f');
  // pdftotext ends the last page with a form feed too.
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** Renders one page to `<prefix>-<page>.png` (at `dpi`) and returns the file name. */
export async function pdfPageToPng(file: string, page: number, prefix: string, dpi = 100): Promise<string> {
  await run(poppler('pdftoppm'), [
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
