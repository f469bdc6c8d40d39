import path from 'node:path';
import { nodeFs, type FsPort, type WritableFile } from '../../../node/files/fs-port';

export type FsOperation = 'createExclusive' | 'write' | 'sync' | 'link' | 'rename';

export interface FsFailure {
  operation: FsOperation;
  /** The error code the disk answers with (default ENOSPC). */
  code?: string;
  /** Only when the operation's target (link/rename destination) has this file name. */
  onlyTo?: string;
  /** Fails this many times, then works (default: every time). */
  times?: number;
}

function fsError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * The real disk, except that one operation fails the way a disk does. A failing `write` first writes
 * half of the data for real, so the temporary file on disk is truly half-written when the error comes.
 * `calls` lists what was asked, in order.
 */
export function failingFs(operation: FsOperation, code = 'ENOSPC'): FsPort & { calls: string[] } {
  return failingFsWith([{ operation, code }]);
}

/** Several failures at once, e.g. no hard links and a refused rename onto the plan itself. */
export function failingFsWith(failures: readonly FsFailure[]): FsPort & { calls: string[] } {
  const calls: string[] = [];
  const left = failures.map((f) => f.times ?? Infinity);
  const check = (operation: FsOperation, to?: string): void => {
    const index = failures.findIndex(
      (f, i) =>
        (left[i] ?? 0) > 0 &&
        f.operation === operation &&
        (f.onlyTo === undefined || (to !== undefined && path.basename(to) === f.onlyTo)),
    );
    const failure = failures[index];
    if (failure === undefined) return;
    left[index] = (left[index] ?? 0) - 1;
    throw fsError(failure.code ?? 'ENOSPC', `simulated failure in ${operation}`);
  };
  return {
    ...nodeFs,
    calls,
    async createExclusive(filePath) {
      calls.push(`createExclusive ${filePath}`);
      check('createExclusive', filePath);
      const real = await nodeFs.createExclusive(filePath);
      const file: WritableFile = {
        async write(data) {
          calls.push('write');
          if (failures.some((f) => f.operation === 'write')) {
            await real.write(data.subarray(0, Math.floor(data.byteLength / 2)));
            check('write');
          }
          await real.write(data);
        },
        async sync() {
          calls.push('sync');
          check('sync');
          await real.sync();
        },
        close: () => real.close(),
      };
      return file;
    },
    async link(from, to) {
      calls.push(`link ${to}`);
      check('link', to);
      await nodeFs.link(from, to);
    },
    async rename(from, to) {
      calls.push(`rename ${to}`);
      check('rename', to);
      await nodeFs.rename(from, to);
    },
  };
}
