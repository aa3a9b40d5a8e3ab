import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** Where expected renderer outputs live. */
export const FIXTURES = path.resolve(process.cwd(), 'test/publish/fixtures');

/**
 * Compare `actual` with `test/publish/fixtures/{name}`. UPDATE_FIXTURES=1 rewrites it (review the
 * diff!); a missing file is written and the test fails so it gets reviewed.
 */
export function expectFixture(name: string, actual: string): void {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_FIXTURES === '1' || !existsSync(file)) {
    const missing = !existsSync(file);
    writeFileSync(file, actual);
    if (missing && process.env.UPDATE_FIXTURES !== '1') throw new Error(`wrote missing fixture ${file}; review it and run again`);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
