import { chmod, mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePlanBytes, readPlanFile, readPlanFileAsWritten, readPlanText } from '../../node/files/plan-file';
import { createHandlers } from '../../node/handlers';
import { dispatch } from '../../node/ipc/dispatch';
import { serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { handlerContext, recordingDesktop, TODAY } from './support/handler-context';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs();
const sampleText = serializePlan(createSamplePlan(TODAY));

interface BadFile {
  name: string;
  content: string | Uint8Array;
  reason: RegExp;
}

const BAD_FILES: BadFile[] = [
  {
    name: 'newer.pxplan',
    content: sampleText.replace('"schemaVersion": 4', '"schemaVersion": 7'),
    reason:
      /saved by a newer Pixel Ledger \(schema version 7; this version reads up to 4\): update Pixel Ledger to open it/,
  },
  {
    name: 'truncated.pxplan',
    content: sampleText.slice(0, 300),
    reason: /the file is not valid JSON .*so it is not a Pixel Ledger plan/,
  },
  { name: 'empty.pxplan', content: '', reason: /the file is not valid JSON/ },
  {
    name: 'package.pxplan',
    content: '{"name":"some-npm-package","version":"1.0.0"}',
    reason: /this is not a Pixel Ledger plan: the document has no schemaVersion/,
  },
  {
    name: 'photo.pxplan',
    content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x80]),
    reason: /the file is not text/,
  },
  {
    name: 'bad-row.pxplan',
    content: sampleText.replace('"finals": 24', '"finals": "lots"'),
    reason: /the plan is not valid: rows\[0\]\.finals: /,
  },
];

/** The text a fatal UTF-8 TextDecoder reads from the bytes (a byte-order mark dropped), or null. */
/** The file's text as a strict decoder reads it: UTF-16 after its byte-order mark, else UTF-8; null for neither. */
function fatalUtf8(bytes: Uint8Array): string | null {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  try {
    return utf16 === null
      ? new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      : new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
  } catch {
    return null;
  }
}
const byteOrderMark = fc.constantFrom(
  new Uint8Array(),
  new Uint8Array([0xef, 0xbb, 0xbf]),
  new Uint8Array([0xef, 0xbb]),
  new Uint8Array([0xff, 0xfe]),
  new Uint8Array([0xfe, 0xff]),
);
/** Any bytes: random, text of any characters, or bytes that are all above ASCII. */
const someBytes = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc.string({ unit: 'grapheme' }).map((t) => new TextEncoder().encode(t)),
  fc.uint8Array({ min: 0x80, maxLength: 8 }),
);

async function untouchedCheck(filePath: string): Promise<() => Promise<void>> {
  // An old, exact mtime makes any write (even of the same bytes) visible.
  const old = new Date('2020-01-02T03:04:05.000Z');
  await utimes(filePath, old, old);
  const bytes = await readFile(filePath);
  return async () => {
    expect(await readFile(filePath)).toEqual(bytes);
    expect((await stat(filePath)).mtime.toISOString()).toBe(old.toISOString());
  };
}

describe('opening a plan file that cannot be opened', () => {
  it.each(BAD_FILES)(
    '$name: says exactly why, opens nothing, never touches the file',
    async ({ name, content, reason }) => {
      const dir = await tempDir();
      const userData = await tempDir();
      const filePath = path.join(dir, name);
      await writeFile(filePath, content);
      const assertUntouched = await untouchedCheck(filePath);
      const desktop = recordingDesktop();

      const outcome = await dispatch(
        createHandlers(desktop),
        'plan:open',
        { path: filePath },
        handlerContext(userData),
      );

      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.result).toEqual({
        ok: false,
        error: expect.stringMatching(new RegExp(`^Could not open “${name.replace('.', '\\.')}”: `)),
      });
      expect(outcome.result).toEqual({ ok: false, error: expect.stringMatching(reason) });
      await assertUntouched();
      // A failed open is not a recent file.
      expect(desktop.recentFiles).toEqual([]);
      const recent = await dispatch(createHandlers(desktop), 'plan:recent', {}, handlerContext(userData));
      expect(recent).toEqual({ ok: true, result: { paths: [] } });
    },
  );

  it('a missing file, a folder and an unreadable file each say so', async () => {
    const dir = await tempDir();
    const handlers = createHandlers(recordingDesktop());
    const ctx = handlerContext(await tempDir());
    const missing = await dispatch(handlers, 'plan:open', { path: path.join(dir, 'gone.pxplan') }, ctx);
    expect(missing).toMatchObject({
      ok: true,
      result: { ok: false, error: expect.stringMatching(/^Could not open “gone\.pxplan”: the file does not exist/) },
    });

    const folder = path.join(dir, 'folder.pxplan');
    await mkdir(folder);
    const isFolder = await dispatch(handlers, 'plan:open', { path: folder }, ctx);
    expect(isFolder).toMatchObject({
      ok: true,
      result: { ok: false, error: 'Could not open “folder.pxplan”: it is a folder, not a plan file' },
    });

    if (process.getuid?.() !== 0) {
      // Root reads any file, so this case only means something for a normal user.
      const locked = path.join(dir, 'locked.pxplan');
      await writeFile(locked, sampleText);
      await chmod(locked, 0o000);
      const denied = await dispatch(handlers, 'plan:open', { path: locked }, ctx);
      expect(denied).toMatchObject({
        ok: true,
        result: { ok: false, error: expect.stringMatching(/permission denied/) },
      });
    }
  });
});

