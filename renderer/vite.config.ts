import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** One exact source change to AG Grid's ES module build, made as the renderer is bundled. */
interface SourcePatch {
  readonly why: string;
  readonly find: string;
  readonly replace: string;
}

/**
 * AG Grid 36.2's pinned row model for `pinnedBottomRowData` (the grid's totals row) announces
 * "pinnedHeightChanged" on every redraw, changed or not, where its sibling model for pinned plan rows
 * announces only a change. Every announcement makes the grid measure its viewport again on the next frame
 * (getComputedStyle, a forced style and layout): during a scroll, each frame (issue 9 §6). Announcing only
 * a change, as the sibling does, leaves what the grid draws as it was.
 */
const PINNED_HEIGHT_ON_CHANGE_ONLY: SourcePatch = {
  why: 'the totals row announces a pinned height change on every scroll frame',
  find: `    forEach(this.pinnedTopRows, updateRowHeight);
    this.eventSvc.dispatchEvent({
      type: "pinnedHeightChanged"
    });
    return anyChange;`,
  replace: `    forEach(this.pinnedTopRows, updateRowHeight);
    if (anyChange) {
      this.eventSvc.dispatchEvent({
        type: "pinnedHeightChanged"
      });
    }
    return anyChange;`,
};

export const AG_GRID_PATCHES: readonly SourcePatch[] = [PINNED_HEIGHT_ON_CHANGE_ONLY];

/** The file `import 'ag-grid-community'` resolves to in a bundle (package.json `exports.import`). */
export const AG_GRID_MODULE = /[\\/]ag-grid-community[\\/]dist[\\/]package[\\/]main\.esm\.mjs$/;

/**
 * Applies every patch to AG Grid's module source. Each must match exactly once: after an AG Grid upgrade
 * the build stops here, so someone checks whether the patch is still needed rather than losing it quietly.
 * package.json pins ag-grid-community and ag-grid-react to the exact version patched, so `npm install`
 * on a user's machine never picks a newer one that the build would refuse.
 */
export function patchAgGridSource(code: string): string {
  let patched = code;
  for (const patch of AG_GRID_PATCHES) {
    const at = patched.indexOf(patch.find);
    if (at < 0 || patched.indexOf(patch.find, at + 1) >= 0)
      throw new Error(`AG Grid patch (${patch.why}) does not match ag-grid-community exactly once: upgraded?`);
    patched = patched.slice(0, at) + patch.replace + patched.slice(at + patch.find.length);
  }
  return patched;
}

/** The renderer's Vite plugin that applies AG_GRID_PATCHES. */
export function agGridPatches(): Plugin {
  return {
    name: 'pixel-ledger-ag-grid-patches',
    transform(code, id) {
      return AG_GRID_MODULE.test(id) ? { code: patchAgGridSource(code), map: null } : null;
    },
  };
}

// Vite defines import.meta.dirname when it loads its config (no Node types needed in the web tsconfig).
const here = import.meta.dirname;

// Relative base: the built renderer is served at app://pixel-ledger/ in Electron (electron/app-protocol.ts)
// and at http://127.0.0.1:<port>/ by the browser host, so its asset URLs must not assume either origin.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), agGridPatches()],
  build: {
    outDir: `${here}/../out/renderer`,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
  },
});
