// Task definitions: one record per family (the last revision handed out, never reused, and the counts the
// family filters read) and one per revision ({taskDefinition, tags}). Beside the revisions, in the same
// transactions, the index of revisions by status: `taskdefs-by-status/STATUS/FAMILY,REVISION`. It serves
// ListTaskDefinitions (a page is one range, in ECS's order: family name, then revision; newest first with
// sort DESC), a family's latest ACTIVE revision (RunTask by family: one key), and the retention sweep of
// DELETE_IN_PROGRESS revisions. The ',' after the family sorts below every character a family name may
// hold, so "web" sorts before "web-api" as ECS orders names.
import type { Tag, TaskDefinition } from '@berth/core';
import type { Op, Store } from '@berth/store';
import { ROOT, decode, getJSON, indexMoveOps, json, type Versioned } from './kit.js';

export const FAMILIES_PREFIX = ROOT + 'taskdef-families/';
export const familyKey = (family: string) => `${FAMILIES_PREFIX}${family}`;
const REVISIONS_PREFIX = ROOT + 'taskdefs/';
const pad = (revision: number) => String(revision).padStart(10, '0');
export const revisionKey = (family: string, revision: number) => `${REVISIONS_PREFIX}${family}/${pad(revision)}`;
const BY_STATUS = ROOT + 'taskdefs-by-status/';
/** Revisions of one status, optionally of one family. */
export const revisionsByStatusPrefix = (status: string, family?: string) => `${BY_STATUS}${status}/${family !== undefined ? family + ',' : ''}`;
const statusIndexKey = (td: TaskDefinition) => `${revisionsByStatusPrefix(td.status!, td.family!)}${pad(td.revision!)}`;

export interface FamilyRecord {
  family: string;
  /** Highest revision ever handed out: the next registration takes lastRevision + 1. */
  lastRevision: number;
  /** Revisions that still exist (ACTIVE or INACTIVE). */
  liveRevisions: number;
  activeRevisions: number;
}

export interface RevisionRecord {
  taskDefinition: TaskDefinition;
  tags: Tag[];
}

export const newFamily = (family: string): FamilyRecord => ({ family, lastRevision: 0, liveRevisions: 0, activeRevisions: 0 });

export function getFamily(store: Store, family: string): Promise<Versioned<FamilyRecord> | null> {
  return getJSON<FamilyRecord>(store, familyKey(family));
}

export function putFamilyOp(f: FamilyRecord): Op {
  return { put: familyKey(f.family), value: json(f) };
}

export function getRevision(store: Store, family: string, revision: number): Promise<Versioned<RevisionRecord> | null> {
  return getJSON<RevisionRecord>(store, revisionKey(family, revision));
}

/** The number of the family's highest ACTIVE revision: one key of the status index, read newest first. */
export async function latestActiveRevisionNumber(store: Store, family: string): Promise<number | undefined> {
  const page = await store.range(revisionsByStatusPrefix('ACTIVE', family), { reverse: true, limit: 1 });
  const kv = page.kvs[0];
  return kv ? Number(kv.key.slice(kv.key.lastIndexOf(',') + 1)) : undefined;
}

/** The family's highest ACTIVE revision. */
export async function latestActiveRevision(store: Store, family: string): Promise<Versioned<RevisionRecord> | null> {
  const revision = await latestActiveRevisionNumber(store, family);
  return revision !== undefined ? getRevision(store, family, revision) : null;
}

/** Family and revision of a revision record's key; undefined for any other key. */
export function parseRevisionKey(key: string): { family: string; revision: number } | undefined {
  if (!key.startsWith(REVISIONS_PREFIX)) return undefined;
  const tail = key.slice(REVISIONS_PREFIX.length);
  const slash = tail.lastIndexOf('/');
  return slash > 0 ? { family: tail.slice(0, slash), revision: Number(tail.slice(slash + 1)) } : undefined;
}

/**
 * The number of the family's highest ACTIVE revision (undefined: none) and the store revision the read saw
 * (the task-definition informer's fill: events after it are applied on top).
 */
export async function latestActiveRevisionSeen(store: Store, family: string): Promise<{ revision: number | undefined; at: number }> {
  const page = await store.range(revisionsByStatusPrefix('ACTIVE', family), { reverse: true, limit: 1 });
  const kv = page.kvs[0];
  return { revision: kv ? Number(kv.key.slice(kv.key.lastIndexOf(',') + 1)) : undefined, at: page.revision };
}

/**
 * A revision's record as of store revision `at` (absent: the newest), with the store revision the read saw:
 * a range of its one key, since a get carries neither.
 */
export async function revisionSeen(store: Store, family: string, revision: number, at?: number): Promise<{ rec: Versioned<RevisionRecord> | null; at: number }> {
  const page = await store.range(revisionKey(family, revision), { limit: 1, ...(at !== undefined ? { revision: at } : {}) });
  const kv = page.kvs.find((x) => x.key === revisionKey(family, revision));
  return { rec: kv ? { value: decode<RevisionRecord>(kv), modRevision: kv.modRevision } : null, at: page.revision };
}

/** The index entries a revision record implies. */
export function revisionIndexKeys(rec: RevisionRecord): string[] {
  return [statusIndexKey(rec.taskDefinition)];
}

/** Writes a revision record with its index entry (moved when the status changes). */
export function revisionOps(next: RevisionRecord, prev?: RevisionRecord): Op[] {
  const td = next.taskDefinition;
  const ops: Op[] = [{ put: revisionKey(td.family!, td.revision!), value: json(next) }];
  ops.push(...indexMoveOps(prev ? statusIndexKey(prev.taskDefinition) : undefined, statusIndexKey(td)));
  return ops;
}

export function revisionDeleteOps(rec: RevisionRecord): Op[] {
  const td = rec.taskDefinition;
  return [{ delete: revisionKey(td.family!, td.revision!) }, { delete: statusIndexKey(td) }];
}

/** Family and revision of a status index key. */
export function parseRevisionIndexKey(key: string): { family: string; revision: number } {
  const tail = key.slice(key.lastIndexOf('/') + 1);
  const comma = tail.lastIndexOf(',');
  return { family: tail.slice(0, comma), revision: Number(tail.slice(comma + 1)) };
}

/** A family record read in a page of families. */
export async function familiesPage(store: Store, prefix: string, after: string | undefined, limit: number): Promise<{ kvs: { key: string; family: FamilyRecord }[]; more: boolean }> {
  const page = await store.range(FAMILIES_PREFIX + prefix, { limit, ...(after ? { after } : {}) });
  return { kvs: page.kvs.map((kv) => ({ key: kv.key, family: decode<FamilyRecord>(kv) })), more: page.more };
}

export const REVISIONS_ROOT = REVISIONS_PREFIX;
export const REVISIONS_BY_STATUS_ROOT = BY_STATUS;
