import { promises as fs } from 'node:fs';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { backupPathFor } from './atomic-write';
import { readPlanFile } from './plan-file';

export interface OpenableBackup {
  readonly document: PlanDocument;
  /** When the backup file was written (ISO), so the offer can say how old it is. */
  readonly savedAt: string;
}

/** A plan's `.bak` (the version before its last save), when it is there and opens as a plan; else null. */
export async function openableBackup(planPath: string): Promise<OpenableBackup | null> {
  const backup = backupPathFor(planPath);
  const read = await readPlanFile(backup);
  if (!read.ok) return null;
  const info = await fs.stat(backup).catch(() => null);
  return { document: read.value, savedAt: (info?.mtime ?? new Date(0)).toISOString() };
}
