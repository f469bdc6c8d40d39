// @vitest-environment jsdom
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useSyncExternalStore } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportActualsDialog } from '../../../renderer/src/actuals/ImportActualsDialog';
import { applyCommand, invertCommand } from '../../../renderer/src/state/commands';
import { useTempDir } from '../../support/temp-dir';
import { actualsFlowOnHandlers } from '../support/actuals-flow';

/**
 * The import dialog says, before anything is imported, that a LiteLLM log's spend sits beside the OpenAI
 * bill of the same requests (either file imported second), names the gateway team, the billed project whose
 * bill agrees and the amount, and offers to link them with the import as one undo step. The sample exports
 * are read by the real readers through the real handlers, as the page reaches them.
 */
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/actuals');
const TEAM = 'e446e707-e57d-421f-bf35-24c64a88954d';
const STOREFRONT = 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ';
const SAID = `Metered spend of project "${TEAM}" ($56.61 on 25 days) is counted beside billed cost of the same model: if its requests are on the bill, they are counted twice. Its daily spend agrees with billed project "${STOREFRONT}" on 25 of 25 days: link the two.`;
const LINK = `Link gateway team "${TEAM}" to billed project "${STOREFRONT}" with this import: counted once, as billed (one Undo takes back both)`;

const inTemp = useTempDir('pixel-ledger-import-overlap-');
afterEach(cleanup);

function setup() {
  const { flow, commands, infos, plan, changeWhileReading } = actualsFlowOnHandlers(inTemp());
  function Dialog() {
    const state = useSyncExternalStore(flow.subscribe, flow.getState);
    return <ImportActualsDialog state={state} flow={flow} />;
  }
  render(<Dialog />);
  /** The file read and previewed in the dialog, as File › Import actuals… and Preview do. */
  async function preview(name: string): Promise<void> {
    await act(async () => {
      await flow.open({ kind: 'path', path: path.join(FIXTURES, name) });
      await flow.runPreview();
    });
    expect(screen.getByTestId('actuals-counts').textContent).toMatch(/rows read/);
  }
  async function importFile(name: string): Promise<void> {
    await preview(name);
    fireEvent.click(screen.getByTestId('actuals-import'));
  }
  return { flow, preview, importFile, commands, infos, plan, changeWhileReading };
}

describe('the import dialog says when gateway spend would be counted beside the bill', () => {
  it('the LiteLLM log onto the Costs export: said before importing; linked with the import, one Undo takes back both', async () => {
    const { preview, importFile, commands, infos, plan } = setup();
    await importFile('openai-costs-export.csv');
    await preview('litellm-spendlogs.csv');
    const notice = screen.getByTestId('actuals-metered-overlap');
    expect(notice.querySelector('p')?.textContent).toBe(
      `This file's metered spend sits beside billed cost already in the plan's actuals. ${SAID}`,
    );
    const link = screen.getByRole<HTMLInputElement>('checkbox', { name: LINK });
    expect(link.checked).toBe(false);
    fireEvent.click(link);
    expect(link.checked).toBe(true);
    const before = plan();
    fireEvent.click(screen.getByTestId('actuals-import'));

    expect(screen.queryByTestId('actuals-dialog')).toBeNull();
    expect(plan().actuals.batches.map((b) => b.source)).toEqual(['openai-costs', 'litellm']);
    expect(plan().actuals.projectLinks).toEqual([{ metered: TEAM, billed: STOREFRONT }]);
    expect(commands[1]?.label).toBe(`Import actuals (litellm-spendlogs.csv) and link ${TEAM} to ${STOREFRONT}`);
    expect(infos[1]).toMatch(
      new RegExp(
        `\\(metered\\)\\. Gateway team "${TEAM}" is linked to billed project "${STOREFRONT}": its spend counts once, as billed\\.$`,
      ),
    );
    const command = commands[1];
    if (!command) throw new Error('no command');
    expect(applyCommand(plan(), invertCommand(command))).toEqual(before);
  });

  it('the Costs export onto the LiteLLM log: said from the bill’s side; left unlinked, the status line says where to link', async () => {
    const { preview, importFile, infos, plan } = setup();
    await importFile('litellm-spendlogs.csv');
    await preview('openai-costs-export.csv');
    expect(screen.getByTestId('actuals-metered-overlap').textContent).toBe(
      `This file's billed cost sits beside a gateway's metered spend already in the plan's actuals. ${SAID}` +
        ` ${LINK}Or import it as it is and link it later on the Reconcile tab, which says this until it is linked.`,
    );
    fireEvent.click(screen.getByTestId('actuals-import'));
    expect(plan().actuals.projectLinks).toBeUndefined();
    expect(infos[1]).toMatch(
      new RegExp(
        `\\(billed\\)\\. The spend of gateway team "${TEAM}" is counted beside the bill: if it is on the bill, link it on the Reconcile tab\\.$`,
      ),
    );
  });

  it('nothing is said of a file that makes no overlap: either file alone, or a bill of days already billed', async () => {
    const first = setup();
    await first.preview('litellm-spendlogs.csv');
    expect(screen.queryByTestId('actuals-metered-overlap')).toBeNull();
    cleanup();
    const { preview, importFile, infos } = setup();
    await preview('openai-costs-export.csv');
    expect(screen.queryByTestId('actuals-metered-overlap')).toBeNull();
    fireEvent.click(screen.getByTestId('actuals-import'));
    expect(infos[0]).not.toMatch(/gateway/);
    await importFile('litellm-spendlogs.csv');
    // The same organisation's Costs API export: the gateway's overlap stays as it was (the Reconcile tab says it).
    await preview('openai-costs-api.json');
    expect(screen.getByTestId('actuals-preview').textContent).not.toMatch(/gateway|Metered spend/);
    expect(screen.queryByTestId('actuals-metered-overlap')).toBeNull();
  });

  it('the plan changed while the file was read: the overlap is found against the actuals as they are', async () => {
    const undone = setup();
    await undone.importFile('openai-costs-export.csv');
    // The Costs import undone during the read: the preview was made against the bill, which is gone.
    const costs = undone.commands[0];
    if (!costs) throw new Error('no command');
    undone.changeWhileReading((p) => applyCommand(p, invertCommand(costs)));
    await undone.preview('litellm-spendlogs.csv');
    expect(undone.flow.getState().overlaps).toEqual([]);
    expect(screen.queryByTestId('actuals-metered-overlap')).toBeNull();
    cleanup();
    // The actuals edited but their batches kept (a match rule, say): the preview still applies, and the overlap.
    const edited = setup();
    await edited.importFile('openai-costs-export.csv');
    edited.changeWhileReading((p) => ({ ...p, actuals: { ...p.actuals } }));
    await edited.preview('litellm-spendlogs.csv');
    expect(screen.getByTestId('actuals-metered-overlap').querySelector('p')?.textContent).toMatch(SAID);
  });

  it('a changed setting drops the overlap with the preview', async () => {
    const { flow, preview, importFile } = setup();
    await importFile('openai-costs-export.csv');
    await preview('litellm-spendlogs.csv');
    act(() => flow.chooseLink(TEAM, true));
    act(() => flow.change({ dateOrder: 'ISO' }));
    expect(flow.getState()).toMatchObject({ overlaps: [], linkWithImport: [] });
    expect(screen.queryByTestId('actuals-metered-overlap')).toBeNull();
  });
});
