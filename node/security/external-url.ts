import { BUILTIN_CATALOG } from '../../shared/pricing/builtin-catalog';

/** Only web pages leave the app, and only to the OS browser: never file:, javascript:, custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === ''
  );
}

/** Documentation sites the app links to (none besides the price sources today). */
const DOCUMENTATION_HOSTS: readonly string[] = [];

/**
 * The hosts a link may open without asking: the documentation the app links to and the price sources of
 * the built-in catalog (each entry's source URLs). Derived from the catalog, so a new source needs no
 * edit here.
 */
export const TRUSTED_LINK_HOSTS: ReadonlySet<string> = new Set([
  ...DOCUMENTATION_HOSTS,
  ...BUILTIN_CATALOG.flatMap((entry) => entry.sources).flatMap((source) => {
    try {
      return [new URL(source).hostname.toLowerCase()];
    } catch {
      return [];
    }
  }),
]);

export type ExternalLinkDecision = 'open' | 'ask' | 'refuse';

/**
 * What to do with a link the page wants opened: an https page on a trusted host opens; any other web
 * page (a plan's own price source, a reseller's site) opens only after the user says yes, since the page
 * could have been made to name it; anything else is refused.
 */
export function externalLinkDecision(url: string): ExternalLinkDecision {
  if (!isSafeExternalUrl(url)) return 'refuse';
  const parsed = new URL(url);
  return parsed.protocol === 'https:' && TRUSTED_LINK_HOSTS.has(parsed.hostname.toLowerCase()) ? 'open' : 'ask';
}
