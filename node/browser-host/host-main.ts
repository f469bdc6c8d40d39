import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RENDERER_DIR, startBrowserHost } from './server';

/**
 * `npm run host -- [--port N] [--user-data-dir DIR] [--renderer-dir DIR] [--test-endpoints] [PLAN.pxplan]`:
 * the browser host for a person, on a fixed port, until Ctrl+C; it prints its address with the token. Tests start it in-process with startBrowserHost instead.
 */

interface CliOptions {
  port: number;
  userDataDir: string;
  rendererDir: string;
  launchPath: string | null;
  testEndpoints: boolean;
}

function parseCliArguments(argv: readonly string[]): CliOptions {
  const options: CliOptions = {
    port: 5780,
    userDataDir: path.join(os.homedir(), '.pixel-ledger-browser-host'),
    rendererDir: DEFAULT_RENDERER_DIR,
    launchPath: null,
    testEndpoints: false,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      i += 1;
      return next;
    };
    if (arg === '--port') options.port = Number(value());
    else if (arg === '--user-data-dir') options.userDataDir = path.resolve(value());
    else if (arg === '--renderer-dir') options.rendererDir = path.resolve(value());
    else if (arg === '--test-endpoints') options.testEndpoints = true;
    else if (arg === '--help') {
      console.log(
        'usage: npm run host -- [--port N] [--user-data-dir DIR] [--renderer-dir DIR] [--test-endpoints] [PLAN.pxplan]',
      );
      process.exit(0);
    } else if (arg.startsWith('--')) throw new Error(`unknown option ${arg} (try --help)`);
    else options.launchPath = path.resolve(arg);
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
    throw new Error('--port must be a whole number from 0 to 65535');
  return options;
}

async function main(): Promise<void> {
  const options = parseCliArguments(process.argv.slice(2));
  const host = await startBrowserHost(options);
  console.log(`Pixel Ledger browser host: ${host.openUrl}  (app state in ${host.userDataDir})`);
  console.log('Open that address (it holds this launch’s secret token); without the token every request is refused.');
  if (options.testEndpoints) {
    console.log(
      `Dialogs: curl -X POST -H 'content-type: application/json' -H 'x-pixel-ledger-token: ${host.token}' -d '{"path":"/abs/plan.pxplan"}' ${host.url}/__test/next-open-path`,
    );
  }
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
