import { createActualsHandlers } from './actuals-handlers';
import { createAppHandlers } from './app-handlers';
import type { DesktopPort } from './desktop-port';
import { FileAccess } from './file-access';
import { FileVersions } from '../files/file-versions';
import type { HandlerMap } from './handler-types';
import { createPlanHandlers } from './plan-handlers';
import { preferencesHandlers } from './preferences-handlers';
import { createReconcileHandlers } from './reconcile-handlers';
import { createRecoveryHandlers } from './recovery-handlers';
import { createWindowHandlers } from './window-handlers';
import type { ReadWorkbook } from '../io/read-workbook';
import { createXlsxHandlers } from './xlsx-handlers';

/**
 * Every request channel's handler. Electron's main process and the browser host both build their map
 * here, so the browser end-to-end tests exercise exactly the code the desktop app runs; only the
 * DesktopPort (window, theme, shell) and the dialogs in the HandlerContext differ.
 */
export function createHandlers(
  desktop: DesktopPort,
  access = new FileAccess(),
  readWorkbook?: ReadWorkbook,
): HandlerMap {
  // What each plan file was when read or written, shared by start-up's open, Open/Save and crash recovery.
  const versions = new FileVersions();
  return {
    ...createAppHandlers(desktop, access, versions),
    ...createPlanHandlers(desktop, access, versions),
    ...createRecoveryHandlers(access, versions),
    ...createWindowHandlers(desktop),
    ...createXlsxHandlers(access, readWorkbook),
    ...createActualsHandlers(),
    ...createReconcileHandlers(access),
    ...preferencesHandlers,
  };
}
