export { createLogger, parseLogLevel } from './logger.js';
export type { LogFields, Logger, LogLevel } from './logger.js';
