import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { ImportPreview } from '../panels/ImportPreview';
import type { PlanFiles, PlanFilesState } from '../state/plan-files';
import { Modal } from './Modal';
import { displayFileName } from './window-title';

interface FileDialogProps {
  readonly state: PlanFilesState;
  readonly files: PlanFiles;
  readonly fileName: string;
  readonly document: PlanDocument;
}

/** The questions the file flows ask: Save changes?, a file changed on disk, and the preview of an Excel import. */
export function FileDialogs(props: FileDialogProps) {
  const { state, files, fileName, document: doc } = props;
  const pendingImport = state.pendingImport;
  return (
    <>
      {state.unsavedQuestion !== null && (
        <Modal
          title="Save changes?"
          testId="unsaved-dialog"
          buttons={[
            { label: 'Save', primary: true, testId: 'unsaved-save', onClick: () => files.answerUnsaved('save') },
            { label: "Don't Save", testId: 'unsaved-discard', onClick: () => files.answerUnsaved('discard') },
            { label: 'Cancel', testId: 'unsaved-cancel', onClick: () => files.answerUnsaved('cancel') },
          ]}
        >
          “{fileName}” has unsaved changes. Save them before {state.unsavedQuestion}?
        </Modal>
      )}
      {state.changedOnDisk && (
        <Modal
          title="The file changed on disk"
          testId="changed-on-disk-dialog"
          buttons={[
            {
              label: 'Save As…',
              primary: true,
              testId: 'changed-save-as',
              onClick: () => files.answerChangedOnDisk('save-as'),
            },
            { label: 'Overwrite', testId: 'changed-overwrite', onClick: () => files.answerChangedOnDisk('overwrite') },
            { label: 'Cancel', testId: 'changed-cancel', onClick: () => files.answerChangedOnDisk('cancel') },
          ]}
        >
          Another program wrote “{fileName}” since you opened or last saved it. Save this plan as a new file, or
          overwrite the file (what the other program wrote is lost)?
        </Modal>
      )}
      {pendingImport && (
        <Modal
          title="Import from Excel"
          testId="import-dialog"
          wide
          buttons={[
            { label: 'Import', primary: true, testId: 'import-confirm', onClick: () => files.confirmImport() },
            { label: 'Cancel', testId: 'import-cancel', onClick: () => files.cancelImport() },
          ]}
        >
          <ImportPreview
            before={doc}
            after={pendingImport.document}
            source={displayFileName(pendingImport.path, 'the workbook')}
          />
          <p className="pl-muted">
            Importing replaces the plan's rows, scenarios and prices with the workbook's; Undo takes it back in one
            step.
          </p>
        </Modal>
      )}
    </>
  );
}
