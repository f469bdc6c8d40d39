import { useState } from 'react';
import type { ProjectLink } from '../../../../shared/actuals/ledger/ledger-schema';
import { type MeteredOverlap, meteredOverlapText } from '../../../../shared/reconcile/metered-overlap';
import { usd } from '../../grid/money-text';

interface MeteredOverlapNoticeProps {
  readonly overlaps: readonly MeteredOverlap[];
  readonly links: readonly ProjectLink[];
  /** The billed projects the actuals have: what a metered project can be linked to. */
  readonly billedProjects: readonly string[];
  onLink: (metered: string, billed: string) => void;
  onUnlink: (metered: string) => void;
}

/**
 * A gateway's metered spend counted beside billed cost of the same model (metered-overlap.ts): said, with
 * the billed project to link it to (the one whose bill agrees, chosen first), and the links made so far,
 * each with Unlink. Nothing when there is neither.
 */
export function MeteredOverlapNotice(props: MeteredOverlapNoticeProps) {
  const { overlaps, links, billedProjects, onLink, onUnlink } = props;
  if (overlaps.length === 0 && links.length === 0) return null;
  return (
    <div className="pl-report" data-testid="reconcile-metered-overlap" role="status">
      {overlaps.map((o) => (
        <OverlapLine key={o.metered} overlap={o} billedProjects={billedProjects} onLink={onLink} />
      ))}
      {links.length > 0 && (
        <ul className="pl-report-problems" aria-label="Metered projects counted as billed">
          {links.map((l) => (
            <li key={l.metered}>
              Metered project {l.metered} is on the bill under {l.billed}: counted once, as billed.{' '}
              <button type="button" onClick={() => onUnlink(l.metered)}>
                Unlink
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function OverlapLine(props: {
  overlap: MeteredOverlap;
  billedProjects: readonly string[];
  onLink: (metered: string, billed: string) => void;
}) {
  const { overlap: o, billedProjects, onLink } = props;
  const [billed, setBilled] = useState(o.suggested ?? billedProjects[0] ?? '');
  return (
    <div className="pl-inline-form">
      <p className="pl-error-text">{overlapSentence(o)}</p>
      <label>
        Billed under{' '}
        <select value={billed} onChange={(e) => setBilled(e.target.value)}>
          {billedProjects.map((p) => (
            <option key={p} value={p}>
              {p}
              {p === o.suggested ? ' (its bill agrees)' : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={billed === ''} onClick={() => onLink(o.metered, billed)}>
        Link
      </button>
    </div>
  );
}

/** The overlap's words (metered-overlap.ts) as the app shows them: a sentence of its own (the CLI puts them after "warning: "). */
export function overlapSentence(o: MeteredOverlap): string {
  const said = meteredOverlapText(o, usd(o.meteredMicro));
  return `${said.charAt(0).toUpperCase()}${said.slice(1)}.`;
}
