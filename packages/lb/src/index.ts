// @berth/lb: berth-lb, which serves Berth's ELBv2 load balancers with the distribution's HAProxy.
export * from './haproxy-config.js';
export * from './slots.js';
export * from './runtime-api.js';
export * from './haproxy-process.js';
export * from './desired.js';
export * from './lb.js';
export * from './join.js';
export * from './health.js';
