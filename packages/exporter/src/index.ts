export * from './fleet-metrics.js';
export * from './fleet-reader.js';
export * from './exporter.js';
