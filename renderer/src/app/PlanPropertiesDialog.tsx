import { useState } from 'react';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import type { Command } from '../state/commands';
import { Modal } from './Modal';

const MAX_LENGTH = 200;

/** The change of a plan's name and owner as one undo step; a message when the name is empty or too long. */
export function planProperties(doc: PlanDocument, name: string, owner: string): Command | string | null {
  const trimmedName = name.trim();
  const trimmedOwner = owner.trim();
  if (trimmedName === '') return 'The plan needs a name (it heads the workbook and the window title).';
  if (trimmedName.length > MAX_LENGTH) return `The name is ${trimmedName.length} characters: keep it to ${MAX_LENGTH}.`;
  if (trimmedOwner.length > MAX_LENGTH)
    return `The owner is ${trimmedOwner.length} characters: keep it to ${MAX_LENGTH}.`;
  if (trimmedName === doc.meta.name && trimmedOwner === doc.meta.owner) return null;
  return {
    kind: 'set-parts',
    label: 'Plan properties',
    before: { meta: doc.meta },
    after: { meta: { ...doc.meta, name: trimmedName, owner: trimmedOwner } },
  };
}

/** File › Plan properties: the plan's name and owner (the exported workbook's About sheet shows them). */
export function PlanPropertiesDialog(props: {
  document: PlanDocument;
  onCommand: (command: Command | null) => void;
  onClose: () => void;
}) {
  const { document: doc, onCommand, onClose } = props;
  const [name, setName] = useState(doc.meta.name);
  const [owner, setOwner] = useState(doc.meta.owner);
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const result = planProperties(doc, name, owner);
    if (typeof result === 'string') {
      setError(result);
      return;
    }
    onCommand(result);
    onClose();
  };
  return (
    <Modal
      title="Plan properties"
      testId="plan-properties"
      buttons={[
        { label: 'Save', primary: true, testId: 'plan-properties-save', onClick: save },
        { label: 'Cancel', testId: 'plan-properties-cancel', onClick: onClose },
      ]}
    >
      <form
        className="pl-form-grid"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <label htmlFor="plan-name">Name</label>
        <input
          id="plan-name"
          data-testid="plan-name"
          value={name}
          maxLength={MAX_LENGTH}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="plan-owner">Owner</label>
        <input
          id="plan-owner"
          data-testid="plan-owner"
          value={owner}
          maxLength={MAX_LENGTH}
          placeholder="Who answers for this budget"
          onChange={(e) => setOwner(e.target.value)}
        />
        <button type="submit" hidden />
      </form>
      {error && (
        <p className="pl-error-text" role="alert" data-testid="plan-properties-error">
          {error}
        </p>
      )}
      <p className="pl-muted">The exported workbook’s About sheet shows both. Undo takes the change back.</p>
    </Modal>
  );
}
