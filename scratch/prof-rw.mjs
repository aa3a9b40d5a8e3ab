import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseFeed } from '../dist/src/normalise/index.js';
import { parseFeed } from '../dist/src/parse/index.js';
const dir = '../shared/corpora/real-world';
const docs = readdirSync(dir).filter((f) => /\.(xml|rss|atom|rdf)$/.test(f)).map((f) => readFileSync(path.join(dir, f)));
const rounds = Number(process.argv[2] ?? 20);
let items = 0; const t0 = process.cpuUsage();
for (let r = 0; r < rounds; r++) for (const body of docs) { try { items += normaliseFeed(parseFeed({ body, url: 'https://example.com/feed' })).items.length; } catch {} }
const u = process.cpuUsage(t0); console.log(items, ((u.user + u.system) / 1000).toFixed(0), 'ms cpu', (items / ((u.user + u.system) / 1e6)).toFixed(0), 'items/s');
