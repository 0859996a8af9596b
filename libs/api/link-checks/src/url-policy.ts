import { BlockList, isIP } from 'node:net';

/** The identity the checker announces in every request. */
export const LINK_CHECK_USER_AGENT = 'SunshineLinkCheck/1.0 (+阳光督导)';

/**
 * The User-Agent as it goes on the wire: HTTP header values are bytes, and Node accepts only
 * Latin-1 characters in them, so the UTF-8 bytes of the name are sent as they are (RFC 9110
 * obs-text); a server that reads the header as UTF-8 sees the name above.
 */
export const LINK_CHECK_USER_AGENT_WIRE = Buffer.from(LINK_CHECK_USER_AGENT, 'utf8').toString(
  'latin1',
);

/** Longest URL accepted (characters). */
export const MAX_URL_LENGTH = 2048;

/**
 * Addresses the checker never connects to: it fetches URLs users typed, so it must not become a
 * way into the server's own network (SSRF). Loopback, private (RFC 1918, unique local),
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast, reserved,
 * documentation and unspecified ranges, in IPv4 and IPv6 (IPv4-mapped and NAT64 addresses are
 * judged by the IPv4 address inside).
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const m = /^(?:::ffff:|64:ff9b::)(?:0:)?(.+)$/.exec(lower);
  if (!m?.[1]) return null;
  const tail = m[1];
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(tail);
  if (!hex?.[1] || !hex[2]) return null;
  const hi = Number.parseInt(hex[1], 16);
  const lo = Number.parseInt(hex[2], 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True for an address in a range the checker refuses (see BLOCKED). */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return BLOCKED.check(v4, 'ipv4');
    return BLOCKED.check(address, 'ipv6');
  }
  return true; // not an address at all
}

/**
 * The allow-list (LINK_CHECK_ALLOW): host names (exact, case-insensitive) and addresses or CIDR
 * ranges the checker may reach although they are private, for tests and the demo's local pages.
 */
export class AllowList {
  private readonly hosts = new Set<string>();
  private readonly nets = new BlockList();
  private empty = true;
  private readonly origins: Set<string>;

  /**
   * `origins`: exact origins (scheme, host, port) that may be fetched although their address is
   * loopback — the app's own address in demo mode; nothing else on that host.
   */
  constructor(entries: readonly string[] = [], origins: readonly string[] = []) {
    this.origins = new Set(origins.map((o) => new URL(o).origin));
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (!entry) continue;
      this.empty = false;
      const [net, bits] = entry.split('/');
      const family = net ? isIP(net) : 0;
      if (family && bits !== undefined) {
        const prefix = Number(bits);
        if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
          throw new Error(`LINK_CHECK_ALLOW: bad prefix in ${raw}`);
        this.nets.addSubnet(net!, prefix, family === 4 ? 'ipv4' : 'ipv6');
      } else if (family) this.nets.addAddress(net!, family === 4 ? 'ipv4' : 'ipv6');
      else if (/^[a-z0-9.-]+$/.test(entry)) this.hosts.add(entry.replace(/\.$/, ''));
      else throw new Error(`LINK_CHECK_ALLOW: not a host name, address or CIDR range: ${raw}`);
    }
  }

  get isEmpty(): boolean {
    return this.empty;
  }

  allowsHost(host: string): boolean {
    return this.hosts.has(host.toLowerCase().replace(/\.$/, ''));
  }

  allowsOrigin(url: URL): boolean {
    return this.origins.has(url.origin);
  }

  allowsAddress(address: string): boolean {
    const family = isIP(address);
    if (!family) return false;
    return this.nets.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** Why a URL is refused before any connection, in Chinese; null when it may be fetched. */
export function urlProblem(raw: string): { reason: string; message: string } | null {
  const text = raw.trim();
  if (!text) return { reason: 'EMPTY', message: '链接为空' };
  if (text.length > MAX_URL_LENGTH)
    return { reason: 'TOO_LONG', message: `链接过长（最多 ${MAX_URL_LENGTH} 个字符）` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { reason: 'MALFORMED', message: '链接格式不正确' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { reason: 'SCHEME', message: '只检查 http 和 https 链接' };
  if (url.username || url.password)
    return { reason: 'CREDENTIALS', message: '链接中不得包含用户名或密码' };
  if (!url.hostname) return { reason: 'MALFORMED', message: '链接缺少主机名' };
  return null;
}

/** The stored form of a URL: trimmed, parsed and serialised (lower-case scheme and host), fragment dropped. */
export function normalizeUrl(raw: string): string {
  const url = new URL(raw.trim());
  url.hash = '';
  return url.href;
}

/** The host part of a URL as an address or name (IPv6 without brackets). */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
