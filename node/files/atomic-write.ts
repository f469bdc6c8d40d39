import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../shared/result';
import { describeFsError } from './describe-fs-error';
import { describeFileKind, errorCode, nodeFs, type FsPort, type WritableFile } from './fs-port';
import { oneAtATime } from './one-at-a-time';
import { removeStaleTempFiles } from './stale-temp-files';

/**
 * What to write: the bytes (or UTF-8 text), whole or in pieces, or a writer that fills the temporary file
 * given its path (the xlsx export streams a workbook too large to hold in memory).
 */
export type AtomicContent = string | Uint8Array | ContentInPieces | ((tempPath: string) => Promise<void>);

/**
 * Bytes (or UTF-8 text) made piece by piece, written in order: each piece is written while the next one
 * is made (a large plan's rows, a few thousand at a time), so the disk and the processor work at once.
 */
export interface ContentInPieces {
  readonly pieces: Iterable<string | Uint8Array>;
}

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<name>.bak` next to it (plan files do; app state does not). */
  keepBackup: boolean;
  /** false: refuse to replace an existing file (the CLI without --force); the failure's code is EEXIST. */
  replace?: boolean;
  fs?: FsPort;
  /**
   * Temporary files of this target older than this are removed first, as litter of a writer killed
   * mid-write (default STALE_TEMP_AGE_MS; on the real disk only).
   */
  staleTempAgeMs?: number;
}

export interface AtomicWriteFailure {
  /** Which step failed and why, in words. */
  reason: string;
  /** Whether a file was there before (it is still there, unchanged). */
  existed: boolean;
  /** The error code of the step that failed ('ENOSPC', 'EEXIST'...), or null when there is none. */
  code: string | null;
}

export type AtomicWriteResult = Result<{ path: string }, AtomicWriteFailure>;

export function backupPathFor(filePath: string): string {
  return `${filePath}.bak`;
}

/**
 * The one way the app, the CLI and the exports write a file the user (or the app's next start) relies
 * on, so that whatever happens the file on disk is either the old version or the new one, never a mix:
 * 1. write a temporary file in the same folder (same disk, so the rename is atomic) and fsync it;
 * 2. with keepBackup, give the old file a second name (a hard link, renamed over `<name>.bak`): the
 *    backup is the old file itself, never a copy that a full disk could cut short;
 * 3. rename the temporary file over the target (or, with replace: false, link it there, which fails
 *    rather than replace a file that appeared meanwhile), then fsync the folder.
 * On failure the temporary files are removed and the old file is untouched; temporary files a killed
 * process left for this target are removed before the next write to it. Writes to one path are
 * queued, so the last write asked for is the one on disk.
 */
export function writeFileAtomically(
  filePath: string,
  content: AtomicContent,
  options: AtomicWriteOptions,
): Promise<AtomicWriteResult> {
  const target = path.resolve(filePath);
  return oneAtATime(target, () => new AtomicWrite(target, options).run(content));
}

/** Errors that say "this file system has no hard links" (FAT, exFAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

function hasNoHardLinks(error: unknown): boolean {
  return NO_HARD_LINKS.has(errorCode(error) ?? '');
}

/** A step's error, already named: what failed ("could not <step>") and the file system's reason. */
class StepError extends Error {
  constructor(
    readonly step: string,
    readonly original: unknown,
  ) {
    super(step);
  }
}

/** One write, step by step; remembers what it created so a failure can remove it. */
class AtomicWrite {
  private readonly fs: FsPort;
  private readonly folder: string;
  private readonly tempPath: string;
  private readonly created = new Set<string>();
  private existed = false;

  constructor(
    private readonly target: string,
    private readonly options: AtomicWriteOptions,
  ) {
    this.fs = options.fs ?? nodeFs;
    this.folder = path.dirname(target);
    this.tempPath = this.siblingTempPath('');
  }

  async run(content: AtomicContent): Promise<AtomicWriteResult> {
    if (this.fs === nodeFs) {
      await removeStaleTempFiles(this.folder, path.basename(this.target), { olderThanMs: this.options.staleTempAgeMs });
    }
    try {
      const existing = await this.step('look at the file', () => this.fs.stat(this.target));
      this.existed = existing !== null;
      if (existing && !existing.isFile)
        return this.failure(
          `${this.target} is ${describeFileKind(existing)}`,
          existing.kind === 'folder' ? 'EISDIR' : 'ENOTFILE',
        );
      if (existing && this.options.replace === false) return this.failure('the file already exists', 'EEXIST');
      await this.writeTemp(content);
      if (this.options.replace === false) await this.publishWithoutReplacing();
      else await this.publish();
      await this.fs.syncDirectory(this.folder);
      return ok({ path: this.target });
    } catch (error) {
      await this.removeCreated();
      if (!(error instanceof StepError)) throw error;
      return this.failure(
        `could not ${error.step}: ${describeFsError(error.original, 'write')}`,
        errorCode(error.original),
      );
    }
  }

  private failure(reason: string, code: string | null): AtomicWriteResult {
    return fail({ reason, existed: this.existed, code });
  }

  private siblingTempPath(suffix: string): string {
    return path.join(this.folder, `.${path.basename(this.target)}${suffix}.${randomBytes(6).toString('hex')}.tmp`);
  }

  private async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new StepError(name, error);
    }
  }

  private async writeTemp(content: AtomicContent): Promise<void> {
    const file = await this.step('create a temporary file in the folder', () => this.fs.createExclusive(this.tempPath));
    this.created.add(this.tempPath);
    if (typeof content === 'function') {
      await file.close();
      await this.step('write the file', () => content(this.tempPath));
      await this.step('flush the file to the disk', () => this.fs.syncFile(this.tempPath));
      return;
    }
    try {
      const whole = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      await this.writePieces(file, whole instanceof Uint8Array ? [whole] : whole.pieces);
      await this.step('flush the file to the disk', () => file.sync());
    } finally {
      await file.close();
    }
  }

  /** Writes the pieces in order, each while the next one is made (the write runs on another thread). */
  private async writePieces(file: WritableFile, pieces: Iterable<string | Uint8Array>): Promise<void> {
    const buffers = new PieceBuffers();
    let writing: Promise<void> = Promise.resolve();
    try {
      for (const piece of pieces) {
        const data = typeof piece === 'string' ? buffers.encode(piece) : piece;
        await writing;
        writing = this.step('write the file', () => file.write(data));
      }
    } catch (error) {
      // A write still under way ends before the file is closed and removed.
      await writing.catch(() => undefined);
      throw error;
    }
    await writing;
  }

  /** Replaces the target (keeping the old one as the backup when asked). */
  private async publish(): Promise<void> {
    if (!this.existed || !this.options.keepBackup) {
      await this.step('replace the file', () => this.fs.rename(this.tempPath, this.target));
      this.created.delete(this.tempPath);
      return;
    }
    const backup = backupPathFor(this.target);
    const linkPath = this.siblingTempPath('.bak');
    try {
      await this.fs.link(this.target, linkPath);
    } catch (error) {
      if (!hasNoHardLinks(error)) throw new StepError('keep the previous version as a backup', error);
      await this.publishByRenamingOldFile(backup);
      return;
    }
    this.created.add(linkPath);
    await this.step('keep the previous version as a backup', () => this.fs.rename(linkPath, backup));
    this.created.delete(linkPath);
    await this.step('replace the file', () => this.fs.rename(this.tempPath, this.target));
    this.created.delete(this.tempPath);
  }

  /**
   * Without hard links the old file itself is renamed to the backup, then the new one into place; if
   * that second rename fails, the old file is renamed back, so the target is never lost.
   */
  private async publishByRenamingOldFile(backup: string): Promise<void> {
    await this.step('keep the previous version as a backup', () => this.fs.rename(this.target, backup));
    try {
      await this.fs.rename(this.tempPath, this.target);
      this.created.delete(this.tempPath);
    } catch (error) {
      await this.fs.rename(backup, this.target).catch(() => undefined);
      throw new StepError('replace the file', error);
    }
  }

  /** Creates the target only if nothing is there: a hard link fails with EEXIST instead of replacing. */
  private async publishWithoutReplacing(): Promise<void> {
    try {
      await this.fs.link(this.tempPath, this.target);
    } catch (error) {
      if (!hasNoHardLinks(error)) throw new StepError('create the file', error);
      // No hard links here: check again, then rename (a file appearing in between would be replaced).
      const appeared = await this.step('look at the file', () => this.fs.stat(this.target));
      if (appeared !== null) throw new StepError('create the file', existsError());
      await this.step('create the file', () => this.fs.rename(this.tempPath, this.target));
      this.created.delete(this.tempPath);
      return;
    }
    // The file is in place under its name; the temporary name is only a second link to it.
    this.created.delete(this.tempPath);
    await this.fs.unlink(this.tempPath).catch(() => undefined);
  }

  private async removeCreated(): Promise<void> {
    for (const file of this.created) await this.fs.unlink(file).catch(() => undefined);
    this.created.clear();
  }
}

/** Pieces longer than this (in UTF-16 code units) get a buffer of their own exact size. */
const LONG_PIECE = 4 * 1024 * 1024;

/**
 * Two buffers, taken in turn, that text pieces are encoded into (UTF-8): one is written while the next
 * piece is encoded into the other. Encoding into a buffer kept from piece to piece is about three times
 * as fast as making a new one for each (the 75 MB of a 100k-row plan: some 50 ms against 130 to 170).
 */
class PieceBuffers {
  private readonly buffers: Buffer[] = [];
  private turn = 0;

  encode(text: string): Buffer {
    this.turn = 1 - this.turn;
    // A UTF-16 code unit is at most 3 bytes of UTF-8; a long piece (a plan's scenarios, rows with long
    // notes) is measured instead, so as not to hold three times its size.
    const needed = text.length <= LONG_PIECE ? text.length * 3 : Buffer.byteLength(text, 'utf8');
    let buffer = this.buffers[this.turn];
    if (buffer === undefined || buffer.byteLength < needed) {
      buffer = Buffer.allocUnsafe(needed);
      this.buffers[this.turn] = buffer;
    }
    return buffer.subarray(0, buffer.write(text, 0, 'utf8'));
  }
}

function existsError(): Error {
  return Object.assign(new Error('the file already exists'), { code: 'EEXIST' });
}
