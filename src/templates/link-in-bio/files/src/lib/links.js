// Link-in-bio rules: checked links, the network a link belongs to, and the avatar's initials, without side effects.

const NETWORKS = {
  'instagram.com': 'Instagram', 'tiktok.com': 'TikTok', 'youtube.com': 'YouTube', 'youtu.be': 'YouTube', 'x.com': 'X',
  'twitter.com': 'X', 'github.com': 'GitHub', 'linkedin.com': 'LinkedIn', 'facebook.com': 'Facebook', 'spotify.com': 'Spotify',
  'soundcloud.com': 'SoundCloud', 'twitch.tv': 'Twitch', 'pinterest.com': 'Pinterest', 'substack.com': 'Substack', 'etsy.com': 'Etsy',
};

/** A web address with its scheme, or an error: normalizeUrl('example.com/shop') → 'https://example.com/shop'. */
export function normalizeUrl(text) {
  const raw = String(text ?? '').trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  let url;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`Not a web address: ${raw}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname.includes('.')) throw new Error(`Not a web address: ${raw}`);
  return url.href;
}

/** The social network a link points to, or null: networkOf('https://www.instagram.com/kiln') → 'Instagram'. */
export function networkOf(href) {
  const host = new URL(href).hostname.replace(/^www\./, '');
  const match = Object.keys(NETWORKS).find((domain) => host === domain || host.endsWith(`.${domain}`));
  return match ? NETWORKS[match] : null;
}

/** Checked links for the page: a title (1-60 characters) and a web address each, at most 20. */
export function validateLinks(links) {
  if (!Array.isArray(links)) throw new Error('links must be a list');
  if (links.length > 20) throw new Error('at most 20 links');
  return links.map((link, index) => {
    const title = String(link?.title ?? '').trim();
    if (title.length < 1 || title.length > 60) throw new Error(`link ${index + 1}: title must be 1-60 characters`);
    return { title, url: normalizeUrl(link.url), network: networkOf(normalizeUrl(link.url)) };
  });
}

/** The initials for the avatar: initials('Kiln & Co.') → 'KC'. */
export function initials(name) {
  return String(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 2).map((word) => word[0].toUpperCase()).join('') || '?';
}
