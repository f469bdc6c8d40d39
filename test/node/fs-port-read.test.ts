import { appendFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../node/files/fs-port';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs();

describe('nodeFs.readFile reads a file whole, byte for byte', () => {
  it('gives every byte of a large file (several of fs.readFile chunks)', async () => {
    const file = path.join(await tempDir(), 'big.pxplan');
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    await writeFile(file, bytes);
    expect(Buffer.from(await nodeFs.readFile(file)).equals(bytes)).toBe(true);
  });

  it('gives an empty file as no bytes, and a small file as itself', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'empty'), '');
    await writeFile(path.join(dir, 'small'), 'é{}');
    expect((await nodeFs.readFile(path.join(dir, 'empty'))).byteLength).toBe(0);
    expect(Buffer.from(await nodeFs.readFile(path.join(dir, 'small'))).toString('utf8')).toBe('é{}');
  });

  it('reads a file that reports no size on to its end (/proc)', async () => {
    const text = Buffer.from(await nodeFs.readFile('/proc/self/status')).toString('utf8');
    expect(text).toMatch(/^Name:/);
    expect(text).toMatch(/\nPid:\s+\d+/);
  });

  it('reads on past the size it was opened at when the file grows', async () => {
    const file = path.join(await tempDir(), 'growing');
    await writeFile(file, 'a'.repeat(70_000));
    const reading = nodeFs.readFile(file);
    await appendFile(file, 'b'.repeat(10));
    const length = (await reading).byteLength;
    // Either the append landed before the read reached the end, or after: never a torn or padded read.
    expect([70_000, 70_010]).toContain(length);
  });

  it('refuses a path that is not there, as fs.readFile does', async () => {
    await expect(nodeFs.readFile(path.join(await tempDir(), 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
