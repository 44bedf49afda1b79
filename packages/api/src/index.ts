export * from './load.js';
export * from './wire.js';
export * from './errors.js';
export * from './service.js';
export * from './client.js';
export * from './agent-wire.js';
export * from './log.js';
export * from './events-client.js';
