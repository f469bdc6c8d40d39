import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The programs some suites drive: Chromium (or Chrome) for the browser end-to-end tests, LibreOffice
 * for the Excel formula proofs and printing, poppler for reading printed pages back. Found where each OS installs them, never assumed; an environment
 * variable names the executable instead. When one is missing on a developer's machine its suites skip
 * and the run prints one line saying what to install (tools-setup.ts); with CI set, a missing tool
 * fails the run instead, so nothing is skipped in CI (.ci/run installs both).
 */

export type ToolName = 'chromium' | 'libreoffice' | 'poppler';

export type FoundTool = { readonly path: string } | { readonly missing: string };

interface ToolSpec {
  readonly title: string;
  /** Overrides the search: the executable to use. */
  readonly envVar: string;
  /** Names looked up on PATH. */
  readonly commands: readonly string[];
  /** Where installers put it, per platform. */
  readonly places: (platform: NodeJS.Platform, env: NodeJS.ProcessEnv) => readonly string[];
  readonly install: string;
  readonly suites: string;
}

/** Program Files folders and the per-user programs folder on Windows. */
function windowsFolders(env: NodeJS.ProcessEnv): string[] {
  return [env['ProgramFiles'], env['ProgramFiles(x86)'], env['LOCALAPPDATA']].filter(
    (dir): dir is string => dir !== undefined && dir !== '',
  );
}

const TOOLS: Record<ToolName, ToolSpec> = {
  chromium: {
    title: 'Chromium',
    envVar: 'PIXEL_LEDGER_CHROMIUM',
    commands: ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    places: (platform, env) => {
      if (platform === 'darwin') {
        const apps = ['/Applications', path.join(os.homedir(), 'Applications')];
        return apps.flatMap((dir) => [
          path.join(dir, 'Chromium.app/Contents/MacOS/Chromium'),
          path.join(dir, 'Google Chrome.app/Contents/MacOS/Google Chrome'),
        ]);
      }
      if (platform === 'win32') {
        return windowsFolders(env).flatMap((dir) => [
          path.win32.join(dir, 'Google', 'Chrome', 'Application', 'chrome.exe'),
          path.win32.join(dir, 'Chromium', 'Application', 'chrome.exe'),
        ]);
      }
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
      ];
    },
    install:
      'install Chromium or Google Chrome (Debian/Ubuntu: apt-get install chromium; macOS/Windows: google.com/chrome)',
    suites: 'the browser end-to-end tests (test/e2e)',
  },
  libreoffice: {
    title: 'LibreOffice',
    envVar: 'PIXEL_LEDGER_SOFFICE',
    commands: ['soffice', 'libreoffice'],
    places: (platform, env) => {
      if (platform === 'darwin') return ['/Applications/LibreOffice.app/Contents/MacOS/soffice'];
      if (platform === 'win32')
        return windowsFolders(env).map((dir) => path.win32.join(dir, 'LibreOffice', 'program', 'soffice.exe'));
      return [
        '/usr/bin/soffice',
        '/usr/local/bin/soffice',
        '/usr/lib/libreoffice/program/soffice',
        '/snap/bin/libreoffice',
      ];
    },
    install:
      'install LibreOffice Calc (Debian/Ubuntu: apt-get install libreoffice-calc-nogui; macOS/Windows: libreoffice.org)',
    suites: 'the Excel formula proofs and print tests (test/workbook: recalc, libreoffice-import, print-pdf)',
  },
  poppler: {
    title: 'poppler (pdftotext)',
    envVar: 'PIXEL_LEDGER_PDFTOTEXT',
    commands: ['pdftotext'],
    places: (platform) => {
      if (platform === 'darwin') return ['/opt/homebrew/bin/pdftotext', '/usr/local/bin/pdftotext'];
      if (platform === 'win32') return [];
      return ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'];
    },
    install:
      'install poppler (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler; Windows: poppler for Windows)',
    suites: 'the print tests (test/workbook/print-pdf)',
  },
};

export interface FindOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** Whether a path is an existing file (tests pass a fake file system). */
  readonly isFile?: (candidate: string) => boolean;
}

function isFileOnDisk(candidate: string): boolean {
  try {
    return statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/** The executables named `command` on PATH (with Windows' PATHEXT endings). */
function onPath(command: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const folders = (env['PATH'] ?? env['Path'] ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const endings = platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return folders.flatMap((folder) => endings.map((ending) => pathApi.join(folder, `${command}${ending}`)));
}

/** Looks for a tool: its environment variable, then PATH, then where its installers put it (Chromium before Chrome). */
export function findTool(name: ToolName, options: FindOptions = {}): FoundTool {
  const spec = TOOLS[name];
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const isFile = options.isFile ?? isFileOnDisk;
  const chosen = env[spec.envVar];
  if (chosen !== undefined && chosen !== '') {
    return isFile(chosen) ? { path: chosen } : { missing: `${spec.envVar}=${chosen} is not a file` };
  }
  const candidates = [...spec.commands.flatMap((c) => onPath(c, env, platform)), ...spec.places(platform, env)];
  const found = candidates.find(isFile);
  if (found !== undefined) return { path: found };
  return { missing: `${spec.title} was not found (on PATH as ${spec.commands.join(', ')}, or where it installs)` };
}

/** The one line a run prints when a tool is missing: what is skipped (or, in CI, cannot run), what to install. */
export function missingToolLine(name: ToolName, found: { readonly missing: string }, ci = false): string {
  const spec = TOOLS[name];
  const outcome = ci ? 'cannot run' : 'are skipped';
  return `${found.missing}, so ${spec.suites} ${outcome}: ${spec.install}, or set ${spec.envVar} to its executable.`;
}

/** CI is set (to anything but "", "0" or "false"): every tool must be there. */
export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env['CI'] ?? '').trim().toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}

/**
 * For `describe.skipIf(!hasTool('chromium'))`: whether the tool is there. A missing tool means a skip on a
 * developer's machine (tools-setup.ts prints the one line) and an error in CI, which fails the file.
 */
export function hasTool(name: ToolName): boolean {
  const found = findTool(name);
  if ('path' in found) return true;
  if (inCi()) throw new Error(`CI is set, and ${missingToolLine(name, found, true)}`);
  return false;
}

/** The tool's path, or an error saying what to install (for harnesses used outside a skipping suite). */
export function requireTool(name: ToolName): string {
  const found = findTool(name);
  if ('path' in found) return found.path;
  throw new Error(missingToolLine(name, found));
}
