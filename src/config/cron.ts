// The scheduler's own validator (node-cron's), so that `check` refuses exactly what the scheduler cannot run.
export { cronProblem } from '../schedule/cron.js';
