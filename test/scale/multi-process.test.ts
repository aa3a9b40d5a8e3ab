import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/store/index.js';
import { DIALECTS, describeDatabase } from '../support/databases.js';
import { startOrigin } from '../support/origin.js';
import type { Origin } from '../support/origin.js';
import { spawnCli, until } from './spawn-cli.js';

// Acceptance for scale-out: several feedloom processes on one database never fetch a source twice at once,
// store every item once, and take over a killed worker's sources once its leases expire.

const SOURCES = 300;
const ITEMS = 3;
const rss = (n: number) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Source ${n}</title><link>http://x.example/${n}</link>`
  + `<description>d</description>${Array.from({ length: ITEMS }, (_, i) => `<item><guid>s${n}-i${i}</guid><title>Item ${i} of ${n}</title></item>`).join('')}</channel></rss>`;

/** Several origins (hosts, as the per-host limit counts them: each port is one) share the sources round-robin. */
const HOSTS = 6;
const origins: Origin[] = [];
let folder: string;
/** Milliseconds each feed takes to answer: long enough that the processes overlap. */
let delayMs = 20;
beforeAll(async () => {
  for (let h = 0; h < HOSTS; h++) {
    const origin = await startOrigin();
    origin.route('*', (req, res) => {
      const n = Number(/\/s\/(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN);
      setTimeout(() => {
        if (Number.isNaN(n)) res.writeHead(404).end();
        else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(n));
      }, delayMs);
    });
    origins.push(origin);
  }
  folder = mkdtempSync(path.join(tmpdir(), 'feedloom-scale-'));
});
afterAll(async () => {
  await Promise.all(origins.map((o) => o.close()));
  rmSync(folder, { recursive: true, force: true });
});

const originOf = (n: number): Origin => origins[n % HOSTS] as Origin;

/** A config of SOURCES sources under `/<prefix>/s/<n>` on the origin. */
function writeConfig(name: string, prefix: string, extra: { concurrency: number; perHost: number; timeoutMs: number }): string {
  const file = path.join(folder, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    fetch: { allowPrivateNetworks: true, timeoutMs: extra.timeoutMs, concurrency: extra.concurrency, perHostConcurrency: extra.perHost },
    schedule: { tick: '* * * * * *', defaultInterval: '1h', minInterval: '1s' },
    retention: { days: 0 },
    sources: Array.from({ length: SOURCES }, (_, n) => ({ id: `s${n}`, url: originOf(n).urlFor(`/${prefix}/s/${n}`) })),
  }));
  return file;
}

async function itemCounts(db: Kysely<Database>): Promise<{ rows: number; distinct: number }> {
  const rows = await db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const distinct = await sql<{ n: number }>`select count(*) as n from (select distinct source_id, guid_key from items) d`.execute(db);
  return { rows: Number(rows.n), distinct: Number(distinct.rows[0]?.n ?? 0) };
}

const leased = async (db: Kysely<Database>) =>
  db.selectFrom('sources').select(['id', 'lease_owner', 'lease_until']).where('lease_owner', 'is not', null).execute();

for (const dialect of DIALECTS) {
  describeDatabase(dialect, 'three feedloom ingest processes at once', (current) => {
    it('fetch each source exactly once and store every item once', { timeout: 90_000 }, async () => {
      delayMs = 20;
      const prefix = `${dialect}-ingest`;
      const file = writeConfig(prefix, prefix, { concurrency: 16, perHost: 4, timeoutMs: 5000 });
      const env = { FEEDLOOM_CONFIG: file, DATABASE_URL: current().url };
      const processes = [1, 2, 3].map(() => spawnCli(['ingest', '--json'], env));
      const codes = await Promise.all(processes.map((p) => p.exited));
      expect(codes, processes.map((p) => p.stderr()).join('\n')).toEqual([0, 0, 0]);

      const perPath = new Map<string, number>();
      for (const origin of origins) {
        for (const r of origin.requests) if (r.pathname.startsWith(`/${prefix}/`)) perPath.set(`${origin.port}${r.pathname}`, (perPath.get(`${origin.port}${r.pathname}`) ?? 0) + 1);
      }
      expect(perPath.size).toBe(SOURCES);
      expect([...perPath.values()].filter((n) => n !== 1)).toEqual([]);
      const totals = processes.map((p) => (JSON.parse(p.stdout()) as { sources: { total: number }; items: { new: number } }));
      expect(totals.reduce((n, t) => n + t.sources.total, 0)).toBe(SOURCES);
      expect(totals.reduce((n, t) => n + t.items.new, 0)).toBe(SOURCES * ITEMS);
      expect(await itemCounts(current().db)).toEqual({ rows: SOURCES * ITEMS, distinct: SOURCES * ITEMS });
      expect(await leased(current().db)).toEqual([]);
    });
  });
}

describeDatabase('postgres', 'three feedloom workers, one killed with SIGKILL', (current) => {
  it('takes over the dead worker\'s sources once its leases expire; nothing stored twice, nothing left leased', { timeout: 90_000 }, async () => {
    // 300 × 150 ms over 3 × 4 slots (6 hosts × 2 per host): about four seconds of work, so the kill lands mid-run.
    delayMs = 150;
    const { db, url } = current();
    const prefix = 'workers';
    // A 1 s fetch timeout gives 6 s leases (see leaseLengthMs).
    const file = writeConfig(prefix, prefix, { concurrency: 4, perHost: 2, timeoutMs: 1000 });
    const env = { FEEDLOOM_CONFIG: file, DATABASE_URL: url };
    const workers = [1, 2, 3].map(() => spawnCli(['worker'], env));
    const [victim, ...survivors] = workers;
    if (victim === undefined) throw new Error('no workers');
    try {
      const victimLeases = async () => (await leased(db)).filter((row) => row.lease_owner?.includes(`:${victim.pid}:`));
      await until(async () => (await victimLeases()).length > 0, 30_000, victim.exited, victim.stderr);
      victim.child.kill('SIGKILL');
      expect(await victim.exited).toBeNull();
      // What the victim held when it died: these are taken over only after their leases expire.
      const orphaned = await victimLeases();
      expect(orphaned.length).toBeGreaterThan(0);

      await until(async () => {
        const done = await db.selectFrom('sources').select((eb) => eb.fn.countAll<number>().as('n')).where('last_success_at', 'is not', null).executeTakeFirstOrThrow();
        return Number(done.n) === SOURCES && (await leased(db)).length === 0;
      }, 60_000, undefined, () => survivors.map((w) => w.stderr()).join('\n'));

      const rows = await db.selectFrom('sources').select(['id', 'last_fetch_at']).where('id', 'in', orphaned.map((o) => o.id)).execute();
      for (const row of rows) {
        const expiry = Date.parse(orphaned.find((o) => o.id === row.id)?.lease_until ?? '');
        expect(Date.parse(row.last_fetch_at ?? ''), `${row.id} taken over before its lease expired`).toBeGreaterThanOrEqual(expiry);
      }
      expect(await itemCounts(db)).toEqual({ rows: SOURCES * ITEMS, distinct: SOURCES * ITEMS });

      for (const w of survivors) w.child.kill('SIGTERM');
      expect(await Promise.all(survivors.map((w) => w.exited))).toEqual([0, 0]);
      expect(await leased(db)).toEqual([]);
    } finally {
      for (const w of workers) w.child.kill('SIGKILL');
    }
  });
});
