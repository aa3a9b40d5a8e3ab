import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The shared test corpora, beside the repository. */
export const CORPORA = path.resolve(process.cwd(), '../shared/corpora');

/** Every file under a corpus folder, recursively, as absolute paths. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** One feedparser corpus case, as expectations.json lists it. */
export interface FeedparserCase {
  path: string;
  expect: string;
  headers?: Array<[string, string]> | null;
}
