import { parseIp } from './ip-address.js';
import type { IpBytes } from './ip-address.js';

/** What kind of network an IP address belongs to; only `public` is reachable by default. */
export type AddressClass =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'unique-local'
  /** 100.64.0.0/10, carrier-grade NAT (RFC 6598). */
  | 'shared'
  | 'multicast'
  /** Documentation, benchmarking, protocol-assignment, future-use and other special ranges. */
  | 'reserved'
  | 'unspecified'
  /** Not an IP address at all. */
  | 'invalid';

/** A range whose addresses carry an IPv4 address inside (mapped, NAT64, 6to4): classify that one. */
interface Embedding {
  offset: number;
}

interface Range {
  network: Uint8Array;
  bits: number;
  kind: AddressClass | Embedding;
}

function range(cidr: string, kind: AddressClass | Embedding): Range {
  const [address = '', bits = ''] = cidr.split('/');
  const parsed = parseIp(address);
  if (!parsed) throw new Error(`bad range in table: ${cidr}`);
  return { network: parsed.bytes, bits: Number(bits), kind };
}

// First match wins, so more specific ranges come first. Sources: IANA special-purpose registries.
const IPV4_RANGES: Range[] = [
  range('0.0.0.0/8', 'unspecified'),
  range('10.0.0.0/8', 'private'),
  range('100.64.0.0/10', 'shared'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local'),
  range('172.16.0.0/12', 'private'),
  range('192.0.0.0/24', 'reserved'),
  range('192.0.2.0/24', 'reserved'),
  range('192.88.99.0/24', 'reserved'),
  range('192.168.0.0/16', 'private'),
  range('198.18.0.0/15', 'reserved'),
  range('198.51.100.0/24', 'reserved'),
  range('203.0.113.0/24', 'reserved'),
  range('224.0.0.0/4', 'multicast'),
  range('240.0.0.0/4', 'reserved'),
];

const IPV6_RANGES: Range[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('::ffff:0:0/96', { offset: 12 }),
  range('::/96', 'reserved'), // deprecated IPv4-compatible addresses
  range('64:ff9b::/96', { offset: 12 }),
  range('64:ff9b:1::/48', 'private'),
  range('100::/64', 'reserved'),
  range('2001::/23', 'reserved'),
  range('2001:db8::/32', 'reserved'),
  range('2002::/16', { offset: 2 }),
  range('3fff::/20', 'reserved'),
  range('5f00::/16', 'reserved'),
  range('fc00::/7', 'unique-local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'private'), // deprecated site-local
  range('ff00::/8', 'multicast'),
];

const GLOBAL_UNICAST_V6 = range('2000::/3', 'public');

/** Classify an IP address (IPv4, IPv6, bracketed or with a zone id); `invalid` for anything else. Pure. */
export function classifyAddress(address: string): AddressClass {
  const ip = parseIp(address);
  return ip ? classifyBytes(ip) : 'invalid';
}

function classifyBytes(ip: IpBytes): AddressClass {
  const table = ip.family === 4 ? IPV4_RANGES : IPV6_RANGES;
  const match = table.find((candidate) => contains(candidate, ip.bytes));
  if (match && typeof match.kind === 'string') return match.kind;
  if (match && typeof match.kind === 'object') {
    return classifyBytes({ family: 4, bytes: ip.bytes.subarray(match.kind.offset, match.kind.offset + 4) });
  }
  if (ip.family === 6 && !contains(GLOBAL_UNICAST_V6, ip.bytes)) return 'reserved';
  return 'public';
}

function contains(candidate: Range, bytes: Uint8Array): boolean {
  if (candidate.network.length !== bytes.length) return false;
  for (let bit = 0; bit < candidate.bits; bit += 8) {
    const remaining = Math.min(8, candidate.bits - bit);
    const mask = (0xff << (8 - remaining)) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((candidate.network[index] ?? 0) & mask)) return false;
  }
  return true;
}
