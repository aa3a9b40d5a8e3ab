/**
 * npm run bench:parse — feedloom's parse + normalise + sanitise on one thread, its parse stage alone, rss-parser's
 * parseString, Python feedparser (when Debian's python3-feedparser is installed) and raw fast-xml-parser
 * (bench/parse-contenders.ts), each in a process of its own, one after the other in the same run, over the same
 * documents (bench/parse-corpora.ts). Prints items/s, MB/s and feedloom's ratios to rss-parser and feedparser.
 *
 * The machine is shared, so other work slows the contenders down by amounts that change from second to second.
 * Every contender reads each set round after round for at least BENCH_MS, and the contenders take turns
 * BENCH_REPEAT times (Python feedparser, whose rounds take seconds, in the first turn only). A round is one pass over every document of the set. The table shows, for each contender:
 * - by CPU time: items (and MB) per second of CPU its process used in the median round (user + system time, so
 *   time the machine gave to other processes does not count; V8's helper threads do);
 * - by wall time: items per second of the fastest round (the least disturbed).
 *
 *   BENCH_MS=1500 (per set, contender and turn)   BENCH_REPEAT=2   BENCH_ONLY=substring of contender names
 *   BENCH_PROFILE=DIR (a CPU profile of each contender's process, node --cpu-prof)
 * Numbers depend on the machine; compare rows of one run only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contenders } from './parse-contenders.js';
import { corpora, readCorpora, writeCorpora, type Doc } from './parse-corpora.js';

const MIN_MS = Number(process.env['BENCH_MS'] ?? 1500);
const REPEAT = Number(process.env['BENCH_REPEAT'] ?? 2);
const ONLY = process.env['BENCH_ONLY'];
const PROFILE = process.env['BENCH_PROFILE'];
const SELF = path.relative(process.cwd(), new URL(import.meta.url).pathname);
const BASELINES = ['rss-parser parseString', 'Python feedparser (parse)'];
const MIN_ROUNDS = 3;

/** The rounds one contender read of one set: wall and CPU milliseconds and items of each. */
interface Rounds {
  set: string;
  name: string;
  ms: number[];
  cpuMs: number[];
  items: number[];
}

/** In a child: measure one contender over every set, print its rounds as JSON on stdout. */
async function child(index: number, dir: string): Promise<void> {
  const contender = contenders[index];
  if (!contender?.load) throw new Error(`no Node contender ${index}`);
  const round = await contender.load();
  const out: Rounds[] = [];
  for (const [set, docs] of Object.entries(readCorpora(dir))) {
    await round(docs); // warm-up
    const rounds: Rounds = { set, name: contender.name, ms: [], cpuMs: [], items: [] };
    const start = performance.now();
    while (rounds.ms.length < MIN_ROUNDS || performance.now() - start < MIN_MS) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      rounds.items.push(await round(docs));
      const used = process.cpuUsage(cpu);
      rounds.ms.push(performance.now() - t);
      rounds.cpuMs.push((used.user + used.system) / 1000);
    }
    out.push(rounds);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runChild(index: number, dir: string, command: [string, string[]] | undefined): Promise<Rounds[]> {
  const profile = PROFILE === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`];
  return new Promise((resolve, reject) => {
    const [program, args] = command ?? [process.execPath, [...profile, '--import', 'tsx', SELF, '--child', String(index), dir]];
    const proc = spawn(program, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_MS: String(MIN_MS) } });
    let stdout = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.on('exit', (code) => {
      if (code !== 0) reject(new Error(`contender ${contenders[index]?.name} exited with ${code}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as Rounds[]);
    });
  });
}

/** Rounds per second: by CPU time in the median round, by wall time in the fastest one. */
function rates(rounds: Rounds): { cpu: number; wall: number; items: number } {
  const cpu = rounds.cpuMs.map((ms) => 1000 / ms).sort((a, b) => a - b);
  return { cpu: cpu[Math.floor(cpu.length / 2)] ?? 0, wall: Math.max(...rounds.ms.map((ms) => 1000 / ms)), items: rounds.items[0] ?? 0 };
}

function print(all: Rounds[], docs: Record<string, Doc[]>): void {
  for (const [set, list] of Object.entries(docs)) {
    const mb = list.reduce((n, d) => n + d.body.length, 0) / 1e6;
    console.log(`\n${set}: ${list.length} documents, ${mb.toFixed(2)} MB`);
    console.log(`  ${''.padEnd(50)} ${'by CPU time (median round)'.padStart(30)} ${'by wall time (fastest)'.padStart(30)}  items/round`);
    const merged = new Map<string, Rounds>();
    for (const r of all.filter((x) => x.set === set)) {
      const m = merged.get(r.name) ?? { set, name: r.name, ms: [], cpuMs: [], items: [] };
      m.ms.push(...r.ms);
      m.cpuMs.push(...r.cpuMs);
      m.items.push(...r.items);
      merged.set(r.name, m);
    }
    const cell = (perSecond: number, items: number) =>
      `${(perSecond * mb).toFixed(1).padStart(6)} MB/s ${(items > 0 ? Math.round(perSecond * items).toLocaleString('en') : 'n/a').padStart(9)} items/s`;
    for (const rounds of merged.values()) {
      const r = rates(rounds);
      console.log(`  ${rounds.name.padEnd(50)} ${cell(r.cpu, r.items).padStart(30)} ${cell(r.wall, r.items).padStart(30)}  ${r.items || ''}`);
    }
    for (const baseline of BASELINES.map((name) => merged.get(name))) {
      if (!baseline) continue;
      const b = rates(baseline);
      for (const rounds of merged.values()) {
        if (!rounds.name.startsWith('feedloom')) continue;
        const r = rates(rounds);
        const ratio = (x: number, y: number) => ((x * r.items) / (y * b.items)).toFixed(2);
        console.log(`  ${rounds.name} / ${baseline.name}, items/s: ${ratio(r.cpu, b.cpu)}x by CPU time, ${ratio(r.wall, b.wall)}x by wall time`);
      }
    }
  }
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]), process.argv[4] ?? '');
} else {
  const started = performance.now();
  const docs = corpora();
  const dir = mkdtempSync(path.join(tmpdir(), 'feedloom-bench-parse-'));
  const all: Rounds[] = [];
  try {
    writeCorpora(dir, docs);
    for (let turn = 0; turn < REPEAT; turn++) {
      for (const [index, contender] of contenders.entries()) {
        if ((ONLY !== undefined && !contender.name.includes(ONLY)) || (turn > 0 && contender.firstTurnOnly)) continue;
        const command = contender.command?.(dir);
        if (contender.command && !command) {
          if (turn === 0) console.log(`(${contender.name}: not installed, left out)`);
          continue;
        }
        all.push(...(await runChild(index, dir, command)));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  print(all, docs);
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s; each contender in a process of its own, taking turns ${REPEAT}x)`);
}
