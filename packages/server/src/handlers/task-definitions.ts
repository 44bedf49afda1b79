// Task definitions: register (revisions never reused, safe under concurrent registration), deregister
// (INACTIVE), delete (INACTIVE -> DELETE_IN_PROGRESS -> removed), describe, and the two listings.
//
// Records: one key per family holding the last revision handed out and live/active counts (the
// family filters read it), and one key per revision holding {taskDefinition, tags}. A registration
// commits both in one transaction that compares the family key, so two racing registrations can never
// take the same revision number nor skip one.
import {
  buildTaskDefinition, checkName, clientError, invalid, parseTaskDefinitionRef,
  taskDefinitionArn, validateRegisterTaskDefinition,
  type DeleteTaskDefinitionsRequest, type DeleteTaskDefinitionsResponse, type DeregisterTaskDefinitionRequest,
  type DeregisterTaskDefinitionResponse, type DescribeTaskDefinitionRequest, type DescribeTaskDefinitionResponse,
  type Failure, type ListTaskDefinitionFamiliesRequest, type ListTaskDefinitionFamiliesResponse,
  type ListTaskDefinitionsRequest, type ListTaskDefinitionsResponse, type RegisterTaskDefinitionRequest,
  type RegisterTaskDefinitionResponse, type Tag, type TaskDefinition,
} from '@berth/core';
import type { KeyValue } from '@berth/store';
import type { ServerContext } from '../context.js';
import { FAMILIES_PREFIX, REVISIONS_PREFIX, familyKey, revisionKey, revisionsPrefix } from '../keys.js';
import { commitWithRetry, decode, json, listJSON } from '../json-store.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';

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

const notFound = (field = 'taskDefinition') => clientError('Unable to describe task definition.', field);

export async function registerTaskDefinition(ctx: ServerContext, req: RegisterTaskDefinitionRequest): Promise<RegisterTaskDefinitionResponse> {
  validateRegisterTaskDefinition(req);
  const fkey = familyKey(req.family);
  const registeredAt = ctx.now();
  const rec = await commitWithRetry(ctx.store, async () => {
    const kv = await ctx.store.get(fkey);
    const fam: FamilyRecord = kv ? decode(kv) : { family: req.family, lastRevision: 0, liveRevisions: 0, activeRevisions: 0 };
    const revision = fam.lastRevision + 1;
    const taskDefinition = buildTaskDefinition(req, {
      arn: taskDefinitionArn(ctx.identity, req.family, revision),
      revision,
      registeredAt,
      registeredBy: `arn:${ctx.identity.partition}:iam::${ctx.identity.accountId}:root`,
    });
    const record: RevisionRecord = { taskDefinition, tags: req.tags ?? [] };
    const next: FamilyRecord = { ...fam, lastRevision: revision, liveRevisions: fam.liveRevisions + 1, activeRevisions: fam.activeRevisions + 1 };
    return {
      txn: {
        compare: [{ key: fkey, modRevision: kv?.modRevision ?? 0 }],
        success: [{ put: fkey, value: json(next) }, { put: revisionKey(req.family, revision), value: json(record) }],
      },
      result: record,
    };
  });
  ctx.log.info('task definition registered', { taskDefinition: `${req.family}:${rec.taskDefinition.revision}` });
  return { taskDefinition: rec.taskDefinition, tags: rec.tags };
}

/** The revision a reference names: family:rev or ARN exactly; a bare family means its latest ACTIVE revision. */
async function resolve(ctx: ServerContext, ref: string, field = 'taskDefinition'): Promise<{ record: RevisionRecord; kv: KeyValue }> {
  const { family, revision } = parseTaskDefinitionRef(ref, field);
  if (revision !== undefined) {
    const kv = await ctx.store.get(revisionKey(family, revision));
    if (!kv) throw notFound(field);
    return { record: decode(kv), kv };
  }
  const page = await ctx.store.range(revisionsPrefix(family));
  for (let i = page.kvs.length - 1; i >= 0; i--) {
    const record = decode<RevisionRecord>(page.kvs[i]!);
    if (record.taskDefinition.status === 'ACTIVE') return { record, kv: page.kvs[i]! };
  }
  throw notFound(field);
}

