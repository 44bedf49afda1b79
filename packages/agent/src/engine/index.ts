export { Engine, type EngineOptions, type TaskSnapshot, type ContainerSnapshot } from './engine.js';
export type { ContainerExtras, PullBehavior, PullRetry } from './task-context.js';
export * from './container-spec.js';
export * from './container-identity.js';
export { TaskSpecError } from './task-spec-error.js';
export * from './task-status.js';
export { CgroupManager, cfsQuotaUs, sharesToWeight, type CgroupLayout, type TaskCgroupLimits, type CgroupManagerOptions } from './cgroup.js';
export { LocalState, STATE_SCHEMA, taskFileName, type TaskRecord, type ContainerRecord } from './local-state.js';
