import { describe, expect, it } from 'vitest';
import { withoutBoilerplate } from '../../src/dedup/boilerplate.js';

const lead = 'Northwind Hosting, a provider of managed cloud and dedicated servers, today announced the opening of a new data center in Frankfurt, Germany, with room for 4,000 racks.';

describe('withoutBoilerplate', () => {
  const trailers: [string, string][] = [
    ['an About paragraph that names the company again', ' About Northwind Hosting Northwind Hosting is a European provider of managed cloud.'],
    ['an About the … paragraph', ' About the Linux Foundation The Linux Foundation is the world’s leading home for collaboration.'],
    ['a ### separator', ' ### Media contact: press@northwindhosting.example'],
    ['forward-looking statements', ' Forward-Looking Statements Except for the historical information contained herein…'],
    ['a media contact', ' Media Contact Dan Whiting media@example.org'],
    ['a WordPress footer', ' The post Northwind opens in Frankfurt appeared first on HostingWire.'],
  ];
  it.each(trailers)('cuts %s', (_name, trailer) => {
    expect(withoutBoilerplate(lead + trailer)).toBe(lead);
  });

  it('keeps "About" that is not a heading, and markers inside the opening', () => {
    const text = `${lead} About 40% of the capacity is already leased.`;
    expect(withoutBoilerplate(text)).toBe(text);
    const early = 'Media Contact: the company said the building is finished. '.padEnd(200, 'x');
    expect(withoutBoilerplate(early)).toBe(early);
  });

  it('removes a WordPress footer even from a short body', () => {
    expect(withoutBoilerplate('Short news. The post Short news appeared first on Site.')).toBe('Short news.');
  });
});
