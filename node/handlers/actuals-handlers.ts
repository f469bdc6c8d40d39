import { parseMappingProfile, serializeMappingProfile } from '../../shared/actuals/read';
import { rejectedRowsCsv } from '../../shared/actuals/rejected-csv';
import type { ActualsFileRef, ActualsReadFindings } from '../../shared/ipc/actuals-contract';
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../files/atomic-write';
import { describeFsError } from '../files/describe-fs-error';
import { readMappingProfiles, saveMappingProfile } from '../files/mapping-profiles';
import {
  type ActualsFileSource,
  CANCELED,
  type ReadProgress,
  sniffActualsFile,
  sourceFileName,
} from '../io/actuals-file';
import { type ReadFindings, previewActualsFile } from '../io/actuals-import';
import type { HandlerMap } from './handler-types';
import { createPriceBook } from '../../shared/pricing/price-book';
import { spendChangeOf } from '../../shared/reconcile/spend-groups';

type ActualsHandlers = Pick<
  HandlerMap,
  | 'actuals:pick'
  | 'actuals:sniff'
  | 'actuals:preview'
  | 'actuals:progress'
  | 'actuals:cancel'
  | 'actuals:export-rejected'
  | 'actuals:profiles'
  | 'actuals:save-profile'
  | 'actuals:export-profile'
  | 'actuals:load-profile'
>;

function sourceOf(file: ActualsFileRef): ActualsFileSource {
  if (file.kind === 'path') return file;
  return { kind: 'bytes', name: file.name, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) };
}

function findings(read: ReadFindings): ActualsReadFindings {
  return {
    status: read.status,
    source: read.source.source,
    measure: read.source.measure,
    how: read.source.how,
    encoding: read.dialect.encoding,
    container: read.dialect.container,
    delimiter: read.dialect.delimiter,
    decimalSeparator: read.dialect.decimalSeparator,
    dateOrder: read.dialect.dateOrder,
    header: read.header,
    choices: read.choices,
    notes: read.notes,
  };
}

/**
 * The import-actuals flow's handlers. A preview reads the whole file (streamed, node/io/actuals-import.ts)
 * while the page polls its progress under the id it chose and may cancel it; the page commits the preview
 * itself, as one undoable plan edit. The preview comes with what its import changes in billed and metered
 * money (the file's batch is read here already): the page finds with it the gateway spend the import would
 * count beside the bill without reading the batch itself, which would hold it up on a large file.
 */
export function createActualsHandlers(): ActualsHandlers {
  const running = new Map<string, { controller: AbortController; progress: ReadProgress | null }>();
  return {
    ...profileHandlers,
    async 'actuals:pick'(_args, ctx) {
      const path = await ctx.dialogs.chooseOpenPath('actuals');
      return path === null ? { ok: false, canceled: true } : { ok: true, path };
    },
    async 'actuals:sniff'({ file, profiles }) {
      const source = sourceOf(file);
      const fileName = sourceFileName(source);
      try {
        return await sniffActualsFile(source, profiles);
      } catch (error) {
        return { ...EMPTY_SNIFF, fileName, error: `${fileName} cannot be read: ${describeFsError(error, 'read')}` };
      }
    },
    async 'actuals:preview'({ readId, file, ledger, priceEntries, choices, today }, ctx) {
      const entry = { controller: new AbortController(), progress: null as ReadProgress | null };
      running.set(readId, entry);
      try {
        const result = await previewActualsFile(
          ledger,
          sourceOf(file),
          {
            read: { today, ...choices },
            importedAt: ctx
              .now()
              .toISOString()
              .replace(/\.\d{3}Z$/, 'Z'),
            profileName: choices.profile?.name ?? null,
            priceBook: createPriceBook(priceEntries),
          },
          { signal: entry.controller.signal, onProgress: (p) => (entry.progress = p) },
        );
        if (result === CANCELED) return { ok: false, canceled: true };
        if (result.kind === 'refused') return { ok: false, error: result.error };
        if (result.kind === 'needs-choice')
          return { ok: false, findings: findings(result.read), rejected: result.rejected.slice(0, 1000) };
        return {
          ok: true,
          findings: findings(result.read),
          preview: result.preview,
          spendChange: spendChangeOf(ledger, result.preview.batch),
        };
      } finally {
        running.delete(readId);
      }
    },
    async 'actuals:progress'({ readId }) {
      return running.get(readId)?.progress ?? null;
    },
    async 'actuals:cancel'({ readId }) {
      const entry = running.get(readId);
      entry?.controller.abort();
      return { ok: entry !== undefined };
    },
    async 'actuals:export-rejected'({ rows, suggestedName, path }, ctx) {
      const target = path ?? (await ctx.dialogs.chooseSavePath('csv', suggestedName));
      if (target === null) return { ok: false, canceled: true };
      const written = await writeFileAtomically(target, rejectedRowsCsv(rows), { keepBackup: false });
      return written.ok
        ? { ok: true, path: target }
        : { ok: false, error: `could not write ${target}: ${written.error.reason}` };
    },
  };
}

const EMPTY_SNIFF = {
  sizeBytes: 0,
  encoding: null,
  container: null,
  delimiter: null,
  decimalSeparator: '.' as const,
  source: null,
  header: [],
  rows: [],
  dateOrder: { order: null, how: 'not-needed' as const, proof: null, examples: [] },
  suggested: {},
  profile: null,
};

/** Saved column mappings: kept beside the preferences, exported to and loaded from JSON files. */
const profileHandlers: Pick<
  HandlerMap,
  'actuals:profiles' | 'actuals:save-profile' | 'actuals:export-profile' | 'actuals:load-profile'
> = {
  async 'actuals:profiles'(_args, ctx) {
    return { profiles: await readMappingProfiles(ctx.userDataDir) };
  },
  async 'actuals:save-profile'({ profile }, ctx) {
    return { ok: await saveMappingProfile(ctx.userDataDir, profile) };
  },
  async 'actuals:export-profile'({ profile, path }, ctx) {
    const target = path ?? (await ctx.dialogs.chooseSavePath('profile', `${profile.name}.json`));
    if (target === null) return { ok: false, canceled: true };
    const written = await writeFileAtomically(target, serializeMappingProfile(profile), { keepBackup: false });
    return written.ok
      ? { ok: true, path: target }
      : { ok: false, error: `could not write ${target}: ${written.error.reason}` };
  },
  async 'actuals:load-profile'({ path }, ctx) {
    const source = path ?? (await ctx.dialogs.chooseOpenPath('profile'));
    if (source === null) return { ok: false, canceled: true };
    let text: string;
    try {
      text = await readFile(source, 'utf8');
    } catch (error) {
      return { ok: false, error: `${source} cannot be read: ${describeFsError(error, 'read')}` };
    }
    const parsed = parseMappingProfile(text);
    if (!parsed.ok) return { ok: false, error: `${source}: ${parsed.error}` };
    await saveMappingProfile(ctx.userDataDir, parsed.value);
    return { ok: true, profile: parsed.value };
  },
};
