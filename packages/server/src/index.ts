export * from './server.js';
export * from './api.js';
export { createLogger, silentLogger, parseLevel, type Logger, type Level } from '@berth/api';
export * from './keys.js';
export type { ServerContext } from './context.js';
