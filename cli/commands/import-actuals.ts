import path from 'node:path';
import { groupRejectedRows, type RejectedGroup } from '../../shared/actuals/rejected-groups';
import { ACTUAL_SOURCES, type ActualSource, type RejectedRow } from '../../shared/actuals/actual-record';
import { commitImport } from '../../shared/actuals/ledger/commit-import';
import { missingRateCurrency, parseRates } from '../../shared/actuals/read/read-context';
import { type ImportPreview, previewAmountText } from '../../shared/actuals/ledger/import-types';
import { createPriceBook, type PriceBook } from '../../shared/pricing/price-book';
import type { ActualsLedger } from '../../shared/actuals/ledger/ledger-schema';
import {
  createMappingProfile,
  DATE_ORDERS,
  type DateOrder,
  MAPPING_FIELDS,
  type MappingField,
  type MappingProfile,
  parseMapArgument,
  parseMappingProfile,
  serializeMappingProfile,
} from '../../shared/actuals/read';
import { serializePlan } from '../../shared/plan/plan-document';
import { CANCELED, checkReadable, sniffActualsFile } from '../../node/io/actuals-file';
import { type FileImport, type FileImportOptions, previewActualsFile } from '../../node/io/actuals-import';
import { describeFsError } from '../../node/files/describe-fs-error';
import { CliError, type OptionSpec, type ParsedArgs, UsageError } from '../args';
import type { CliIo, Command } from '../command';
import { loadPlanFile, planOutputPath, writeOutputFile } from '../files';
import { counted, integer, usdRoundedText } from '../format';
import { meteredOverlapWarning, unpricedUsageLines } from './common';
import { ledgerMeteredOverlaps } from '../../shared/reconcile/import-overlaps';
import { microToDecimalString } from '../../shared/money/format';

const SOURCES = ['auto', ...ACTUAL_SOURCES] as const;

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'output',
    short: 'o',
    kind: 'string',
    valueName: 'OUT.pxplan',
    example: 'plan-with-actuals.pxplan',
    description: 'where to write the plan with the imported actuals (written atomically)',
  },
  {
    name: 'source',
    kind: 'string',
    valueName: 'SOURCE',
    example: 'openai-costs',
    description: `the kind of export: ${SOURCES.join(', ')} (default auto: recognised from the header or shape)`,
  },
  {
    name: 'profile',
    kind: 'string',
    valueName: 'PROFILE.json',
    description: "a saved column mapping for any other CSV (--save-profile's file, or the app's Export mapping…)",
  },
  {
    name: 'map',
    kind: 'repeatable',
    valueName: 'FIELD=COLUMN',
    example: '"amount=Kosten (USD)"',
    description: `map a column of any other CSV to a field (repeatable); fields: ${MAPPING_FIELDS.join(', ')}`,
  },
  {
    name: 'date-format',
    kind: 'string',
    valueName: 'ISO|DMY|MDY',
    example: 'DMY',
    description: 'how dates such as 03/04/2026 read: DMY (3 April) or MDY (March 4); asked, never guessed',
  },
  {
    name: 'rate',
    kind: 'repeatable',
    valueName: 'CUR=PER_USD',
    example: 'EUR=0.92',
    description: 'units of a currency per 1 USD, for amounts not in USD (repeatable)',
  },
  {
    name: 'save-profile',
    kind: 'string',
    valueName: 'NAME',
    example: 'finance-ledger',
    description: 'keep the --map mapping as NAME.json (load it next time with --profile NAME.json)',
  },
  { name: 'dry-run', kind: 'flag', description: 'read and preview only: write nothing' },
  { name: 'force', kind: 'flag', description: 'overwrite OUT.pxplan if it exists' },
  { name: 'json', kind: 'flag', description: 'print one JSON object (money as exact decimal strings)' },
];

/** What the user asked for, checked before any file is read. */
interface ImportRequest {
  readonly plan: string;
  readonly files: readonly string[];
  readonly output: string;
  readonly source: ActualSource | 'auto';
  readonly dateOrder: DateOrder | null;
  readonly rates: Readonly<Record<string, string>>;
  readonly profile: MappingProfile | null;
  readonly columns: Partial<Record<MappingField, string>>;
}

function readSource(text: string | undefined): ActualSource | 'auto' {
  if (text === undefined) return 'auto';
  const found = SOURCES.find((s) => s === text.trim().toLowerCase());
  if (found === undefined)
    throw new UsageError(`--source "${text}" is not a source: choose one of ${SOURCES.join(', ')}`);
  return found;
}

function readDateOrder(text: string | undefined): DateOrder | null {
  if (text === undefined) return null;
  const found = DATE_ORDERS.find((d) => d === text.trim().toUpperCase());
  if (found === undefined) throw new UsageError(`--date-format "${text}" is not a date format: choose ISO, DMY or MDY`);
  return found;
}

