import type { Scenario } from '../../../shared/plan/plan-schema';
import type { BackupOffer, RecoveryOffer } from '../state/plan-files';

interface BannerProps {
  readonly error: string | null;
  onDismissError: () => void;
  readonly recovery: RecoveryOffer | null;
  onRestore: () => void;
  onDiscard: () => void;
  readonly scenarioError: string | null;
  readonly activeScenario: Scenario | null;
  /** The last plan did not open at start; its backup does. */
  readonly backup?: BackupOffer | null;
  onRestoreBackup?: () => void;
  onDismissBackup?: () => void;
}

function fileNameOf(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

/** The lines under the toolbar: an error, a crash recovery on offer, and the active scenario. */
export function AppBanners(props: BannerProps) {
  const { error, recovery, scenarioError, activeScenario } = props;
  return (
    <>
      {error && (
        <div className="pl-banner pl-banner-error" role="alert" data-testid="error-banner">
          <span>{error}</span>
          <button type="button" aria-label="Dismiss" onClick={props.onDismissError}>
            ×
          </button>
        </div>
      )}
      {recovery && (
        <div className="pl-banner pl-banner-warning" data-testid="recovery-banner">
          <span>
            Unsaved changes to “{recovery.planName}” from {new Date(recovery.savedAt).toLocaleString()} were recovered.
          </span>
          <button type="button" data-testid="recovery-restore" onClick={props.onRestore}>
            Restore
          </button>
          <button type="button" data-testid="recovery-discard" onClick={props.onDiscard}>
            Discard
          </button>
        </div>
      )}
      {props.backup && (
        <div className="pl-banner pl-banner-warning" data-testid="backup-banner">
          <span>
            The backup of “{fileNameOf(props.backup.path)}” from {new Date(props.backup.savedAt).toLocaleString()}{' '}
            opens: restore it to continue where you were (it stays unsaved until you save).
          </span>
          <button type="button" data-testid="backup-restore" onClick={props.onRestoreBackup}>
            Restore backup
          </button>
          <button type="button" data-testid="backup-dismiss" onClick={props.onDismissBackup}>
            Not now
          </button>
        </div>
      )}
      {scenarioError && (
        <div className="pl-banner pl-banner-error" role="alert" data-testid="scenario-error">
          {scenarioError}. The base plan is shown for the rows concerned.
        </div>
      )}
      {activeScenario && (
        <div className="pl-banner pl-banner-info" data-testid="scenario-banner">
          Scenario “{activeScenario.name}”: edits to inputs become this scenario's overrides (highlighted); Delete
          resets a cell to the base plan.
        </div>
      )}
    </>
  );
}
