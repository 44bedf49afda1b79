// @berth/core: the ECS-shaped domain (model, validation, ARNs, defaults). Pure: no I/O.
export * from './errors.js';
export * from './model/shapes.js';
export type * from './model/schema.js';
export type * from './model/types.js';
export * from './validate-shape.js';
export * from './names.js';
export * from './arn.js';
export * from './tags.js';
export * from './taskdef.js';
export * from './agent-protocol.js';
export * from './duration.js';
export * from './resources.js';
export * from './attributes.js';
export * from './query.js';
export * from './placement.js';
export * from './task-lifecycle.js';
export * from './services/deployment.js';
export * from './services/replica-scheduler.js';
