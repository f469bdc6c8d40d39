// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MeteredOverlapNotice } from '../../../renderer/src/panels/reconcile/MeteredOverlapNotice';
import { planLinkProject, planUnlinkProject } from '../../../renderer/src/panels/reconcile/reconcile-commands';
import { createSamplePlan } from '../../../shared/plan/sample-plan';

afterEach(cleanup);

const overlap = {
  metered: 'team-e446',
  days: 25,
  meteredMicro: 56_614_957,
  suggested: 'proj_storefront',
  agreeingDays: 25,
};

describe('the Reconcile tab says when gateway spend is counted beside the bill', () => {
  it('nothing without overlaps or links', () => {
    render(<MeteredOverlapNotice overlaps={[]} links={[]} billedProjects={[]} onLink={vi.fn()} onUnlink={vi.fn()} />);
    expect(screen.queryByTestId('reconcile-metered-overlap')).toBeNull();
  });

  it('says what is counted twice, offers the project whose bill agrees first, and links it', () => {
    const onLink = vi.fn();
    render(
      <MeteredOverlapNotice
        overlaps={[overlap]}
        links={[]}
        billedProjects={['proj_copy', 'proj_storefront']}
        onLink={onLink}
        onUnlink={vi.fn()}
      />,
    );
    const notice = screen.getByTestId('reconcile-metered-overlap');
    expect(notice.querySelector('p')?.textContent).toBe(
      'Metered spend of project "team-e446" ($56.61 on 25 days) is counted beside billed cost of the same model: if its requests are on the bill, they are counted twice. Its daily spend agrees with billed project "proj_storefront" on 25 of 25 days: link the two.',
    );
    const select = screen.getByLabelText<HTMLSelectElement>('Billed under');
    expect(select.value).toBe('proj_storefront');
    expect([...select.options].map((o) => o.textContent)).toEqual(['proj_copy', 'proj_storefront (its bill agrees)']);
    fireEvent.click(screen.getByRole('button', { name: 'Link' }));
    expect(onLink).toHaveBeenCalledWith('team-e446', 'proj_storefront');
    // Another project can be chosen when the user knows better.
    fireEvent.change(select, { target: { value: 'proj_copy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Link' }));
    expect(onLink).toHaveBeenLastCalledWith('team-e446', 'proj_copy');
  });

  it('lists the links made, each with Unlink', () => {
    const onUnlink = vi.fn();
    render(
      <MeteredOverlapNotice
        overlaps={[]}
        links={[{ metered: 'team-e446', billed: 'proj_storefront' }]}
        billedProjects={['proj_storefront']}
        onLink={vi.fn()}
        onUnlink={onUnlink}
      />,
    );
    const item = screen.getByRole('list', { name: 'Metered projects counted as billed' }).querySelector('li');
    expect(item?.textContent).toBe(
      'Metered project team-e446 is on the bill under proj_storefront: counted once, as billed. Unlink',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Unlink' }));
    expect(onUnlink).toHaveBeenCalledWith('team-e446');
  });
});

describe('linking as an undo step', () => {
  it('the command replaces the ledger with the link, undo restores it; unlink takes it out', () => {
    const doc = createSamplePlan('2026-11-28');
    // The sample's gateway log and bill both name proj_marketing: a link of it to itself stands in for any.
    const project = 'proj_marketing';
    const link = planLinkProject(doc, project, project);
    if (!link.ok || link.value === null) throw new Error('no command');
    expect(link.value).toMatchObject({
      kind: 'set-parts',
      label: 'Link metered project proj_marketing to proj_marketing',
      before: { actuals: doc.actuals },
      after: { actuals: { projectLinks: [{ metered: project, billed: project }] } },
    });
    const linked = { ...doc, actuals: { ...doc.actuals, projectLinks: [{ metered: project, billed: project }] } };
    expect(planLinkProject(linked, project, project)).toEqual({ ok: true, value: null });
    const unlink = planUnlinkProject(linked, project);
    expect(unlink).toMatchObject({ after: { actuals: { batches: doc.actuals.batches } } });
    expect(unlink?.kind === 'set-parts' ? unlink.after.actuals?.projectLinks : 'not set-parts').toBeUndefined();
    expect(planUnlinkProject(doc, project)).toBeNull();
    expect(planLinkProject(doc, 'typo', project)).toMatchObject({ ok: false });
  });
});