function readRates(texts: readonly string[]): Record<string, string> {
  const rates: Record<string, string> = {};
  for (const text of texts) {
    const match = /^\s*([A-Za-z]{3})\s*=\s*(\S+)\s*$/.exec(text);
    if (!match?.[1] || !match[2]) throw new UsageError(`--rate takes CUR=PER_USD, e.g. --rate EUR=0.92; got "${text}"`);
    rates[match[1].toUpperCase()] = match[2];
  }
  // A rate that is not a positive number is a bad argument (exit 2), found before any file is read.
  const parsed = parseRates(rates);
  if ('error' in parsed) throw new UsageError(`--rate: ${parsed.error}, e.g. --rate EUR=0.92`);
  return rates;
}

function readColumns(texts: readonly string[]): Partial<Record<MappingField, string>> {
  const columns: Partial<Record<MappingField, string>> = {};
  for (const text of texts) {
    const parsed = parseMapArgument(text);
    if (!parsed.ok) throw new UsageError(parsed.error);
    const [field, column] = parsed.value;
    if (columns[field] !== undefined) throw new UsageError(`--map ${field}= is given twice: map each field once`);
    columns[field] = column;
  }
  return columns;
}

async function loadProfile(io: CliIo, file: string | undefined): Promise<MappingProfile | null> {
  if (file === undefined) return null;
  let bytes: Uint8Array;
  try {
    bytes = await io.fs.readFile(file);
  } catch (error) {
    throw new CliError(`--profile ${file}: ${describeFsError(error, 'read')}`);
  }
  const parsed = parseMappingProfile(new TextDecoder().decode(bytes));
  if (!parsed.ok) throw new CliError(`--profile ${file}: ${parsed.error}`);
  return parsed.value;
}

async function readRequest(args: ParsedArgs, io: CliIo): Promise<ImportRequest> {
  const [plan, ...files] = args.positionals;
  const example = 'plan.pxplan costs.csv -o plan-with-actuals.pxplan';
  if (plan === undefined || files.length === 0)
    throw new UsageError(`import-actuals needs a plan and at least one file: pixel-ledger import-actuals ${example}`);
  const dryRun = args.flag('dry-run');
  const output = dryRun && !args.has('output') ? '' : planOutputPath(args, 'an output plan (-o)', example);
  const columns = readColumns(args.strings('map'));
  const source = readSource(args.string('source'));
  const mapped = Object.keys(columns).length > 0;
  if (mapped && source !== 'auto' && source !== 'csv')
    throw new UsageError(`--map is for any other CSV (--source csv), not for --source ${source}`);
  if (args.has('save-profile') && !mapped)
    throw new UsageError('--save-profile keeps a --map mapping: give the columns with --map FIELD=COLUMN');
  if (mapped && args.has('profile')) throw new UsageError('give either --profile or --map, not both');
  return {
    plan,
    files,
    output,
    source: mapped ? 'csv' : source,
    dateOrder: readDateOrder(args.string('date-format')),
    rates: readRates(args.strings('rate')),
    profile: await loadProfile(io, args.string('profile')),
    columns,
  };
}

/** The --map columns as a profile, checked against the file's header (read from its first bytes). */
function mappingFor(request: ImportRequest, name: string, header: readonly string[]): MappingProfile {
  const made = createMappingProfile({
    name,
    header,
    columns: request.columns,
    ...(request.dateOrder !== null ? { dateOrder: request.dateOrder } : {}),
  });
  if (!made.ok) throw new CliError(`--map: ${made.error}`);
  return made.value;
}

interface Imported {
  readonly file: string;
  readonly preview: ImportPreview;
}

/** Every file previewed against the ledger as the earlier files left it; a file that cannot be read stops it all. */
async function importFiles(
  request: ImportRequest,
  io: CliIo,
  start: ActualsLedger,
  profileName: string,
  book: PriceBook,
): Promise<{ ledger: ActualsLedger; imported: Imported[]; profiles: MappingProfile[] }> {
  let ledger = start;
  const imported: Imported[] = [];
  const profiles: MappingProfile[] = [];
  const importedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const file of request.files) {
    const options = (profile: MappingProfile | null): FileImportOptions => ({
      read: {
        today: io.today,
        source: request.source,
        profile,
        dateOrder: request.dateOrder,
        rates: request.rates,
      },
      importedAt,
      profileName: profile?.name ?? null,
      priceBook: book,
    });
    let profile = request.profile;
    if (Object.keys(request.columns).length > 0) {
      // The mapping is checked against this file's header, read from its first bytes.
      const header = await headerOf(file);
      if (header !== null) profiles.push((profile = mappingFor(request, profileName, header)));
    }
    const preview = previewOf(file, await previewActualsFile(ledger, { kind: 'path', path: file }, options(profile)));
    const committed = commitImport(ledger, preview);
    if (!committed.ok) throw new CliError(`${file}: ${committed.error}`);
    ledger = committed.value;
    imported.push({ file, preview });
  }
  return { ledger, imported, profiles };
}

