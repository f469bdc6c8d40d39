import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AG_GRID_MODULE, patchAgGridSource } from '../../renderer/vite.config';

/** The renderer build's AG Grid patch (renderer/vite.config.ts): it applies to the installed AG Grid. */

async function installedAgGridModule(): Promise<{ file: string; code: string }> {
  // package.json's exports.import, which the renderer's bundle uses (the package does not export its package.json).
  const file = fileURLToPath(
    new URL('../../node_modules/ag-grid-community/dist/package/main.esm.mjs', import.meta.url),
  );
  return { file, code: await readFile(file, 'utf8') };
}

describe('AG Grid patches', () => {
  it('the totals row announces a pinned height change only when there is one', async () => {
    const { file, code } = await installedAgGridModule();
    expect(AG_GRID_MODULE.test(file)).toBe(true);
    const patched = patchAgGridSource(code);
    const announcements = [
      ...patched.matchAll(/(.*)\n\s*this\.eventSvc\.dispatchEvent\(\{\s*type: "pinnedHeightChanged"/g),
    ];
    expect(announcements.map((m) => m[1]?.trim())).toEqual(['if (anyChange) {', 'if (anyChange) {']);
  });

  it('stops the build when AG Grid no longer has the code it patches', () => {
    expect(() => patchAgGridSource('export const nothingToPatch = 1;')).toThrow(/exactly once/);
  });
});
