import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readPlanFile } from '../../../node/files/plan-file';
import { serializePlan } from '../../../shared/plan/plan-document';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { TODAY } from './handler-context';

/**
 * The sample plan as a file is found: as saved, with a byte-order mark, one schema older, with a key
 * more. The first two are read exactly as written (their bytes can stand for the plan); the other two
 * change when read (migrated, the unknown key dropped), so the plan must be sent as validated.
 */
export function planFilesAsWritten(): Record<string, string> {
  const saved = serializePlan(createSamplePlan(TODAY));
  return {
    'saved.pxplan': saved,
    'with-bom.pxplan': `\uFEFF${saved}`,
    'older.pxplan': saved.replace('"schemaVersion": 4', '"schemaVersion": 3'),
    'extra-key.pxplan': saved.replace('"schemaVersion": 4,', '"schemaVersion": 4,\n  "extra": true,'),
  };
}

/** One of planFilesAsWritten on disk, with the plan a reader must get from it (readPlanFile's). */
export interface PlanFileOnDisk {
  readonly name: string;
  readonly content: string;
  readonly filePath: string;
  readonly document: PlanDocument;
  /** What plan:open answers: the plan and its path, and the keys it did not read (the extra key's file). */
  readonly opened: {
    document: PlanDocument;
    path: string;
    fieldsLeftOut?: { count: number; first: string[] };
  };
}

/** Writes planFilesAsWritten (or those of them named) into `dir`, each with the plan it opens as. */
export async function writePlanFilesAsWritten(dir: string, names?: readonly string[]): Promise<PlanFileOnDisk[]> {
  const files = Object.entries(planFilesAsWritten()).filter(([name]) => names === undefined || names.includes(name));
  const written: PlanFileOnDisk[] = [];
  for (const [name, content] of files) {
    const filePath = path.join(dir, name);
    await writeFile(filePath, content);
    const read = await readPlanFile(filePath);
    if (!read.ok) throw new Error(`${name} does not open: ${read.error.message}`);
    const leftOut = name === 'extra-key.pxplan' ? { fieldsLeftOut: { count: 1, first: ['extra'], more: 0 } } : {};
    written.push({
      name,
      content,
      filePath,
      document: read.value,
      opened: { document: read.value, path: filePath, ...leftOut },
    });
  }
  return written;
}
