// PutTargets, RemoveTargets, ListTargetsByRule, ListRuleNamesByTarget. Berth's one target kind is an ECS
// cluster (EcsParameters: RunTask), which EventBridge requires a RoleArn for: the rule engine runs the
// task with that role's permissions, and PutTargets checks that the caller may pass the role
// (iam:PassRole), so events:PutTargets alone never lets anyone run a task. Every member of another target
// kind, and what Berth has no home for (DeadLetterConfig: Berth has no SQS), is refused naming it.
import { BerthError, checkTargetInput, type Events } from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { requirePassRole } from '../../auth/pass-role.js';
import { commitWithRetry } from '../../state/kit.js';
import { deleteEventTargetOps, eventTargetsOf, putEventTargetOps, ruleNamesByTarget } from '../../state/event-targets.js';
import { eventRuleKey } from '../../state/event-rules.js';
import { checkEcsTarget, existingBus, existingRule, limitOf, refuseMembers, validation } from './common.js';
import { OTHER_KINDS } from '../../invoking/target-checks.js';

/** EventBridge's quota of targets per rule. */
export const MAX_TARGETS_PER_RULE = 5;

const NOT_TARGET_MEMBERS: Record<string, string> = {
  KinesisParameters: OTHER_KINDS, RunCommandParameters: OTHER_KINDS, BatchParameters: OTHER_KINDS, SqsParameters: OTHER_KINDS,
  HttpParameters: OTHER_KINDS, RedshiftDataParameters: OTHER_KINDS, SageMakerPipelineParameters: OTHER_KINDS, AppSyncParameters: OTHER_KINDS,
  DeadLetterConfig: 'Berth has no SQS; failed invocations are kept as the rule\'s invocation records (berth describe rule)',
};
export async function putTargets(ctx: ServerContext, req: Events.PutTargetsRequest, call: CallContext): Promise<Events.PutTargetsResponse> {
  const bus = await existingBus(ctx, req.EventBusName);
  const ids = new Set<string>();
  req.Targets.forEach((t, i) => {
    const where = `Targets[${i}]`;
    if (ids.has(t.Id)) throw validation(`The target id ${t.Id} appears twice.`, `${where}.Id`);
    ids.add(t.Id);
    refuseMembers(t, NOT_TARGET_MEMBERS, `${where}.`);
    checkEcsTarget(t, where);
    checkTargetInput(t, where);
  });
  // The caller must be allowed to hand each role to EventBridge, as AWS checks it.
  await requirePassRole(ctx, call, [...new Set(req.Targets.map((t) => t.RoleArn!))]);
  await commitWithRetry(ctx.store, async () => {
    const rule = await existingRule(ctx, bus, req.Rule);
    const before = new Map((await eventTargetsOf(ctx.store, bus, req.Rule)).map((t) => [t.Id, t]));
    const total = new Set([...before.keys(), ...ids]).size;
    if (total > MAX_TARGETS_PER_RULE) throw new BerthError('LimitExceededException', `The requested resource exceeds the maximum number allowed (${MAX_TARGETS_PER_RULE} targets per rule).`, 'Targets');
    const ops = req.Targets.flatMap((t) => putEventTargetOps(bus, req.Rule, t, before.get(t.Id)));
    // Comparing the rule's revision: a rule deleted meanwhile gets no orphan targets.
    return { txn: { compare: [{ key: eventRuleKey(bus, req.Rule), modRevision: rule.modRevision }], success: ops }, result: undefined };
  });
  return { FailedEntryCount: 0, FailedEntries: [] };
}

export async function removeTargets(ctx: ServerContext, req: Events.RemoveTargetsRequest): Promise<Events.RemoveTargetsResponse> {
  refuseMembers(req, { Force: 'Berth has no managed rules' });
  const bus = await existingBus(ctx, req.EventBusName);
  return commitWithRetry(ctx.store, async () => {
    const rule = await existingRule(ctx, bus, req.Rule);
    const current = new Map((await eventTargetsOf(ctx.store, bus, req.Rule)).map((t) => [t.Id, t]));
    const failed = req.Ids.filter((id) => !current.has(id)).map((id) => ({ TargetId: id, ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Target ${id} does not exist on rule ${req.Rule}.` }));
    const ops = req.Ids.filter((id) => current.has(id)).flatMap((id) => deleteEventTargetOps(bus, req.Rule, current.get(id)!));
    return {
      txn: { compare: [{ key: eventRuleKey(bus, req.Rule), modRevision: rule.modRevision }], success: ops },
      result: { FailedEntryCount: failed.length, FailedEntries: failed },
    };
  });
}

export async function listTargetsByRule(ctx: ServerContext, req: Events.ListTargetsByRuleRequest): Promise<Events.ListTargetsByRuleResponse> {
  const bus = await existingBus(ctx, req.EventBusName);
  await existingRule(ctx, bus, req.Rule);
  const limit = limitOf(req.Limit);
  const all = await eventTargetsOf(ctx.store, bus, req.Rule);
  const start = req.NextToken !== undefined ? all.findIndex((t) => t.Id > Buffer.from(req.NextToken!, 'base64url').toString('utf8')) : 0;
  const page = start < 0 ? [] : all.slice(start, start + limit);
  const more = start >= 0 && start + limit < all.length;
  return { Targets: page, ...(more ? { NextToken: Buffer.from(page.at(-1)!.Id).toString('base64url') } : {}) };
}

export async function listRuleNamesByTarget(ctx: ServerContext, req: Events.ListRuleNamesByTargetRequest): Promise<Events.ListRuleNamesByTargetResponse> {
  const bus = await existingBus(ctx, req.EventBusName);
  const limit = limitOf(req.Limit);
  const after = req.NextToken !== undefined ? Buffer.from(req.NextToken, 'base64url').toString('utf8') : undefined;
  const { names, more } = await ruleNamesByTarget(ctx.store, req.TargetArn, bus, after, limit);
  return { RuleNames: names, ...(more ? { NextToken: Buffer.from(names.at(-1)!).toString('base64url') } : {}) };
}
