export * from './config.js';
export * from './registration.js';
export * from './session.js';
export * from './agent.js';
