/** Site host names: `<label>.<SITES_DOMAIN>`, a label per deployment and one per project and environment. */

const compact = (uuid: string) => uuid.replaceAll('-', '').slice(-12);

/** The label of one deployment: its files forever. @example deploymentLabel('019b…') // 'd-1c2b4e5f6a7b' */
export const deploymentLabel = (deploymentId: string) => `d-${compact(deploymentId)}`;

/** The label that follows the newest live deployment of a project's environment. */
export const siteLabel = (projectId: string, environment: string) => `p-${compact(projectId)}-${environment}`;

/** The site's URL; `http` for local development domains. */
export function siteUrl(sitesDomain: string, label: string): string {
  const local = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(sitesDomain) || sitesDomain.endsWith('.localhost') || /:\d+$/.test(sitesDomain);
  return `${local ? 'http' : 'https'}://${label}.${sitesDomain}/`;
}

/**
 * The site label a Host header names, or null when the request is for the API. Only one label
 * directly under the sites domain counts.
 *
 * @example labelOfHost('d-1c2b4e5f6a7b.localhost:8787', 'localhost:8787') // 'd-1c2b4e5f6a7b'
 */
export function labelOfHost(host: string | undefined, sitesDomain: string): string | null {
  if (!host) return null;
  const suffix = `.${sitesDomain.toLowerCase()}`;
  const lower = host.toLowerCase();
  if (!lower.endsWith(suffix)) return null;
  const label = lower.slice(0, -suffix.length);
  return /^[a-z0-9-]{1,63}$/.test(label) ? label : null;
}
