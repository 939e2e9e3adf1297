import { BlockList } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseAllowedHost } from '@switchyard/contracts';
import {
  classifyAddress,
  isHostAllowed,
  isPublicAddress,
  v6ToWords,
} from './address-guard.util.js';

/** An independent oracle: Node's BlockList with every IPv4 block the guard must refuse. */
const refusedV4 = new BlockList();
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
  refusedV4.addSubnet(net, prefix, 'ipv4');

const v4 = fc.ipV4();
const toWords = (ip: string) =>
  ip.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
const hex = (n: number) => n.toString(16);
const v4Hex = (ip: string) => `${hex(toWords(ip) >>> 16)}:${hex(toWords(ip) & 0xffff)}`;
/** Node's canonical (compressed) spelling of an IPv6 address. */
const canonical = (ip: string) => new URL(`http://[${ip}]/`).hostname.slice(1, -1);

describe('classifyAddress', () => {
  it('names the special addresses', () => {
    const cases: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['127.255.1.2', 'loopback'],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'cgnat'],
      ['100.127.255.254', 'cgnat'],
      ['169.254.1.1', 'link-local'],
      ['169.254.169.254', 'metadata'],
      ['100.100.100.200', 'metadata'],
      ['0.0.0.0', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['239.255.255.250', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['192.0.2.10', 'reserved'],
      ['::', 'unspecified'],
      ['::1', 'loopback'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['[fe80::1]', 'link-local'],
      ['fd12:3456::1', 'unique-local'],
      ['fc00::1', 'unique-local'],
      ['fd00:ec2::254', 'metadata'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::ffff:169.254.169.254', 'metadata'],
      ['::10.0.0.1', 'reserved'],
      ['64:ff9b::10.0.0.1', 'private'],
      ['64:ff9b::8.8.8.8', 'public'],
      ['2002:c0a8:101::1', 'private'],
      ['2001:db8::1', 'reserved'],
      ['2001::1', 'reserved'],
      ['::2', 'reserved'],
      ['8.8.8.8', 'public'],
      ['172.32.0.1', 'public'],
      ['100.128.0.1', 'public'],
      ['2606:4700:4700::1111', 'public'],
      ['2a00:1450:4001:80b::200e', 'public'],
    ];
    for (const [ip, kind] of cases) expect([ip, classifyAddress(ip)]).toEqual([ip, kind]);
  });

  it('refuses what is not an IP address', () => {
    expect(() => classifyAddress('example.com')).toThrow(/not an IP address/);
    expect(() => classifyAddress('1.2.3')).toThrow(/not an IP address/);
  });

  it('calls an IPv4 address public exactly when no refused block holds it', () => {
    fc.assert(
      fc.property(v4, (ip) => {
        expect(isPublicAddress(ip)).toBe(!refusedV4.check(ip, 'ipv4'));
      }),
      { numRuns: 5000 },
    );
  });

  it('finds every address of a refused block refused', () => {
    const inBlock = fc
      .tuple(
        fc.constantFrom(
          ['10.0.0.0', 8, 'private'],
          ['172.16.0.0', 12, 'private'],
          ['192.168.0.0', 16, 'private'],
          ['127.0.0.0', 8, 'loopback'],
          ['100.64.0.0', 10, 'cgnat'],
          ['224.0.0.0', 4, 'multicast'],
        ),
        fc.nat(),
      )
      .map(([[base, bits, kind], offset]) => {
        const span = 2 ** (32 - (bits as number));
        const n = (toWords(base as string) + (offset % span)) >>> 0;
        const ip = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
        return { ip, kind: kind as string };
      });
    fc.assert(
      fc.property(inBlock, ({ ip, kind }) => {
        expect(classifyAddress(ip)).toBe(kind);
      }),
    );
  });

  it('judges IPv4 addresses embedded in IPv6 like the IPv4 address itself', () => {
    fc.assert(
      fc.property(v4, (ip) => {
        const kind = classifyAddress(ip);
        expect(classifyAddress(`::ffff:${ip}`)).toBe(kind);
        expect(classifyAddress(`::ffff:${v4Hex(ip)}`)).toBe(kind);
        expect(classifyAddress(canonical(`::ffff:${ip}`))).toBe(kind);
        expect(classifyAddress(`64:ff9b::${ip}`)).toBe(kind);
        expect(classifyAddress(`2002:${v4Hex(ip)}::1`)).toBe(kind);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on how an IPv6 address is spelled', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const full = v6ToWords(ip)
          .map((w) => w.toString(16).padStart(4, '0'))
          .join(':');
        expect(v6ToWords(ip)).toHaveLength(8);
        expect(classifyAddress(full)).toBe(classifyAddress(ip));
        expect(classifyAddress(canonical(ip))).toBe(classifyAddress(ip));
        expect(classifyAddress(ip.toUpperCase())).toBe(classifyAddress(ip));
      }),
      { numRuns: 3000 },
    );
  });

  it('calls an IPv6 address public only inside 2000::/3', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const first = v6ToWords(ip)[0] ?? 0;
        if (first >> 13 !== 0b001) expect(isPublicAddress(ip)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('workspace allow list', () => {
  it('normalises entries the way URLs spell hosts', () => {
    const cases: [string, string | null][] = [
      ['Hooks.Internal', 'hooks.internal'],
      ['hooks.internal.', 'hooks.internal'],
      ['hooks.internal:8080', 'hooks.internal:8080'],
      ['localhost', 'localhost'],
      ['127.1', '127.0.0.1'],
      ['0x7f000001:80', '127.0.0.1:80'],
      ['2130706433', '127.0.0.1'],
      ['[::1]:9000', '[::1]:9000'],
      ['[0:0::1]', '[::1]'],
      ['[::ffff:127.0.0.1]', '[::ffff:7f00:1]'],
      ['http://hooks.internal', null],
      ['hooks.internal/path', null],
      ['*.internal', null],
      ['user@hooks.internal', null],
      ['hooks.internal:0', null],
      ['hooks.internal:70000', null],
      ['', null],
      ['::1', null],
    ];
    for (const [entry, normalised] of cases)
      expect([entry, normaliseAllowedHost(entry)]).toEqual([entry, normalised]);
  });

  it('matches a host on any port, or host:port on that port only', () => {
    const allowed = ['hooks.internal', 'sms.internal:8443', '127.0.0.1:9000', '[::1]'];
    const yes = [
      'http://hooks.internal/',
      'https://HOOKS.internal.:444/x',
      'https://sms.internal:8443/send',
      'http://127.0.0.1:9000/',
      'http://2130706433:9000/',
      'http://[::1]:1234/',
    ];
    const no = [
      'https://sms.internal/send',
      'http://sms.internal:8080/',
      'http://127.0.0.1/',
      'http://evil.hooks.internal/',
      'http://hooks.internal.evil/',
    ];
    for (const url of yes) expect([url, isHostAllowed(allowed, new URL(url))]).toEqual([url, true]);
    for (const url of no) expect([url, isHostAllowed(allowed, new URL(url))]).toEqual([url, false]);
    expect(isHostAllowed([], new URL('http://hooks.internal/'))).toBe(false);
    // The default port counts as written: host:80 matches a URL without a port.
    expect(isHostAllowed(['hooks.internal:80'], new URL('http://hooks.internal/'))).toBe(true);
  });
});
