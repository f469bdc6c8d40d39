// `npm start` runs this first: the desktop app needs a newer Node than the CLI and the tests do, and
// without this check an older one fails later with an error about Electron's download or a module.
// Plain JavaScript with no imports but Node's own, so that it runs (and says why) on any old Node.
import { pathToFileURL } from 'node:url';

/**
 * electron@45 declares engines node >= 22.12.0, and it downloads its binary the first time it runs
 * (node_modules/electron/install.js) with @electron/get 5, an ES module package that declares the same.
 */
export const APP_NODE_REQUIREMENT = '22.12.0';

function parts(version) {
  return version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);
}

/** Whether `version` ("v20.20.2" or "20.20.2") is at least `required`. */
export function isAtLeast(version, required) {
  const have = parts(version);
  const need = parts(required);
  for (let i = 0; i < 3; i += 1) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
}

/** The one line to print when this Node cannot run the desktop app, or null when it can. */
export function nodeVersionProblem(version, required = APP_NODE_REQUIREMENT) {
  if (isAtLeast(version, required)) return null;
  return (
    `Pixel Ledger's desktop app needs Node.js ${required} or newer, and this is Node ${version.replace(/^v/, '')} ` +
    `(Electron 45 and its installer require it): install the current Node LTS from nodejs.org, then run ` +
    `npm install and npm start again. The CLI and the tests run on Node 20.19 or newer.`
  );
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  const problem = nodeVersionProblem(process.version);
  if (problem !== null) {
    console.error(problem);
    process.exit(1);
  }
}
