export * from './store.js';
export * from './file-store.js';
export * from './etcd-store.js';
export * from './open.js';
export * from './counting-store.js';
export * from './prefixed-store.js';
export * from './private-etcd.js';
export * from './timed-store.js';
