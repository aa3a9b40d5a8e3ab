export { adaptiveIntervalMs, clampInterval, publishingRate } from './adaptive-interval.js';
export type { PublishingRate } from './adaptive-interval.js';
export { nextCheckAt } from './next-check.js';
export type { NextCheckInput } from './next-check.js';
export { cacheFreshnessMs, feedIntervalMs, firstAllowedTime, retryAfterMs, skipWindows } from './publisher-hints.js';
export { planAfterFetch } from './plan-after-fetch.js';
export type {
  FeedHints,
  FetchObservation,
  ScheduleChanges,
  ScheduleNotice,
  SchedulePlan,
  SchedulePolicy,
  ScheduleState,
} from './plan-after-fetch.js';
export { leaseLengthMs } from './lease-length.js';
export { leaseOwner } from './lease-owner.js';
export { keepLease } from './lease-keeper.js';
export type { KeepLeaseOptions, LeaseKeeper } from './lease-keeper.js';
export { runClaimLoop } from './claim-loop.js';
export type { ClaimLoopOptions } from './claim-loop.js';
export { startScheduler } from './scheduler.js';
export type { PassRunner, Scheduler } from './scheduler.js';
export { shutdownSignal } from './shutdown.js';
export type { ShutdownSignal } from './shutdown.js';