export async function describeTaskDefinition(ctx: ServerContext, req: DescribeTaskDefinitionRequest): Promise<DescribeTaskDefinitionResponse> {
  const { record } = await resolve(ctx, req.taskDefinition);
  const res: DescribeTaskDefinitionResponse = { taskDefinition: record.taskDefinition };
  if (req.include?.includes('TAGS')) res.tags = record.tags;
  return res;
}

export async function deregisterTaskDefinition(ctx: ServerContext, req: DeregisterTaskDefinitionRequest): Promise<DeregisterTaskDefinitionResponse> {
  const { family, revision } = parseTaskDefinitionRef(req.taskDefinition);
  if (revision === undefined) throw invalid('taskDefinition', 'taskDefinition: a revision is required (family:revision or ARN).');
  const rkey = revisionKey(family, revision);
  const fkey = familyKey(family);
  const td = await commitWithRetry(ctx.store, async () => {
    const [rkv, fkv] = [await ctx.store.get(rkey), await ctx.store.get(fkey)];
    if (!rkv || !fkv) throw clientError('The specified task definition does not exist.', 'taskDefinition');
    const record = decode<RevisionRecord>(rkv);
    if (record.taskDefinition.status !== 'ACTIVE') return { txn: { compare: [], success: [] }, result: record.taskDefinition };
    const fam = decode<FamilyRecord>(fkv);
    const taskDefinition: TaskDefinition = { ...record.taskDefinition, status: 'INACTIVE', deregisteredAt: ctx.now() };
    return {
      txn: {
        compare: [{ key: rkey, modRevision: rkv.modRevision }, { key: fkey, modRevision: fkv.modRevision }],
        success: [
          { put: rkey, value: json({ ...record, taskDefinition }) },
          { put: fkey, value: json({ ...fam, activeRevisions: fam.activeRevisions - 1 }) },
        ],
      },
      result: taskDefinition,
    };
  });
  ctx.log.info('task definition deregistered', { taskDefinition: `${family}:${revision}` });
  return { taskDefinition: td };
}

export async function deleteTaskDefinitions(ctx: ServerContext, req: DeleteTaskDefinitionsRequest): Promise<DeleteTaskDefinitionsResponse> {
  if (req.taskDefinitions.length < 1 || req.taskDefinitions.length > 10) {
    throw invalid('taskDefinitions', 'taskDefinitions: give between 1 and 10 task definitions.');
  }
  const taskDefinitions: TaskDefinition[] = [];
  const failures: Failure[] = [];
  for (const [i, ref] of req.taskDefinitions.entries()) {
    const field = `taskDefinitions[${i}]`;
    let family: string, revision: number | undefined;
    try {
      ({ family, revision } = parseTaskDefinitionRef(ref, field));
    } catch (e) {
      failures.push({ arn: ref, reason: 'TASK_DEFINITION_INVALID', detail: (e as Error).message });
      continue;
    }
    if (revision === undefined) {
      failures.push({ arn: ref, reason: 'TASK_DEFINITION_INVALID', detail: 'A revision is required (family:revision or ARN).' });
      continue;
    }
    const rkey = revisionKey(family, revision);
    const fkey = familyKey(family);
    const arn = taskDefinitionArn(ctx.identity, family, revision);
    const outcome = await commitWithRetry<{ td: TaskDefinition } | { failure: string }>(ctx.store, async () => {
      const [rkv, fkv] = [await ctx.store.get(rkey), await ctx.store.get(fkey)];
      if (!rkv || !fkv) return { txn: { compare: [], success: [] }, result: { failure: 'TASK_DEFINITION_NOT_FOUND' } };
      const record = decode<RevisionRecord>(rkv);
      if (record.taskDefinition.status === 'DELETE_IN_PROGRESS') return { txn: { compare: [], success: [] }, result: { td: record.taskDefinition } };
      if (record.taskDefinition.status !== 'INACTIVE') {
        return { txn: { compare: [], success: [] }, result: { failure: 'TASK_DEFINITION_NOT_INACTIVE' } };
      }
      const fam = decode<FamilyRecord>(fkv);
      // DELETE_IN_PROGRESS until no task references the revision; the retention sweep then removes the
      // record. The family keeps lastRevision, so numbers are never reused.
      const td: TaskDefinition = { ...record.taskDefinition, status: 'DELETE_IN_PROGRESS', deleteRequestedAt: ctx.now() };
      return {
        txn: {
          compare: [{ key: rkey, modRevision: rkv.modRevision }, { key: fkey, modRevision: fkv.modRevision }],
          success: [
            { put: rkey, value: json({ ...record, taskDefinition: td }) },
            { put: fkey, value: json({ ...fam, liveRevisions: fam.liveRevisions - 1 }) },
          ],
        },
        result: { td },
      };
    });
    if ('td' in outcome) taskDefinitions.push(outcome.td);
    else failures.push({ arn, reason: outcome.failure });
  }
  return { taskDefinitions, failures };
}

