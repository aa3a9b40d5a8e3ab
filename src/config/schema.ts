import { z } from 'zod';
import { cronProblem } from './cron.js';
import { DEFAULTS } from './defaults.js';
import { DURATION_PATTERN, tryParseDuration } from './duration.js';
import type { PathSegment } from './json-document.js';
import { issueMessage } from './messages.js';
import {
  DURATION_MESSAGE,
  HTTP_URL_MESSAGE,
  HTTP_URL_PATTERN,
  LANGUAGE_MESSAGE,
  LANGUAGE_PATTERN,
  SLUG_MESSAGE,
  SLUG_PATTERN,
  headerValueProblem,
  httpUrlProblem,
  patternProblem,
  proxyUrlProblem,
} from './rules.js';

// The one file that imports zod: the shape of feeds.config.json, its defaults and its JSON Schema.

/** A string check written as a plain function returning the problem (or undefined). */
function checkedBy(problem: (value: string) => string | undefined) {
  return (ctx: z.core.ParsePayload<string>): void => {
    const message = problem(ctx.value);
    if (message !== undefined) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  };
}

const text = () => z.string().min(1);
/** Basic auth joins the two with ":", so a user name cannot contain one. */
const userNameProblem = (value: string): string | undefined => (value.includes(':') ? 'a Basic-auth user name cannot contain ":"' : undefined);
const slug = () => z.string().regex(new RegExp(SLUG_PATTERN), { error: SLUG_MESSAGE });
const httpUrl = () => z.string().regex(new RegExp(HTTP_URL_PATTERN), { error: HTTP_URL_MESSAGE }).check(checkedBy(httpUrlProblem));
const whole = (min: number, max: number) => z.number().int().min(min).max(max);
const duration = () =>
  z
    .string()
    .regex(new RegExp(DURATION_PATTERN), { error: DURATION_MESSAGE })
    .meta({ description: 'A duration: a number and a unit (ms, s, m, h, d, w), e.g. "90s", "15m", "24h", "7d", "1h30m".' })
    .transform((value, ctx) => {
      const ms = tryParseDuration(value);
      if (ms !== undefined && ms > 0) return ms;
      ctx.issues.push({ code: 'custom', message: 'must be a duration longer than zero', input: value });
      return z.NEVER;
    });
const pattern = () => z.string().check(checkedBy(patternProblem));

const siteSchema = z.strictObject({
  title: text().default(DEFAULTS.site.title),
  baseUrl: httpUrl().default(DEFAULTS.site.baseUrl).meta({ description: 'Where the site is served: absolute links in feeds start here.' }),
  description: z.string().default(DEFAULTS.site.description),
  language: z.string().regex(new RegExp(LANGUAGE_PATTERN), { error: LANGUAGE_MESSAGE }).default(DEFAULTS.site.language),
  websub: z.array(httpUrl()).default([]).meta({ description: 'WebSub hub URLs, advertised in feeds and pinged on change.' }),
});

const fetchSchema = z.strictObject({
  userAgent: text().check(checkedBy(headerValueProblem)).default(DEFAULTS.fetch.userAgent),
  timeoutMs: whole(1_000, 600_000).default(DEFAULTS.fetch.timeoutMs).meta({ description: 'Overall deadline per fetch, redirects included.' }),
  maxBytes: whole(1_024, 1_073_741_824).default(DEFAULTS.fetch.maxBytes).meta({ description: 'Largest decoded body accepted.' }),
  concurrency: whole(1, 256).default(DEFAULTS.fetch.concurrency),
  perHostConcurrency: whole(1, 64).default(DEFAULTS.fetch.perHostConcurrency),
  allowPrivateNetworks: z.boolean().default(DEFAULTS.fetch.allowPrivateNetworks).meta({
    description: 'Allow private, loopback and link-local addresses (refused by default).',
  }),
  proxy: z.string().check(checkedBy(proxyUrlProblem)).nullable().default(DEFAULTS.fetch.proxy).meta({
    description: 'HTTP(S) proxy for every fetch ("http://proxy.internal:3128"); null: HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment.',
  }),
});

const scheduleSchema = z.strictObject({
  tick: z.string().check(checkedBy(cronProblem)).default(DEFAULTS.schedule.tick).meta({ description: 'node-cron expression for the scheduler tick.' }),
  defaultInterval: duration().prefault(DEFAULTS.schedule.defaultInterval),
  minInterval: duration().prefault(DEFAULTS.schedule.minInterval),
  maxInterval: duration().prefault(DEFAULTS.schedule.maxInterval),
});

