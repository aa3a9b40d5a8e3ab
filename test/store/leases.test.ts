import { expect, it } from 'vitest';
import { claimSources, createDatabase, getSource, heldLeases, recordFetch, releaseLeases, renewLease, syncSources } from '../../src/store/index.js';
import type { ClaimOptions } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { configuredSource, fetchOutcome, itemRecord } from './builders.js';

const NOW = new Date('2026-03-04T12:00:00.000Z');
const claim = (owner: string, changes: Partial<ClaimOptions> = {}): ClaimOptions =>
  ({ owner, leaseMs: 60_000, limit: 10, perHostLimit: 10, scope: { kind: 'due' }, now: NOW, ...changes });
const ids = (claimed: { id: string }[]) => claimed.map((c) => c.id).sort();

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'leases', (current) => {
    it('claims due sources once, with one token, owner and expiry', async () => {
      const { db } = current();
      await syncSources(db, ['a', 'b', 'c'].map((id) => configuredSource(id)));
      const first = await claimSources(db, claim('w1', { limit: 2 }));
      expect(first).toHaveLength(2);
      expect(new Set(first.map((c) => c.leaseToken)).size).toBe(1);
      expect(first[0]?.leaseUntil).toBe('2026-03-04T12:01:00.000Z');
      const second = await claimSources(db, claim('w2'));
      expect(ids(second)).toEqual(['a', 'b', 'c'].filter((id) => !ids(first).includes(id)));
      expect(await claimSources(db, claim('w3'))).toEqual([]);
      const held = await heldLeases(db);
      expect(held.map((h) => h.owner).sort()).toEqual(['w1', 'w1', 'w2']);
    });

    it('takes over expired leases, and the late writer is refused', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a')]);
      const [mine] = await claimSources(db, claim('dead', { leaseMs: 10_000 }));
      expect(await claimSources(db, claim('w2', { now: new Date(NOW.getTime() + 9_000) }))).toEqual([]);
      const [theirs] = await claimSources(db, claim('w2', { now: new Date(NOW.getTime() + 10_000) }));
      expect(theirs?.id).toBe('a');
      expect(theirs?.leaseToken).not.toBe(mine?.leaseToken);
      await expect(recordFetch(db, fetchOutcome('a', { leaseToken: mine?.leaseToken ?? '', items: [itemRecord('x')] })))
        .rejects.toMatchObject({ code: 'LEASE_LOST' });
      const recorded = await recordFetch(db, fetchOutcome('a', { leaseToken: theirs?.leaseToken ?? '', items: [itemRecord('x')] }));
      expect(recorded.itemsNew).toBe(1);
      expect(await heldLeases(db)).toEqual([]);
    });

    it('renews a lease while its token is the holder\'s, even past its expiry, and never once another claimed it', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a'), configuredSource('b')]);
      const [mine, alsoMine] = await claimSources(db, claim('w1', { leaseMs: 10_000 }));
      const renew = (token: string, id: string, at: number) => renewLease(db, { sourceId: id, leaseToken: token, leaseMs: 10_000, now: new Date(NOW.getTime() + at) });
      expect(await renew(mine?.leaseToken ?? '', 'a', 5_000)).toBe(true);
      expect((await heldLeases(db)).find((h) => h.sourceId === 'a')?.until).toBe('2026-03-04T12:00:15.000Z');
      // Lapsed but not taken: still this worker's.
      expect(await renew(mine?.leaseToken ?? '', 'a', 30_000)).toBe(true);
      expect(await claimSources(db, claim('w2', { now: new Date(NOW.getTime() + 35_000), scope: { kind: 'ids', ids: ['a'] } }))).toEqual([]);
      // b lapsed and another worker took it: its renewal is refused, and the new holder's lease is untouched.
      const [theirs] = await claimSources(db, claim('w2', { now: new Date(NOW.getTime() + 35_000), scope: { kind: 'ids', ids: ['b'] } }));
      expect(theirs?.id).toBe('b');
      expect(await renew(alsoMine?.leaseToken ?? '', 'b', 36_000)).toBe(false);
      expect((await heldLeases(db)).find((h) => h.sourceId === 'b')).toMatchObject({ owner: 'w2', until: theirs?.leaseUntil });
    });

    it('never claims back what the claimer is working on, even once its lease has run out', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('a'), configuredSource('b')]);
      await claimSources(db, claim('w1', { leaseMs: 10_000 }));
      const later = { now: new Date(NOW.getTime() + 20_000), scope: { kind: 'all' } as const };
      expect(ids(await claimSources(db, claim('w1', { ...later, exceptIds: ['a'] })))).toEqual(['b']);
      // Nothing else kept `a` from being claimed: another claimer takes it (b is w1's again, for a minute).
      expect(ids(await claimSources(db, claim('w2', later)))).toEqual(['a']);
    });

    it('holds every host to the per-host limit, counting every worker\'s leases', async () => {
      const { db } = current();
      const sources = [
        ...['a1', 'a2', 'a3'].map((id) => configuredSource(id, { url: `https://a.example/${id}` })),
        ...['b1', 'b2'].map((id) => configuredSource(id, { url: `https://b.example/${id}` })),
      ];
      await syncSources(db, sources);
      const first = await claimSources(db, claim('w1', { perHostLimit: 1 }));
      expect(first.map((c) => new URL(c.fetchUrl).host).sort()).toEqual(['a.example', 'b.example']);
      const second = await claimSources(db, claim('w2', { perHostLimit: 2 }));
      expect(second.map((c) => new URL(c.fetchUrl).host).sort()).toEqual(['a.example', 'b.example']);
      expect(await claimSources(db, claim('w3', { perHostLimit: 2 }))).toEqual([]);
      await releaseLeases(db, 'w1');
      // w1's two sources are free again; a.example has one lease left (w2's), so one more of each host fits.
      expect((await claimSources(db, claim('w3', { perHostLimit: 2 }))).map((c) => new URL(c.fetchUrl).host).sort()).toEqual(['a.example', 'b.example']);
      expect(await claimSources(db, claim('w4', { perHostLimit: 2 }))).toEqual([]);
    });

    it('claims by scope: due only, all, or named (even gone); never what was fetched in this pass', async () => {
      const { db } = current();
      await syncSources(db, ['due', 'later', 'gone', 'fresh'].map((id) => configuredSource(id)));
      await db.updateTable('sources').set({ next_fetch_at: '2026-03-04T13:00:00.000Z' }).where('id', '=', 'later').execute();
      await db.updateTable('sources').set((eb) => ({ gone_url: eb.ref('url') })).where('id', '=', 'gone').execute();
      await db.updateTable('sources').set({ last_fetch_at: '2026-03-04T11:59:59.000Z' }).where('id', '=', 'fresh').execute();
      const passStart = new Date('2026-03-04T11:59:00.000Z');
      expect(ids(await claimSources(db, claim('w', { fetchedBefore: passStart })))).toEqual(['due']);
      await releaseLeases(db, 'w');
      expect(ids(await claimSources(db, claim('w', { scope: { kind: 'all' } })))).toEqual(['due', 'fresh', 'later']);
      await releaseLeases(db, 'w');
      expect(ids(await claimSources(db, claim('w', { scope: { kind: 'ids', ids: ['gone', 'later'] } })))).toEqual(['gone', 'later']);
      await releaseLeases(db, 'w');
      await db.updateTable('sources').set({ enabled: 0 }).where('id', '=', 'due').execute();
      expect(ids(await claimSources(db, claim('w', { scope: { kind: 'ids', ids: ['due'] } })))).toEqual([]);
    });

    it('orders by priority, then the most overdue, and hands out the moved URL', async () => {
      const { db } = current();
      await syncSources(db, [configuredSource('low'), configuredSource('high', { priority: 5 }), configuredSource('old')]);
      await db.updateTable('sources').set({ next_fetch_at: '2026-03-04T10:00:00.000Z' }).where('id', '=', 'low').execute();
      await db.updateTable('sources').set({ next_fetch_at: '2026-03-04T08:00:00.000Z' }).where('id', '=', 'old').execute();
      await db.updateTable('sources').set((eb) => ({ moved_url: 'https://new.example/feed', moved_from: eb.ref('url') })).where('id', '=', 'old').execute();
      const claimed = await claimSources(db, claim('w'));
      expect(claimed.map((c) => c.id)).toEqual(['high', 'old', 'low']);
      expect(claimed[1]?.fetchUrl).toBe('https://new.example/feed');
      expect(claimed[1]?.url).toBe('https://old.example.org/feed.xml');
    });

    // In one process, better-sqlite3 connections block the event loop while they wait for the write lock, so
    // SQLite's side of this is tested with separate processes (test/scale).
    it.runIf(dialect === 'postgres')('several connections claiming at once share out the sources without overlap', async () => {
      const { db, url } = current();
      await syncSources(db, Array.from({ length: 120 }, (_, i) => configuredSource(`s${i}`)));
      const handles = await Promise.all([1, 2, 3].map(() => createDatabase(url)));
      try {
        const claimedBy = await Promise.all(handles.map(async (handle, w) => {
          const mine: string[] = [];
          for (;;) {
            const batch = await claimSources(handle.db, claim(`w${w}`, { limit: 7, perHostLimit: 1000 }));
            if (batch.length === 0) return mine;
            mine.push(...batch.map((c) => c.id));
          }
        }));
        const all = claimedBy.flat();
        expect(all).toHaveLength(120);
        expect(new Set(all).size).toBe(120);
        expect(claimedBy.filter((list) => list.length > 0).length).toBeGreaterThan(1);
      } finally {
        await Promise.all(handles.map((h) => h.close()));
      }
      expect((await getSource(db, 's0'))?.leaseOwner).toMatch(/^w\d$/);
    });
  });
}
