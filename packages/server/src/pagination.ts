// ECS pagination: `maxResults` 1-100 (default 100, ListServices 10) and an opaque `nextToken`.
// The token is the last key returned, encoded: never an offset, so concurrent writes don't shift pages.
import { invalid } from '@berth/core';
import { INVALID_TOKEN } from './state/paging.js';

export function pageSize(maxResults: number | undefined, dflt = 100): number {
  if (maxResults === undefined) return dflt;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    throw invalid('maxResults', `'maxResults' must be between 1 and 100 (${maxResults} given).`);
  }
  return maxResults;
}

export function encodeToken(lastKey: string): string {
  return Buffer.from(JSON.stringify({ k: lastKey }), 'utf8').toString('base64url');
}

/** The key to continue after, or undefined for the first page. A token must come from the same listing. */
export function decodeToken(token: string | undefined, prefix: string): string | undefined {
  if (token === undefined || token === '') return undefined;
  try {
    const k = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')).k;
    if (typeof k === 'string' && k.startsWith(prefix)) return k;
  } catch {
    /* fall through */
  }
  throw invalid('nextToken', INVALID_TOKEN);
}
