import { FeedloomError, UsageError } from '../model/index.js';
import type { OpmlList } from './opml-import.js';
import { deriveSourceId } from './source-id.js';
import { appendSources, editConfigFile, removeSource } from './write-config.js';
import type { SourceEntry } from './write-config.js';

// The source list's edits, each decided on the config file as it is now, under its lock, so that a concurrent
// edit (another `sources add`, `import` or `remove`) is never lost. Messages name the subcommand the operator ran.

/** A source to add: its feed URL and what the operator gave or the feed said. */
export interface NewSource {
  url: string;
  /** Preferred id (taken when it is a valid slug no source has). */
  id?: string;
  title?: string;
  siteUrl?: string;
  tags: string[];
}

/** Append one source to the config file; refused when its URL or its requested id is configured already. */
export async function addConfiguredSource(file: string, source: NewSource): Promise<SourceEntry> {
  const { url, title, siteUrl } = source;
  const { entry } = await editConfigFile(file, (text, current) => {
    const existing = current.sources.find((s) => s.url === url);
    if (existing !== undefined) throw new UsageError(`sources add: ${url} is already configured as "${existing.id}"`);
    const ids = new Set(current.sources.map((s) => s.id));
    if (source.id !== undefined && ids.has(source.id)) throw new UsageError(`sources add: --id ${source.id}: a source already has that id`);
    const added: SourceEntry = {
      id: deriveSourceId({ ...(source.id !== undefined ? { preferred: source.id } : {}), ...(title !== undefined ? { title } : {}), url }, ids),
      url,
      ...(title !== undefined ? { title } : {}),
      ...(siteUrl !== undefined ? { siteUrl } : {}),
      ...(source.tags.length > 0 ? { tags: source.tags } : {}),
    };
    return { text: appendSources(text, [added]), entry: added };
  });
  return entry;
}

/**
 * Take the source out of the config file. Refused while a curated feed's rule names it (the config would no
 * longer be valid): the message says which feed to edit first.
 */
export async function removeConfiguredSource(file: string, id: string): Promise<void> {
  await editConfigFile(file, (text, config) => {
    if (!config.sources.some((s) => s.id === id)) {
      const known = config.sources.map((s) => s.id).join(', ');
      throw new UsageError(`sources remove: no source "${id}" in the config (known: ${known || 'none'})`);
    }
    const naming = config.feeds.flatMap((feed, index) => (feed.match.sources.includes(id) ? [`feeds[${index}] ("${feed.id}")`] : []));
    if (naming.length > 0) {
      throw new FeedloomError('CONFIG_INVALID', `sources remove: ${naming.join(', ')} name${naming.length === 1 ? 's' : ''} "${id}" in match.sources: `
        + `take it out of ${naming.length === 1 ? 'that rule' : 'those rules'} first, then remove the source`);
    }
    const edited = removeSource(text, id);
    if (edited === undefined) throw new UsageError(`sources remove: no source "${id}" in ${file}`);
    return { text: edited };
  });
}

/** What an import did with each outline. */
export interface ImportReport {
  added: { id: string; url: string }[];
  skipped: { url: string; reason: string }[];
  invalid: { outline: string; reason: string }[];
}

/** Add every subscription of an OPML list not configured yet, in one write of the config; `listName` names the list in reasons. */
export async function importOpmlList(file: string, list: OpmlList, listName: string): Promise<ImportReport> {
  const report = await editConfigFile(file, (text, current): ImportReport & { text: string } => {
    const result: ImportReport = { added: [], skipped: [], invalid: list.invalid };
    const byUrl = new Map(current.sources.map((s) => [s.url, `already configured as "${s.id}"`]));
    const taken = new Set(current.sources.map((s) => s.id));
    const entries: SourceEntry[] = [];
    for (const feed of list.feeds) {
      const known = byUrl.get(feed.xmlUrl);
      if (known !== undefined) {
        result.skipped.push({ url: feed.xmlUrl, reason: known });
        continue;
      }
      const id = deriveSourceId({ ...(feed.id !== undefined ? { preferred: feed.id } : {}), ...(feed.title !== undefined ? { title: feed.title } : {}), url: feed.xmlUrl }, taken);
      taken.add(id);
      byUrl.set(feed.xmlUrl, `listed twice in ${listName}`);
      entries.push({
        id, url: feed.xmlUrl,
        ...(feed.title !== undefined ? { title: feed.title } : {}),
        ...(feed.htmlUrl !== undefined ? { siteUrl: feed.htmlUrl } : {}),
        ...(feed.tags.length > 0 ? { tags: feed.tags } : {}),
      });
      result.added.push({ id, url: feed.xmlUrl });
    }
    return { ...result, text: appendSources(text, entries) };
  });
  const { text: _text, ...summary } = report;
  return summary;
}