function checkStatus<T extends string>(field: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) throw invalid(field, `${field}: must be one of ${allowed.join(' | ')}.`);
  return value as T | undefined;
}

export async function listTaskDefinitions(ctx: ServerContext, req: ListTaskDefinitionsRequest): Promise<ListTaskDefinitionsResponse> {
  const limit = pageSize(req.maxResults);
  const status = checkStatus('status', req.status, ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'] as const) ?? 'ACTIVE';
  const sort = checkStatus('sort', req.sort, ['ASC', 'DESC'] as const) ?? 'ASC';
  // familyPrefix is, despite its name, an exact family filter in ECS.
  if (req.familyPrefix !== undefined) checkName('familyPrefix', req.familyPrefix);
  const prefix = req.familyPrefix !== undefined ? revisionsPrefix(req.familyPrefix) : REVISIONS_PREFIX;
  const after = decodeToken(req.nextToken, prefix);
  const all = (await listJSON<RevisionRecord>(ctx.store, prefix))
    .map((r) => r.taskDefinition)
    .filter((td) => td.status === status)
    .map((td) => ({ td, key: revisionKey(td.family!, td.revision!) }));
  // ECS orders by family name, then revision.
  all.sort((a, b) => (a.td.family! < b.td.family! ? -1 : a.td.family! > b.td.family! ? 1 : a.td.revision! - b.td.revision!));
  if (sort === 'DESC') all.reverse();
  const start = after === undefined ? 0 : all.findIndex((x) => x.key === after) + 1;
  const page = all.slice(start, start + limit);
  const res: ListTaskDefinitionsResponse = { taskDefinitionArns: page.map((x) => x.td.taskDefinitionArn!) };
  if (start + limit < all.length) res.nextToken = encodeToken(page[page.length - 1]!.key);
  return res;
}

export async function listTaskDefinitionFamilies(ctx: ServerContext, req: ListTaskDefinitionFamiliesRequest): Promise<ListTaskDefinitionFamiliesResponse> {
  const limit = pageSize(req.maxResults);
  const status = checkStatus('status', req.status, ['ACTIVE', 'INACTIVE', 'ALL'] as const) ?? 'ALL';
  const prefix = FAMILIES_PREFIX + (req.familyPrefix ?? '');
  let after = decodeToken(req.nextToken, FAMILIES_PREFIX);
  const families: string[] = [];
  const keep = (f: FamilyRecord) =>
    f.liveRevisions > 0 && (status === 'ALL' || (status === 'ACTIVE' ? f.activeRevisions > 0 : f.activeRevisions === 0));
  for (;;) {
    const page = await ctx.store.range(prefix, { limit: limit - families.length, ...(after ? { after } : {}) });
    for (const kv of page.kvs) {
      const f = decode<FamilyRecord>(kv);
      if (keep(f)) families.push(f.family);
      after = kv.key;
    }
    if (!page.more) return { families };
    if (families.length >= limit) return { families, nextToken: encodeToken(after!) };
  }
}

