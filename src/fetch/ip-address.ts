import { isIP } from 'node:net';

/** An IP address as raw bytes: 4 for IPv4, 16 for IPv6. */
export interface IpBytes {
  family: 4 | 6;
  bytes: Uint8Array;
}

/**
 * Parse a textual IP address (dotted-quad IPv4, or IPv6 with optional brackets, zone id and
 * embedded dotted quad) into bytes; undefined for anything else, including hostnames.
 */
export function parseIp(text: string): IpBytes | undefined {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const address = unbracketed.split('%')[0] ?? '';
  const family = isIP(address);
  if (family === 4) return { family: 4, bytes: parseIpv4(address) };
  if (family === 6) return { family: 6, bytes: parseIpv6(address) };
  return undefined;
}

function parseIpv4(address: string): Uint8Array {
  return Uint8Array.from(address.split('.').map(Number));
}

// The input has already passed net.isIPv6, so only the layout needs handling here.
function parseIpv6(address: string): Uint8Array {
  let text = address.toLowerCase();
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail.push(...parseIpv4(text.slice(lastColon + 1)));
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...new Array<string>(Math.max(missing, 0)).fill('0'), ...restGroups];
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    const value = parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  if (tail.length === 4) bytes.set(tail, 12);
  return bytes;
}
