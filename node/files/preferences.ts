import path from 'node:path';
import * as z from 'zod';
import { ThemeSource, UiPreferences } from '../../shared/ipc/contract';
import { nodeFs, type FsPort } from './fs-port';
import { readJsonFile, writeJsonFile } from './json-store';
import { oneAtATime } from './one-at-a-time';

/**
 * App preferences that outlive a session. Dark mode follows the OS until the user picks otherwise; the
 * window's own (columns hidden, hints dismissed) come from the renderer. A file from an older version,
 * without the newer fields, reads with their defaults.
 */
export const Preferences = UiPreferences.extend({ themeSource: ThemeSource.default('system') });
export type Preferences = z.output<typeof Preferences>;

const DEFAULT_PREFERENCES: Preferences = Preferences.parse({});

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

/**
 * Changes some preferences and keeps the others (read, merge, write, one change at a time so two quick
 * changes never lose one). Answers what is stored now; when the write fails, what was stored before.
 */
export function updatePreferences(
  userDataDir: string,
  change: Partial<Preferences>,
  fs: FsPort = nodeFs,
): Promise<Preferences> {
  // Its own queue key: the atomic writer already queues on the file's path, and waiting there would deadlock.
  return oneAtATime(`${preferencesPath(userDataDir)}#update`, async () => {
    const stored = await readPreferences(userDataDir, fs);
    const updated: Preferences = { ...stored, ...definedOnly(change) };
    return (await writePreferences(userDataDir, updated, fs)) ? updated : stored;
  });
}

function definedOnly(change: Partial<Preferences>): Partial<Preferences> {
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
}
