// One page of a listing read from index ranges: several ranges ("buckets", e.g. one per status) read in
// order as one listing, a filter applied to each key, and a bound on the keys one page examines. A page
// may hold fewer than the caller asked for and still carry a token (as AWS's list calls do): the work of
// a page never grows with the cluster. The token is the last key examined, never an offset.
import type { KeyValue, Store } from '@berth/store';
import { invalid } from '@berth/core';

/** The refusal of a token that is not one this listing gave out. */
export const INVALID_TOKEN = 'The nextToken is invalid or does not belong to this listing.';

/** Keys one page may examine (filtered out or kept) before it returns. */
export const EXAMINE_MAX = 500;

export interface BucketPage {
  kept: KeyValue[];
  /** The key to continue after, when the listing may go on. */
  next?: string;
}

/**
 * Reads `buckets` (key prefixes, in listing order) after `after` (a key inside one of them), keeping keys
 * `keep` accepts, until `limit` are kept or `examine` keys were looked at.
 */
export async function pageBuckets(store: Store, buckets: readonly string[], after: string | undefined,
  opts: { limit: number; examine?: number; reverse?: boolean; keep?: (kv: KeyValue) => boolean | Promise<boolean> }): Promise<BucketPage> {
  const examineMax = Math.max(opts.limit, opts.examine ?? EXAMINE_MAX);
  let start = 0;
  if (after !== undefined) {
    start = buckets.findIndex((b) => after.startsWith(b));
    if (start < 0) throw invalid('nextToken', INVALID_TOKEN);
  }
  const kept: KeyValue[] = [];
  let examined = 0;
  for (let b = start; b < buckets.length; b++) {
    let from = b === start ? after : undefined;
    for (;;) {
      // Ask for what could still be kept (a filter that drops keys makes the next range fetch the rest).
      const want = Math.min(examineMax - examined, opts.limit - kept.length);
      const page = await store.range(buckets[b]!, { limit: want, ...(from ? { after: from } : {}), ...(opts.reverse ? { reverse: true } : {}) });
      for (const [i, kv] of page.kvs.entries()) {
        examined++;
        from = kv.key;
        if (!opts.keep || (await opts.keep(kv))) kept.push(kv);
        const more = page.more || i < page.kvs.length - 1 || b < buckets.length - 1;
        if (kept.length >= opts.limit || examined >= examineMax) return more ? { kept, next: kv.key } : { kept };
      }
      if (!page.more || page.kvs.length === 0) break;
    }
  }
  return { kept };
}
