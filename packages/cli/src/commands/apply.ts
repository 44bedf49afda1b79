// berth apply -f FILE|DIR and berth diff -f FILE|DIR (issue 20 §2): multi-document YAML or JSON of clusters,
// task definitions and services, each recognised by its members (core's apply-documents.ts), checked against
// the model before anything is sent, applied in dependency order and reported `created`, `configured` or
// `unchanged`; diff shows what apply would change and exits as kubectl diff does (0 nothing, 1 differences,
// 2 an error). Everything goes through the API: the current state is read with Describe*, the change made
// with the ECS actions.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  APPLY_ORDER, APPLY_SHAPES, checkShape, documentKind, givenMembersMatch, isBerthError, lineDiff, lintTaskDefinition, registrationInput,
  type ApplyKind, type CreateClusterRequest, type CreateServiceRequest, type RegisterTaskDefinitionRequest, type Service, type TaskDefinition,
} from '@berth/core';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { render } from '../output.js';
import { warningLines } from './lint.js';
import { clusterFor, describeOne, desiredText, primaryOf, rolloutStatus, serviceUpdate, tdName } from './services.js';

interface Doc {
  kind: ApplyKind;
  body: Record<string, unknown>;
  where: string;
}

/** Every document of a file, or of a directory's .json, .yaml and .yml files in name order. */
export function readDocuments(path: string): Doc[] {
  let files: string[];
  try {
    files = path !== '-' && statSync(path).isDirectory()
      ? readdirSync(path).filter((f) => /\.(json|ya?ml)$/.test(f)).sort().map((f) => join(path, f))
      : [path];
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const docs: Doc[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
    parseAllDocuments(text).forEach((d, i) => {
      if (d.errors.length > 0) throw new UsageError(`${file} is neither JSON nor YAML: ${d.errors[0]!.message}`);
      const value = d.toJS() as unknown;
      if (value === null || value === undefined) return;
      const where = `${file}, document ${i + 1}`;
      if (typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`${where} must be one object`);
      const { kind, body } = documentKind(value as Record<string, unknown>, where);
      checkShape(APPLY_SHAPES[kind], body);
      docs.push({ kind, body, where });
    });
  }
  if (docs.length === 0) throw new UsageError(`${path} holds no documents`);
  return APPLY_ORDER.flatMap((k) => docs.filter((d) => d.kind === k));
}

type Outcome = 'created' | 'configured' | 'unchanged';

/** What one document would change: its name, the outcome, and the diff of what it changes. */
interface Plan {
  name: string;
  outcome: Outcome;
  diff: string;
  /** Makes the change (absent when unchanged); returns the name to report (a new revision's) and what it did. */
  apply?: () => Promise<{ name?: string; details?: string }>;
}

const pretty = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));

async function planCluster(ctx: CommandContext, body: Record<string, unknown>): Promise<Plan> {
  const name = ctx.cluster(typeof body.clusterName === 'string' ? body.clusterName : undefined);
  const found = (await ctx.client.call('DescribeClusters', { clusters: [name], include: ['SETTINGS', 'TAGS'] })).clusters?.find((c) => c.status === 'ACTIVE');
  const desired = { ...body, clusterName: name } as CreateClusterRequest & { clusterName: string };
  if (found && givenMembersMatch({ settings: desired.settings, tags: desired.tags }, found)) return { name: `cluster/${name}`, outcome: 'unchanged', diff: '' };
  if (found) throw new UsageError(`cluster/${name} exists with other settings or tags; berth apply does not change a cluster's (use aws ecs update-cluster-settings)`);
  return {
    name: `cluster/${name}`, outcome: 'created', diff: lineDiff('', pretty(desired)),
    apply: async () => ({ name: `cluster/${(await ctx.client.call('CreateCluster', desired)).cluster?.clusterName}` }),
  };
}

async function planTaskDefinition(ctx: CommandContext, body: Record<string, unknown>): Promise<Plan> {
  const req = body as unknown as RegisterTaskDefinitionRequest;
  let latest: { taskDefinition?: TaskDefinition; tags?: RegisterTaskDefinitionRequest['tags'] } | undefined;
  try {
    latest = await ctx.client.call('DescribeTaskDefinition', { taskDefinition: req.family, include: ['TAGS'] });
  } catch (e) {
    // A family with no ACTIVE revision: the first is created.
    if (!isBerthError(e) || e.ecsName !== 'ClientException') throw e;
  }
  const desired = registrationInput(body);
  const current = latest?.taskDefinition && registrationInput(latest.taskDefinition as Record<string, unknown>, latest.tags ?? []);
  const name = `taskdef/${req.family}`;
  if (current && pretty(current) === pretty(desired)) return { name: `${name}:${latest!.taskDefinition!.revision}`, outcome: 'unchanged', diff: '' };
  return {
    name, outcome: current ? 'configured' : 'created', diff: lineDiff(pretty(current), pretty(desired)),
    apply: async () => {
      const res = await ctx.client.call('RegisterTaskDefinition', req);
      process.stderr.write(warningLines(lintTaskDefinition(req as TaskDefinition)));
      return { name: `taskdef/${res.taskDefinition?.family}:${res.taskDefinition?.revision}` };
    },
  };
}

