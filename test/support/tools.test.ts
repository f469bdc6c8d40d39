import { afterEach, describe, expect, it, vi } from 'vitest';
import checkTools from './tools-setup';
import { findTool, hasTool, inCi, missingToolLine } from './tools';

/** Finding Chromium and LibreOffice on each OS, and what a run does when one is missing. */

/** A fake disk holding exactly these files. */
function disk(...files: string[]): (candidate: string) => boolean {
  return (candidate) => files.includes(candidate);
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('finding the tools', () => {
  it('the environment variable wins, and names the problem when it points at nothing', () => {
    const env = { PIXEL_LEDGER_CHROMIUM: '/opt/chrome/chrome', PATH: '/usr/bin' };
    expect(
      findTool('chromium', { env, platform: 'linux', isFile: disk('/opt/chrome/chrome', '/usr/bin/chromium') }),
    ).toEqual({
      path: '/opt/chrome/chrome',
    });
    expect(findTool('chromium', { env, platform: 'linux', isFile: disk('/usr/bin/chromium') })).toEqual({
      missing: 'PIXEL_LEDGER_CHROMIUM=/opt/chrome/chrome is not a file',
    });
    expect(
      findTool('libreoffice', {
        env: { PIXEL_LEDGER_SOFFICE: '/x/soffice' },
        platform: 'linux',
        isFile: disk('/x/soffice'),
      }),
    ).toEqual({ path: '/x/soffice' });
  });

  it.each([
    [
      'chromium',
      { PATH: '/home/u/bin:/usr/bin' },
      ['/home/u/bin/google-chrome', '/usr/bin/chromium'],
      '/usr/bin/chromium',
    ],
    ['chromium', { PATH: '/nowhere' }, ['/usr/bin/chromium-browser'], '/usr/bin/chromium-browser'],
    ['chromium', { PATH: '' }, ['/snap/bin/chromium'], '/snap/bin/chromium'],
    ['libreoffice', { PATH: '/usr/local/bin' }, ['/usr/local/bin/libreoffice'], '/usr/local/bin/libreoffice'],
    ['libreoffice', { PATH: '' }, ['/usr/lib/libreoffice/program/soffice'], '/usr/lib/libreoffice/program/soffice'],
  ] as const)('Linux: %s with %j finds %j', (tool, env, files, expected) => {
    expect(findTool(tool, { env, platform: 'linux', isFile: disk(...files) })).toEqual({ path: expected });
  });

  it('macOS: the application bundles', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    const soffice = '/Applications/LibreOffice.app/Contents/MacOS/soffice';
    const options = { env: { PATH: '/usr/bin' }, platform: 'darwin' as const, isFile: disk(chrome, soffice) };
    expect(findTool('chromium', options)).toEqual({ path: chrome });
    expect(findTool('libreoffice', options)).toEqual({ path: soffice });
  });

  it('Windows: Program Files, the per-user folder and PATH with its endings', () => {
    const env = {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
      PATH: 'C:\\Windows;C:\\Tools',
      PATHEXT: '.COM;.EXE',
    };
    const chrome = 'C:\\Users\\ana\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    const soffice = 'C:\\Program Files\\LibreOffice\\program\\soffice.exe';
    expect(findTool('chromium', { env, platform: 'win32', isFile: disk(chrome) })).toEqual({ path: chrome });
    expect(findTool('libreoffice', { env, platform: 'win32', isFile: disk(soffice) })).toEqual({ path: soffice });
    expect(findTool('libreoffice', { env, platform: 'win32', isFile: disk('C:\\Tools\\soffice.EXE') })).toEqual({
      path: 'C:\\Tools\\soffice.EXE',
    });
  });

  it('a missing tool is one line: what is skipped, what to install, which variable overrides', () => {
    const found = findTool('libreoffice', { env: { PATH: '' }, platform: 'linux', isFile: disk() });
    expect('missing' in found).toBe(true);
    if (!('missing' in found)) return;
    const line = missingToolLine('libreoffice', found);
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^LibreOffice was not found .*, so the Excel formula proofs .* are skipped: /);
    expect(line).toContain('apt-get install libreoffice-calc-nogui');
    expect(line).toContain('PIXEL_LEDGER_SOFFICE');
  });
});

describe('what a run does without a tool', () => {
  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['', false],
    ['0', false],
    ['false', false],
    ['FALSE', false],
  ])('CI=%j counts as CI: %s', (value, expected) => {
    expect(inCi({ CI: value })).toBe(expected);
  });

  it('on a developer machine the suites skip and the run prints one line per missing tool', () => {
    vi.stubEnv('CI', '');
    vi.stubEnv('PIXEL_LEDGER_CHROMIUM', '/nonexistent/chromium');
    vi.stubEnv('PIXEL_LEDGER_SOFFICE', '/nonexistent/soffice');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(hasTool('chromium')).toBe(false);
    checkTools();
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(
        /^\[pixel-ledger tests\] PIXEL_LEDGER_CHROMIUM=\/nonexistent\/chromium is not a file, so the browser/,
      ),
      expect.stringMatching(
        /^\[pixel-ledger tests\] PIXEL_LEDGER_SOFFICE=\/nonexistent\/soffice is not a file, so the Excel/,
      ),
    ]);
  });

  it('in CI a missing tool fails the run and the suite instead of skipping', () => {
    vi.stubEnv('CI', 'true');
    vi.stubEnv('PIXEL_LEDGER_CHROMIUM', '/nonexistent/chromium');
    expect(() => checkTools()).toThrow(/CI is set and a tool the tests need is missing:\nPIXEL_LEDGER_CHROMIUM=/);
    expect(() => checkTools()).toThrow(/the browser end-to-end tests \(test\/e2e\) cannot run: install Chromium/);
    expect(() => hasTool('chromium')).toThrow(
      /^CI is set, and PIXEL_LEDGER_CHROMIUM=\/nonexistent\/chromium is not a file/,
    );
  });
});
