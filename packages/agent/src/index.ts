export * from './config.js';
export * from './registration.js';
export * from './session.js';
export * from './agent.js';
export { joinCluster, requestJoin, pinnedCa, ClockSkewError, type Joined } from './join.js';
export * from './machine-credentials.js';
export { CertificateRenewal } from './certificate-renewal.js';
