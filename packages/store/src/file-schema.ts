// The file store's SQLite layout, after k3s's kine: an append-only log with one row per key change.
// A write appends rows (O(1), the file is never rewritten); the current state is each key's newest row.
//
// Rows of one revision share `revision` (a txn changes several keys at one revision, as in etcd), so
// the row id, not the revision, is the primary key; it also orders the rows within a revision.

// Schema 2 added `live`; schema 3 added `prev_id` and dropped the index log_key_revision (key, revision).
// Opening an older file migrates it once, in the transaction that opens it (MIGRATE_TO_3).
export const SCHEMA_VERSION = 3;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS log (
  id              INTEGER PRIMARY KEY,
  revision        INTEGER NOT NULL,
  key             BLOB    NOT NULL, -- UTF-8 bytes: BLOB comparison is byte order, as etcd sorts keys
  value           BLOB,             -- NULL on a delete (tombstone) row
  create_revision INTEGER NOT NULL,
  prev_revision   INTEGER NOT NULL, -- revision of this key's previous live row (0: none)
  version         INTEGER NOT NULL,
  deleted         INTEGER NOT NULL,
  lease           INTEGER,
  -- Schema 3: the id of this key's previous row if that row was live (NULL: none, or a tombstone). prevKv,
  -- compaction and reads at an older revision follow it, so no index orders the log by key: an index by
  -- key dirtied one random leaf per key written, half of a commit's WAL frames (docs/store.md "Commits").
  prev_id         INTEGER
);
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
  prev_id: number | null;
}

/** A row without its value, for the write path (values can be 1.5 MB; most writes never need them). */
export type LogHead = Omit<LogRow, 'value'>;

const HEAD = 'id, revision, key, create_revision, prev_revision, version, deleted, lease, prev_id';
const ALL = `${HEAD}, value`;
/** Fills `live` from the log (a store written before schema 2); needs log_key_revision. */
const LIVE_BACKFILL = `INSERT OR REPLACE INTO live (key, id)
  SELECT l.key, l.id FROM log l WHERE l.deleted = 0 AND l.revision = (SELECT MAX(x.revision) FROM log x WHERE x.key = l.key)`;

/**
 * Schema 1 or 2 to 3, in the transaction that opens the file: `live` if missing (schema 1), `prev_id` from
 * `prev_revision` through log_key_revision, then that index dropped. A row whose previous row is a
 * tombstone gets none (as a key created again does in schema 3: nothing reads a tombstone through it).
 */
export function migrateTo3(fromVersion: number, hasPrevId: boolean): string {
  return `
CREATE UNIQUE INDEX IF NOT EXISTS log_key_revision ON log (key, revision);
${fromVersion < 2 ? LIVE_BACKFILL + ';' : ''}
${hasPrevId ? '' : `ALTER TABLE log ADD COLUMN prev_id INTEGER;
UPDATE log SET prev_id = (SELECT p.id FROM log p WHERE p.key = log.key AND p.revision = log.prev_revision AND p.deleted = 0)
  WHERE prev_revision > 0;`}
DROP INDEX log_key_revision;
`;
}

const L = (cols: string) => cols.split(', ').map((c) => 'l.' + c).join(', ');
const LIVE_ROW = `${L(ALL)} FROM live k JOIN log l ON l.id = k.id`;

/**
 * A key's state at an older revision, without an index by key. Row ids grow with revisions, so with :max the
 * newest row id at or below the revision (maxIdAt): a key unchanged since is in `live` with an id <= :max; a
 * key changed since (or deleted) has exactly one row after :max whose previous row is at or below it, and
 * that row, if live, is its state then. The second half reads the log's rows since the revision (its
 * rowid range) and the first the prefix's live keys in order, up to the page: a page at a recent revision costs
 * the page plus the writes since (rangeAll pages at one revision).
 */
