export * from './config.js';
export * from './registration.js';
export * from './session.js';
export * from './agent.js';
export { pinnedCa, ClockSkewError } from './join.js';
export * from './machine-credentials.js';