/** A CSV's header for --map, or null when the file has none (the read then says why). */
async function headerOf(file: string): Promise<readonly string[] | null> {
  if ((await checkReadable({ kind: 'path', path: file })) !== null) return null;
  const sniff = await sniffActualsFile({ kind: 'path', path: file });
  return sniff.error === null && sniff.container === 'csv' ? sniff.header : null;
}

function previewOf(file: string, result: FileImport | typeof CANCELED): ImportPreview {
  if (result === CANCELED) throw new CliError(`${file}: the read was cancelled`);
  if (result.kind === 'refused') throw new CliError(result.error);
  if (result.kind === 'needs-choice') {
    const choice = result.read.choices[0];
    if (choice?.kind === 'mapping') {
      const suggested = Object.entries(choice.suggested).map(([f, c]) => `--map "${f}=${c}"`);
      throw new CliError(
        `${file}: ${choice.message}${suggested.length > 0 ? ` (suggested: ${suggested.join(' ')})` : ''}`,
      );
    }
    throw new CliError(`${file}: ${choice?.message ?? 'the file needs a choice this command cannot make'}`);
  }
  return result.preview;
}

export const importActualsCommand: Command = {
  name: 'import-actuals',
  usage:
    'import-actuals PLAN FILE... -o OUT.pxplan [--source SOURCE] [--profile P.json | --map FIELD=COLUMN...] [options]',
  options: OPTIONS,
  details: [
    "Each FILE becomes one batch of the plan's actuals ledger (billed, metered or usage, never added together),",
    'in the order given; duplicates and overlaps with earlier batches are resolved as the preview says.',
    'Rows that cannot be imported are listed one line per problem (file, column, reason, how many, first lines;',
    '--json lists every row); the valid rows import all the same.',
    'Exit codes: 0 imported (rejected rows listed), 1 nothing imported (or a file could not be read), 2 bad arguments.',
  ].join('\n'),
  async run(args, io) {
    const request = await readRequest(args, io);
    const plan = await loadPlanFile(io, request.plan);
    const profileName = path.basename(args.string('save-profile') ?? 'mapping').replace(/\.json$/i, '');
    const book = createPriceBook(plan.priceEntries);
    const { ledger, imported, profiles } = await importFiles(request, io, plan.actuals, profileName, book);
    const added = imported.filter((i) => i.preview.batch !== null);
    if (args.flag('json')) io.stdout(JSON.stringify(toJson(imported), null, 2) + '\n');
    else io.stdout(renderText(imported, request.plan));
    if (added.length === 0) {
      io.stderr(`pixel-ledger: nothing was imported: ${nothingReason(imported, request.plan)}\n`);
      return 1;
    }
    if (args.flag('dry-run')) {
      if (!args.flag('json')) io.stdout('dry run: nothing written\n');
      return 0;
    }
    const saveAs = args.string('save-profile');
    if (saveAs !== undefined && profiles[0] !== undefined) {
      const file = `${saveAs.replace(/\.json$/i, '')}.json`;
      await writeOutputFile(io, file, serializeMappingProfile(profiles[0]), args.flag('force'));
      if (!args.flag('json')) io.stdout(`saved the mapping as ${file}: use --profile ${file} next time\n`);
    }
    await writeOutputFile(io, request.output, serializePlan({ ...plan, actuals: ledger }), args.flag('force'));
    if (!args.flag('json'))
      io.stdout(
        `wrote ${request.output}: ${counted(added.length, 'batch', 'batches')} added, ${ledger.batches.length} in the ledger\n` +
          overlapLines(ledger, request.output),
      );
    return 0;
  },
};

/**
 * Gateway spend now counted beside the bill (a LiteLLM log and a Costs export of the same requests), said
 * at once with the link that fixes it, as reconcile says it.
 */
function overlapLines(ledger: ActualsLedger, planPath: string): string {
  return ledgerMeteredOverlaps(ledger)
    .map((o) => `${meteredOverlapWarning(o, microToDecimalString(o.meteredMicro), planPath)}\n`)
    .join('');
}

/** The way out of a file imported before: take its batch out, then import it again. */
function removeFirstHint(batchId: string, planPath: string): string {
  return `remove batch ${batchId} first (pixel-ledger rollback ${planPath} --batch ${batchId} -o OUT.pxplan), then import again`;
}

