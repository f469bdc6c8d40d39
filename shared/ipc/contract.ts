import * as z from 'zod';
import { PlanDocument } from '../plan/plan-schema';
import { isValidatedPlan } from '../plan/validated-plans';
import { parseAsPlanSchema } from '../plan/plan-document';
import { ACTUALS_REQUESTS } from './actuals-contract';
import type { PackedRequest } from './packed-request';
import type { PlanBytesReply } from './plan-bytes-reply';

/**
 * The one contract between the renderer and the main process. Every request is `invoke`d on its
 * channel with one argument object and answers one result object; both sides validate with these
 * schemas (main validates arguments and results, plus the sender frame). The preload exposes exactly
 * `PreloadApi` (PixelLedgerApi, with plans read from a file sent as its bytes), which the page's bridge
 * turns into `PixelLedgerApi`; the browser host answers the same channels with the same handlers.
 */

const FilePath = z.string().min(1).max(4096);

/**
 * A plan main sends: one it validated reading the file (validated-plans.ts) is passed as it is, any
 * other is checked in full. The result check must not walk a 100k-row plan a second time.
 */
const SentPlanDocument = z.union([z.custom<PlanDocument>(isValidatedPlan), PlanDocument]);

/**
 * A plan the renderer sends (save, autosave, exports): read as PlanDocument reads it, with the same plan
 * or the same issues, but with the rows and scenarios of a plainly valid plan checked by hand
 * (parseAsPlanSchema), not walked by the schema on every save and autosave of a 100k-row plan.
 */
const ReceivedPlanDocument = z
  .custom<PlanDocument>(() => true)
  .transform((value, ctx) => {
    const read = parseAsPlanSchema(value);
    if (read.success) return read.data;
    // The schema's own issues, as they are (their paths go on from this field's).
    for (const issue of read.error.issues) ctx.issues.push({ ...issue, input: value } as (typeof ctx.issues)[number]);
    return z.NEVER;
  });

/** Where a plan came from: a file on disk, or nowhere yet (new / sample / recovered without a path). */
/** Keys not read that plan:open names (the rest are counted). */
export const FIRST_FIELDS_LEFT_OUT = 5;

export const OpenedPlan = z.object({
  document: SentPlanDocument,
  /** Absolute path of the file, or null for an unsaved plan. */
  path: FilePath.nullable(),
  /**
   * Keys the file holds that this version does not read (fieldsLeftOut): how many in all, the first few
   * distinct ones ("rows[].costCenter in 100,000 rows", "meta.department") and how many other distinct
   * ones. Absent when there are none. Saving the plan drops them, so the page says so.
   */
  fieldsLeftOut: z
    .object({
      count: z.number().int().positive(),
      first: z.array(z.string().max(200)).max(FIRST_FIELDS_LEFT_OUT),
      more: z.number().int().nonnegative(),
    })
    .optional(),
});
export type OpenedPlan = z.infer<typeof OpenedPlan>;

export const Failure = z.object({ ok: z.literal(false), error: z.string() });
export const Canceled = z.object({ ok: z.literal(false), canceled: z.literal(true) });

export const OpenResult = z.union([z.object({ ok: z.literal(true), plan: OpenedPlan }), Canceled, Failure]);
export type OpenResult = z.infer<typeof OpenResult>;

export const SaveResult = z.union([
  z.object({ ok: z.literal(true), path: FilePath }),
  Canceled,
  /** The plan's file was written by another program since this session read or saved it: nothing written. */
  z.object({ ok: z.literal(false), changedOnDisk: z.literal(true) }),
  Failure,
]);
export type SaveResult = z.infer<typeof SaveResult>;

export const RecoveryInfo = z.object({
  /** ISO timestamp of the last autosave. */
  savedAt: z.string(),
  /** The file the recovered plan belonged to, if it had one. */
  path: FilePath.nullable(),
  planName: z.string(),
});
export type RecoveryInfo = z.infer<typeof RecoveryInfo>;

/** The last plan could not be opened at start, but its backup (the version before its last save) opens. */
export const BackupOffer = z.object({
  /** The plan file that did not open; the backup is `<path>.bak`. */
  path: FilePath,
  /** ISO timestamp of the backup file. */
  savedAt: z.string(),
});
export type BackupOffer = z.infer<typeof BackupOffer>;

