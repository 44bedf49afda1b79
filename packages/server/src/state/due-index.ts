// A time-ordered index of what fires when (`PREFIX/MS/A/B`, MS zero-padded epoch ms, A/B naming the
// record): the scheduler reads the oldest entries up to now, never every record. Each record's module
// keeps its entry in the record's own transaction (`moveOps`).
import type { Op } from '@berth/store';

export interface DueIndex {
  prefix: string;
  /** The entry of a record firing at `fireAt` (epoch seconds), or none. */
  keyOf(fireAt: number | undefined, a: string, b: string): string | undefined;
  /** Epoch ms an entry fires at. */
  time(key: string): number;
  /** The two names an entry carries. */
  names(key: string): [string, string];
  /** The writes that move a record's entry from `from` to `to` (either absent). */
  moveOps(from: string | undefined, to: string | undefined): Op[];
}

export function dueIndex(prefix: string): DueIndex {
  return {
    prefix,
    keyOf: (fireAt, a, b) => (fireAt === undefined ? undefined : `${prefix}${String(Math.round(fireAt * 1000)).padStart(15, '0')}/${a}/${b}`),
    time: (key) => Number(key.slice(prefix.length).split('/')[0]),
    names: (key) => key.slice(prefix.length).split('/').slice(1, 3) as [string, string],
    moveOps: (from, to) => [...(from !== undefined && from !== to ? [{ delete: from }] : []), ...(to !== undefined && to !== from ? [{ put: to, value: '' }] : [])],
  };
}
