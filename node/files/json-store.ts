import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomically } from './atomic-write';
import { nodeFs, type FsPort } from './fs-port';

/**
 * Small app-state files (recent list, window state). A missing, unreadable or invalid file reads as
 * null: app state is a convenience, and a damaged one must never stop the app from starting.
 */
export async function readJsonFile<S extends z.ZodType>(
  filePath: string,
  schema: S,
  fs: FsPort = nodeFs,
): Promise<z.output<S> | null> {
  try {
    const bytes = await fs.readFile(filePath);
    const parsed = schema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeJsonFile(filePath: string, value: unknown, fs: FsPort = nodeFs): Promise<boolean> {
  const folderReady = await fs.mkdir(path.dirname(filePath)).then(
    () => true,
    () => false,
  );
  if (!folderReady) return false;
  const written = await writeFileAtomically(filePath, JSON.stringify(value, null, 2) + '\n', { keepBackup: false, fs });
  return written.ok;
}
