/**
 * The child process of the kill -9 loop (test/node/kill-loop.test.ts): writes, as fast as it can and
 * until it is killed, a plan saved with its backup and a CLI -o output, alternating two versions of
 * each. It calls the one atomic writer with exactly the options the app's save (savePlanFile: keep a
 * backup, the text in pieces) and the CLI's -o (writeOutputFile with --force: replace, no backup) use; it
 * imports nothing else, so it starts fast enough for hundreds of runs. Prints "ready" once before the
 * first write.
 * Arguments: <folder> <version A file> <version B file>.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../../../node/files/atomic-write';

const [folder = '.', ...versionFiles] = process.argv.slice(2);
const versions = versionFiles.map((file) => readFileSync(file, 'utf8'));

/** The text in four pieces, cut at line breaks as a save cuts a plan's text between rows. */
function* inPieces(text: string): Generator<string> {
  let start = 0;
  for (let piece = 1; piece < 4; piece++) {
    const end = text.indexOf('\n', Math.floor((text.length * piece) / 4));
    if (end < 0) break;
    yield text.slice(start, end + 1);
    start = end + 1;
  }
  yield text.slice(start);
}

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  for (let i = 0; ; i += 1) {
    const text = versions[i % versions.length] ?? '';
    const saved = await writeFileAtomically(
      path.join(folder, 'saved.pxplan'),
      { pieces: inPieces(text) },
      {
        keepBackup: true,
      },
    );
    if (!saved.ok) throw new Error(saved.error.reason);
    const output = await writeFileAtomically(path.join(folder, 'cli-output.pxplan'), text, {
      keepBackup: false,
      replace: true,
    });
    if (!output.ok) throw new Error(output.error.reason);
  }
}

void main();
