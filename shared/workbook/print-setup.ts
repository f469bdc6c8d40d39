import { xmlSafeText } from './cell-text';
import type { PrintSetup } from './workbook-types';

/**
 * How the workbook prints, the same for every visible sheet: landscape, one page wide and as many tall as
 * it takes, the header row on every page, and a footer naming the plan, the sheet, the page and the export
 * date — so a printed page on its own says what it is and how current.
 */

/**
 * Room for the plan name in the footer: Excel allows 255 characters, codes included; the rest holds the
 * codes, the date and the sheet name (at most 31 characters).
 */
const FOOTER_NAME_LIMIT = 120;

/** Footer text with no Excel meaning: & starts a code (&P, &8, &"font"), so a literal & is written &&. */
export function footerLiteral(text: string): string {
  return xmlSafeText(text)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&&');
}

/** A footer of three parts (left, centre, right), each already in header/footer code. */
export function footerCode(left: string, center: string, right: string): string {
  return `&L${left}&C${center}&R${right}`;
}

/** The literal of `text`, cut (with an ellipsis) so the literal fits `limit` characters. */
function literalWithin(text: string, limit: number): string {
  const whole = footerLiteral(text);
  if (whole.length <= limit) return whole;
  let kept = '';
  for (const ch of text) {
    const next = kept + footerLiteral(ch);
    if (next.length > limit - 1) break;
    kept = next;
  }
  return `${kept}…`;
}

export interface PrintFacts {
  readonly planName: string;
  /** ISO timestamp of the export; its date is printed. */
  readonly exportedAt: string;
}

export function workbookPrintSetup(facts: PrintFacts): PrintSetup {
  const name = literalWithin(facts.planName.trim() === '' ? 'Untitled plan' : facts.planName, FOOTER_NAME_LIMIT);
  const footer = footerCode(`${name} · &A`, 'Page &P of &N', `Exported ${facts.exportedAt.slice(0, 10)}`);
  return {
    orientation: 'landscape',
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    repeatRows: 1,
    footer,
  };
}
