import type { Measure } from '../../../shared/actuals/actual-record';
import type { MeteredOverlap } from '../../../shared/reconcile/metered-overlap';
import { showValue } from '../../../shared/safe-text';
import { overlapSentence } from '../panels/reconcile/MeteredOverlapNotice';
import type { ActualsImport, ImportState } from './actuals-import';

/**
 * The preview's word, before anything is imported, that the file puts a gateway's metered spend beside
 * billed cost of the same requests (either way round: the LiteLLM log onto the bill, or the bill onto the
 * log): said as the Reconcile tab says it, with the link to make now or there. Nothing without an overlap.
 */
export function ImportOverlapNotice({ state, flow }: { state: ImportState; flow: ActualsImport }) {
  const measure = state.preview?.measure;
  if (measure === undefined || state.overlaps.length === 0) return null;
  return (
    <div className="pl-actuals-overlap" data-testid="actuals-metered-overlap" role="status">
      {state.overlaps.map((o) => (
        <OverlapChoice
          key={o.metered}
          overlap={o}
          measure={measure}
          linked={state.linkWithImport.includes(o.metered)}
          onLink={(link) => flow.chooseLink(o.metered, link)}
        />
      ))}
    </div>
  );
}

/** Which side of the overlap the file brings. */
function leadOf(measure: Measure): string {
  return measure === 'billed'
    ? "This file's billed cost sits beside a gateway's metered spend already in the plan's actuals."
    : "This file's metered spend sits beside billed cost already in the plan's actuals.";
}

function OverlapChoice(props: {
  overlap: MeteredOverlap;
  measure: Measure;
  linked: boolean;
  onLink: (link: boolean) => void;
}) {
  const { overlap: o, measure, linked, onLink } = props;
  const link =
    o.suggested === null
      ? null
      : `Link gateway team "${showValue(o.metered)}" to billed project "${showValue(o.suggested)}" with this import: counted once, as billed (one Undo takes back both)`;
  return (
    <>
      <p className="pl-error-text">
        {leadOf(measure)} {overlapSentence(o)}
      </p>
      {link === null ? (
        <p>After importing: Reconcile tab › Billed under (the project it is on the bill under) › Link.</p>
      ) : (
        <>
          <label>
            <input type="checkbox" checked={linked} onChange={(e) => onLink(e.target.checked)} /> {link}
          </label>
          <p>Or import it as it is and link it later on the Reconcile tab, which says this until it is linked.</p>
        </>
      )}
    </>
  );
}
