export * from './server.js';
export * from './api.js';
export * from './log.js';
export * from './keys.js';
export type { ServerContext } from './context.js';
