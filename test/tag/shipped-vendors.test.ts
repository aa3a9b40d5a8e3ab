import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { compileVendorMatcher } from '../../src/tag/index.js';

const config = await loadConfig(path.resolve(process.cwd(), 'feeds.config.json'));
const matcher = compileVendorMatcher(config.vendors);
const tagged = (text: string): string[] => matcher.match({ title: text, text }).map((mention) => mention.vendorId);

/** Per shipped vendor: sentences that name it (and only it), and sentences that look close but do not. */
const CASES: Record<string, { yes: string[]; no: string[] }> = {
  vmware: {
    yes: ['VMware raises prices', 'vmware customers', 'vSphere 9 is out', 'ESXi free edition returns', 'vCenter flaw patched', 'vSAN ESA', 'NSX-T to NSX', 'a vMotion bug', 'Tanzu dropped', 'vRealize renamed'],
    no: ['VM ware', 'vspherical', 'NSX64', 'nsx', 'esx server'],
  },
  broadcom: { yes: ['Broadcom earnings', 'BROADCOM', "Broadcom's VCF push"], no: ['broadcomm', 'broad communications'] },
  microsoft: {
    yes: ['Microsoft earnings', 'Azure outage', 'Hyper-V gets nested virtualisation', 'Windows Server 2025 ships', 'microsoft.com'],
    no: ['azure skies', 'windows server room', 'hyperv', 'Hyper-Vee'],
  },
  'red-hat': {
    yes: ['Red Hat layoffs', 'RedHat repos', 'RHEL 10 released', 'RHEL9-based', 'OpenShift AI', 'Ansible Automation Platform', 'redhat.com'],
    no: ['a red hat', 'red hat day', 'Red Hatter hats', 'rhel'],
  },
  canonical: {
    yes: ['Canonical ships Ubuntu', 'Ubuntu 26.04 LTS', 'LXD 6', 'MicroK8s update', 'Snapcraft store', 'Canonical Kubernetes'],
    no: ['canonical URL', 'the canonical form', 'Canonical URLs explained', 'Canonical Tags and SEO', 'lxd', 'Canonicalization'],
  },
  citrix: { yes: ['Citrix Bleed', 'XenServer 8', 'NetScaler ADC', 'XenApp retired', 'XenDesktop'], no: ['Xen hypervisor', 'netscape', 'citrus'] },
  google: { yes: ['Google Cloud Next', 'GCP outage', 'GKE Autopilot', 'Anthos', 'Google antitrust'], no: ['google it', 'gcp', 'googol'] },
  amazon: {
    yes: ['AWS re:Invent', 'Amazon Web Services', 'Amazon profits', 'Amazon EC2 instances', 'EC2 pricing', 'Graviton chips', 'Graviton4-based R8g', "Amazon's cloud"],
    no: ['amazon', 'the Amazon rainforest', 'Amazon River levels', 'Amazonian', 'aws', 'EC2x', 'Brazilian Amazon', 'the Amazon of hosting'],
  },
  ibm: { yes: ['IBM z17', 'watsonx.ai'], no: ['ibm', 'IBMer', 'BM'] },
  intel: {
    yes: ['Intel layoffs', 'Xeon 6 launch', 'Optane gone', 'Intel-based servers'],
    no: ['intelligence', 'intel', 'Threat Intel sharing', 'Intel-ligence', 'Intellect', 'Xeonic'],
  },
  amd: {
    yes: ['AMD earnings', 'EPYC Turin', 'Epyc 9005', 'Ryzen laptops', 'Radeon drivers', 'Threadripper PRO', 'Xilinx FPGAs', 'Pensando DPU'],
    no: ['amd', 'AMD64 port', 'amd64', 'Amd'],
  },
  dell: {
    yes: ['Dell earnings', 'Dell Technologies World', 'PowerEdge R770', 'PowerStore', 'PowerScale', 'VxRail', "Michael Dell's"],
    no: ['dell', 'Dellwood', 'DELL', 'Del', 'Dell Rapids council'],
  },
  hpe: {
    yes: ['HPE results', 'HP printers', 'Hewlett Packard Enterprise', 'Hewlett-Packard history', 'ProLiant Gen12', 'GreenLake', 'Cray EX'],
    no: ['HPC centre', 'hp', 'HP sauce', 'HPEC', 'Green Lake', 'crayon'],
  },
  oracle: {
    yes: ['Oracle earnings', 'Oracle Cloud Infrastructure', 'Oracle Linux 10', 'VirtualBox 7.2', 'Exadata X11M', 'the Oracle database'],
    no: ['the oracle', 'The Oracle of Omaha', 'an oracle machine', 'price Oracle feeds', 'Delphic Oracle', 'Oracles'],
  },
  suse: { yes: ['SUSE earnings', 'SuSE Linux', 'openSUSE Leap', 'SLES 16', 'Rancher Prime', 'NeuVector'], no: ['a rancher', 'sles', 'suseptible'] },
  'linux-foundation': {
    yes: ['Linux Foundation', 'CNCF', 'Cloud Native Computing Foundation', 'OpenSSF', 'OpenJS Foundation'],
    no: ['Linux', 'cncf', 'Foundation'],
  },
  nutanix: { yes: ['Nutanix', 'AHV hypervisor'], no: ['ahv', 'nutanixx'] },
  proxmox: { yes: ['Proxmox VE 9', 'proxmox backup'], no: ['proxy mox'] },
  cloudflare: { yes: ['Cloudflare outage', 'cloudflare'], no: ['cloud flare', 'solar flare'] },
  equinix: { yes: ['Equinix xScale'], no: ['equine'] },
  digitalocean: { yes: ['DigitalOcean droplets', 'Digital Ocean'], no: ['a digital ocean of data'] },
  akamai: { yes: ['Akamai', 'Linode'], no: ['akamaized', 'Linodes'] },
  ovhcloud: { yes: ['OVHcloud', 'OVH fire'], no: ['ovh', 'OVHs'] },
  hetzner: { yes: ['Hetzner'], no: ['Hertz'] },
  rackspace: { yes: ['Rackspace'], no: ['rack space'] },
  nvidia: { yes: ['Nvidia', 'NVIDIA', 'CUDA 13', 'DGX SuperPOD', 'Mellanox', 'BlueField-3'], no: ['cuda', 'barracuda', 'DGXX'] },
  cisco: { yes: ['Cisco', 'cisco'], no: ['San Francisco', 'Francisco', 'SanFrancisco'] },
  hashicorp: { yes: ['HashiCorp', 'Terraform 1.10', 'terraform state'], no: ['terraform Mars', 'terraforming'] },
  'alibaba-cloud': { yes: ['Alibaba Cloud', 'Aliyun'], no: ['Alibaba', 'Alibaba Clouds'] },
  netapp: { yes: ['NetApp', 'ONTAP 9'], no: ['net app', 'ontap'] },
  supermicro: { yes: ['Supermicro', 'Super Micro Computer'], no: ['super micro', 'supermicrobe'] },
};

