import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { serializePlan } from '../../../shared/plan/plan-document';
import type { RunningApp } from './harness';

/** Writes the plan to the app's work folder and opens it with File › Open (discarding unsaved changes). */
export async function openPlanInApp(app: RunningApp, doc: PlanDocument, name: string): Promise<void> {
  const file = path.join(app.workDir, name);
  await writeFile(file, serializePlan(doc));
  app.host.setNextOpenPath(file);
  await app.page.getByTestId('open-button').click();
  if (await app.page.getByTestId('unsaved-dialog').count()) await app.page.getByTestId('unsaved-discard').click();
  await app.page
    .getByTestId('title')
    .filter({ hasText: `${name} — Pixel Ledger` })
    .waitFor();
}