const AT = (cols: string, order = '') => `SELECT * FROM (SELECT ${L(cols)} FROM live k JOIN log l ON l.id = k.id
    WHERE k.key >= :lo AND k.key < :hi AND k.id <= :max${order ? ` ORDER BY k.key ${order} LIMIT :limit` : ''})
  UNION ALL
  SELECT ${cols.split(', ').map((c) => 'p.' + c).join(', ')} FROM log x JOIN log p ON p.id = x.prev_id
    WHERE x.id > :max AND x.key >= :lo AND x.key < :hi AND x.prev_id <= :max`;

export const SQL = {
  // A key's newest row, if it is live (schema 3: through `live`; the log has no index by key).
  head: `SELECT ${L(HEAD)} FROM live k JOIN log l ON l.id = k.id WHERE k.key = ?`,
  latest: `SELECT ${LIVE_ROW} WHERE k.key = ?`,
  // What a put needs of the key's newest row, without its key (a Buffer SQLite copies out for nothing).
  putHead: `SELECT l.id, l.revision, l.create_revision, l.version FROM live k JOIN log l ON l.id = k.id WHERE k.key = ?`,
  // A compare's mod revision (0: no live key), plucked: a number, not an object (FileStore's constructor).
  modRevision: `SELECT CASE WHEN l.deleted = 0 THEN l.revision ELSE 0 END FROM live k JOIN log l ON l.id = k.id WHERE k.key = ?`,
  rowById: `SELECT ${ALL} FROM log WHERE id = ?`,
  insert: `INSERT INTO log (revision, key, value, create_revision, prev_revision, version, deleted, lease, prev_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  /** The newest row id at or below a revision (0: none); row ids grow with revisions. */
  maxIdAt: `SELECT id FROM log WHERE revision <= ? ORDER BY revision DESC, id DESC LIMIT 1`,
  // A range at an older revision (:max from maxIdAt).
  page: `SELECT * FROM (${AT(ALL, 'ASC')}) ORDER BY key LIMIT :limit`,
  pageDesc: `SELECT * FROM (${AT(ALL, 'DESC')}) ORDER BY key DESC LIMIT :limit`,
  count: `SELECT COUNT(*) AS n FROM (${AT('id')})`,
  // The newest state (a read at the store's revision, nearly every read): live keys only.
  pageHeads: `SELECT ${L(HEAD)} FROM live k JOIN log l ON l.id = k.id WHERE k.key >= :lo AND k.key < :hi ORDER BY k.key`,
  livePage: `SELECT ${LIVE_ROW} WHERE k.key >= :lo AND k.key < :hi ORDER BY k.key LIMIT :limit`,
  livePageDesc: `SELECT ${LIVE_ROW} WHERE k.key >= :lo AND k.key < :hi ORDER BY k.key DESC LIMIT :limit`,
  liveCount: `SELECT COUNT(*) AS n FROM live WHERE key >= :lo AND key < :hi`,
  liveSet: `INSERT INTO live (key, id) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET id = excluded.id`,
  liveDelete: `DELETE FROM live WHERE key = ?`,
  // A lease's live keys: its rows that are their key's newest.
  leaseKeys: `SELECT ${L(HEAD)} FROM log l JOIN live k ON k.key = l.key AND k.id = l.id WHERE l.lease = :lease`,
  replay: `SELECT ${ALL} FROM log
           WHERE revision >= ? AND revision <= ? AND key >= ? AND key < ? ORDER BY revision, id`,
  // Compaction to :to from :from. A row is dropped once a newer row of its key at or below :to
  // supersedes it; rows at or after :from were never candidates before, so only they are examined.
  dropSuperseded: `DELETE FROM log WHERE id IN (
                     SELECT x.prev_id FROM log x WHERE x.revision > :from AND x.revision <= :to AND x.prev_id IS NOT NULL)`,
  // A tombstone below :to says nothing the absence of rows does not.
  dropTombstones: `DELETE FROM log WHERE deleted = 1 AND revision >= :from AND revision < :to`,
  getMeta: `SELECT value FROM meta WHERE name = ?`,
  setMeta: `INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
  leases: `SELECT id, ttl FROM lease`,
  insertLease: `INSERT INTO lease (ttl, granted_at) VALUES (?, ?)`,
  deleteLease: `DELETE FROM lease WHERE id = ?`,
};
