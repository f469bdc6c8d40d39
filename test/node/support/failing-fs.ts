import { nodeFs, type FsPort, type WritableFile } from '../../../node/files/fs-port';

export type FsOperation = 'createExclusive' | 'write' | 'sync' | 'copyFile' | 'rename';

function fsError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * The real disk, except that one operation fails the way a disk does. A failing `write` first writes
 * half of the data for real, so the temporary file on disk is truly half-written when the error comes.
 */
export function failingFs(operation: FsOperation, code = 'ENOSPC'): FsPort & { calls: string[] } {
  const calls: string[] = [];
  const failure = (): Error => fsError(code, `simulated failure in ${operation}`);
  return {
    ...nodeFs,
    calls,
    async createExclusive(filePath) {
      calls.push(`createExclusive ${filePath}`);
      if (operation === 'createExclusive') throw failure();
      const real = await nodeFs.createExclusive(filePath);
      const file: WritableFile = {
        async write(data) {
          calls.push('write');
          if (operation === 'write') {
            await real.write(data.subarray(0, Math.floor(data.byteLength / 2)));
            throw failure();
          }
          await real.write(data);
        },
        async sync() {
          calls.push('sync');
          if (operation === 'sync') throw failure();
          await real.sync();
        },
        close: () => real.close(),
      };
      return file;
    },
    async copyFile(from, to) {
      calls.push(`copyFile ${to}`);
      if (operation === 'copyFile') throw failure();
      await nodeFs.copyFile(from, to);
    },
    async rename(from, to) {
      calls.push(`rename ${to}`);
      if (operation === 'rename') throw failure();
      await nodeFs.rename(from, to);
    },
  };
}
