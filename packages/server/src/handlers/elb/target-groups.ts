// CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup, DeleteTargetGroup and the attributes
// (deregistration delay, slow start, stickiness, algorithm). HTTP and TCP groups of `instance` targets (a
// container instance's id) or `ip` targets; what Berth does not build (lambda and alb targets, gRPC and
// HTTP/2 to targets, IPv6) is refused naming the member. A group a listener or rule forwards to cannot be
// deleted (ResourceInUse, as ELB answers).
import {
  BerthError, ELB_LIMITS, checkElbName, checkHealthCheck, checkTargetGroupProtocol, defaultTargetGroupAttributes, modifyTargetGroupAttributes,
  newElbId, targetGroupArn, targetGroupDefaults, unsupportedSentence, validation, type Elbv2,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import {
  createTargetGroupCompare, deleteTargetGroupOp, getTargetGroup, putTargetGroupOp, targetGroupCompare, targetGroupCount, targetGroupsPage,
  type TargetGroupRecord,
} from '../../state/target-groups.js';
import { deleteTargetsOps } from '../../state/targets.js';
import { deleteTargetHealthOps } from '../../state/target-health.js';
import { commitInBatches } from '../../state/kit.js';
import { forwardedGroups } from './forwarded-groups.js';
import { decodeMarker, encodeMarker, findTargetGroup, requireTargetGroup } from './lookup.js';

const notBuilt = (member: string, why: string) => validation(unsupportedSentence('The request', member, why), member);

/** ELB's TargetGroup shape: the record's, with the load balancers that forward to it. */
export function targetGroupShape(rec: TargetGroupRecord): Elbv2.TargetGroup {
  return { ...rec.targetGroup, LoadBalancerArns: [...new Set(Object.values(rec.forwardedBy))].sort() };
}

const HEALTH_MEMBERS = ['HealthCheckProtocol', 'HealthCheckPort', 'HealthCheckEnabled', 'HealthCheckPath', 'HealthCheckIntervalSeconds', 'HealthCheckTimeoutSeconds', 'HealthyThresholdCount', 'UnhealthyThresholdCount', 'Matcher'] as const;

export async function createTargetGroup(ctx: ServerContext, req: Elbv2.CreateTargetGroupInput): Promise<Elbv2.CreateTargetGroupOutput> {
  checkElbName(req.Name, 'target group');
  const targetType = req.TargetType ?? 'instance';
  if (targetType !== 'instance' && targetType !== 'ip') throw notBuilt('TargetType', `'${targetType}' targets are not built; use instance or ip.`);
  if (req.Protocol === undefined) throw validation('A target group of instance or ip targets needs a Protocol.', 'Protocol');
  checkTargetGroupProtocol(req.Protocol);
  if (req.Port === undefined) throw validation('A target group of instance or ip targets needs a Port.', 'Port');
  if (req.ProtocolVersion !== undefined && req.ProtocolVersion !== 'HTTP1') throw notBuilt('ProtocolVersion', 'targets are spoken to over HTTP/1.1; use HTTP1.');
  if (req.IpAddressType !== undefined && req.IpAddressType !== 'ipv4') throw notBuilt('IpAddressType', 'targets are IPv4 only.');
  if (req.TargetControlPort !== undefined) throw notBuilt('TargetControlPort', 'there is no target control agent.');
  const protocol = req.Protocol as 'HTTP' | 'TCP';
  const health = Object.fromEntries(HEALTH_MEMBERS.filter((m) => req[m] !== undefined).map((m) => [m, req[m]]));
  const id = newElbId();
  const targetGroup: TargetGroupRecord['targetGroup'] = {
    TargetGroupArn: targetGroupArn(ctx.identity, { name: req.Name, id }), TargetGroupName: req.Name, Protocol: protocol, Port: req.Port,
    ...(req.VpcId !== undefined ? { VpcId: req.VpcId } : {}),
    ...targetGroupDefaults((health.HealthCheckProtocol as 'HTTP' | 'TCP' | undefined) ?? protocol), ...health,
    TargetType: targetType, ...(protocol === 'HTTP' ? { ProtocolVersion: 'HTTP1' } : {}), IpAddressType: 'ipv4',
  };
  checkHealthCheck(targetGroup);
  const existing = await getTargetGroup(ctx.store, req.Name);
  if (existing) {
    // ELB answers a repeated CreateTargetGroup with the same settings with the group it made.
    const { TargetGroupArn: _a, ...was } = existing.value.targetGroup;
    const { TargetGroupArn: _b, ...now } = targetGroup;
    if (JSON.stringify(Object.entries(was).sort()) === JSON.stringify(Object.entries(now).sort())) return { TargetGroups: [targetGroupShape(existing.value)] };
    throw new BerthError('DuplicateTargetGroupNameException', 'A target group with the same name exists, with other settings.', 'Name');
  }
  if ((await targetGroupCount(ctx.store)) >= ELB_LIMITS.targetGroups) throw new BerthError('TooManyTargetGroupsException', `The quota of ${ELB_LIMITS.targetGroups} target groups is reached.`);
  const rec: TargetGroupRecord = { id, targetGroup, attributes: defaultTargetGroupAttributes(protocol), forwardedBy: {}, tags: req.Tags ?? [] };
  const res = await ctx.store.txn({ compare: [createTargetGroupCompare(req.Name)], success: [putTargetGroupOp(rec)] });
  if (!res.succeeded) return createTargetGroup(ctx, req);
  ctx.log.info('target group created', { arn: targetGroup.TargetGroupArn });
  return { TargetGroups: [targetGroupShape(rec)] };
}

export async function describeTargetGroups(ctx: ServerContext, req: Elbv2.DescribeTargetGroupsInput): Promise<Elbv2.DescribeTargetGroupsOutput> {
  const given = [req.LoadBalancerArn, req.TargetGroupArns, req.Names].filter((x) => x !== undefined).length;
  if (given > 1) throw validation('Specify at most one of load balancer ARN, target group ARNs and names.', 'TargetGroupArns');
  if (req.TargetGroupArns !== undefined) {
    const out: Elbv2.TargetGroup[] = [];
    for (const [i, arn] of req.TargetGroupArns.entries()) out.push(targetGroupShape((await requireTargetGroup(ctx, arn, `TargetGroupArns[${i}]`)).value));
    return { TargetGroups: out };
  }
  if (req.Names !== undefined) {
    const out: Elbv2.TargetGroup[] = [];
    for (const [i, name] of req.Names.entries()) {
      const rec = await getTargetGroup(ctx.store, name);
      if (!rec) throw new BerthError('TargetGroupNotFoundException', `One or more target groups not found: '${name}'`, `Names[${i}]`);
      out.push(targetGroupShape(rec.value));
    }
    return { TargetGroups: out };
  }
  if (req.LoadBalancerArn !== undefined) {
    return { TargetGroups: (await forwardedGroups(ctx, req.LoadBalancerArn)).map(targetGroupShape) };
  }
  const page = await targetGroupsPage(ctx.store, decodeMarker(req.Marker), req.PageSize ?? ELB_LIMITS.describePageSize);
  const last = page.items.at(-1)?.targetGroup.TargetGroupName;
  return { TargetGroups: page.items.map(targetGroupShape), ...(page.more && last !== undefined ? { NextMarker: encodeMarker(last) } : {}) };
}

export async function modifyTargetGroup(ctx: ServerContext, req: Elbv2.ModifyTargetGroupInput): Promise<Elbv2.ModifyTargetGroupOutput> {
  for (;;) {
    const cur = await requireTargetGroup(ctx, req.TargetGroupArn);
    const changes = Object.fromEntries(HEALTH_MEMBERS.filter((m) => req[m] !== undefined).map((m) => [m, req[m]]));
    const targetGroup = { ...cur.value.targetGroup, ...changes };
    if (req.HealthCheckProtocol === 'TCP' && cur.value.targetGroup.HealthCheckProtocol !== 'TCP') {
      // An HTTP check turned into a TCP one has no path or matcher.
      delete targetGroup.HealthCheckPath;
      delete targetGroup.Matcher;
    }
    checkHealthCheck(targetGroup);
    const rec = { ...cur.value, targetGroup };
    const res = await ctx.store.txn({ compare: [targetGroupCompare(cur)], success: [putTargetGroupOp(rec)] });
    if (res.succeeded) return { TargetGroups: [targetGroupShape(rec)] };
  }
}

export async function deleteTargetGroup(ctx: ServerContext, req: Elbv2.DeleteTargetGroupInput): Promise<Elbv2.DeleteTargetGroupOutput> {
  for (;;) {
    const cur = await findTargetGroup(ctx, req.TargetGroupArn);
    // A group already gone is no error, as in ELB.
    if (!cur) return {};
    const users = Object.keys(cur.value.forwardedBy);
    if (users.length > 0) throw new BerthError('ResourceInUseException', `Target group '${req.TargetGroupArn}' is currently in use by a listener or a rule`, 'TargetGroupArn');
    const res = await ctx.store.txn({ compare: [targetGroupCompare(cur)], success: [deleteTargetGroupOp(cur.value.targetGroup.TargetGroupName)] });
    if (!res.succeeded) continue;
    // Its targets and their reports go after it: nothing can register into a group that no longer exists.
    await commitInBatches(ctx.store, [...(await deleteTargetsOps(ctx.store, cur.value.id)), ...(await deleteTargetHealthOps(ctx.store, cur.value.id))]);
    ctx.log.info('target group deleted', { arn: req.TargetGroupArn });
    return {};
  }
}

export async function describeTargetGroupAttributes(ctx: ServerContext, req: Elbv2.DescribeTargetGroupAttributesInput): Promise<Elbv2.DescribeTargetGroupAttributesOutput> {
  const cur = await requireTargetGroup(ctx, req.TargetGroupArn);
  return { Attributes: Object.entries(cur.value.attributes).map(([Key, Value]) => ({ Key, Value })) };
}

export async function modifyTargetGroupAttributesHandler(ctx: ServerContext, req: Elbv2.ModifyTargetGroupAttributesInput): Promise<Elbv2.ModifyTargetGroupAttributesOutput> {
  for (;;) {
    const cur = await requireTargetGroup(ctx, req.TargetGroupArn);
    const attributes = modifyTargetGroupAttributes(cur.value.attributes, req.Attributes, cur.value.targetGroup.Protocol);
    const res = await ctx.store.txn({ compare: [targetGroupCompare(cur)], success: [putTargetGroupOp({ ...cur.value, attributes })] });
    if (res.succeeded) return { Attributes: Object.entries(attributes).map(([Key, Value]) => ({ Key, Value })) };
  }
}
