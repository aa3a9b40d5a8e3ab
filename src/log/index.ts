export { createLogger, parseLogFormat, parseLogLevel } from './logger.js';
export type { LogFields, LogFormat, Logger, LogLevel, LogValue } from './logger.js';
