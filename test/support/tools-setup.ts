import { findTool, inCi, missingToolLine, type ToolName } from './tools';

/**
 * Vitest's globalSetup for the suites that drive Chromium or LibreOffice (the "tools" project in
 * vitest.config.ts): checks each once per run. A missing tool is one line on a developer's machine (its
 * suites skip); with CI set it stops the run before any test, saying what to install.
 */
export default function checkTools(): void {
  const ci = inCi();
  const missing: string[] = [];
  for (const name of ['chromium', 'libreoffice', 'poppler'] as const satisfies readonly ToolName[]) {
    const found = findTool(name);
    if ('missing' in found) missing.push(missingToolLine(name, found, ci));
  }
  if (missing.length === 0) return;
  if (ci) throw new Error(`CI is set and a tool the tests need is missing:\n${missing.join('\n')}`);
  for (const line of missing) console.warn(`[pixel-ledger tests] ${line}`);
}