describe('opening a good plan file', () => {
  it('returns the plan with its absolute path, records it as recent, and leaves the file as it was', async () => {
    const dir = await tempDir();
    const userData = await tempDir();
    const filePath = path.join(dir, 'good.pxplan');
    await writeFile(filePath, sampleText);
    const assertUntouched = await untouchedCheck(filePath);
    const desktop = recordingDesktop();

    const outcome = await dispatch(createHandlers(desktop), 'plan:open', { path: filePath }, handlerContext(userData));

    expect(outcome).toEqual({
      ok: true,
      result: { ok: true, plan: { document: createSamplePlan(TODAY), path: filePath } },
    });
    await assertUntouched();
    expect(desktop.recentFiles).toEqual([filePath]);
  });

  it('accepts a UTF-8 byte-order mark (files edited in Windows Notepad)', async () => {
    const dir = await tempDir();
    const filePath = path.join(dir, 'bom.pxplan');
    await writeFile(filePath, `\uFEFF${sampleText}`);
    const outcome = await dispatch(
      createHandlers(recordingDesktop()),
      'plan:open',
      { path: filePath },
      handlerContext(await tempDir()),
    );
    expect(outcome).toMatchObject({ ok: true, result: { ok: true } });
  });

  it('reads bytes as a fatal UTF-8 TextDecoder does, for any bytes (its fast checks are native)', () => {
    fc.assert(
      fc.property(byteOrderMark, fc.array(someBytes, { maxLength: 4 }), (head, parts) => {
        const all = Buffer.concat([head, ...parts]);
        expect(decodePlanBytes(all)).toBe(fatalUtf8(all));
        // A view into a larger buffer reads only its own bytes.
        const padded = Uint8Array.from(Buffer.concat([Buffer.from('xx'), all, Buffer.from('yy')]));
        const view = new Uint8Array(padded.buffer, 2, all.length);
        expect(decodePlanBytes(view)).toBe(fatalUtf8(all));
      }),
      { numRuns: 3000 },
    );
  });

  it('opens a plan an editor saved as UTF-16 ("Unicode"), with its byte-order mark, little or big endian', async () => {
    const dir = await tempDir();
    for (const [name, bytes] of [
      ['le.pxplan', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sampleText, 'utf16le')])],
      ['be.pxplan', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(sampleText, 'utf16le').swap16()])],
    ] as const) {
      const file = path.join(dir, name);
      await writeFile(file, bytes);
      const read = await readPlanFile(file);
      expect(read.ok && read.value.meta.name).toBe((JSON.parse(sampleText) as { meta: { name: string } }).meta.name);
    }
  });

  it("reads a file's text as its bytes decode, or says it is not text (readPlanText)", async () => {
    const dir = await tempDir();
    let count = 0;
    const expectRead = async (all: Uint8Array) => {
      const file = path.join(dir, `${count++}.pxplan`);
      await writeFile(file, all);
      const expected = fatalUtf8(all);
      const read = await readPlanText(file);
      if (expected === null) expect(read.ok ? read.value : read.error.reason).toMatch(/^the file is not text/);
      else expect(read).toEqual({ ok: true, value: expected });
    };
    const utf8 = (text: string) => new TextEncoder().encode(text);
    // U+FFFD in the file itself is text; bytes that are not UTF-8 are not (a lax decoder reads both as U+FFFD).
    await expectRead(utf8('{"name": "a \uFFFD b"}'));
    await expectRead(utf8('\uFEFF\uFFFD'));
    await expectRead(Uint8Array.from([0x7b, 0xff, 0x7d]));
    await expectRead(Uint8Array.from([0xef, 0xbb, 0xbf, 0xed, 0xa0, 0x80])); // a byte-order mark, then a surrogate
    await fc.assert(
      fc.asyncProperty(byteOrderMark, fc.array(someBytes, { maxLength: 4 }), (head, parts) =>
        expectRead(Buffer.concat([head, ...parts])),
      ),
      { numRuns: 300 },
    );
  });

  it('asks with the Open dialog when no path is given, and a cancel opens nothing', async () => {
    const dir = await tempDir();
    const filePath = path.join(dir, 'chosen.pxplan');
    await writeFile(filePath, sampleText);
    const ctx = handlerContext(await tempDir());
    const handlers = createHandlers(recordingDesktop());

    ctx.dialogs.setNextOpenPath(filePath);
    expect(await dispatch(handlers, 'plan:open', { path: null }, ctx)).toMatchObject({
      ok: true,
      result: { ok: true, plan: { path: filePath } },
    });

    ctx.dialogs.cancelNextDialog();
    expect(await dispatch(handlers, 'plan:open', { path: null }, ctx)).toEqual({
      ok: true,
      result: { ok: false, canceled: true },
    });
    expect(ctx.dialogs.asked.map((a) => [a.type, a.kind])).toEqual([
      ['open', 'plan'],
      ['open', 'plan'],
    ]);
  });
});

