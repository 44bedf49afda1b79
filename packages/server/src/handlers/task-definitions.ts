// Task definitions: register (revisions never reused, safe under concurrent registration), deregister
// (INACTIVE), delete (INACTIVE -> DELETE_IN_PROGRESS -> removed by retention), describe, and the two
// listings. A registration commits the family record and the new revision in one transaction that compares
// the family record, so two racing registrations can never take the same revision number nor skip one.
// The records and the index of revisions by status are state/task-definitions.ts's.
import {
  buildTaskDefinition, checkName, clientError, describeValue, invalid, parseTaskDefinitionRef,
  passedRoles, taskDefinitionArn, validateRegisterTaskDefinition,
  type DeleteTaskDefinitionsRequest, type DeleteTaskDefinitionsResponse, type DeregisterTaskDefinitionRequest,
  type DeregisterTaskDefinitionResponse, type DescribeTaskDefinitionRequest, type DescribeTaskDefinitionResponse,
  type Failure, type ListTaskDefinitionFamiliesRequest, type ListTaskDefinitionFamiliesResponse,
  type ListTaskDefinitionsRequest, type ListTaskDefinitionsResponse, type RegisterTaskDefinitionRequest,
  type RegisterTaskDefinitionResponse, type TaskDefinition,
} from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';
import { requirePassRole } from '../auth/pass-role.js';
import { commitWithRetry, noWrite, type Versioned } from '../state/kit.js';
import {
  FAMILIES_PREFIX, familiesPage, familyKey, getFamily, getRevision, latestActiveRevision, newFamily, parseRevisionIndexKey,
  putFamilyOp, revisionKey, revisionOps, revisionsByStatusPrefix, type FamilyRecord, type RevisionRecord,
} from '../state/task-definitions.js';
import { pageBuckets, EXAMINE_MAX } from '../state/paging.js';
import { decodeToken, encodeToken, pageSize } from '../pagination.js';

const notFound = (field = 'taskDefinition') => clientError('Unable to describe task definition.', field);

export async function registerTaskDefinition(ctx: ServerContext, req: RegisterTaskDefinitionRequest, call: CallContext): Promise<RegisterTaskDefinitionResponse> {
  validateRegisterTaskDefinition(req);
  await requirePassRole(ctx, call, passedRoles(req));
  const registeredAt = ctx.now();
  let committedAt = 0;
  const rec = await commitWithRetry(ctx.store, async () => {
    const cur = await getFamily(ctx.store, req.family);
    const fam = cur?.value ?? newFamily(req.family);
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
      txn: { compare: [{ key: familyKey(req.family), modRevision: cur?.modRevision ?? 0 }], success: [putFamilyOp(next), ...revisionOps(record)] },
      result: record,
    };
  }, { onCommitted: (revision) => { committedAt = revision; } });
  // This replica's next RunTask by family launches the new revision (informers/task-definitions.ts).
  await ctx.taskDefinitions?.committed(committedAt);
  ctx.log.info('task definition registered', { taskDefinition: `${req.family}:${rec.taskDefinition.revision}` });
  return { taskDefinition: rec.taskDefinition, tags: rec.tags };
}

/** The revision a reference names: family:rev or ARN exactly; a bare family means its latest ACTIVE revision. */
async function resolve(ctx: ServerContext, ref: string, field = 'taskDefinition'): Promise<Versioned<RevisionRecord>> {
  const { family, revision } = parseTaskDefinitionRef(ref, field);
  const rec = revision !== undefined ? await getRevision(ctx.store, family, revision) : await latestActiveRevision(ctx.store, family);
  if (!rec) throw notFound(field);
  return rec;
}

export async function describeTaskDefinition(ctx: ServerContext, req: DescribeTaskDefinitionRequest): Promise<DescribeTaskDefinitionResponse> {
  const { value: record } = await resolve(ctx, req.taskDefinition);
  const res: DescribeTaskDefinitionResponse = { taskDefinition: record.taskDefinition };
  if (req.include?.includes('TAGS')) res.tags = record.tags;
  return res;
}

