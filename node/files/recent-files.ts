import path from 'node:path';
import * as z from 'zod';
import { nodeFs, type FsPort } from './fs-port';
import { readJsonFile, writeJsonFile } from './json-store';

const MAX_RECENT_FILES = 10;

const RecentFilesState = z.object({ paths: z.array(z.string().min(1)) });

function recentFilesPath(userDataDir: string): string {
  return path.join(userDataDir, 'recent-files.json');
}

/** Pure list rule: most recent first, each file once, at most MAX_RECENT_FILES. */
function withRecentFile(paths: readonly string[], filePath: string): string[] {
  const added = path.resolve(filePath);
  return [added, ...paths.filter((p) => path.resolve(p) !== added)].slice(0, MAX_RECENT_FILES);
}

/** The stored list, or null when the file is missing, unreadable or invalid (it then reads as empty). */
async function readStoredPaths(userDataDir: string, fs: FsPort): Promise<string[] | null> {
  return (await readJsonFile(recentFilesPath(userDataDir), RecentFilesState, fs))?.paths ?? null;
}

/** Each file once, only files that still exist (moved or deleted since), at most MAX_RECENT_FILES. */
async function withoutMissingFiles(paths: readonly string[], fs: FsPort): Promise<string[]> {
  const unique = [...new Set(paths)];
  const exists = await Promise.all(unique.map(async (p) => (await fs.stat(p).catch(() => null))?.isFile === true));
  return unique.filter((_, i) => exists[i]).slice(0, MAX_RECENT_FILES);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/** The recent list without files that no longer exist (moved or deleted since); the pruned list is kept. */
export async function readRecentFiles(userDataDir: string, fs: FsPort = nodeFs): Promise<string[]> {
  const stored = (await readStoredPaths(userDataDir, fs)) ?? [];
  const kept = await withoutMissingFiles(stored, fs);
  if (kept.length !== stored.length) await writeJsonFile(recentFilesPath(userDataDir), { paths: kept }, fs);
  return kept;
}

/** The last plan opened or saved, as stored, even if it is gone now (start-up says why it did not open). */
export async function lastRecentFile(userDataDir: string, fs: FsPort = nodeFs): Promise<string | null> {
  return (await storedRecentFiles(userDataDir, fs))[0] ?? null;
}

/** The recent list as stored, files moved or deleted since included. */
export async function storedRecentFiles(userDataDir: string, fs: FsPort = nodeFs): Promise<string[]> {
  return (await readStoredPaths(userDataDir, fs)) ?? [];
}

/** Puts a file first in the recent list; the file is written only when the list changed. */
export async function addRecentFile(userDataDir: string, filePath: string, fs: FsPort = nodeFs): Promise<string[]> {
  const stored = await readStoredPaths(userDataDir, fs);
  const updated = await withoutMissingFiles(withRecentFile(stored ?? [], filePath), fs);
  if (stored !== null && sameList(updated, stored)) return updated;
  const written = await writeJsonFile(recentFilesPath(userDataDir), { paths: updated }, fs);
  // Not saved: the list on disk still holds, so show that one rather than a list the next start won't have.
  return written ? updated : readRecentFiles(userDataDir, fs);
}

export async function clearRecentFiles(userDataDir: string, fs: FsPort = nodeFs): Promise<string[]> {
  await writeJsonFile(recentFilesPath(userDataDir), { paths: [] }, fs);
  return [];
}