describe('the bytes of a plan file that holds exactly the plan read (sent by the browser host as they are)', () => {
  async function both(name: string, content: string) {
    const filePath = path.join(await tempDir(), name);
    await writeFile(filePath, content);
    return { reference: await readPlanFile(filePath), read: await readPlanFileAsWritten(filePath) };
  }

  it('gives the file’s bytes for a plan as the app saves it, with or without a byte-order mark', async () => {
    for (const content of [sampleText, `\uFEFF${sampleText}`]) {
      const { reference, read } = await both('saved.pxplan', content);
      if (!reference.ok || !read.ok) throw new Error('the plan opens');
      expect(read.value.document).toEqual(reference.value);
      expect(Buffer.from(read.value.asWritten ?? []).toString('utf8')).toBe(sampleText);
    }
  });

  it('gives none when the plan read differs from the file: upgraded, a key dropped, keys in another order', async () => {
    const older = sampleText.replace('"schemaVersion": 4', '"schemaVersion": 3');
    const unknownKey = sampleText.replace('"schemaVersion": 4,', '"schemaVersion": 4,\n  "extra": true,');
    const { schemaVersion, ...rest } = JSON.parse(sampleText) as Record<string, unknown>;
    const reordered = JSON.stringify({ ...rest, schemaVersion });
    for (const content of [older, unknownKey, reordered]) {
      const { reference, read } = await both('changed.pxplan', content);
      if (!reference.ok || !read.ok) throw new Error('the plan opens');
      expect(read.value.document).toEqual(reference.value);
      expect(read.value.asWritten).toBeNull();
    }
  });

  it('fails as readPlanFile does, with the same message', async () => {
    for (const bad of BAD_FILES) {
      const { reference, read } = await both(bad.name, typeof bad.content === 'string' ? bad.content : '');
      expect(read).toEqual(reference);
    }
  });
});