export async function deregisterTaskDefinition(ctx: ServerContext, req: DeregisterTaskDefinitionRequest): Promise<DeregisterTaskDefinitionResponse> {
  const { family, revision } = parseTaskDefinitionRef(req.taskDefinition);
  if (revision === undefined) throw clientError('Revision is missing.', 'taskDefinition');
  const td = await changeRevision(ctx, family, revision, (record, fam) => {
    if (record.taskDefinition.status !== 'ACTIVE') return { td: record.taskDefinition };
    const taskDefinition: TaskDefinition = { ...record.taskDefinition, status: 'INACTIVE', deregisteredAt: ctx.now() };
    return { td: taskDefinition, family: { ...fam, activeRevisions: fam.activeRevisions - 1 } };
  });
  if (td === undefined) throw clientError('The specified task definition does not exist.', 'taskDefinition');
  ctx.log.info('task definition deregistered', { taskDefinition: `${family}:${revision}` });
  return { taskDefinition: td };
}

/**
 * Read-modify-write of one revision and its family, compared on both. `change` returns the revision as it
 * should be (unchanged: nothing is written) and the family's new counts. undefined when either is missing.
 */
async function changeRevision(ctx: ServerContext, family: string, revision: number,
  change: (record: RevisionRecord, fam: FamilyRecord) => { td: TaskDefinition; family?: FamilyRecord }): Promise<TaskDefinition | undefined> {
  let committedAt = 0;
  const td = await commitWithRetry(ctx.store, async () => {
    const [rec, fam] = await Promise.all([getRevision(ctx.store, family, revision), getFamily(ctx.store, family)]);
    if (!rec || !fam) return { txn: noWrite, result: undefined };
    const out = change(rec.value, fam.value);
    if (out.td === rec.value.taskDefinition) return { txn: noWrite, result: out.td };
    return {
      txn: {
        compare: [{ key: revisionKey(family, revision), modRevision: rec.modRevision }, { key: familyKey(family), modRevision: fam.modRevision }],
        success: [...revisionOps({ ...rec.value, taskDefinition: out.td }, rec.value), ...(out.family ? [putFamilyOp(out.family)] : [])],
      },
      result: out.td,
    };
  }, { onCommitted: (r, txn) => { if (txn.success.length > 0) committedAt = r; } });
  // This replica's next launch of the revision sees its new status (informers/task-definitions.ts).
  if (committedAt > 0) await ctx.taskDefinitions?.committed(committedAt);
  return td;
}

/** ECS's failure reasons of DeleteTaskDefinitions, per revision. */
const DELETE_FAILURES = {
  invalid: 'The specified task definition identifier is invalid. Specify a valid name or ARN and try again.',
  missing: 'The specified task definition does not exist. Specify a valid account, family, revision and try again.',
  active: 'The specified task definition is still in ACTIVE status. Please deregister the target and try again.',
};

/** A reference parsed, or undefined when it is not one (a failure of its own, not of the call). */
function parsedRef(ref: string, field: string): { family: string; revision?: number } | undefined {
  try {
    return parseTaskDefinitionRef(ref, field);
  } catch {
    return undefined;
  }
}

