// A small JSON Schema (draft-07) checker for exactly the keywords the JSON Feed schemas use, so
// tests can validate against ../shared/corpora/jsonfeed/jsonfeed-schema without another package.
// An unsupported keyword throws rather than being silently ignored.

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'definitions', '$id']);
const KEYWORDS = new Set([
  'type', 'enum', 'format', 'properties', 'patternProperties', 'additionalProperties', 'required',
  'items', 'allOf', 'anyOf', 'minProperties', '$ref',
]);

/** Every problem found validating `value` against `schema` (empty when valid), each with its JSON path. */
export function validateJsonSchema(value: unknown, schema: Schema): string[] {
  const problems: string[] = [];
  check(value, schema, schema, '$', problems);
  return problems;
}

function check(value: unknown, schema: Schema, root: Schema, at: string, out: string[]): void {
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !KEYWORDS.has(key)) throw new Error(`unsupported schema keyword ${key} at ${at}`);
  }
  if (typeof schema.$ref === 'string') check(value, resolve(schema.$ref, root), root, at, out);
  if (typeof schema.type === 'string' && !hasType(value, schema.type)) out.push(`${at}: not a ${schema.type}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${at}: not one of ${schema.enum.join(', ')}`);
  if (typeof schema.format === 'string' && typeof value === 'string' && !hasFormat(value, schema.format)) {
    out.push(`${at}: not a valid ${schema.format}: ${value}`);
  }
  for (const sub of (schema.allOf as Schema[] | undefined) ?? []) check(value, sub, root, at, out);
  if (Array.isArray(schema.anyOf)) {
    const fits = (schema.anyOf as Schema[]).some((sub) => validateAgainst(value, sub, root));
    if (!fits) out.push(`${at}: matches none of anyOf`);
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) => check(item, schema.items as Schema, root, `${at}[${i}]`, out));
  }
  if (isObject(value)) checkObject(value, schema, root, at, out);
}

function checkObject(value: Record<string, unknown>, schema: Schema, root: Schema, at: string, out: string[]): void {
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const patterns = Object.entries((schema.patternProperties as Record<string, Schema> | undefined) ?? {});
  for (const name of (schema.required as string[] | undefined) ?? []) {
    if (!(name in value)) out.push(`${at}: missing required ${name}`);
  }
  if (typeof schema.minProperties === 'number' && Object.keys(value).length < schema.minProperties) {
    out.push(`${at}: fewer than ${schema.minProperties} properties`);
  }
  for (const [name, inner] of Object.entries(value)) {
    const path = `${at}.${name}`;
    let matched = false;
    if (properties[name]) {
      matched = true;
      check(inner, properties[name], root, path, out);
    }
    for (const [pattern, sub] of patterns) {
      if (new RegExp(pattern, 'u').test(name)) {
        matched = true;
        check(inner, sub, root, path, out);
      }
    }
    if (!matched && schema.additionalProperties === false) out.push(`${path}: property not allowed`);
    else if (!matched && isObject(schema.additionalProperties)) check(inner, schema.additionalProperties, root, path, out);
  }
}

function validateAgainst(value: unknown, schema: Schema, root: Schema): boolean {
  const out: string[] = [];
  check(value, schema, root, '$', out);
  return out.length === 0;
}

function resolve(ref: string, root: Schema): Schema {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isObject(node) ? node[part] : undefined;
  if (!isObject(node)) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isObject(value);
    case 'array': return Array.isArray(value);
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'null': return value === null;
    default: throw new Error(`unsupported type ${type}`);
  }
}

// RFC 3339 date-time (what draft-07's `date-time` means).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function hasFormat(value: string, format: string): boolean {
  if (format === 'date-time') return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
  if (format === 'uri') {
    // An absolute URI (RFC 3986): a scheme, then no spaces or characters that need escaping.
    return /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(value);
  }
  throw new Error(`unsupported format ${format}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
