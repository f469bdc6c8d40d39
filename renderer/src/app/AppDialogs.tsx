import { ImportActualsDialog } from '../actuals/ImportActualsDialog';
import { FileDialogs } from './FileDialogs';
import { KeyboardHelp } from './KeyboardHelp';
import { Modal } from './Modal';
import { PlanPropertiesDialog } from './PlanPropertiesDialog';
import type { AppState } from './use-app-state';

/** The dialogs over the app: actuals import, the file flows, keyboard help, plan properties, About. */
export function AppDialogs({ app }: { app: AppState }) {
  const { choices, files, doc } = app;
  const close = () => choices.setDialog(null);
  return (
    <>
      <ImportActualsDialog state={app.actuals.state} flow={app.actuals.flow} />
      <FileDialogs state={files} files={files.actions} fileName={files.fileName} document={doc} />
      {choices.dialog === 'keyboard' && <KeyboardHelp onClose={close} />}
      {choices.dialog === 'properties' && <PlanPropertiesDialog document={doc} onCommand={app.run} onClose={close} />}
      {choices.about && (
        <Modal
          title="About Pixel Ledger"
          buttons={[{ label: 'Close', primary: true, onClick: () => choices.setAbout(null) }]}
        >
          {choices.about}
        </Modal>
      )}
    </>
  );
}
