import { createActualsHandlers } from '../../../node/handlers/actuals-handlers';
import type { HandlerMap } from '../../../node/handlers/handler-types';
import { dispatch } from '../../../node/ipc/dispatch';
import { ActualsImport } from '../../../renderer/src/actuals/actuals-import';
import { applyCommand, type Command } from '../../../renderer/src/state/commands';
import { emptyActualsLedger } from '../../../shared/actuals/ledger/ledger-schema';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { handlerContext } from '../../node/support/handler-context';

/**
 * The import-actuals flow (renderer/src/actuals/actuals-import.ts) against the real handlers in `dir`, through
 * the dispatcher as the page reaches them, on the sample plan with its own actuals left out (so the batches
 * and overlaps seen are the test's): the commands it runs, the messages it reports, the plan as they leave it.
 */
export function actualsFlowOnHandlers(dir: string) {
  const handlers = createActualsHandlers() as unknown as HandlerMap;
  const ctx = handlerContext(dir);
  /** What happens to the plan after the page asked for a preview, before it has the answer. */
  let whileReading = (): void => undefined;
  const api: PixelLedgerApi = {
    async invoke(channel, args) {
      const outcome = await dispatch(handlers, channel, args, ctx);
      if (channel === 'actuals:preview') whileReading();
      if (!outcome.ok) throw new Error(outcome.error);
      return outcome.result as never;
    },
    on: () => () => undefined,
    pathForFile: () => null,
  };
  let plan: PlanDocument = { ...createSamplePlan('2026-12-01'), actuals: emptyActualsLedger() };
  const commands: Command[] = [];
  const infos: string[] = [];
  const flow = new ActualsImport({
    api,
    ledger: () => plan.actuals,
    priceEntries: () => plan.priceEntries,
    today: () => '2026-12-01',
    execute: (command) => {
      commands.push(command);
      plan = applyCommand(plan, command);
    },
    reportInfo: (message) => infos.push(message),
    every: () => () => undefined,
  });
  /** Changes the plan while each later preview's file is read (an undo, an edit of the actuals). */
  const changeWhileReading = (change: (p: PlanDocument) => PlanDocument) => {
    whileReading = () => (plan = change(plan));
  };
  return { flow, commands, infos, plan: () => plan, ctx, changeWhileReading };
}
