/**
 * Shared set-up for fetch tests. Every fetch made through `harness()` is fenced in: the lookup never
 * queries real DNS (it answers only the names a test gives it), and the connect spy throws for any
 * address outside 127.0.0.0/8 and ::1, so even a broken guard cannot send a packet elsewhere.
 */
import { expect } from 'vitest';
import { FetchError } from '../../src/model/errors.js';
import type { ConnectTarget, FetchOptions, FetchRequest, ResolvedAddress } from '../../src/fetch/index.js';

/** Test policy: the local origin's address only. */
export const loopbackOnly = (address: string): boolean => address === '127.0.0.1';

/** A request with test-sized limits (1 s deadline, 1 MiB) and the default (strict) address policy. */
export function testRequest(url: string, overrides: Partial<FetchRequest> = {}): FetchRequest {
  return {
    url,
    userAgent: 'feedloom-test/1.0 (+https://example.org/bot)',
    timeoutMs: 1000,
    maxBytes: 1024 * 1024,
    allowPrivateNetworks: false,
    ...overrides,
  };
}

/** Injection points plus what they saw. */
export interface Harness {
  options: FetchOptions;
  /** Every hostname the fetch asked DNS for. */
  lookups: string[];
  /** Every connection the fetch was about to open. */
  connects: ConnectTarget[];
}

/** Fenced options: `names` is the fake DNS; `isAddressAllowed` defaults to the local origin only. */
export function harness(
  names: Record<string, ResolvedAddress[]> = {},
  extra: Omit<FetchOptions, 'lookup' | 'onConnect'> = { isAddressAllowed: loopbackOnly },
): Harness {
  const lookups: string[] = [];
  const connects: ConnectTarget[] = [];
  const options: FetchOptions = {
    ...extra,
    lookup: async (hostname) => {
      lookups.push(hostname);
      const answer = names[hostname];
      if (answer) return answer;
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    },
    onConnect: (target) => {
      connects.push(target);
      if (!/^127\./.test(target.address) && target.address !== '::1') {
        throw new Error(`test fence: refusing to connect to ${target.address}`);
      }
    },
  };
  return { options, lookups, connects };
}

/** The FetchError a promise rejects with (fails the test if it resolves or throws something else). */
export async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error, 'expected the fetch to fail').toBeInstanceOf(FetchError);
  const fetchError = error as FetchError;
  expect(fetchError.message).not.toContain('\n');
  return fetchError;
}
