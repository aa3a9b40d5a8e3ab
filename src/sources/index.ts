export { appendSources, editConfigFile, removeSource, writeConfigText } from './write-config.js';
export type { SourceEntry } from './write-config.js';
export { readOpml } from './opml-import.js';
export type { OpmlFeed, OpmlList, OpmlProblem } from './opml-import.js';
export { deriveSourceId, isSlug, slugify } from './source-id.js';
export { addConfiguredSource, importOpmlList, removeConfiguredSource } from './edit-sources.js';
export type { ImportReport, NewSource } from './edit-sources.js';
