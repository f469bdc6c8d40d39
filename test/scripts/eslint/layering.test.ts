import { RuleTester } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import plugin from '../../../scripts/eslint/layering.mjs';
import { LAYER_FILES, LAYERS } from '../../../scripts/eslint/layers.mjs';

// The layering rule with the project's own layer table (scripts/eslint/layers.mjs), on files placed in a
// repository root of its own: what each layer may import, and what a wrong import is told.

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve('/repo');
const options = [{ root, layers: LAYERS, files: LAYER_FILES }];
const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
});
const rule = plugin.rules.layering;

const at = (file: string) => path.join(root, file);
const hint = (layer: string) => LAYERS[layer]?.hint ?? '';

const cases = {
  valid: [
    { filename: at('shared/plan/plan-schema.ts'), code: "import { z } from 'zod';\nimport { ok } from '../result';" },
    {
      filename: at('node/io/xlsx-export.ts'),
      code: "import { rename } from 'node:fs/promises';\nimport path from 'path';\nimport ExcelJS from 'exceljs';\nimport { ok } from '../../shared/result';\nimport { writeFileAtomically } from '../files/atomic-write';",
    },
    {
      filename: at('electron/desktop-app.ts'),
      code: "import { app } from 'electron';\nimport { createHandlers } from '../node/handlers';\nimport type { PlanDocument } from '../shared/plan/plan-schema';",
    },
    {
      filename: at('cli/run.ts'),
      code: "import packageJson from '../package.json' with { type: 'json' };\nimport { exportPlanWorkbook } from '../node/io/xlsx-export';",
    },
    {
      filename: at('renderer/src/app/App.tsx'),
      code: "import { useState } from 'react';\nimport { AgGridReact } from 'ag-grid-react';\nimport { estimatePlan } from '../../../shared/estimate/estimate-plan';\nimport { Toolbar } from './Toolbar';",
    },
    {
      filename: at('renderer/vite.config.ts'),
      code: "import path from 'node:path';\nimport { defineConfig } from 'vite';",
    },
    { filename: at('bench/xlsx-bench.ts'), code: "import { importPlanWorkbook } from '../node/io/xlsx-import';" },
    {
      filename: at('test/electron/menu.test.ts'),
      code: "import type { MenuItemConstructorOptions } from 'electron';\nimport { buildMenuTemplate } from '../../electron/menu';",
    },
    // A root-level config file is not a layer.
    { filename: at('vitest.config.ts'), code: "import { readFile } from 'node:fs';\nimport x from './electron/main';" },
  ],
  invalid: [
    {
      name: 'renderer/ importing node/ names both layers and says to use the IPC contract',
      filename: at('renderer/src/app/App.tsx'),
      code: "import { readPlanFile } from '../../../node/files/plan-file';",
      errors: [
        {
          message: `Bad layering: renderer/ may not import node/ ('../../../node/files/plan-file'); renderer/ may import shared/, renderer/. ${hint('renderer')}`,
        },
      ],
    },
    {
      name: 'shared/ importing node:fs is told shared/ is pure',
      filename: at('shared/workbook/import-workbook.ts'),
      code: "import { readFile } from 'node:fs/promises';",
      errors: [
        { message: `Bad layering: shared/ may not import the Node built-in 'node:fs/promises'. ${hint('shared')}` },
      ],
    },
    {
      name: 'shared/: bare built-ins, electron and other packages',
      filename: at('shared/plan/plan-document.ts'),
      code: "import path from 'path';\nimport { app } from 'electron';\nimport { useState } from 'react';",
      errors: [
        { messageId: 'builtin', data: { from: 'shared', specifier: 'path', hint: hint('shared') } },
        {
          message: `Bad layering: shared/ may not import the package 'electron' (shared/ may import only: zod). ${hint('shared')}`,
        },
        {
          messageId: 'package',
          data: { from: 'shared', name: 'react', only: ' (shared/ may import only: zod)', hint: hint('shared') },
        },
      ],
    },
    {
      name: 'shared/ importing any other layer',
      filename: at('shared/estimate/estimate-plan.ts'),
      code: "export { cell } from '../../renderer/src/grid/columns';\nexport * from '../../node/files/plan-file';",
      errors: [{ messageId: 'wrongLayer' }, { messageId: 'wrongLayer' }],
    },
    {
      name: 'renderer/ may not import electron or Node built-ins',
      filename: at('renderer/src/bridge/ipc-bridge.ts'),
      code: "import { ipcRenderer } from 'electron';\nimport { readFileSync } from 'fs';",
      errors: [{ messageId: 'package' }, { messageId: 'builtin' }],
    },
    {
      name: 'node/ never imports electron/ nor the electron package',
      filename: at('node/handlers/plan-handlers.ts'),
      code: "import { ElectronDialogs } from '../../electron/electron-dialogs';\nimport { dialog } from 'electron';",
      errors: [
        {
          message: `Bad layering: node/ may not import electron/ ('../../electron/electron-dialogs'); node/ may import shared/, node/. ${hint('node')}`,
        },
        { messageId: 'package', data: { from: 'node', name: 'electron', only: '', hint: hint('node') } },
      ],
    },
    {
      name: 'cli/ and bench/ use node/, never electron/',
      filename: at('cli/commands/export.ts'),
      code: "import { exportPlanWorkbook } from '../../electron/io/xlsx-export';",
      errors: [{ messageId: 'wrongLayer' }],
    },
    {
      name: 'dynamic import(), require(), import = require() and import() types are checked too',
      filename: at('shared/plan/sample-plan.ts'),
      code: "const a = import('node:fs');\nconst b = require('../../node/files/fs-port');\nimport fs = require('fs');\ntype T = import('../../electron/menu').MenuState;",
      errors: [
        { messageId: 'builtin' },
        { messageId: 'wrongLayer' },
        { messageId: 'builtin' },
        { messageId: 'wrongLayer' },
      ],
    },
    {
      name: 'a path outside the layers (a root config file) is refused',
      filename: at('shared/plan/plan-schema.ts'),
      code: "import config from '../../vitest.config';\nimport up from '../../../elsewhere/thing';",
      errors: [{ messageId: 'outside' }, { messageId: 'outside' }],
    },
  ],
};

tester.run('layering', rule, {
  valid: cases.valid.map((c) => ({ ...c, options })),
  invalid: cases.invalid.map((c) => ({ ...c, options })),
});
