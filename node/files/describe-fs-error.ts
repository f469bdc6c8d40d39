import { errorCode } from './fs-port';

/** Turns a Node file-system error into words a user can act on: what went wrong and what to try. */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full (free some space and try again)';
    case 'EDQUOT':
      return 'the disk quota is exceeded (free some space and try again)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (choose a folder you can write to, or check the file is not read-only)';
    case 'EROFS':
      return 'the disk is read-only (choose another folder)';
    case 'ENOENT':
      return 'the file or its folder does not exist';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EISDIR':
      return 'the path is a folder, not a file';
    case 'EBUSY':
      return 'the file is locked by another program (close it there and try again)';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many files are open (close some programs and try again)';
    case 'ENAMETOOLONG':
      return 'the file name or path is too long';
    case 'EIO':
      return 'the disk reported an input/output error';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return code ? `${message} (${code})` : message;
    }
  }
}
