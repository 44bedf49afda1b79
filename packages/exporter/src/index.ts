export * from './fleet-metrics.js';
export * from './fleet-reader.js';
export * from './exporter.js';
export * from './cloudwatch-series.js';
export * from './cloudwatch-reader.js';
