export * from './config.js';
export * from './registration.js';
export * from './session.js';
export * from './agent.js';
export { ClockSkewError, pinnedCa, requestJoin, type Joined } from './join.js';