async function planService(ctx: CommandContext, body: Record<string, unknown>): Promise<Plan> {
  const req = { ...body, cluster: clusterFor(ctx, undefined, typeof body.cluster === 'string' ? body.cluster : undefined) } as CreateServiceRequest & { cluster: string };
  // A cluster the same files create (diff before apply) has no services yet.
  const current = await describeOne(ctx, req.cluster, req.serviceName).catch((e: unknown) => {
    if (isBerthError(e) && e.ecsName === 'ClusterNotFoundException') return undefined;
    throw e;
  });
  const name = `service/${req.serviceName}`;
  if (!current || current.status === 'INACTIVE') {
    return {
      name, outcome: 'created', diff: lineDiff('', pretty(req)),
      apply: async () => {
        const s = (await ctx.client.call('CreateService', req)).service;
        return { details: `${tdName(s?.taskDefinition)}, ${desiredText(s)}` };
      },
    };
  }
  const up = serviceUpdate(req);
  // The task definition as the service names it: a bare family means its latest ACTIVE revision.
  const td = req.taskDefinition !== undefined ? (await ctx.client.call('DescribeTaskDefinition', { taskDefinition: req.taskDefinition })).taskDefinition?.taskDefinitionArn : undefined;
  const { cluster: _c, service: _s, ...wanted } = { ...up, ...(td ? { taskDefinition: td } : {}) };
  if (givenMembersMatch(wanted, current)) return { name, outcome: 'unchanged', diff: '' };
  const before = Object.fromEntries(Object.keys(wanted).map((k) => [k, (current as Record<string, unknown>)[k]]));
  return {
    name, outcome: 'configured', diff: lineDiff(pretty(before), pretty(wanted)),
    apply: async () => {
      const s = (await ctx.client.call('UpdateService', up)).service ?? {};
      const after = primaryOf(s);
      return { details: after && after.id !== primaryOf(current)?.id ? `deployment ${after.id} of ${tdName(after.taskDefinition)} started` : desiredText(s) };
    },
  };
}

const PLANNERS: Record<ApplyKind, (ctx: CommandContext, body: Record<string, unknown>) => Promise<Plan>> = {
  cluster: planCluster, taskdef: planTaskDefinition, service: planService,
};

/**
 * Applies the documents in order; each is planned after the ones before it are applied (a service names the
 * revision just registered). With `waitSeconds`, then follows each service it created or configured until
 * it is rolled out (exit 1 when one is not).
 */
export async function apply(ctx: CommandContext, path: string, waitSeconds?: number): Promise<number> {
  const results: { name: string; outcome: Outcome }[] = [];
  const changedServices: { name: string; cluster: string }[] = [];
  for (const doc of readDocuments(path)) {
    const plan = await PLANNERS[doc.kind](ctx, doc.body);
    const done = plan.apply ? await plan.apply() : {};
    const name = done.name ?? plan.name;
    results.push({ name, outcome: plan.outcome });
    if (doc.kind === 'service' && plan.outcome !== 'unchanged') {
      changedServices.push({ name: String(doc.body.serviceName), cluster: clusterFor(ctx, undefined, typeof doc.body.cluster === 'string' ? doc.body.cluster : undefined) });
    }
    if (ctx.output === 'table' || ctx.output === 'wide') ctx.out(`${name} ${plan.outcome}${done.details ? ` (${done.details})` : ''}\n`);
  }
  if (ctx.output !== 'table' && ctx.output !== 'wide') ctx.out(render(ctx.output, results, () => ''));
  if (waitSeconds === undefined) return 0;
  let code = 0;
  for (const s of changedServices) code = Math.max(code, await rolloutStatus(ctx, s.name, { timeout: String(waitSeconds), cluster: s.cluster }));
  return code;
}

/** What apply would change, document by document; returns kubectl diff's exit code (0 none, 1 some). */
export async function diff(ctx: CommandContext, path: string): Promise<number> {
  let changed = 0;
  try {
    for (const doc of readDocuments(path)) {
      const plan = await PLANNERS[doc.kind](ctx, doc.body);
      if (plan.outcome === 'unchanged') continue;
      changed++;
      ctx.out(`--- ${plan.name} (${plan.outcome === 'created' ? 'absent' : 'current'})\n+++ ${plan.name} (${doc.where})\n${plan.diff}`);
    }
  } catch (e) {
    // An error is 2 or more here (1 means "differences").
    if (isBerthError(e)) throw new UsageError(`${e.ecsName}: ${e.message}${e.field ? ` (field: ${e.field})` : ''}`);
    throw e;
  }
  return changed > 0 ? 1 : 0;
}
