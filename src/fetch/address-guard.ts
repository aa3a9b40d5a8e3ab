import { lookup as dnsLookup } from 'node:dns/promises';
import { classifyAddress } from './classify-address.js';
import { untilAborted } from './deadline.js';
import { parseIp } from './ip-address.js';
import type { LookupFunction, ResolvedAddress } from './fetch-request.js';

/** Which addresses a fetch may connect to. */
export interface AddressPolicy {
  allowPrivateNetworks: boolean;
  /** When given, decides alone. */
  isAddressAllowed?: (address: string) => boolean;
}

/** A refused address or a failed resolution; fetchFeed turns it into a FetchError naming the URL. */
export class GuardError extends Error {
  readonly code: 'BLOCKED_ADDRESS' | 'DNS';
  /** What the operator can do about it, if anything. */
  readonly hint: string | undefined;

  constructor(code: 'BLOCKED_ADDRESS' | 'DNS', message: string, options?: { cause?: unknown; hint?: string }) {
    super(message, { cause: options?.cause });
    this.name = 'GuardError';
    this.code = code;
    this.hint = options?.hint;
  }
}

// Even with allowPrivateNetworks these are never a host one can fetch from.
const NEVER_ALLOWED = new Set(['unspecified', 'multicast', 'invalid']);

/** The guard decision for one address under a policy. */
export function isAddressAllowed(address: string, policy: AddressPolicy): boolean {
  if (policy.isAddressAllowed) return policy.isAddressAllowed(address);
  const kind = classifyAddress(address);
  if (kind === 'public') return true;
  return policy.allowPrivateNetworks && !NEVER_ALLOWED.has(kind);
}

/** Resolve with node:dns (getaddrinfo, every address, in the resolver's order). */
export const defaultLookup: LookupFunction = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

/** Refuse an IP-literal host the policy does not allow; hostnames pass (they are checked after DNS). */
export function checkLiteralHost(hostname: string, policy: AddressPolicy): void {
  const literal = parseIp(hostname);
  if (!literal) return;
  const address = hostname.replace(/^\[|\]$/g, '');
  assertAllowed([{ address, family: literal.family }], address, policy);
}

/** Resolve a host (IP literals resolve to themselves) and check every address it has; all must be allowed. */
export async function resolveAllowed(
  hostname: string,
  settings: { lookup: LookupFunction; policy: AddressPolicy; signal: AbortSignal },
): Promise<ResolvedAddress[]> {
  const literal = parseIp(hostname);
  const addresses = literal
    ? [{ address: hostname.replace(/^\[|\]$/g, ''), family: literal.family }]
    : await resolve(hostname, settings.lookup, settings.signal);
  assertAllowed(addresses, hostname, settings.policy);
  return addresses;
}

async function resolve(hostname: string, lookup: LookupFunction, signal: AbortSignal): Promise<ResolvedAddress[]> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await untilAborted(lookup(hostname), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as { code?: unknown } | null)?.code;
    const why = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
    throw new GuardError('DNS', `DNS lookup of ${hostname} failed (${why})`, { cause: error });
  }
  if (addresses.length === 0) throw new GuardError('DNS', `DNS lookup of ${hostname} returned no address`);
  return addresses;
}

function assertAllowed(addresses: ResolvedAddress[], hostname: string, policy: AddressPolicy): void {
  const refused = addresses.find(({ address }) => !isAddressAllowed(address, policy));
  if (!refused) return;
  const kind = classifyAddress(refused.address);
  const named = refused.address === hostname ? '' : ` (resolved from ${hostname})`;
  const optIn = !policy.isAddressAllowed && !policy.allowPrivateNetworks && !NEVER_ALLOWED.has(kind);
  throw new GuardError('BLOCKED_ADDRESS', `refused ${kind} address ${refused.address}${named}`, {
    ...(optIn ? { hint: 'allowPrivateNetworks permits it' } : {}),
  });
}
