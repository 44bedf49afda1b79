// The file store's SQLite layout, after k3s's kine: an append-only log with one row per key change.
// A write appends rows (O(1), the file is never rewritten); the current state is each key's newest row.
//
// Rows of one revision share `revision` (a txn changes several keys at one revision, as in etcd), so
// the row id, not the revision, is the primary key; it also orders the rows within a revision.

// Schema 2 added `live`; opening a schema-1 file builds it from the log once (LIVE_BACKFILL).
export const SCHEMA_VERSION = 2;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS log (
  id              INTEGER PRIMARY KEY,
  revision        INTEGER NOT NULL,
  key             BLOB    NOT NULL, -- UTF-8 bytes: BLOB comparison is byte order, as etcd sorts keys
  value           BLOB,             -- NULL on a delete (tombstone) row
  create_revision INTEGER NOT NULL,
  prev_revision   INTEGER NOT NULL, -- revision of this key's previous row (0: none); compaction follows it
  version         INTEGER NOT NULL,
  deleted         INTEGER NOT NULL,
  lease           INTEGER
);
-- A key changes at most once per revision; newest-row-per-key lookups walk this index.
CREATE UNIQUE INDEX IF NOT EXISTS log_key_revision ON log (key, revision);
-- Watch replay reads by revision.
CREATE INDEX IF NOT EXISTS log_revision ON log (revision);
-- Lease expiry finds the keys attached to a lease.
CREATE INDEX IF NOT EXISTS log_lease ON log (lease) WHERE lease IS NOT NULL;

-- Each live key's newest row, kept in the same transaction as the log: a range of the newest state reads
-- only live keys, so a prefix whose keys were deleted (a status index's PENDING bucket after its tasks
-- ran) costs its live keys, not the tombstones and superseded rows the log keeps until compaction.
CREATE TABLE IF NOT EXISTS live (
  key BLOB PRIMARY KEY,
  id  INTEGER NOT NULL -- log.id of the key's newest row
) WITHOUT ROWID;

-- 'revision': the store revision (kept here too so it never goes back, even if compaction empties the
-- log); 'compacted': the oldest revision whose state and history are complete.
CREATE TABLE IF NOT EXISTS meta (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);

-- AUTOINCREMENT: a lease id is never reused, even after the newest lease is deleted.
CREATE TABLE IF NOT EXISTS lease (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  ttl        INTEGER NOT NULL,
  granted_at INTEGER NOT NULL -- wall-clock ms, for diagnostics only; expiry uses a monotonic clock
);
`;

export interface LogRow {
  id: number;
  revision: number;
  key: Buffer;
  value: Buffer | null;
  create_revision: number;
  prev_revision: number;
  version: number;
  deleted: number;
  lease: number | null;
}

/** A row without its value, for the write path (values can be 1.5 MB; most writes never need them). */
export type LogHead = Omit<LogRow, 'value'>;

const HEAD = 'id, revision, key, create_revision, prev_revision, version, deleted, lease';
const ALL = `${HEAD}, value`;
/** The row is its key's newest as of :at and not a tombstone. */
const LIVE_AT = `l.deleted = 0 AND l.revision = (SELECT MAX(x.revision) FROM log x WHERE x.key = l.key AND x.revision <= :at)`;

/** Fills `live` from the log (a store written before schema 2). */
export const LIVE_BACKFILL = `INSERT OR REPLACE INTO live (key, id)
  SELECT l.key, l.id FROM log l WHERE l.deleted = 0 AND l.revision = (SELECT MAX(x.revision) FROM log x WHERE x.key = l.key)`;

const LIVE_ROW = `${ALL.split(', ').map((c) => 'l.' + c).join(', ')} FROM live k JOIN log l ON l.id = k.id`;

export const SQL = {
  head: `SELECT ${HEAD} FROM log WHERE key = ? ORDER BY revision DESC LIMIT 1`,
  latest: `SELECT ${ALL} FROM log WHERE key = ? ORDER BY revision DESC LIMIT 1`,
  rowAt: `SELECT ${ALL} FROM log WHERE key = ? AND revision = ?`,
  insert: `INSERT INTO log (revision, key, value, create_revision, prev_revision, version, deleted, lease)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  // Key order via log_key_revision; stops after :limit live rows, so a page costs O(page), not O(prefix).
  page: `SELECT ${ALL.split(', ').map((c) => 'l.' + c).join(', ')} FROM log l
         WHERE l.key >= :lo AND l.key < :hi AND l.revision <= :at AND ${LIVE_AT}
         ORDER BY l.key LIMIT :limit`,
  pageDesc: `SELECT ${ALL.split(', ').map((c) => 'l.' + c).join(', ')} FROM log l
             WHERE l.key >= :lo AND l.key < :hi AND l.revision <= :at AND ${LIVE_AT}
             ORDER BY l.key DESC LIMIT :limit`,
  pageHeads: `SELECT ${HEAD.split(', ').map((c) => 'l.' + c).join(', ')} FROM log l
         WHERE l.key >= :lo AND l.key < :hi AND l.revision <= :at AND ${LIVE_AT}
         ORDER BY l.key`,
  // The newest state (a read at the store's revision, nearly every read): live keys only.
  livePage: `SELECT ${LIVE_ROW} WHERE k.key >= :lo AND k.key < :hi ORDER BY k.key LIMIT :limit`,
  livePageDesc: `SELECT ${LIVE_ROW} WHERE k.key >= :lo AND k.key < :hi ORDER BY k.key DESC LIMIT :limit`,
  liveCount: `SELECT COUNT(*) AS n FROM live WHERE key >= :lo AND key < :hi`,
  liveSet: `INSERT INTO live (key, id) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET id = excluded.id`,
  liveDelete: `DELETE FROM live WHERE key = ?`,
  count: `SELECT COUNT(*) AS n FROM log l
          WHERE l.key >= :lo AND l.key < :hi AND l.revision <= :at AND ${LIVE_AT}`,
  leaseKeys: `SELECT ${HEAD.split(', ').map((c) => 'l.' + c).join(', ')} FROM log l
              WHERE l.lease = :lease AND ${LIVE_AT}`,
  replay: `SELECT ${ALL} FROM log
           WHERE revision >= ? AND revision <= ? AND key >= ? AND key < ? ORDER BY revision, id`,
  // Compaction to :to from :from. A row is dropped once a newer row of its key at or below :to
  // supersedes it; rows at or after :from were never candidates before, so only they are examined.
  dropSuperseded: `DELETE FROM log WHERE id IN (
                     SELECT p.id FROM log x JOIN log p ON p.key = x.key AND p.revision = x.prev_revision
                     WHERE x.revision > :from AND x.revision <= :to)`,
  // A tombstone below :to says nothing the absence of rows does not.
  dropTombstones: `DELETE FROM log WHERE deleted = 1 AND revision >= :from AND revision < :to`,
  getMeta: `SELECT value FROM meta WHERE name = ?`,
  setMeta: `INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
  leases: `SELECT id, ttl FROM lease`,
  insertLease: `INSERT INTO lease (ttl, granted_at) VALUES (?, ?)`,
  deleteLease: `DELETE FROM lease WHERE id = ?`,
};