describe('the shipped vendor dictionary', () => {
  it('has cases for every shipped vendor', () => {
    expect(Object.keys(CASES).sort()).toEqual(config.vendors.map((vendor) => vendor.id).sort());
  });

  for (const vendor of config.vendors) {
    const cases = CASES[vendor.id] ?? { yes: [], no: [] };
    describe(vendor.id, () => {
      it.each(cases.yes)(`tags %j as ${vendor.id}`, (text) => {
        expect(tagged(text)).toEqual([vendor.id]);
      });
      it.each(cases.no)('tags %j as nothing', (text) => {
        expect(tagged(text)).toEqual([]);
      });
    });
  }

  it('matches every alias of every vendor, in the spelling the config gives', () => {
    for (const vendor of config.vendors) {
      for (const alias of vendor.aliases) {
        expect(tagged(`News: ${alias.text} today`), alias.text).toContain(vendor.id);
      }
    }
  });
});

describe('the classic traps', () => {
  it.each([
    ['Business intelligence tools for hosting providers', []],
    ['HPC clusters move to liquid cooling', []],
    ['San Francisco data centre market heats up', []],
    ['Why the canonical URL matters for feeds', []],
    ['Canonical URLs explained', []],
    ['Canonical Correlation Analysis for log anomalies', []],
    ['Consult the oracle before you deploy', []],
    ['The Oracle of Omaha sells tech stocks', []],
    ['A red hat for the sysadmin who has everything', []],
    ['Dellwood campus opens', []],
    ['Amazon rainforest data centre water use under scrutiny', []],
    ['Drought in the Brazilian Amazon threatens hydropower', []],
    ['Threat Intel sharing between hosting providers grows', []],
    ['Artificial Intel-ligence: a pun too far', []],
    ['HP Sauce maker moves ERP to the cloud', []],
    ['Debian drops i386, keeps amd64 and arm64', []],
    ['Canonical ships Ubuntu 26.04 with Red Hat-style tooling', ['red-hat', 'canonical']],
    ['Red Hat, SUSE and Canonical form a security alliance', ['red-hat', 'canonical', 'suse']],
    ['Canonical Names New Chief Executive', ['canonical']],
    ['Oracle of all vendors? Oracle Linux now on Azure', ['microsoft', 'oracle']],
    ["Amazon's new Graviton5 data centre near the Amazon river", ['amazon']],
  ])('%s', (text, expected) => {
    expect(tagged(text)).toEqual(expected);
  });
});
