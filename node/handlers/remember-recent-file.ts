import { addRecentFile } from '../files/recent-files';
import type { DesktopPort } from './desktop-port';

/** A file was just opened or saved: it goes first in the recent list, and the desktop shows the new list. */
export async function rememberRecentFile(desktop: DesktopPort, userDataDir: string, filePath: string): Promise<void> {
  desktop.recentFilesChanged(await addRecentFile(userDataDir, filePath));
}
