// The one parser of at(), rate() and cron() schedule expressions (EventBridge rules, EventBridge Scheduler,
// Application Auto Scaling's scheduled actions) and when they fire.
export * from './expression.js';
export * from './time-zone.js';
export * from './next-occurrence.js';
export * from './fire-time.js';
