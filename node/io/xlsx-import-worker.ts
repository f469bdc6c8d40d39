import { parentPort, workerData } from 'node:worker_threads';
import { importPlanWorkbook } from './xlsx-import';

/**
 * The workbook import as a worker thread (bundled to out/electron/xlsx-import-worker.cjs by
 * scripts/build.mjs): a large or hostile workbook is read here, so the Electron main process and the
 * browser host go on answering while it runs. It reads one file and posts the Result back.
 */
const { path } = workerData as { path: string };
importPlanWorkbook(path).then(
  (result) => parentPort?.postMessage(result),
  (error: unknown) =>
    parentPort?.postMessage({
      ok: false,
      error: `${path} could not be imported: ${error instanceof Error ? error.message : String(error)}`,
    }),
);
