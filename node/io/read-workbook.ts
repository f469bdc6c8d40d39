import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../shared/result';
import { showValue } from '../../shared/safe-text';
import type { ImportedPlan } from '../../shared/workbook/import-workbook';
import { importPlanWorkbook } from './xlsx-import';

/** Reads a workbook into a plan: the handlers take one, so the app can read off its main thread. */
export type ReadWorkbook = (path: string) => Promise<Result<ImportedPlan>>;

/** In this thread: the CLI (a process of its own) and tests. */
export const readWorkbookInProcess: ReadWorkbook = (path) => importPlanWorkbook(path);

/**
 * In a worker thread running `workerFile` (out/electron/xlsx-import-worker.cjs), so the caller's event
 * loop stays free however long the file takes. A worker that dies (out of memory) is a clear failure.
 */
export function readWorkbookInWorker(workerFile: string): ReadWorkbook {
  return (path) =>
    new Promise((resolve) => {
      const worker = new Worker(workerFile, { workerData: { path } });
      let settled = false;
      const settle = (result: Result<ImportedPlan>) => {
        if (settled) return;
        settled = true;
        resolve(result);
        void worker.terminate();
      };
      worker.once('message', (result: Result<ImportedPlan>) => settle(result));
      worker.once('error', (error) => settle(fail(`${path} could not be imported: ${showValue(error.message, 300)}`)));
      worker.once('exit', (code) =>
        settle(fail(`${path} could not be imported: the reader stopped (exit code ${code}), perhaps out of memory`)),
      );
    });
}

/**
 * Where a file packed into app.asar really lies on disk: a worker thread cannot run a script from inside
 * the archive, so the packaged app unpacks it (asarUnpack in build/electron-builder.yml) into
 * app.asar.unpacked beside it. Paths outside an archive are returned as they are.
 */
export function outsideAsar(file: string): string {
  const parts = file.split(/([\\/])/);
  return parts.map((part) => (part === 'app.asar' ? 'app.asar.unpacked' : part)).join('');
}

/** The worker where the build put it, else this thread (running from sources under tsx or vitest). */
export function readWorkbookBeside(builtWorkerFile: string): ReadWorkbook {
  const workerFile = outsideAsar(path.normalize(builtWorkerFile));
  return existsSync(workerFile) ? readWorkbookInWorker(workerFile) : readWorkbookInProcess;
}
