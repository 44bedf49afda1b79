export * from './log-store.js';
export * from './open.js';
export * from './file/file-log-store.js';
export * from './clickhouse/clickhouse-log-store.js';
