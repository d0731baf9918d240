/** Webhook target URLs: https to a public host; a development variable lets http and local hosts through. */

/** The loopback name, and suffixes the public DNS never delegates that local and internal networks use. */
const LOCAL_NAMES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa', 'home', 'lan', 'corp'];

/** IPv4 ranges that are not the public internet: [first address, prefix length]. RFC 6890 and friends. */
const PRIVATE_IPV4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, where cloud metadata services live
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
];

const ipv4Number = (address: string) => address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);

function isPrivateIpv4(value: number): boolean {
  return PRIVATE_IPV4.some(([first, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(ipv4Number(first) / 2 ** (32 - bits)));
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it: lowercase hex, `::` at most once, no dotted tail. */
function ipv6Groups(address: string): number[] {
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const [head = '', tail] = address.split('::');
  if (tail === undefined) return groups(head);
  const [left, right] = [groups(head), groups(tail)];
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * Whether an IPv6 address is not a public host's, including the forms that carry an IPv4 address
 * (mapped, translated, NAT64, 6to4, Teredo) and would reach it through a gateway: those are judged
 * by the IPv4 address inside.
 */
function isPrivateIpv6(groups: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const ipv4 = (high: number, low: number) => high * 65536 + low;
  const zeroUpTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (zeroUpTo(5) && g5 === 0xffff) return isPrivateIpv4(ipv4(g6, g7)); // IPv4-mapped, ::ffff:0:0/96
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return isPrivateIpv4(ipv4(g6, g7)); // IPv4-translated (SIIT), ::ffff:0:0:0/96
  if (zeroUpTo(6)) return true; // unspecified, loopback, IPv4-compatible (deprecated)
  if (g0 === 0x64 && g1 === 0xff9b) {
    // NAT64: the well-known prefix 64:ff9b::/96 reaches the IPv4 address inside; 64:ff9b:1::/48 is for local networks.
    return g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0 ? isPrivateIpv4(ipv4(g6, g7)) : true;
  }
  if (g0 === 0x2002) return isPrivateIpv4(ipv4(g1, g2)); // 6to4: the relay's IPv4 address
  if (g0 === 0x2001 && g1 === 0) return isPrivateIpv4(ipv4(g2, g3)) || isPrivateIpv4(ipv4(g6 ^ 0xffff, g7 ^ 0xffff)); // Teredo: server, and client (inverted)
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // discard-only
  if (g0 === 0x2001 && (g1 === 0xdb8 || (g1 === 2 && g2 === 0) || (g1 & 0xfff0) === 0x10 || (g1 & 0xfff0) === 0x20)) return true; // documentation, benchmarking, ORCHID
  if ((g0 === 0x3fff && g1 < 0x1000) || g0 === 0x5f00) return true; // documentation (3fff::/20), SRv6 segment ids
  return (g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0 || (g0 & 0xff00) === 0xff00; // unique-local, link-local, site-local, multicast
}

/**
 * Why a URL cannot receive webhooks, or null when it can. The URL parser has already turned every
 * spelling of an IP address (`0x7f.1`, `2130706433`, `[::ffff:127.0.0.1]`) into one form, which is
 * what is checked. Names are not resolved here: a public name that resolves to a private address is
 * not caught, and Workers' outbound fetch does not reach private networks anyway.
 *
 * @example targetUrlProblem('http://10.0.0.1/hook', false) // 'Use https: …'
 */
export function targetUrlProblem(text: string, allowInsecure: boolean): string | null {
  if (!URL.canParse(text)) return 'Not an absolute URL.';
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only https URLs can receive webhooks.';
  if (url.username || url.password) return 'Credentials in the URL are not allowed: check the signature instead.';
  if (allowInsecure) return null;
  if (url.protocol !== 'https:') return 'Use https: deliveries carry your event data.';

  const host = url.hostname.replace(/\.$/, '').toLowerCase();
  const notPublic = `${url.hostname} is a private, loopback, link-local or reserved address; webhooks go to public hosts.`;
  if (host.startsWith('[')) return isPrivateIpv6(ipv6Groups(host.slice(1, -1))) ? notPublic : null;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return isPrivateIpv4(ipv4Number(host)) ? notPublic : null;
  if (!host.includes('.') || LOCAL_NAMES.some((name) => host === name || host.endsWith('.' + name))) {
    return `${url.hostname} is not a public host name; webhooks go to public hosts.`;
  }
  return null;
}