describe('the bytes handed on before validating (the browser host sends them ahead of its verdict)', () => {
  async function handedOn(content: string | Uint8Array) {
    const filePath = path.join(await tempDir(), 'file.pxplan');
    await writeFile(filePath, content);
    const given: Uint8Array[] = [];
    const read = await readPlanFileAsWritten(filePath, undefined, async (bytes) => void given.push(bytes));
    return { reference: await readPlanFile(filePath), read, given };
  }

  it('gives a plan’s bytes once, without a byte-order mark, and reads the plan as without the hook', async () => {
    for (const content of [
      sampleText,
      `\uFEFF${sampleText}`,
      ` \n${sampleText.replace('"schemaVersion": 4', '"schemaVersion": 3')}`,
    ]) {
      const { reference, read, given } = await handedOn(content);
      if (!reference.ok || !read.ok) throw new Error('the plan opens');
      expect(read.value.document).toEqual(reference.value);
      expect(given.map((b) => Buffer.from(b).toString('utf8'))).toEqual([content.replace(/^\uFEFF/, '')]);
    }
  });

  it('gives the bytes of a file that begins as a plan but is not one, which then fails as readPlanFile does', async () => {
    for (const bad of BAD_FILES) {
      const { reference, read, given } = await handedOn(bad.content);
      expect(read).toEqual(reference);
      const beginsAsAPlan = /^\s*\{\s*"schemaVersion"\s*:\s*\d/.test(Buffer.from(bad.content).toString('utf8'));
      expect(given).toHaveLength(beginsAsAPlan ? 1 : 0);
    }
  });

  it('gives nothing of a file that does not begin as a plan', async () => {
    for (const content of [
      'root:*:20200:0:99999:7:::',
      '{"token": "SECRET", "schemaVersion": 4}',
      '[{"schemaVersion": 4}]',
      '',
    ]) {
      const { read, given } = await handedOn(content);
      expect(read.ok).toBe(false);
      expect(given).toEqual([]);
    }
  });
});

describe('plan:open names keys the file holds that this version does not read', () => {
  async function open(text: string) {
    const dir = await tempDir();
    const file = path.join(dir, 'with-keys.pxplan');
    await writeFile(file, text);
    const out = await dispatch(createHandlers(recordingDesktop()), 'plan:open', { path: file }, handlerContext(dir));
    if (!out.ok) throw new Error(out.error);
    const result = out.result as { ok: boolean; plan?: { fieldsLeftOut?: unknown } };
    expect(result.ok).toBe(true);
    return result.plan?.fieldsLeftOut;
  }

  it('each distinct key once, with how many rows hold it', async () => {
    const plan = JSON.parse(sampleText) as { rows: Record<string, unknown>[] };
    plan.rows = plan.rows.map((row) => ({ ...row, costCenter: 'CC' }));
    expect(await open(JSON.stringify({ exportedBy: 'script', ...plan }))).toEqual({
      count: 5,
      first: ['exportedBy', 'rows[].costCenter in 4 rows'],
      more: 0,
    });
  });

  it("an override's own key is named once, with how many overrides hold it", async () => {
    const plan = JSON.parse(sampleText) as { rows: { id: string }[]; scenarios: Record<string, unknown>[] };
    const overrides = plan.rows.slice(0, 3).map((r) => ({ rowId: r.id, field: 'finals', value: 5, note: 'x' }));
    plan.scenarios[0] = { ...plan.scenarios[0], overrides };
    expect(await open(JSON.stringify(plan))).toEqual({
      count: 3,
      first: ['scenarios[0].overrides[].note in 3 places'],
      more: 0,
    });
  });

  it("a key in a price entry's pricing or the actuals ledger is named, the ledger's items as one place", async () => {
    const plan = JSON.parse(sampleText) as {
      rows: { id: string }[];
      priceEntries: { pricing: object }[];
      actuals: Record<string, unknown>;
    };
    const entry = plan.priceEntries[0];
    if (entry === undefined) throw new Error('the sample plan has no price entry');
    entry.pricing = { ...entry.pricing, tier: 'enterprise' };
    plan.actuals.assignments = ['x', 'y'].map((bucket) => ({
      bucket,
      parts: [{ rowId: plan.rows[0]?.id, pct: '100', memo: 'agreed' }],
    }));
    expect(await open(JSON.stringify(plan))).toEqual({
      count: 3,
      first: ['priceEntries[0].pricing.tier', 'actuals.assignments[].parts[].memo in 2 places'],
      more: 0,
    });
  });

  it('a key of control characters or lone surrogates still opens, shown escaped and bounded', async () => {
    for (const key of ['\u0001'.repeat(40), '\ud800'.repeat(40), 'x'.repeat(500)]) {
      const text = sampleText.replace('"schemaVersion": 4', `${JSON.stringify(key)}: 1, "schemaVersion": 4`);
      const leftOut = (await open(text)) as { first: string[] };
      expect(leftOut.first).toHaveLength(1);
      expect(leftOut.first[0]?.length).toBeLessThanOrEqual(160);
      // Escaped as \u0001 and \ud800: no control character or lone surrogate reaches the page.
      expect(
        [...(leftOut.first[0] ?? '')].every(
          (c) => c.charCodeAt(0) >= 0x20 && c.length === 1 && !/[\ud800-\udfff]/.test(c),
        ),
      ).toBe(true);
    }
  });
});
