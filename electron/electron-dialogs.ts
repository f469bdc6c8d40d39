import path from 'node:path';
import { app, dialog, type BrowserWindow, type FileFilter } from 'electron';
import type { DialogKind, DialogPort } from '../node/handlers/handler-types';

const FILTERS: Record<DialogKind, FileFilter[]> = {
  plan: [
    { name: 'Pixel Ledger plans', extensions: ['pxplan'] },
    { name: 'All files', extensions: ['*'] },
  ],
  xlsx: [{ name: 'Excel workbooks', extensions: ['xlsx'] }],
  actuals: [
    { name: 'Usage and cost exports', extensions: ['csv', 'tsv', 'txt', 'json', 'jsonl', 'ndjson'] },
    { name: 'All files', extensions: ['*'] },
  ],
  csv: [{ name: 'CSV files', extensions: ['csv'] }],
  profile: [{ name: 'Column mappings', extensions: ['json'] }],
};

/** Native Open / Save dialogs, attached to the main window and starting in the last folder used. */
export class ElectronDialogs implements DialogPort {
  private lastFolder: string | null = null;

  constructor(private readonly window: () => BrowserWindow | null) {}

  private startFolder(): string {
    return this.lastFolder ?? app.getPath('documents');
  }

  async chooseOpenPath(kind: DialogKind): Promise<string | null> {
    const options = { defaultPath: this.startFolder(), properties: ['openFile' as const], filters: FILTERS[kind] };
    const owner = this.window();
    const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    const chosen = result.canceled ? undefined : result.filePaths[0];
    if (chosen === undefined) return null;
    this.lastFolder = path.dirname(chosen);
    return chosen;
  }

  async chooseSavePath(kind: DialogKind, suggestedName: string, folder?: string | null): Promise<string | null> {
    const options = {
      defaultPath: path.join(folder ?? this.startFolder(), suggestedName),
      filters: FILTERS[kind],
      properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
    };
    const owner = this.window();
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    if (result.canceled || result.filePath === undefined || result.filePath === '') return null;
    this.lastFolder = path.dirname(result.filePath);
    return result.filePath;
  }
}