export async function deleteTaskDefinitions(ctx: ServerContext, req: DeleteTaskDefinitionsRequest): Promise<DeleteTaskDefinitionsResponse> {
  if (req.taskDefinitions.length < 1) throw invalid('taskDefinitions', 'size of TaskDefinition references list must be greater than 0');
  if (req.taskDefinitions.length > 10) throw invalid('taskDefinitions', 'Size of TaskDefinition references list cannot exceed 10');
  const taskDefinitions: TaskDefinition[] = [];
  const failures: Failure[] = [];
  for (const [i, ref] of req.taskDefinitions.entries()) {
    const parsed = parsedRef(ref, `taskDefinitions[${i}]`);
    if (parsed === undefined || parsed.revision === undefined) {
      failures.push({ arn: ref, reason: DELETE_FAILURES.invalid });
      continue;
    }
    const family = parsed.family;
    const revision = parsed.revision;
    const arn = taskDefinitionArn(ctx.identity, family, revision);
    let failure: string | undefined;
    const td = await changeRevision(ctx, family, revision, (record, fam) => {
      failure = undefined;
      if (record.taskDefinition.status === 'DELETE_IN_PROGRESS') return { td: record.taskDefinition };
      if (record.taskDefinition.status !== 'INACTIVE') {
        failure = DELETE_FAILURES.active;
        return { td: record.taskDefinition };
      }
      // DELETE_IN_PROGRESS until no task references the revision; the retention sweep then removes the
      // record. The family keeps lastRevision, so numbers are never reused.
      return { td: { ...record.taskDefinition, status: 'DELETE_IN_PROGRESS', deleteRequestedAt: ctx.now() }, family: { ...fam, liveRevisions: fam.liveRevisions - 1 } };
    });
    if (td === undefined) failures.push({ arn, reason: DELETE_FAILURES.missing });
    else if (failure !== undefined) failures.push({ arn, reason: failure });
    else taskDefinitions.push(td);
  }
  return { taskDefinitions, failures };
}

function checkStatus<T extends string>(field: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) throw invalid(field, `'${field}' must be one of ${allowed.join(' | ')} (${describeValue(value)} given).`);
  return value as T | undefined;
}

export async function listTaskDefinitions(ctx: ServerContext, req: ListTaskDefinitionsRequest): Promise<ListTaskDefinitionsResponse> {
  const limit = pageSize(req.maxResults);
  const status = checkStatus('status', req.status, ['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'] as const) ?? 'ACTIVE';
  const sort = checkStatus('sort', req.sort, ['ASC', 'DESC'] as const) ?? 'ASC';
  // familyPrefix is, despite its name, an exact family filter in ECS.
  if (req.familyPrefix !== undefined) checkName('familyPrefix', req.familyPrefix);
  // One range of the status index, in ECS's order (family, then revision); DESC reads it newest first.
  const prefix = revisionsByStatusPrefix(status, req.familyPrefix);
  const page = await pageBuckets(ctx.store, [prefix], decodeToken(req.nextToken, prefix), { limit, reverse: sort === 'DESC' });
  const taskDefinitionArns = page.kept.map((kv) => {
    const { family, revision } = parseRevisionIndexKey(kv.key);
    return taskDefinitionArn(ctx.identity, family, revision);
  });
  return { taskDefinitionArns, ...(page.next !== undefined ? { nextToken: encodeToken(page.next) } : {}) };
}

export async function listTaskDefinitionFamilies(ctx: ServerContext, req: ListTaskDefinitionFamiliesRequest): Promise<ListTaskDefinitionFamiliesResponse> {
  const limit = pageSize(req.maxResults);
  const status = checkStatus('status', req.status, ['ACTIVE', 'INACTIVE', 'ALL'] as const) ?? 'ALL';
  let after = decodeToken(req.nextToken, FAMILIES_PREFIX);
  const families: string[] = [];
  const keep = (f: FamilyRecord) =>
    f.liveRevisions > 0 && (status === 'ALL' || (status === 'ACTIVE' ? f.activeRevisions > 0 : f.activeRevisions === 0));
  // A page examines a bounded number of families, and may hold fewer than maxResults.
  let examined = 0;
  for (;;) {
    const page = await familiesPage(ctx.store, req.familyPrefix ?? '', after, Math.min(limit - families.length, EXAMINE_MAX));
    for (const { key, family } of page.kvs) {
      if (keep(family)) families.push(family.family);
      after = key;
      examined++;
    }
    if (!page.more) return { families };
    if (families.length >= limit || examined >= EXAMINE_MAX) return { families, nextToken: encodeToken(after!) };
  }
}
