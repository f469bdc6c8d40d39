import type { z } from 'zod';
import type { REQUESTS, RequestChannel, RequestResult } from '../../shared/ipc/contract';

/** What a file dialog is for: its filters. 'actuals': a usage or cost export; 'csv': rejected rows; 'profile': a mapping. */
export type DialogKind = 'plan' | 'xlsx' | 'actuals' | 'csv' | 'profile';

/** File dialogs, behind a port: Electron shows native dialogs; the browser host answers with test paths. */
export interface DialogPort {
  /** Returns the chosen path, or null when the user cancelled. */
  chooseOpenPath(kind: DialogKind): Promise<string | null>;
  /** `folder`: where the dialog starts (the plan's own folder for an export); null = where it last was. */
  chooseSavePath(kind: DialogKind, suggestedName: string, folder?: string | null): Promise<string | null>;
}

/** Everything a handler may use besides its arguments. Same shape in Electron and in the browser host. */
export interface HandlerContext {
  readonly dialogs: DialogPort;
  /** Folder for app state: recent list, recovery file, window state. */
  readonly userDataDir: string;
  readonly appVersion: string;
  readonly shell: 'electron' | 'browser';
  /** Plan file passed on the command line at start, if any. */
  readonly launchPath: string | null;
  readonly now: () => Date;
  /**
   * Per request, where the transport can start sending a plan file's bytes while the handler still
   * validates them (the browser host streams them, so the page parses as the host checks; router.ts).
   * Given only bytes that begin as a plan does; the handler's result still decides whether the plan opens.
   */
  readonly sendPlanBytesEarly?: (bytes: Uint8Array) => Promise<void>;
}

export type RequestHandler<C extends RequestChannel> = (
  args: z.output<(typeof REQUESTS)[C]['args']>,
  ctx: HandlerContext,
) => Promise<RequestResult<C>>;

export type HandlerMap = { [C in RequestChannel]: RequestHandler<C> };
