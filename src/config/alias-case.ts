/**
 * Ordinary English words that are also vendor or product names in this trade. An alias made only of
 * such words ("Oracle", "Red Hat", "Google Cloud", "Pure Storage") is matched case-sensitively by
 * default, so "the oracle", "a red hat" or "a digital ocean of data" are not tagged.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  'amazon', 'apple', 'arm', 'atomic', 'azure', 'canonical', 'chef', 'cloud', 'compute', 'consul', 'core',
  'dell', 'digital', 'edge', 'engine', 'enterprise', 'foundation', 'fusion', 'google', 'harvester', 'hat',
  'horizon', 'instinct', 'intel', 'juniper', 'lambda', 'nomad', 'ocean', 'oracle', 'packer', 'power',
  'puppet', 'pure', 'rancher', 'red', 'salt', 'server', 'service', 'services', 'snap', 'storage', 'stream',
  'vault', 'web', 'windows', 'workstation',
]);

/**
 * The default case rule for a vendor alias. Case-sensitive when the alias
 * 1. has at most 3 letters ("HP", "AMD", "AWS", "EC2"): short tokens collide with other words and acronyms;
 * 2. is written all in capitals ("SUSE", "EPYC", "RHEL"): the capitals are what identify it;
 * 3. is made only of common words (see COMMON_WORDS: "Oracle", "Dell", "Red Hat", "Windows Server").
 * Otherwise case-insensitive ("VMware" also matches "vmware" and "VMWARE").
 * `caseSensitive` on the alias, else on the vendor, overrides this rule.
 */
export function defaultCaseSensitive(alias: string): boolean {
  const letters = alias.match(/\p{L}/gu) ?? [];
  if (letters.length <= 3) return true;
  if (letters.every((letter) => letter !== letter.toLowerCase())) return true;
  const words = alias.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  return words.every((word) => COMMON_WORDS.has(word));
}

/** The case rule in force for one alias: the alias's own setting, else the vendor's, else the default rule. */
export function aliasCaseSensitive(text: string, aliasSetting?: boolean, vendorSetting?: boolean): boolean {
  return aliasSetting ?? vendorSetting ?? defaultCaseSensitive(text);
}
