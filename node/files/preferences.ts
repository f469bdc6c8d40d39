import path from 'node:path';
import { z } from 'zod';
import { ThemeSource } from '../../shared/ipc/contract';
import { nodeFs, type FsPort } from './fs-port';
import { readJsonFile, writeJsonFile } from './json-store';

/** App preferences that outlive a session. Dark mode follows the OS until the user picks otherwise. */
export const Preferences = z.object({ themeSource: ThemeSource });
export type Preferences = z.infer<typeof Preferences>;

const DEFAULT_PREFERENCES: Preferences = { themeSource: 'system' };

function preferencesPath(userDataDir: string): string {
  return path.join(userDataDir, 'preferences.json');
}

export async function readPreferences(userDataDir: string, fs: FsPort = nodeFs): Promise<Preferences> {
  return (await readJsonFile(preferencesPath(userDataDir), Preferences, fs)) ?? DEFAULT_PREFERENCES;
}

export async function writePreferences(
  userDataDir: string,
  preferences: Preferences,
  fs: FsPort = nodeFs,
): Promise<boolean> {
  return writeJsonFile(preferencesPath(userDataDir), preferences, fs);
}
