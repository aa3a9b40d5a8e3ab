import { chmod, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FeedloomError } from '../model/errors.js';
import { indentUnit, jsonSpans, lineIndent, skipSpace } from './json-spans.js';
import type { Span } from './json-spans.js';
import { withFileLock } from './file-lock.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/types.js';

/** A source entry as written into feeds.config.json (keys in this order; absent keys are left out). */
export interface SourceEntry {
  id: string;
  url: string;
  title?: string;
  siteUrl?: string;
  tags?: string[];
}

/**
 * Append `entries` to the `sources` array of a config text, changing nothing else: the new entries
 * copy the layout of the existing ones (one member per line, or all on one line; arrays of strings
 * inline), and a config without `sources` gets the member added at the end.
 */
export function appendSources(text: string, entries: readonly SourceEntry[]): string {
  if (entries.length === 0) return text;
  const spans = jsonSpans(text);
  const unit = indentUnit(text);
  const array = spans.valueSpan(['sources']);
  if (array === undefined) {
    const root = spans.valueSpan([]);
    if (root === undefined || text[root.start] !== '{') throw new FeedloomError('CONFIG_INVALID', 'the config is not a JSON object');
    const close = root.end - 1;
    const inner = text.slice(root.start + 1, close);
    const rendered = entries.map((e) => `${unit}${unit}${renderEntry(e, `${unit}${unit}`, unit, false)}`).join(',\n');
    const member = `${unit}"sources": [\n${rendered}\n${unit}]`;
    const before = inner.trim() === '' ? '\n' : `${text.slice(root.start + 1, close).trimEnd()},\n`;
    return `${text.slice(0, root.start + 1)}${before}${member}\n${text.slice(close)}`;
  }
  const elements = elementSpans(spans, (spans.value as { sources?: unknown[] }).sources?.length ?? 0);
  const last = elements.at(-1);
  if (last === undefined) {
    const indent = lineIndent(text, array.start);
    const rendered = entries.map((e) => `${indent}${unit}${renderEntry(e, `${indent}${unit}`, unit, false)}`).join(',\n');
    return `${text.slice(0, array.start)}[\n${rendered}\n${indent}]${text.slice(array.end)}`;
  }
  const first = elements[0] ?? last;
  const second = elements[1];
  // The text between two elements (after the comma), or between '[' and the first: what separates entries.
  const separator = second !== undefined ? text.slice(skipSpace(text, first.end) + 1, second.start) : text.slice(array.start + 1, first.start);
  const sample = text.slice(last.start, last.end);
  const inline = !sample.includes('\n');
  const compact = inline && !/[:,] /.test(sample);
  const indent = lineIndent(text, last.start);
  const rendered = entries.map((e) => renderEntry(e, indent, unit, inline, compact)).join(`,${separator}`);
  return `${text.slice(0, last.end)},${separator}${rendered}${text.slice(last.end)}`;
}

/** Remove the source with `id` from a config text, with its comma; undefined when no entry has that id. */
export function removeSource(text: string, id: string): string | undefined {
  const spans = jsonSpans(text);
  const sources = (spans.value as { sources?: unknown[] }).sources;
  const array = spans.valueSpan(['sources']);
  if (!Array.isArray(sources) || array === undefined) return undefined;
  const index = sources.findIndex((s) => typeof s === 'object' && s !== null && (s as { id?: unknown }).id === id);
  if (index < 0) return undefined;
  const elements = elementSpans(spans, sources.length);
  const target = elements[index];
  if (target === undefined) return undefined;
  if (elements.length === 1) return `${text.slice(0, array.start)}[]${text.slice(array.end)}`;
  const next = elements[index + 1];
  const previous = elements[index - 1];
  if (next !== undefined) return text.slice(0, target.start) + text.slice(next.start);
  return text.slice(0, previous?.end ?? target.start) + text.slice(target.end);
}

function elementSpans(spans: ReturnType<typeof jsonSpans>, count: number): Span[] {
  return Array.from({ length: count }, (_, i) => spans.valueSpan(['sources', i])).filter((s): s is Span => s !== undefined);
}

/** One entry in the config's style: members one per line at `indent + unit`, or all on one line. */
function renderEntry(entry: SourceEntry, indent: string, unit: string, inline: boolean, compact = false): string {
  const members: [string, unknown][] = [['id', entry.id], ['url', entry.url]];
  if (entry.title !== undefined) members.push(['title', entry.title]);
  if (entry.siteUrl !== undefined) members.push(['siteUrl', entry.siteUrl]);
  if (entry.tags !== undefined && entry.tags.length > 0) members.push(['tags', entry.tags]);
  const sep = compact ? ':' : ': ';
  const value = (v: unknown): string => (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(compact ? ',' : ', ')}]` : JSON.stringify(v));
  const parts = members.map(([key, v]) => `${JSON.stringify(key)}${sep}${value(v)}`);
  if (compact) return `{${parts.join(',')}}`;
  if (inline) return `{ ${parts.join(', ')} }`;
  return `{\n${parts.map((p) => `${indent}${unit}${p}`).join(',\n')}\n${indent}}`;
}

/**
 * Replace the config file with `text`, after checking that it is a valid config (ConfigError if not:
 * nothing is written). Written to a temporary file beside it and renamed over it, so a running worker
 * never reads half a file; the file's permissions are kept.
 */
export async function writeConfigText(file: string, text: string): Promise<void> {
  parseConfig(text, file);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const mode = await stat(file).then((s) => s.mode & 0o777, () => undefined);
  try {
    await writeFile(temporary, text, 'utf8');
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, file);
  } catch (error) {
    throw new FeedloomError('CONFIG_INVALID', `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Edit the config file safely against concurrent editors (other `sources add`/`import`/`remove` processes):
 * under an exclusive lock, re-read the file as it is now, let `edit` compute the new text from it (and the
 * config it holds), and write that to a temporary file renamed over the original. `edit` may return
 * undefined to write nothing. Returns what `edit` returned.
 */
export async function editConfigFile<T extends { text: string } | undefined>(
  file: string,
  edit: (text: string, config: Config) => T | Promise<T>,
): Promise<T> {
  return withFileLock(file, async () => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new FeedloomError('CONFIG_INVALID', `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const result = await edit(text, parseConfig(text, file));
    if (result !== undefined && result.text !== text) await writeConfigText(file, result.text);
    return result;
  });
}