function nothingReason(imported: readonly Imported[], planPath: string): string {
  return imported
    .map(({ file, preview }) =>
      preview.sameFileAs !== null
        ? `${path.basename(file)} was imported before (batch ${preview.sameFileAs.batchId}): ${removeFirstHint(preview.sameFileAs.batchId, planPath)}`
        : `${path.basename(file)} has no row that can be imported (${counted(preview.rowsRejected, 'row')} rejected)`,
    )
    .join('; ');
}

function toJson(imported: readonly Imported[]) {
  return {
    batches: imported.flatMap(({ preview: p }) =>
      p.batch === null
        ? []
        : [
            {
              id: p.batch.id,
              source: p.source,
              measure: p.measure,
              file: p.fileName,
              sha256: p.batch.sha256,
              rowsRead: p.rowsRead,
              rowsImported: p.batch.rowsImported,
              rowsRejected: p.rowsRejected,
              rowsDuplicate: p.batch.rowsDuplicate,
              rowsReplaced: p.batch.rowsReplaced,
              periodStart: p.periodStart,
              periodEnd: p.periodEnd,
              amountUsd: p.amountUsd,
              unpricedUsageByModel: p.unpricedUsage?.byModel ?? [],
            },
          ],
    ),
    rejected: imported.flatMap(({ preview: p }) => p.rejected.map(rejectedJson)),
  };
}

function rejectedJson(r: RejectedRow) {
  return { file: r.file, line: r.line, reason: r.column === null ? r.reason : `${r.column}: ${r.reason}` };
}

/** Problems listed in the text preview (each a group of rejected rows); --json lists every row. */
const SHOWN_REJECTED = 20;

/** A rejection's reason, with the flag that fixes it where there is one (a missing rate: --rate). */
function reasonText(reason: string): string {
  const currency = missingRateCurrency(reason);
  return currency === null ? reason : `${reason}, e.g. --rate ${currency}=0.92`;
}

/** "rejected line 4, amount: …", or "rejected 9,286 lines (lines 3, 8, 13, …), amount: …". */
function rejectedLine(g: RejectedGroup): string {
  const column = g.column === null ? '' : `, ${g.column}`;
  if (g.count === 1) return `rejected line ${g.firstLines[0]}${column}: ${reasonText(g.reason)}`;
  const more = g.count > g.firstLines.length ? ', …' : '';
  return `rejected ${integer(g.count)} lines (lines ${g.firstLines.join(', ')}${more})${column}: ${reasonText(g.reason)}`;
}

function renderText(imported: readonly Imported[], planPath: string): string {
  const lines: string[] = [];
  for (const { preview: p } of imported) {
    // Rounded to the micro-dollar as reconcile prints money; --json keeps the exact amount.
    const money = previewAmountText(p.amountUsd, p.measure, usdRoundedText);
    const period =
      p.periodStart === null && p.periodEnd === null
        ? 'no dates'
        : `period ${p.periodStart ?? '-'} to ${p.periodEnd ?? '-'}`;
    if (p.sameFileAs !== null) {
      lines.push(`${p.fileName}: already imported as batch ${p.sameFileAs.batchId} (same content): nothing added`);
      lines.push(
        `  to import it again (after fixing rates or mapping), ${removeFirstHint(p.sameFileAs.batchId, planPath)}`,
      );
      continue;
    }
    lines.push(
      `${p.fileName}: ${p.source} (${p.measure})${p.batch ? `, batch ${p.batch.id}` : ''}: ` +
        `${counted(p.rowsRead, 'row')} read, ${integer(p.rowsToImport)} to import, ${integer(p.rowsRejected)} rejected, ` +
        `${counted(p.rowsDuplicate, 'duplicate')}, ${integer(p.rowsReplacing)} replacing earlier imports`,
      `  ${period}; ${money}`,
    );
    for (const w of p.warnings) lines.push(`  note: ${w}`);
    const [heading, ...byModel] = unpricedUsageLines(
      p.unpricedUsage?.buckets ?? 0,
      p.unpricedUsage?.byModel ?? [],
      "in this file cannot be priced with the plan's price book",
    );
    if (heading !== undefined)
      lines.push(
        `  note: ${heading}`,
        ...byModel.map((line) => `  ${line}`),
        '    reconcile counts usage it cannot price as $0',
      );
    // One line per problem (the rows' values left out when they differ), the first SHOWN_REJECTED of them.
    const groups = groupRejectedRows(p.rejected);
    for (const g of groups.slice(0, SHOWN_REJECTED)) lines.push(`  ${rejectedLine(g)}`);
    if (groups.length > SHOWN_REJECTED) {
      const more = groups.slice(SHOWN_REJECTED).reduce((sum, g) => sum + g.count, 0);
      lines.push(`  ... and ${integer(more)} more rejected rows with other problems (--json lists them all)`);
    }
  }
  return lines.join('\n') + '\n';
}
