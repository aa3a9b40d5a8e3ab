import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchemaText } from '../../src/config/index.js';

const ROOT = process.cwd();

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
}

/** A small JSON Schema checker for the keywords feeds.schema.json uses: an independent reading of the file. */
function violations(schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.anyOf) return schema.anyOf.some((option) => violations(option, value, at).length === 0) ? [] : [`${at}: no alternative fits`];
  const kind = Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;
  if (schema.type && schema.type !== kind && !(schema.type === 'number' && kind === 'integer')) return [`${at}: not ${schema.type}`];
  const found: string[] = [];
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) found.push(`${at}: pattern`);
    if (schema.minLength !== undefined && value.length < schema.minLength) found.push(`${at}: minLength`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) found.push(`${at}: minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) found.push(`${at}: maximum`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) found.push(`${at}: minItems`);
    value.forEach((item, index) => schema.items && found.push(...violations(schema.items, item, `${at}[${index}]`)));
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) found.push(`${at}.${key}: required`);
    for (const [key, item] of Object.entries(record)) {
      const property = schema.properties?.[key];
      if (property) found.push(...violations(property, item, `${at}.${key}`));
      else if (schema.additionalProperties === false) found.push(`${at}.${key}: not allowed`);
    }
  }
  return found;
}

describe('feeds.schema.json', async () => {
  const committed = await readFile(path.join(ROOT, 'feeds.schema.json'), 'utf8');
  const schema = JSON.parse(committed) as Schema;

  it('is what `npm run schema` writes from the zod schema (rerun it if this fails)', () => {
    expect(committed).toBe(configJsonSchemaText());
  });

  it('accepts the shipped feeds.config.json', async () => {
    const config: unknown = JSON.parse(await readFile(path.join(ROOT, 'feeds.config.json'), 'utf8'));
    expect(violations(schema, config)).toEqual([]);
  });

  it.each([
    [{ sourcez: [] }, '$.sourcez: not allowed'],
    [{ sources: [{ id: 'x', url: 'ftp://x' }] }, '$.sources[0].url: pattern'],
    [{ sources: [{ id: 'x' }] }, '$.sources[0].url: required'],
    [{ schedule: { defaultInterval: '15 minutes' } }, '$.schedule.defaultInterval: pattern'],
    [{ vendors: [{ id: 'v', name: 'V', aliases: [3] }] }, '$.vendors[0].aliases[0]: no alternative fits'],
    [{ fetch: { concurrency: 0 } }, '$.fetch.concurrency: minimum'],
    [{ feeds: [] }, '$.feeds: minItems'],
  ])('refuses %j as the loader does', (config, problem) => {
    expect(violations(schema, config)).toEqual([problem]);
  });
});
