// ELBv2's action table (the query protocol on the AWS listener, SigV4 service `elasticloadbalancing`, and
// berth.aws.elbv2.v1 on gRPC): load balancers, target groups and their attributes, listeners, rules and
// targets. Every other action of the model answers InvalidAction naming it.
import { ELBV2_API } from '@berth/core';
import type { ActionTable } from '@berth/api';
import type { ServerContext } from '../../context.js';
import { createLoadBalancer, deleteLoadBalancer, describeLoadBalancers } from './load-balancers.js';
import {
  createTargetGroup, deleteTargetGroup, describeTargetGroupAttributes, describeTargetGroups, modifyTargetGroup, modifyTargetGroupAttributesHandler,
} from './target-groups.js';
import { createListener, deleteListener, describeListeners, modifyListener } from './listeners.js';
import { createRule, deleteRule, describeRules, modifyRule, setRulePriorities } from './rules.js';
import { deregisterTargets, describeTargetHealth, registerTargets } from './targets.js';

const ACTIONS = {
  CreateLoadBalancer: createLoadBalancer,
  DescribeLoadBalancers: describeLoadBalancers,
  DeleteLoadBalancer: deleteLoadBalancer,
  CreateTargetGroup: createTargetGroup,
  DescribeTargetGroups: describeTargetGroups,
  ModifyTargetGroup: modifyTargetGroup,
  DeleteTargetGroup: deleteTargetGroup,
  DescribeTargetGroupAttributes: describeTargetGroupAttributes,
  ModifyTargetGroupAttributes: modifyTargetGroupAttributesHandler,
  CreateListener: createListener,
  DescribeListeners: describeListeners,
  ModifyListener: modifyListener,
  DeleteListener: deleteListener,
  CreateRule: createRule,
  DescribeRules: describeRules,
  ModifyRule: modifyRule,
  DeleteRule: deleteRule,
  SetRulePriorities: setRulePriorities,
  RegisterTargets: registerTargets,
  DeregisterTargets: deregisterTargets,
  DescribeTargetHealth: describeTargetHealth,
} as const;

export function elbv2ActionTable(ctx: ServerContext): ActionTable {
  const handlers: ActionTable['handlers'] = {};
  for (const [action, fn] of Object.entries(ACTIONS)) handlers[action] = (req) => (fn as (c: ServerContext, r: unknown) => Promise<unknown>)(ctx, req);
  return { api: ELBV2_API, handlers };
}
