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

/** IAM's Marker over a store listing (ListUsers, ListRoles): the page's last key, opaque; a marker from elsewhere is refused, not followed. */
export async function storePage<T>(
  read: (after: string | undefined, limit: number) => Promise<{ items: T[]; last?: string; more: boolean }>,
  isKey: (key: string) => boolean,
  req: { Marker?: string; MaxItems?: number },
): Promise<{ items: T[]; IsTruncated: boolean; Marker?: string }> {
  let after: string | undefined;
  if (req.Marker !== undefined) {
    after = Buffer.from(req.Marker, 'base64url').toString();
    if (!isKey(after)) throw new BerthError('InvalidInputException', 'The specified value for marker is invalid.', 'Marker');
  }
  const page = await read(after, req.MaxItems ?? DEFAULT_MAX_ITEMS);
  return { items: page.items, IsTruncated: page.more, ...(page.more && page.last !== undefined ? { Marker: Buffer.from(page.last).toString('base64url') } : {}) };
}
