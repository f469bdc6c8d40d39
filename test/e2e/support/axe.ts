import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** One serious or critical axe-core finding: the rule, and where on the page with what to fix. */
export interface AxeFinding {
  readonly rule: string;
  readonly impact: string;
  readonly nodes: readonly string[];
}

let axeSource: string | null = null;

/**
 * Runs axe-core in the page and returns its serious and critical violations. The script is evaluated
 * through the DevTools protocol, which the app's Content-Security-Policy does not govern, so the policy
 * stays as the user has it.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if ((await page.evaluate('typeof window.axe')) !== 'object') await page.evaluate(axeSource);
  const found: unknown = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + n.failureSummary) })))`);
  return Array.isArray(found) ? (found as AxeFinding[]) : [];
}