const retentionSchema = z.strictObject({
  days: whole(0, 36_500).default(DEFAULTS.retention.days).meta({ description: 'Purge items older than this; 0 keeps everything.' }),
});

const dedupSchema = z.strictObject({
  window: duration().prefault(DEFAULTS.dedup.window).meta({ description: 'Only items this close in time can join one story.' }),
});

const cpuSchema = z.strictObject({
  threads: whole(1, 256).nullable().default(DEFAULTS.cpu.threads).meta({
    description: 'Worker threads for the CPU stages (decode, parse, normalise, sanitise, story features, vendor tags); null: one per core (os.availableParallelism()). Read at start.',
  }),
});

const limitsSchema = z.strictObject({
  maxItems: whole(1, 1_000_000).default(DEFAULTS.limits.maxItems).meta({
    description: 'Most items kept from one document: the newest; the rest are dropped with a warning.',
  }),
  maxTitleChars: whole(16, 1_000_000).default(DEFAULTS.limits.maxTitleChars).meta({
    description: 'Most characters of a title; a longer one is cut at a word boundary, with a warning.',
  }),
  maxContentBytes: whole(1_024, 1_073_741_824).default(DEFAULTS.limits.maxContentBytes).meta({
    description: 'Most bytes (UTF-8, after sanitising) of an item\'s summary, of its content and of its text; longer ones are cut, still well-formed, with a warning.',
  }),
  maxDepth: whole(8, 100_000).default(DEFAULTS.limits.maxDepth).meta({
    description: 'Deepest nesting of elements (JSON Feed: arrays and objects) in one document; a deeper one fails with TOO_COMPLEX.',
  }),
  cpuBudgetMs: whole(100, 600_000).default(DEFAULTS.limits.cpuBudgetMs).meta({
    description: 'Time one document may take in its worker thread (reading it, then its new items\' features and tags); over it the fetch fails with TOO_COMPLEX and the thread is replaced.',
  }),
});

const sourceSchema = z.strictObject({
  id: slug(),
  url: httpUrl(),
  title: text().optional(),
  siteUrl: httpUrl().optional(),
  tags: z.array(slug()).default([]),
  interval: duration().optional().meta({ description: 'Poll interval; default schedule.defaultInterval.' }),
  priority: whole(-1_000, 1_000).default(DEFAULTS.source.priority).meta({ description: 'Higher wins when picking the item that represents a story.' }),
  enabled: z.boolean().default(DEFAULTS.source.enabled),
  allowPrivateNetworks: z.boolean().optional().meta({ description: 'Overrides fetch.allowPrivateNetworks for this source.' }),
  auth: z
    .strictObject({ username: z.string().check(checkedBy(userNameProblem)), password: z.string() })
    .optional()
    .meta({ description: 'HTTP Basic credentials, sent only to the URL\'s own origin; never logged or shown.' }),
});

const aliasSchema = z.union(
  [
    text(),
    z.strictObject({
      text: text(),
      caseSensitive: z.boolean().optional(),
    }),
  ],
  { error: 'expected an alias: a string, or an object { "text": ..., "caseSensitive": true|false }' },
);

const vendorSchema = z.strictObject({
  id: slug(),
  name: text(),
  aliases: z.array(aliasSchema).min(1).optional().meta({
    description:
      'Words that name the vendor (default: the name). Case-sensitive by default when short (<= 3 letters), ' +
      'all capitals, or made of common words ("Oracle", "Red Hat"); otherwise case-insensitive.',
  }),
  caseSensitive: z.boolean().optional().meta({ description: 'Case rule for every alias of this vendor that sets none.' }),
});

const matchSchema = z.strictObject({
  vendors: z.array(z.string()).default([]).meta({ description: 'Vendor ids: the item is about at least one.' }),
  vendorsAll: z.array(z.string()).default([]).meta({ description: 'Vendor ids: the item is about all of them.' }),
  mentions: z.array(z.string()).default([]).meta({ description: 'Vendor ids: the item names at least one, even in passing.' }),
  keywords: z.array(pattern()).default([]).meta({ description: 'Regular expressions: at least one matches the title or text.' }),
  exclude: z.array(pattern()).default([]).meta({ description: 'Regular expressions: none matches the title or text.' }),
  sources: z.array(z.string()).default([]).meta({ description: 'Source ids the item must come from.' }),
  sourceTags: z.array(z.string()).default([]).meta({ description: 'The item\'s source has at least one of these tags.' }),
  maxAge: duration().optional(),
  caseSensitive: z.boolean().default(false).meta({ description: 'Match keywords and exclude case-sensitively.' }),
});

