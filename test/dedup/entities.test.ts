import { describe, expect, it } from 'vitest';
import { itemNames } from '../../src/dedup/entities.js';

const titleNames = (title: string, body = '') => [...itemNames(title, body).title].sort();

describe('itemNames', () => {
  it('takes names by shape: acronyms, inner capitals, numbers', () => {
    expect(titleNames('patch now: critical ESXi flaws in vSphere 8.0')).toEqual(['8.0', 'esxi', 'vspher']);
  });

  it('takes capitalised words inside a sentence-case headline, not the first word unless the body confirms it', () => {
    expect(titleNames('Google Cloud plans second region in Monterrey', 'The company said the region opens next year.')).toEqual(['cloud', 'monterrey']);
    expect(titleNames('Hetzner raises prices', 'Customers of Hetzner will pay more.')).toEqual(['hetzner']);
  });

  it('takes nothing from a Title Case headline that the body does not confirm', () => {
    expect(titleNames('Northwind Hosting Opens Frankfurt Data Center to Serve Growing Demand', 'Customers in Frankfurt get a new site from Northwind Hosting.'))
      .toEqual(['frankfurt', 'host', 'northwind']);
  });

  it('treats a short headline full of proper nouns as sentence case', () => {
    expect(titleNames('Ubuntu 24.10 is Oracular Oriole. No, Oracle isn’t involved')).toEqual(['24.10', 'oracl', 'oracular', 'oriol']);
  });

  it('drops words the item writes in lower case, month names and generic acronyms', () => {
    expect(titleNames('Users of Microsoft Cloud in May hit by AI and GPU outage', 'Several cloud regions failed.')).toEqual(['microsoft']);
  });

  it('judges hyphenated words part by part', () => {
    expect(titleNames('Fedora on M-series Macs')).toEqual(['mac']);
  });

  it('collects sentence-initial capitalised words the item never writes in lower case as loose names', () => {
    const names = itemNames('Nvidia reports record quarter', 'Nvidia said demand was strong. Nvidia shares rose.');
    expect([...names.capitalised]).toContain('nvidia');
    expect([...names.title]).not.toContain('nvidia');
  });
});
