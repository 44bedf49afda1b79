// Elastic Load Balancing v2's ARNs, as AWS spells them:
//   load balancer  arn:<p>:elasticloadbalancing:<region>:<account>:loadbalancer/app|net/<name>/<id>
//   target group   arn:<p>:elasticloadbalancing:<region>:<account>:targetgroup/<name>/<id>
//   listener       arn:<p>:elasticloadbalancing:<region>:<account>:listener/app|net/<lb name>/<lb id>/<id>
//   rule           arn:<p>:elasticloadbalancing:<region>:<account>:listener-rule/app|net/<lb name>/<lb id>/<listener id>/<id>
// Each id is 16 hex digits. An ARN carries every name and id needed to find its record, so a lookup by
// ARN is one key (state/ keys load balancers and target groups by name, listeners and rules by id).
import { randomBytes } from 'node:crypto';
import type { Identity } from '../arn.js';

export type ElbKind = 'app' | 'net';

export interface LoadBalancerRef { kind: ElbKind; name: string; id: string }
export interface TargetGroupRef { name: string; id: string }
export interface ListenerRef { lb: LoadBalancerRef; id: string }
export interface RuleRef { listener: ListenerRef; id: string }

/** A new 16-hex-digit id, as ELB's. */
export const newElbId = (): string => randomBytes(8).toString('hex');

const prefix = (id: Identity) => `arn:${id.partition}:elasticloadbalancing:${id.region}:${id.accountId}:`;
const lbPath = (lb: LoadBalancerRef) => `${lb.kind}/${lb.name}/${lb.id}`;

export const loadBalancerArn = (id: Identity, lb: LoadBalancerRef) => `${prefix(id)}loadbalancer/${lbPath(lb)}`;
export const targetGroupArn = (id: Identity, tg: TargetGroupRef) => `${prefix(id)}targetgroup/${tg.name}/${tg.id}`;
export const listenerArn = (id: Identity, l: ListenerRef) => `${prefix(id)}listener/${lbPath(l.lb)}/${l.id}`;
export const ruleArn = (id: Identity, r: RuleRef) => `${prefix(id)}listener-rule/${lbPath(r.listener.lb)}/${r.listener.id}/${r.id}`;

const ID = '[0-9a-f]{16}';
const NAME = '[A-Za-z0-9-]{1,32}';
const ARN = (rest: string) => new RegExp(`^arn:[\\w-]+:elasticloadbalancing:[\\w-]*:\\d*:${rest}$`);
const LB_ARN = ARN(`loadbalancer/(app|net)/(${NAME})/(${ID})`);
const TG_ARN = ARN(`targetgroup/(${NAME})/(${ID})`);
const LISTENER_ARN = ARN(`listener/(app|net)/(${NAME})/(${ID})/(${ID})`);
const RULE_ARN = ARN(`listener-rule/(app|net)/(${NAME})/(${ID})/(${ID})/(${ID})`);

/** The parts of an ARN, or undefined when it is not one of that kind (the caller answers ELB's NotFound or ValidationError). */
export function parseLoadBalancerArn(arn: string): LoadBalancerRef | undefined {
  const m = LB_ARN.exec(arn);
  return m ? { kind: m[1] as ElbKind, name: m[2]!, id: m[3]! } : undefined;
}
export function parseTargetGroupArn(arn: string): TargetGroupRef | undefined {
  const m = TG_ARN.exec(arn);
  return m ? { name: m[1]!, id: m[2]! } : undefined;
}
export function parseListenerArn(arn: string): ListenerRef | undefined {
  const m = LISTENER_ARN.exec(arn);
  return m ? { lb: { kind: m[1] as ElbKind, name: m[2]!, id: m[3]! }, id: m[4]! } : undefined;
}
export function parseRuleArn(arn: string): RuleRef | undefined {
  const m = RULE_ARN.exec(arn);
  return m ? { listener: { lb: { kind: m[1] as ElbKind, name: m[2]!, id: m[3]! }, id: m[4]! }, id: m[5]! } : undefined;
}
