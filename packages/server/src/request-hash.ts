// What a retried request must repeat to be the same request (RunTask's and CreateService's idempotency).
import { createHash } from 'node:crypto';

/** SHA-256 of canonical JSON (keys sorted, null and undefined members dropped). */
export function canonicalHash(value: unknown): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canon);
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).filter((k) => o[k] !== undefined && o[k] !== null).sort().map((k) => [k, canon(o[k])]));
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canon(value))).digest('hex');
}
