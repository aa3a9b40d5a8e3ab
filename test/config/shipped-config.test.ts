import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import type { Config, VendorConfig } from '../../src/config/index.js';

const FILE = path.resolve(process.cwd(), 'feeds.config.json');

/** Whole-word alias matching with the resolved case rules: enough to check the dictionary's decisions. */
function vendorsIn(text: string, vendors: VendorConfig[]): string[] {
  return vendors
    .filter((vendor) =>
      vendor.aliases.some((alias) => {
        const escaped = alias.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, alias.caseSensitive ? 'u' : 'iu').test(text);
      }),
    )
    .map((vendor) => vendor.id);
}

describe('the shipped feeds.config.json', async () => {
  const config: Config = await loadConfig(FILE);
  const raw = JSON.parse(await readFile(FILE, 'utf8')) as Record<string, unknown>;

  it('points editors at the schema', () => {
    expect(raw['$schema']).toBe('./feeds.schema.json');
  });

  it('has at least 15 enabled, tagged https sources on distinct URLs', () => {
    const enabled = config.sources.filter((source) => source.enabled);
    expect(enabled.length).toBeGreaterThanOrEqual(15);
    for (const source of enabled) {
      expect(source.url).toMatch(/^https:\/\//);
      expect(source.tags.length).toBeGreaterThan(0);
      expect(source.title).toBeTruthy();
      expect(source.allowPrivateNetworks).toBe(false);
    }
    expect(new Set(enabled.map((source) => source.url)).size).toBe(enabled.length);
  });

  it('has the vendors the issue asks for, each with aliases', () => {
    const ids = config.vendors.map((vendor) => vendor.id);
    expect(ids.length).toBeGreaterThanOrEqual(15);
    for (const id of ['vmware', 'microsoft', 'red-hat', 'canonical', 'citrix', 'google', 'amazon', 'ibm', 'intel', 'amd', 'dell', 'hpe', 'oracle', 'broadcom', 'suse', 'linux-foundation']) {
      expect(ids).toContain(id);
    }
  });

  it('curates all headlines, VMware and virtualisation', () => {
    const feed = (id: string) => config.feeds.find((entry) => entry.id === id);
    const headlines = feed('headlines');
    expect(config.feeds[0]).toBe(headlines);
    expect(headlines?.match).toMatchObject({ vendors: [], vendorsAll: [], keywords: [], exclude: [], sources: [], sourceTags: [] });
    expect(feed('vmware')?.match.vendors).toEqual(['vmware']);
    const virtualisation = feed('virtualisation')?.match;
    const matches = (text: string) => virtualisation?.keywords.some((pattern) => pattern.regex.test(text)) ?? false;
    const excluded = (text: string) => virtualisation?.exclude.some((pattern) => pattern.regex.test(text)) ?? false;
    for (const title of ['New hypervisor released', 'Virtualisation in 2025', 'Virtualization costs rise', 'Paravirtualized drivers', 'KVM gets faster']) {
      expect(matches(title), title).toBe(true);
    }
    expect(matches('Quarterly earnings beat estimates')).toBe(false);
    expect(excluded('Sponsored: the best hypervisor')).toBe(true);
  });

  it('only filters on source tags some enabled source carries', () => {
    const tags = new Set(config.sources.filter((source) => source.enabled).flatMap((source) => source.tags));
    for (const feed of config.feeds) {
      for (const tag of feed.match.sourceTags) expect(tags, `${feed.id}: ${tag}`).toContain(tag);
    }
  });

  it.each([
    ['VMware patches ESXi flaw', ['vmware']],
    ['vmware cuts prices', ['vmware']],
    ['Broadcom completes VMware deal', ['vmware', 'broadcom']],
    ['Artificial intelligence in the data centre', []],
    ['Intel Xeon 6 arrives', ['intel']],
    ['New HPC cluster in San Francisco', []],
    ['HPE GreenLake and HP printers', ['hpe']],
    ['Set the canonical URL of a page', []],
    ['Canonical ships Ubuntu 24.04', ['canonical']],
    ['Consulting the oracle', []],
    ['Oracle Cloud Infrastructure expands', ['oracle']],
    ['OCI image spec 1.1', []],
    ['He wore a red hat', []],
    ['Red Hat Enterprise Linux 10 is out', ['red-hat']],
    ['RHEL 10 is out', ['red-hat']],
    ['A dell in the valley', []],
    ['Dell refreshes PowerEdge', ['dell']],
    ['AMD EPYC Turin benchmarks', ['amd']],
    ['Epyc chips ship', ['amd']],
    ['The amd64 port', []],
    ['Under azure skies', []],
    ['Azure outage hits Europe', ['microsoft']],
    ['Just google it', []],
    ['SUSE and openSUSE news', ['suse']],
    ['Suse sold again', ['suse']],
    ['NVIDIA and Nvidia', ['nvidia']],
    ['AWS re:Invent recap', ['amazon']],
  ])('tags %j as %j', (headline, expected) => {
    expect(vendorsIn(headline, config.vendors).sort()).toEqual([...expected].sort());
  });
});
