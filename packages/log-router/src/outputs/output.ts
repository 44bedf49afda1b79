// What every output is: a name, the tags it takes (Fluent Bit's `Match`), and a send that either
// delivers a batch or throws (the shipper retries the same batch). `state` is the output's own small
// record kept in the shipper's cursor file, saved with the position, so an output can make a retried
// batch idempotent (CloudWatch Logs' sequence tokens) across a crash.
import type { BufferedEntry } from '../disk-buffer.js';

export interface SendResult {
  state?: unknown;
  /** Entries the destination refused for good (counted, never retried). */
  rejected: number;
}

export interface Output {
  readonly name: string;
  matches(tag: string): boolean;
  /**
   * `entries` can be walked once, in order, and may be empty: the shipper parses each from its buffer as
   * it is reached, so an output keeps only what it sends of an entry, not the entry.
   */
  send(entries: Iterable<BufferedEntry>, state: unknown): Promise<SendResult>;
  close?(): Promise<void>;
}

/** Fluent Bit's `Match`: `*` stands for any run of characters, everything else for itself. */
export function tagMatcher(pattern: string): (tag: string) => boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (tag) => re.test(tag);
}

/** The message an output sends for a record: the value of `key` when one is set (and present), else the record as JSON. */
export function messageOf(record: Record<string, unknown>, key: string | undefined): string | undefined {
  if (key === undefined) return JSON.stringify(record);
  const v = record[key];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
