export { CpuPool } from './cpu-pool.js';
export type { CpuPoolOptions, RunOptions } from './cpu-pool.js';
export { CpuBudget } from './budget.js';
export { inlineStages, movable, pooledStages } from './cpu-stages.js';
export type { CpuStages, PooledStagesOptions } from './cpu-stages.js';
export { baseItemRecords, enrichmentOf, applyEnrichment } from './records.js';
export type { Tagger } from './records.js';
export { enrichItems, parseJson, parseJsonOf, parseOutput, readDocument, runTask } from './stages.js';
export type { CpuTask, DocumentOutcome, DocumentTask, EnrichTask, Enrichment, ParseJsonResult, ParseJsonTask, ResultOf, TaskError } from './tasks.js';
