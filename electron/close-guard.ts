/**
 * Closing with unsaved changes. Main knows whether the document is dirty (the renderer reports it with
 * window:document-state). A close while dirty is held back and the renderer is asked
 * (window:close-requested); it shows Save / Don't Save / Cancel, and after Save or Don't Save calls
 * window:close-confirmed, which lets the next close through. Cancel simply does nothing.
 * Pure state, so the decision is tested without a window.
 */
export type CloseDecision = 'close' | 'ask-renderer';

export class CloseGuard {
  private dirty = false;
  private settledByUser = false;
  private rendererLost = false;

  setDirty(dirty: boolean): void {
    this.dirty = dirty;
  }

  /** Called from the window's 'close' event. */
  onCloseAttempt(): CloseDecision {
    if (!this.dirty || this.settledByUser || this.rendererLost) return 'close';
    return 'ask-renderer';
  }

  /** The renderer settled the unsaved changes (saved, or the user chose Don't Save): let the close through. */
  confirm(): void {
    this.settledByUser = true;
  }

  /** The page crashed: nobody can answer, so the window may close; the recovery autosave keeps the work. */
  rendererGone(): void {
    this.rendererLost = true;
  }

  /**
   * Whether the close leaves nothing worth recovering: the document was clean or the user settled it.
   * After a renderer crash the autosave must stay for the next start to offer.
   */
  get closesCleanly(): boolean {
    return !this.rendererLost && (!this.dirty || this.settledByUser);
  }
}
