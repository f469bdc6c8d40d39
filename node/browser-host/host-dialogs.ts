import type { DialogKind, DialogPort } from '../handlers/handler-types';

export type DialogType = 'open' | 'save';
export type DialogAnswer = { kind: 'path'; path: string } | { kind: 'cancel' };

export interface DialogRequest {
  type: DialogType;
  kind: DialogKind;
  suggestedName: string | null;
  /** The folder the dialog would start in (null: wherever it last was). */
  suggestedFolder: string | null;
  answer: DialogAnswer;
}

interface QueuedAnswer {
  /** Which dialog it answers; 'any' answers whichever comes next. */
  type: DialogType | 'any';
  answer: DialogAnswer;
}

/**
 * File dialogs for the browser host: a test queues the answer ("the user picks this path" or "the user
 * cancels") before the action that opens the dialog. A dialog with no queued answer is cancelled and
 * recorded as such, so a test can tell.
 */
export class ScriptedDialogs implements DialogPort {
  private readonly queue: QueuedAnswer[] = [];
  readonly asked: DialogRequest[] = [];

  setNextOpenPath(filePath: string): void {
    this.queue.push({ type: 'open', answer: { kind: 'path', path: filePath } });
  }

  setNextSavePath(filePath: string): void {
    this.queue.push({ type: 'save', answer: { kind: 'path', path: filePath } });
  }

  cancelNextDialog(type: DialogType | 'any' = 'any'): void {
    this.queue.push({ type, answer: { kind: 'cancel' } });
  }

  get unusedAnswers(): number {
    return this.queue.length;
  }

  private next(
    type: DialogType,
    kind: DialogKind,
    suggestedName: string | null,
    suggestedFolder: string | null = null,
  ): string | null {
    const index = this.queue.findIndex((q) => q.type === type || q.type === 'any');
    const answer: DialogAnswer =
      index >= 0 ? (this.queue.splice(index, 1)[0]?.answer ?? { kind: 'cancel' }) : { kind: 'cancel' };
    this.asked.push({ type, kind, suggestedName, suggestedFolder, answer });
    return answer.kind === 'path' ? answer.path : null;
  }

  async chooseOpenPath(kind: DialogKind): Promise<string | null> {
    return this.next('open', kind, null);
  }

  async chooseSavePath(kind: DialogKind, suggestedName: string, folder?: string | null): Promise<string | null> {
    return this.next('save', kind, suggestedName, folder ?? null);
  }
}
