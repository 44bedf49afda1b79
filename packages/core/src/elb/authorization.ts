// ELBv2's entries of the authorization table, per the Service Authorization Reference: Describe* on `*`;
// a create on the ARN the new resource will have (its id unknown yet: `*`); every other action on the
// ARN it names. As for every entry, a member absent or malformed leaves the resource `*`.
import type { ActionAuthorization } from '../iam/authorization-table.js';
import { parseListenerArn, parseLoadBalancerArn, parseRuleArn, parseTargetGroupArn } from './arns.js';
import type { Identity } from '../arn.js';

type Request = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const prefix = (id: Identity) => `arn:${id.partition}:elasticloadbalancing:${id.region}:${id.accountId}:`;
const NAME = /^[A-Za-z0-9-]{1,32}$/;

/** The ARN a member names, when it parses as that kind. */
const member = (name: string, resourceType: ActionAuthorization['resourceType'], parse: (arn: string) => unknown): ActionAuthorization => ({
  resourceType,
  resources: (req: Request) => {
    const arn = str(req[name]);
    return arn !== undefined && parse(arn) !== undefined ? [arn] : ['*'];
  },
});
const everything: ActionAuthorization = { resourceType: '*', resources: () => ['*'] };
const loadBalancer = member('LoadBalancerArn', 'loadbalancer', parseLoadBalancerArn);
const targetGroup = member('TargetGroupArn', 'targetgroup', parseTargetGroupArn);
const listener = member('ListenerArn', 'listener', parseListenerArn);
const rule = member('RuleArn', 'listener-rule', parseRuleArn);

export const ELB_AUTHORIZATION: Readonly<Record<string, ActionAuthorization>> = {
  'elasticloadbalancing:CreateLoadBalancer': {
    resourceType: 'loadbalancer',
    resources: (req, env) => {
      const name = str(req.Name);
      const kind = req.Type === undefined || req.Type === 'application' ? 'app' : req.Type === 'network' ? 'net' : undefined;
      return name !== undefined && NAME.test(name) && kind ? [`${prefix(env.identity)}loadbalancer/${kind}/${name}/*`] : ['*'];
    },
  },
  'elasticloadbalancing:DescribeLoadBalancers': everything,
  'elasticloadbalancing:DeleteLoadBalancer': loadBalancer,
  'elasticloadbalancing:CreateTargetGroup': {
    resourceType: 'targetgroup',
    resources: (req, env) => {
      const name = str(req.Name);
      return name !== undefined && NAME.test(name) ? [`${prefix(env.identity)}targetgroup/${name}/*`] : ['*'];
    },
  },
  'elasticloadbalancing:DescribeTargetGroups': everything,
  'elasticloadbalancing:ModifyTargetGroup': targetGroup,
  'elasticloadbalancing:DeleteTargetGroup': targetGroup,
  'elasticloadbalancing:DescribeTargetGroupAttributes': everything,
  'elasticloadbalancing:ModifyTargetGroupAttributes': targetGroup,
  'elasticloadbalancing:RegisterTargets': targetGroup,
  'elasticloadbalancing:DeregisterTargets': targetGroup,
  'elasticloadbalancing:DescribeTargetHealth': everything,
  'elasticloadbalancing:CreateListener': loadBalancer,
  'elasticloadbalancing:DescribeListeners': everything,
  'elasticloadbalancing:ModifyListener': listener,
  'elasticloadbalancing:DeleteListener': listener,
  'elasticloadbalancing:CreateRule': listener,
  'elasticloadbalancing:DescribeRules': everything,
  'elasticloadbalancing:ModifyRule': rule,
  'elasticloadbalancing:DeleteRule': rule,
  'elasticloadbalancing:SetRulePriorities': {
    resourceType: 'listener-rule',
    resources: (req) => {
      const arns = Array.isArray(req.RulePriorities) ? req.RulePriorities.map((p) => str((p as Request | null)?.RuleArn)) : [];
      return arns.length > 0 && arns.every((a) => a !== undefined && parseRuleArn(a) !== undefined) ? [...new Set(arns as string[])] : ['*'];
    },
  },
};
