import { serializePlan } from '../../../shared/plan/plan-document';
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
