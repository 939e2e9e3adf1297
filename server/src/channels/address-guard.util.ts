import { isIPv4, isIPv6 } from 'node:net';

/**
 * What an IP address is, for the SSRF guard: only `public` addresses may be reached by
 * webhooks and SMS providers unless WEBHOOK_ALLOW_PRIVATE is set.
 */
export type AddressKind =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'multicast'
  | 'metadata'
  /** Broadcast, documentation, benchmarking, protocol assignments, unallocated IPv6. */
  | 'reserved';

interface V4Range {
  base: number;
  bits: number;
  kind: AddressKind;
}

/** Cloud instance-metadata endpoints (AWS, GCP, Azure, ECS, Alibaba, Oracle). */
const METADATA_V4 = ['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192'];
const METADATA_V6 = ['fd00:ec2::254'];

/** Special-purpose IPv4 blocks (IANA registry); checked in order, first match wins. */
const V4_RANGES: readonly V4Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['127.0.0.0', 8, 'loopback'],
  ['10.0.0.0', 8, 'private'],
  ['172.16.0.0', 12, 'private'],
  ['192.168.0.0', 16, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['169.254.0.0', 16, 'link-local'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
].map(([base, bits, kind]) => ({
  base: v4ToNumber(base as string),
  bits: bits as number,
  kind: kind as AddressKind,
}));

/** Classifies an IPv4 or IPv6 address (IPv6 may carry a zone, `fe80::1%eth0`). */
export function classifyAddress(address: string): AddressKind {
  const ip = address.replace(/^\[|\]$/g, '');
  if (isIPv4(ip)) return classifyV4(v4ToNumber(ip));
  const bare = ip.replace(/%.*$/, '');
  if (isIPv6(bare)) return classifyV6(v6ToWords(bare));
  throw new Error(`not an IP address: ${address}`);
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}

function classifyV4(value: number): AddressKind {
  if (METADATA_V4.some((m) => v4ToNumber(m) === value)) return 'metadata';
  for (const range of V4_RANGES) {
    if (inV4Range(value, range.base, range.bits)) return range.kind;
  }
  return 'public';
}

function classifyV6(words: readonly number[]): AddressKind {
  const [w0 = 0, w1 = 0, w2 = 0, w3 = 0, w4 = 0, w5 = 0, w6 = 0, w7 = 0] = words;
  const embeddedV4 = (high: number, low: number) => classifyV4(((high << 16) | low) >>> 0);
  if (METADATA_V6.some((m) => sameWords(v6ToWords(m), words))) return 'metadata';
  const zeroPrefix = w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0;
  if (zeroPrefix && w5 === 0) {
    if (w6 === 0 && w7 === 0) return 'unspecified';
    if (w6 === 0 && w7 === 1) return 'loopback';
    return 'reserved'; // ::a.b.c.d, the deprecated IPv4-compatible form
  }
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address.
  if (zeroPrefix && w5 === 0xffff) return embeddedV4(w6, w7);
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0)
    return embeddedV4(w6, w7);
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 1) return 'private'; // local-use NAT64
  if (w0 >> 8 === 0xff) return 'multicast';
  if (w0 >> 6 === 0xfe80 >> 6) return 'link-local';
  if (w0 >> 6 === 0xfec0 >> 6) return 'private'; // deprecated site-local
  if (w0 >> 9 === 0xfc00 >> 9) return 'unique-local';
  // 6to4 (2002::/16) carries an IPv4 address in its next 32 bits.
  if (w0 === 0x2002) return embeddedV4(w1, w2);
  if (w0 === 0x2001 && w1 === 0x0db8) return 'reserved'; // documentation
  if (w0 === 0x2001 && w1 >> 9 === 0) return 'reserved'; // 2001::/23 protocol assignments
  if (w0 >> 13 !== 0b001) return 'reserved'; // outside 2000::/3 global unicast
  return 'public';
}

function inV4Range(value: number, base: number, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (value & mask) >>> 0 === (base & mask) >>> 0;
}

function v4ToNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** The eight 16-bit words of a valid IPv6 address (with `::` and a dotted IPv4 tail). */
export function v6ToWords(ip: string): number[] {
  let text = ip.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const v4 = v4ToNumber(dotted);
    text = `${text.slice(0, -dotted.length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const [head = '', rest] = text.split('::');
  const left = parse(head);
  if (rest === undefined) return left;
  const right = parse(rest);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function sameWords(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/**
 * Whether a workspace's allow list (entries normalised by the contracts'
 * normaliseAllowedHost: `host` or `host:port`) names the URL's host. Such a host may
 * resolve to loopback or private addresses; cloud metadata addresses stay refused.
 */
export function isHostAllowed(allowed: readonly string[], url: URL): boolean {
  if (allowed.length === 0) return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowed.some((entry) => entry === host || entry === `${host}:${port}`);
}
