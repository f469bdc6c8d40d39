import path from 'node:path';
import { z } from 'zod';
import { nodeFs, type FsPort } from './fs-port';
import { readJsonFile, writeJsonFile } from './json-store';

export const MAX_RECENT_FILES = 10;

const RecentFilesState = z.object({ paths: z.array(z.string().min(1)) });

export function recentFilesPath(userDataDir: string): string {
  return path.join(userDataDir, 'recent-files.json');
}

/** Pure list rule: most recent first, each file once, at most MAX_RECENT_FILES. */
export function withRecentFile(paths: readonly string[], filePath: string): string[] {
  const added = path.resolve(filePath);
  return [added, ...paths.filter((p) => path.resolve(p) !== added)].slice(0, MAX_RECENT_FILES);
}

/** The recent list without files that no longer exist (moved or deleted since); the pruned list is kept. */
export async function readRecentFiles(userDataDir: string, fs: FsPort = nodeFs): Promise<string[]> {
  const stored = (await readJsonFile(recentFilesPath(userDataDir), RecentFilesState, fs))?.paths ?? [];
  const present: string[] = [];
  for (const p of stored) {
    const info = await fs.stat(p).catch(() => null);
    if (info?.isFile && !present.includes(p)) present.push(p);
  }
  const kept = present.slice(0, MAX_RECENT_FILES);
  if (kept.length !== stored.length) await writeJsonFile(recentFilesPath(userDataDir), { paths: kept }, fs);
  return kept;
}

export async function addRecentFile(userDataDir: string, filePath: string, fs: FsPort = nodeFs): Promise<string[]> {
  const stored = (await readJsonFile(recentFilesPath(userDataDir), RecentFilesState, fs))?.paths ?? [];
  const updated = withRecentFile(stored, filePath);
  await writeJsonFile(recentFilesPath(userDataDir), { paths: updated }, fs);
  return readRecentFiles(userDataDir, fs);
}

export async function clearRecentFiles(userDataDir: string, fs: FsPort = nodeFs): Promise<string[]> {
  await writeJsonFile(recentFilesPath(userDataDir), { paths: [] }, fs);
  return [];
}
