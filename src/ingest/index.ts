export { ingestSource } from './ingest-source.js';
export type { ConfiguredOverrides, IngestDeps, IngestSettings, IngestTarget, SourceIngestResult } from './ingest-source.js';
export { formatPassSummary, runClaimedPass, runIngestPass } from './run-pass.js';
export type { ClaimedPassOptions, PassOptions, PassSummary } from './run-pass.js';
export { toItemRecords } from './enrich-records.js';
export type { Tagger } from './enrich-records.js';
export { documentUrl, parseInputFrom } from './parse-input.js';
export { applyRetention, configuredOverrides, configuredSources, cpuPool, cpuStages, ingestSettings } from './settings.js';
