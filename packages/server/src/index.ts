export * from './server.js';
export * from './api.js';
export { CallStages, type StageSummary } from './call-stages.js';
export { createLogger, silentLogger, parseLevel, type Logger, type Level } from '@berth/api';
// For tests and tools that watch leadership or stand in for an agent's session.
export { LEADER_KEY, LEADER_WRITE_KEY, LEADER_TERMS_PREFIX, type LeaderTerm, type LeaderWriteStamp } from './state/leader.js';
export { sessionKey, putSession } from './state/sessions.js';
// For benchmarks that clean up after themselves on a shared etcd.
// For benchmarks that count the store's keys by kind (test/sim/store-stats.mjs).
export { ROOT } from './state/kit.js';
export type { ServerContext } from './context.js';
// For tests and operators that bring their own cluster CA (--ca-cert/--ca-key).
export { createCertificateAuthority, certificateFingerprint } from './fleet/certificates.js';
// For tests that read an instance's latest container statistics.
export { getInstanceStatistics, type InstanceStatisticsRecord } from './state/instance-statistics.js';
// For tests that read the recent invocations of a rule or schedule.
export { recentInvocations, ruleInvocationOwner, scheduleInvocationOwner, type InvocationRecord } from './state/invocations.js';