export const StartupState = z.object({
  /**
   * What to show first: a file passed on the command line, else the most recently opened or saved file
   * (if it still opens), else the sample plan, unsaved (node/handlers/app-handlers.ts; node/README.md).
   */
  plan: OpenedPlan,
  /** An autosave left by a session that did not close cleanly, offered for restore. */
  recovery: RecoveryInfo.nullable(),
  /** A file passed at start, or the last plan, that could not be opened, with the reason. */
  openError: z.string().nullable(),
  /** That plan's backup, offered for restore when it opens. */
  backup: BackupOffer.nullable().optional(),
});
export type StartupState = z.infer<typeof StartupState>;

export const ThemeSource = z.enum(['system', 'light', 'dark']);
export type ThemeSource = z.infer<typeof ThemeSource>;

export const MenuCommand = z.enum([
  'file:new-blank',
  'file:new-sample',
  'file:open',
  'file:save',
  'file:save-as',
  'file:close',
  'file:export-xlsx',
  'file:import-xlsx',
  /** The plan's name and owner (the workbook's About sheet shows them). */
  'file:plan-properties',
  'edit:undo',
  'edit:redo',
  'edit:cut',
  'edit:copy',
  'edit:paste',
  'edit:select-all',
  'edit:fill-down',
  'help:about',
  'help:pricing-sources',
  'help:keyboard-shortcuts',
  /** File › Import actuals… (issue 11): a usage or cost export into the plan's actuals ledger. */
  'file:import-actuals',
  /** File › Export Reconciliation as CSV… (issue 12 §7): per row planned, actual, variance, forecast. */
  'file:export-reconciliation-csv',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

const Empty = z.object({});

const HiddenColumnGroups = z.array(z.string().min(1).max(40)).max(40);

/** What the window remembers between sessions besides the theme: columns hidden, the first-start hint. */
export const UiPreferences = z.object({
  /** Column groups hidden with the grid's Columns chooser. */
  hiddenColumnGroups: HiddenColumnGroups.default([]),
  /** The one-line "what this app is" hint was dismissed. */
  firstStartHintDismissed: z.boolean().default(false),
});
export type UiPreferences = z.output<typeof UiPreferences>;

/** A change to some of them; no defaults, so a field left out stays as stored. */
const UiPreferencesChange = z.object({
  hiddenColumnGroups: HiddenColumnGroups.optional(),
  firstStartHintDismissed: z.boolean().optional(),
});

/** Request channels: argument schema and result schema. */
export const REQUESTS = {
  'app:startup': { args: z.object({ today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }), result: StartupState },
  'app:info': {
    args: Empty,
    result: z.object({ version: z.string(), platform: z.string(), shell: z.enum(['electron', 'browser']) }),
  },
  'plan:new': {
    args: z.object({ template: z.enum(['blank', 'sample']), today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    result: OpenedPlan,
  },
  /** Without a path, main asks with an Open dialog (the browser host uses the path its test supplies). */
  'plan:open': { args: z.object({ path: FilePath.nullable() }), result: OpenResult },
  /** Saves to `path`; with `saveAs` or no path, main asks for a path first. Atomic, keeps a backup. */
  'plan:save': {
    args: z.object({
      document: ReceivedPlanDocument,
      path: FilePath.nullable(),
      saveAs: z.boolean(),
      /** Write over the file even though another program changed it (the user said so). */
      overwrite: z.boolean().optional(),
    }),
    result: SaveResult,
  },
  'plan:recent': { args: Empty, result: z.object({ paths: z.array(FilePath) }) },
  /** Autosave to the recovery file while there are unsaved changes. */
  'recovery:write': {
    args: z.object({ document: ReceivedPlanDocument, path: FilePath.nullable() }),
    result: z.object({ ok: z.boolean() }),
  },
  'recovery:restore': { args: Empty, result: z.union([z.object({ ok: z.literal(true), plan: OpenedPlan }), Failure]) },
  'recovery:discard': { args: Empty, result: z.object({ ok: z.boolean() }) },
  /** The renderer reports what the title shows; main sets the window title and the edited mark. */
  'window:document-state': {
    args: z.object({ fileName: z.string().max(260), dirty: z.boolean() }),
    result: z.object({ ok: z.boolean() }),
  },
  /** After the renderer settled unsaved changes (saved or discarded), close really closes. */
  'window:close-confirmed': { args: Empty, result: z.object({ ok: z.boolean() }) },
  'shell:open-external': { args: z.object({ url: z.string().url().max(2048) }), result: z.object({ ok: z.boolean() }) },
  /**
   * Writes the plan as a workbook with live formulas; without a path main asks with a Save dialog
   * (suggesting the plan file's name and folder, `planPath`). Never writes over a plan file.
   */
  'xlsx:export': {
    args: z.object({
      document: ReceivedPlanDocument,
      scenarioId: z.string().nullable(),
      path: FilePath.nullable(),
      planPath: FilePath.nullable().optional(),
    }),
    result: SaveResult,
  },
  /**
   * Writes the reconciliation table (per row planned, actual, measure, variance, forecast; Unassigned;
   * total) as CSV, as of a day (null: the latest actual), for the active scenario. Same target rules as
   * the workbook export: never over a plan, an earlier CSV export is kept as a backup.
   */
  'reconcile:export-csv': {
    args: z.object({
      document: ReceivedPlanDocument,
      asOf: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable(),
      path: FilePath.nullable(),
      planPath: FilePath.nullable().optional(),
    }),
    result: SaveResult,
  },
  /** Reads a workbook exported by Pixel Ledger (after edits in Excel) into a plan; nothing is applied yet. */
  'xlsx:import': {
    args: z.object({ path: FilePath.nullable() }),
    result: z.union([z.object({ ok: z.literal(true), document: PlanDocument, path: FilePath }), Canceled, Failure]),
  },
  'theme:set': { args: z.object({ source: ThemeSource }), result: z.object({ ok: z.boolean(), dark: z.boolean() }) },
  /** Opens the backup offered at start (StartupState.backup) as the plan at `path`, unsaved. */
  'plan:restore-backup': { args: z.object({ path: FilePath }), result: OpenResult },
  /** Importing actuals: pick, sniff, preview with progress and cancel, export rejected rows (actuals-contract.ts). */
  ...ACTUALS_REQUESTS,
  'preferences:get': { args: Empty, result: UiPreferences },
  /** Changes the fields given and answers what is now stored. */
  'preferences:set': { args: UiPreferencesChange, result: UiPreferences },
} as const;

export type RequestChannel = keyof typeof REQUESTS;
export type RequestArgs<C extends RequestChannel> = z.input<(typeof REQUESTS)[C]['args']>;
export type RequestResult<C extends RequestChannel> = z.output<(typeof REQUESTS)[C]['result']>;

/** Events main sends to the renderer. */
export const EVENTS = {
  'menu:command': z.object({ command: MenuCommand }),
  /** A plan file to open: dropped on the dock icon, passed to a second instance, or macOS open-file. */
  'app:open-file': z.object({ path: FilePath }),
  /** The user asked to close the window while the document had unsaved changes. */
  'window:close-requested': z.object({}),
  'theme:changed': z.object({ dark: z.boolean() }),
} as const;

export type EventChannel = keyof typeof EVENTS;
export type EventPayload<C extends EventChannel> = z.output<(typeof EVENTS)[C]>;

/** What a caller may ask of a request besides its argument; a shell that cannot do it ignores it. */
export interface InvokeOptions {
  /**
   * plan:open: the plan file's contents, parsed but not yet validated by main, while main checks them (the
   * browser host sends them ahead of its verdict). Only to prepare what showing the plan needs (its
   * estimate): the plan opens only if the result says so, and as the result's document.
   */
  readonly onUnverifiedPlan?: (document: unknown) => void;
}

/** What the renderer sees as `window.pixelLedger`. The preload must `satisfies` this type. */
export interface PixelLedgerApi {
  invoke<C extends RequestChannel>(
    channel: C,
    args: RequestArgs<C>,
    options?: InvokeOptions,
  ): Promise<RequestResult<C>>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
  /**
   * The absolute path of a file dropped on the window (pass it to `plan:open`), or null where the shell
   * cannot know it (a plain browser never reveals paths).
   */
  pathForFile(file: File): string | null;
}

/**
 * What the Electron preload exposes as `window.pixelLedger`: PixelLedgerApi, except that the page's bridge
 * sends an argument as a PackedRequest (its bytes), and a result carrying a plan read from its file may
 * come as a PlanBytesReply, which the bridge turns back into the result
 * (renderer/src/bridge/preload-bridge.ts). It takes no InvokeOptions: Electron sends no plan ahead of its
 * verdict.
 */
export interface PreloadApi extends Omit<PixelLedgerApi, 'invoke'> {
  invoke<C extends RequestChannel>(
    channel: C,
    args: RequestArgs<C> | PackedRequest,
  ): Promise<RequestResult<C> | PlanBytesReply>;
}

export const REQUEST_CHANNELS = Object.keys(REQUESTS) as RequestChannel[];

export function isRequestChannel(name: string): name is RequestChannel {
  return Object.hasOwn(REQUESTS, name);
}
