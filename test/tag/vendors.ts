import { aliasCaseSensitive } from '../../src/config/index.js';
import type { VendorConfig } from '../../src/config/index.js';

/** A vendor for tests: string aliases get the config loader's default case rule, objects say their own. */
export function vendor(id: string, ...aliases: (string | { text: string; caseSensitive: boolean })[]): VendorConfig {
  return {
    id,
    name: id,
    aliases: aliases.map((alias) =>
      typeof alias === 'string' ? { text: alias, caseSensitive: aliasCaseSensitive(alias) } : { ...alias },
    ),
  };
}
