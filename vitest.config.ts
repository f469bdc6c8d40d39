import { defineConfig } from 'vitest/config';

/**
 * Suites that drive Chromium or LibreOffice, build the app or start processes. `npm test` runs them with
 * everything else; `npm run test:unit` (the "unit" project) leaves them out, so it needs no tools and no
 * build and is quick. Chromium, LibreOffice and poppler are found by test/support/tools.ts; the "integration"
 * project's globalSetup checks them once per run (one line per missing tool; an error when CI is set).
 */
const INTEGRATION_SUITES = [
  'test/e2e/**/*.test.ts',
  'test/workbook/recalc.test.ts',
  'test/workbook/libreoffice-import.test.ts',
  'test/workbook/print-pdf.test.ts',
  'test/electron/packaging.test.ts',
  'test/cli/subprocess.test.ts',
  'test/cli/actuals-subprocess.test.ts',
  'test/node/kill-loop.test.ts',
  'test/workbook/reconcile-recalc.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and LibreOffice suites are heavy on a 2-core machine: run files one or two at a time.
    maxWorkers: 2,
    setupFiles: ['test/support/equality.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: INTEGRATION_SUITES },
      },
      {
        extends: true,
        test: { name: 'integration', include: INTEGRATION_SUITES, globalSetup: ['test/support/tools-setup.ts'] },
      },
    ],
  },
});
