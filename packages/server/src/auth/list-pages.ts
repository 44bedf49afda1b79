// IAM's Marker and MaxItems over a short list read whole (a user's keys, inline policies, attached
// policies): the marker is the last item's key, opaque, and the next page starts after it, so a list
// changed between pages neither repeats nor skips what stayed.
import { BerthError } from '@berth/core';

/** IAM's default page size. */
const DEFAULT_MAX_ITEMS = 100;

export function pageOf<T>(items: readonly T[], keyOf: (item: T) => string, req: { Marker?: string; MaxItems?: number }): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  let from = 0;
  if (req.Marker !== undefined) {
    const after = Buffer.from(req.Marker, 'base64url').toString();
    if (Buffer.from(after).toString('base64url') !== req.Marker) throw new BerthError('InvalidInputException', 'The specified value for marker is invalid.', 'Marker');
    from = sorted.findIndex((x) => keyOf(x) > after);
    if (from < 0) from = sorted.length;
  }
  const max = req.MaxItems ?? DEFAULT_MAX_ITEMS;
  const page = sorted.slice(from, from + max);
  const truncated = from + max < sorted.length;
  return { items: page, IsTruncated: truncated, ...(truncated ? { Marker: Buffer.from(keyOf(page.at(-1)!)).toString('base64url') } : {}) };
}
