import { describe, expect, it } from 'vitest';
import { pingHubs } from '../../src/publish/index.js';

describe('pingHubs', () => {
  it('pings every hub for every topic and reports failures without throwing', async () => {
    const sent: string[] = [];
    const results = await pingHubs(['https://hub-a.example/', 'https://hub-b.example/'], ['https://n.example/f.xml', 'https://n.example/f.atom'], async (hub, form) => {
      sent.push(`${hub} ${form['hub.mode']} ${form['hub.url']}`);
      if (hub.includes('hub-b') && form['hub.url']?.endsWith('.atom')) throw new Error('HTTP 503');
    });
    expect(sent).toEqual([
      'https://hub-a.example/ publish https://n.example/f.xml',
      'https://hub-a.example/ publish https://n.example/f.atom',
      'https://hub-b.example/ publish https://n.example/f.xml',
      'https://hub-b.example/ publish https://n.example/f.atom',
    ]);
    expect(results.filter((r) => !r.ok)).toEqual([{ hub: 'https://hub-b.example/', topic: 'https://n.example/f.atom', ok: false, error: 'HTTP 503' }]);
  });

  it('does nothing without hubs', async () => {
    expect(await pingHubs([], ['https://n.example/f.xml'], async () => {
      throw new Error('not called');
    })).toEqual([]);
  });
});
