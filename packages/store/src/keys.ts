// Keys are strings in the API but ordered and ranged as UTF-8 bytes, as etcd does, so both backends
// sort and page identically.

/** The key as the bytes both backends store and compare. */
export function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf8');
}

/** A string or Buffer value as bytes. */
export function toBuffer(value: string | Buffer): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

/** How many bytes keyBytes or toBuffer would give, without making them (the size checks of validate.ts). */
export function byteLength(value: string | Buffer): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : value.length;
}

/**
 * The smallest byte string greater than every key starting with `prefix` (etcd's range_end for a
 * prefix), or null when no such bound exists (empty prefix or all 0xff bytes: "to the end").
 */
export function prefixEnd(prefix: Buffer): Buffer | null {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i]! < 0xff) {
      end[i] = end[i]! + 1;
      return end.subarray(0, i + 1);
    }
  }
  return null;
}
