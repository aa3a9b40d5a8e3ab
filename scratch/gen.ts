import { writeFileSync } from 'node:fs';
import { newsCorpus, rssOf } from '../bench/news-corpus.js';
const n = Number(process.argv[2] ?? 300);
const c = newsCorpus({ sources: n, perSource: 50, days: 21, end: Date.parse('2026-12-01T00:00:00Z'), retell: 0.15, seed: 20_260_101 });
c.sources.forEach((items, i) => writeFileSync(`/tmp/pc/s${i}.xml`, rssOf(i, items)));
