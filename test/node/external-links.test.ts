import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../node/handlers';
import { dispatch } from '../../node/ipc/dispatch';
import { externalLinkDecision, TRUSTED_LINK_HOSTS } from '../../node/security/external-url';
import { BUILTIN_CATALOG } from '../../shared/pricing/builtin-catalog';
import { handlerContext, recordingDesktop } from './support/handler-context';

/** Issue 13 §7: openExternal opens the catalog's price sources at once, asks before any other site. */

async function openLink(url: string, answer: boolean) {
  const desktop = recordingDesktop();
  desktop.confirmExternalAnswer = answer;
  const outcome = await dispatch(createHandlers(desktop), 'shell:open-external', { url }, handlerContext('/nowhere'));
  return { outcome, desktop };
}

describe('links the page asks to open', () => {
  it('trusts every host of the built-in catalog’s price sources, and nothing else', () => {
    for (const entry of BUILTIN_CATALOG)
      for (const source of entry.sources) expect(TRUSTED_LINK_HOSTS.has(new URL(source).hostname)).toBe(true);
    expect(TRUSTED_LINK_HOSTS.has('developers.openai.com')).toBe(true);
    expect(TRUSTED_LINK_HOSTS.has('evil.example')).toBe(false);
  });

  it('a price source opens without asking', async () => {
    const { outcome, desktop } = await openLink('https://developers.openai.com/api/docs/pricing', false);
    expect(outcome).toEqual({ ok: true, result: { ok: true } });
    expect(desktop.confirmedUrls).toEqual([]);
    expect(desktop.openedUrls).toEqual(['https://developers.openai.com/api/docs/pricing']);
  });

  it('another site asks first: opened on yes, not on no', async () => {
    const no = await openLink('https://reseller.example/prices', false);
    expect(no.outcome).toEqual({ ok: true, result: { ok: false } });
    expect(no.desktop.confirmedUrls).toEqual(['https://reseller.example/prices']);
    expect(no.desktop.openedUrls).toEqual([]);
    const yes = await openLink('https://reseller.example/prices', true);
    expect(yes.desktop.openedUrls).toEqual(['https://reseller.example/prices']);
  });

  it('plain http to a trusted host asks, a look-alike host asks, and non-web schemes are refused', () => {
    expect(externalLinkDecision('http://developers.openai.com/api/docs/pricing')).toBe('ask');
    expect(externalLinkDecision('https://developers.openai.com.evil.example/')).toBe('ask');
    expect(externalLinkDecision('https://user:pw@developers.openai.com/')).toBe('refuse');
    expect(externalLinkDecision('file:///etc/passwd')).toBe('refuse');
    expect(externalLinkDecision('javascript:alert(1)')).toBe('refuse');
  });
});
