import { errorCode } from './fs-port';

/** What the failed operation was doing: a missing path means a different thing when reading and writing. */
export type FileAction = 'read' | 'write';

/**
 * Turns a Node file-system error into words a user can act on: what went wrong and what to try. The one
 * describer for the app's dialogs, the CLI, the workbook import and the actuals import; each caller puts the file's name in
 * front in its own way ("Could not open “q1.pxplan”: …", "q1.pxplan: …"). Never a stack or internals.
 */
export function describeFsError(error: unknown, action: FileAction): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
      return 'the disk is full (free some space and try again)';
    case 'EDQUOT':
      return 'the disk quota is exceeded (free some space and try again)';
    case 'EACCES':
    case 'EPERM':
      return action === 'read'
        ? "permission denied (check the file's permissions)"
        : 'permission denied (choose a folder you can write to, or check the file is not read-only)';
    case 'EROFS':
      return 'the disk is read-only (choose another folder)';
    case 'ENOENT':
      // Writing creates the file, so what is missing is its folder.
      return action === 'read'
        ? 'the file does not exist (check the path)'
        : 'the folder does not exist (create it first or choose another path)';
    case 'EEXIST':
      return 'the file already exists';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder (check the path)';
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
      const message = firstLine(error instanceof Error ? error.message : String(error));
      return code ? `${message} (${code})` : message;
    }
  }
}

/** An unexpected error's message without the stack trace some errors carry in it. */
function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? '';
}