const feedSchema = z.strictObject({
  id: slug(),
  title: text(),
  description: z.string().default(DEFAULTS.feed.description),
  limit: whole(1, 1_000).default(DEFAULTS.feed.limit),
  match: matchSchema.prefault({}).meta({ description: 'Which items the feed takes; every criterion given must hold. Empty: every item.' }),
});

const configSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path or URL of the JSON Schema for editors ("./feeds.schema.json").' }),
    site: siteSchema.prefault({}),
    fetch: fetchSchema.prefault({}),
    schedule: scheduleSchema.prefault({}),
    retention: retentionSchema.prefault({}),
    dedup: dedupSchema.prefault({}),
    cpu: cpuSchema.prefault({}),
    limits: limitsSchema.prefault({}).meta({ description: 'Caps on one fetched document, enforced as it is parsed and normalised, and the CPU time it may take.' }),
    // prefault, not default: zod leaves a default out of the JSON Schema when the items transform.
    sources: z.array(sourceSchema).prefault([]).meta({ description: 'The feeds to poll.' }),
    vendors: z.array(vendorSchema).prefault([]).meta({ description: 'The vendor dictionary items are tagged with.' }),
    feeds: z
      .array(feedSchema)
      .min(1, { error: 'at least one curated feed is needed (the home page shows the first)' })
      .prefault(DEFAULTS.feeds.map((entry) => ({ ...entry })))
      .meta({ description: 'The curated feeds to publish; the first is the home page.' }),
  })
  .meta({ title: 'feedloom configuration', description: 'Sources to poll, vendors to tag, curated feeds to publish.' });

/** The config as the schema outputs it: defaults applied, durations in ms, references not yet checked. */
export type ConfigShape = z.output<typeof configSchema>;

/** One problem the schema found, with its path inside the document. */
export interface ShapeIssue {
  code: string;
  path: PathSegment[];
  message: string;
  /** For unknown keys: the keys. */
  keys?: string[];
}

/** Check a parsed JSON value against the schema. */
export function checkShape(value: unknown): { ok: true; config: ConfigShape } | { ok: false; issues: ShapeIssue[] } {
  const result = configSchema.safeParse(value, { error: (issue) => issueMessage(issue) });
  if (result.success) return { ok: true, config: result.data };
  const issues = result.error.issues.flatMap(nearestAlternative).map((issue) => ({
    code: issue.code,
    path: issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol'),
    message: issue.message,
    keys: issue.code === 'unrecognized_keys' ? issue.keys : undefined,
  }));
  return { ok: false, issues };
}

/**
 * When a value got past the type check of exactly one alternative of a union (an object where "a string or
 * an object" is allowed), that alternative's own issues say what is wrong; otherwise the union's message does.
 */
function nearestAlternative(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const near = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
  const [only] = near;
  if (near.length !== 1 || only === undefined) return [issue];
  return only.flatMap((inner) => nearestAlternative({ ...inner, path: [...issue.path, ...inner.path] }));
}

/** The keys the schema allows in the object at `path` (empty when there is no object there). */
export function knownKeysAt(path: readonly PathSegment[]): string[] {
  let schema = unwrap(configSchema);
  for (const segment of path) {
    if (schema instanceof z.ZodObject && typeof segment === 'string' && segment in schema.shape) {
      schema = unwrap(schema.shape[segment] as z.ZodType);
    } else if (schema instanceof z.ZodArray && typeof segment === 'number') {
      schema = unwrap(schema.element as z.ZodType);
    } else {
      return [];
    }
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** Look through wrappers (optional, default, pipe, union) to the schema that describes an object's members. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodPrefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else if (current instanceof z.ZodUnion) {
      const objects = (current.options as z.ZodType[]).filter((option) => option instanceof z.ZodObject);
      return objects[0] ?? current;
    } else {
      return current;
    }
  }
}

/** The JSON Schema of feeds.config.json (draft-07, what editors read), as the text committed in feeds.schema.json. */
export function configJsonSchemaText(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-07', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
