// What a machine's client certificate lets it do: the authorization of certificate callers, before (and
// instead of) the policy that decides for users. An agent registers itself, polls its own assignments,
// reports for its own cluster's tasks and renews its certificate; the other kinds read what their job
// needs in their own cluster. An agent's certificate stops working once its container instance is
// deregistered (INACTIVE) or gone; another kind's once its record (state/certificates.ts) is revoked or
// gone: that is their revocation, read from the store at each call and stream opening.
import * as grpc from '@grpc/grpc-js';
import { BerthError, CONTAINER_INSIGHTS_NAMESPACE, ECS_NAMESPACE, ELB_NAMESPACE, parseArn, type Identity, type MetricRead } from '@berth/core';
import { ProtocolRefusal, type CallHooks, type Caller } from '@berth/api';
import type { Store } from '@berth/store';
import { getInstance } from '../state/instances.js';
import { getCertificate } from '../state/certificates.js';
import { revokedCertificate } from './join-service.js';

type Component = Extract<Caller, { kind: 'component' }>['component'];

/** What berth-lb reads of ELBv2: load balancers are no cluster's, so these are on `*` (below). */
const ELB_READS = ['DescribeLoadBalancers', 'DescribeListeners', 'DescribeRules', 'DescribeTargetGroups', 'DescribeTargetGroupAttributes', 'DescribeTargetHealth'].map((a) => `elasticloadbalancing:${a}`);

/**
 * What berth-exporter reads of CloudWatch: its own cluster's ECS figures (a query's ClusterName dimension
 * must be its cluster) and, like berth-lb's reads above, every load balancer's (no cluster's).
 */
const METRIC_READS = ['cloudwatch:GetMetricData'];
const CLUSTER_NAMESPACES: readonly (string | undefined)[] = [ECS_NAMESPACE, CONTAINER_INSIGHTS_NAMESPACE];
const metricAllowed = (m: MetricRead, cluster: string) => m.namespace === ELB_NAMESPACE || (CLUSTER_NAMESPACES.includes(m.namespace) && m.cluster === cluster);
const metricName = (m: MetricRead) => `metrics of ${m.namespace ?? '(no namespace)'}${m.cluster !== undefined ? ` with ClusterName ${m.cluster}` : CLUSTER_NAMESPACES.includes(m.namespace) ? ' without a ClusterName dimension' : ''}`;

/** IAM actions each kind of certificate allows (within its own instance and cluster). */
export const CERTIFICATE_ACTIONS: { agent: readonly string[] } & Record<Component, readonly string[]> = {
  agent: ['ecs:RegisterContainerInstance', 'ecs:Poll', 'ecs:SubmitTaskStateChange', 'berth:RenewCertificate', 'sts:GetCallerIdentity'],
  lb: ['ecs:DescribeServices', 'ecs:ListServices', 'ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:DescribeContainerInstances', 'berth:WatchEvents', 'berth:RenewCertificate', 'sts:GetCallerIdentity', ...ELB_READS, 'berth:ReportTargetHealth', 'berth:ReportLoadBalancerStatistics'],
  'log-router': ['ecs:DescribeTasks', 'ecs:ListTasks', 'berth:RenewCertificate', 'sts:GetCallerIdentity'],
  exporter: [
    'ecs:DescribeClusters', 'ecs:DescribeServices', 'ecs:ListServices', 'ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:DescribeContainerInstances', 'ecs:ListContainerInstances',
    'berth:WatchEvents', 'berth:RenewCertificate', 'sts:GetCallerIdentity', ...METRIC_READS, 'elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTargetGroups',
  ],
};

/** Whether a resource ARN lies in a cluster: the cluster itself, or something under it (task/CLUSTER/ID). */
function inCluster(arn: string, cluster: string): boolean {
  const a = parseArn(arn);
  if (!a) return false;
  return (a.resourceType === 'cluster' && a.resource === cluster) || a.resource.startsWith(`${cluster}/`);
}

/**
 * Actions on no resource in particular (`*`); anything else must name the machine's own cluster, by its
 * ARN or, for the actions AWS authorizes on `*` with the ecs:cluster condition key (ListTasks,
 * ListServices), by that key.
 */
const UNSCOPED = ['sts:GetCallerIdentity', 'berth:RenewCertificate', ...ELB_READS, 'berth:ReportTargetHealth', 'berth:ReportLoadBalancerStatistics', ...METRIC_READS];
const scoped = (action: string, r: string, cluster: string, ecsCluster: string | undefined) =>
  (r === '*' ? UNSCOPED.includes(action) || (ecsCluster !== undefined && inCluster(ecsCluster, cluster)) : inCluster(r, cluster));

/**
 * A read of what revokes a certificate; when the store fails, UNAVAILABLE (the machine retries, on this
 * replica or another) rather than an internal error: nothing was done.
 */
async function revocationRead<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    throw new ProtocolRefusal(grpc.status.UNAVAILABLE, `the control plane's store is unavailable (${String((e as Error)?.message ?? e)}); reconnect`);
  }
}

const denied = (who: string, action: string, resource: string) => new BerthError('AccessDeniedException', `${who} is not authorized to perform: ${action} on resource: ${resource} (a machine's certificate allows only what its kind does)`);

/**
 * The authorize hook with certificate callers decided here (their certificate checked against the store
 * first); every other caller goes to `next`.
 */
export function authorizeCertificates(store: Store, identity: Identity, next: CallHooks['authorize']): CallHooks['authorize'] {
  return async (req, call) => {
    const c = req.caller;
    // (An agent of the plaintext development mode is named by its hello: the policy decides for it.)
    if (c.kind === 'container-instance' && c.byCertificate) {
      const a = parseArn(c.containerInstanceArn);
      const [cluster, id] = a?.resourceType === 'container-instance' ? a.resource.split('/') : [];
      const rec = cluster && id ? await revocationRead(getInstance(store, cluster, id)) : null;
      if (!rec || rec.value.instance.status === 'INACTIVE') {
        throw new BerthError('AccessDeniedException', `The certificate of ${c.containerInstanceArn} is revoked: the container instance was deregistered. Join again with a new token.`);
      }
      if (!CERTIFICATE_ACTIONS.agent.includes(req.action)) throw denied(c.containerInstanceArn, req.action, req.resources[0] ?? '*');
      for (const r of req.resources) {
        // Its own instance, or its cluster itself (never another instance's or task's ARN in it).
        const own = r === c.containerInstanceArn || (r === '*' ? UNSCOPED.includes(req.action) : parseArn(r)?.resourceType === 'cluster' && inCluster(r, cluster!));
        if (!own) throw denied(c.containerInstanceArn, req.action, r);
      }
      return;
    }
    if (c.kind === 'component') {
      const rec = await revocationRead(getCertificate(store, c.serial));
      if (!rec) throw new BerthError('AccessDeniedException', `The certificate ${c.serial} has no record (berth get certificates): it is not one this cluster issued. Join again with a new token.`);
      if (rec.value.revokedAt !== undefined) throw revokedCertificate(c.serial);
      const who = `arn:${identity.partition}:berth:${identity.region}:${identity.accountId}:${c.component}/${c.cluster}/${c.id}`;
      if (!CERTIFICATE_ACTIONS[c.component].includes(req.action)) throw denied(who, req.action, req.resources[0] ?? '*');
      for (const r of req.resources) if (!scoped(req.action, r, c.cluster, req.context['ecs:cluster'])) throw denied(who, req.action, r);
      // A metric read names no resource: each metric it names is held to the kind's namespaces and cluster.
      if (METRIC_READS.includes(req.action)) {
        const refused = req.metrics === undefined ? {} : req.metrics.find((m) => !metricAllowed(m, c.cluster));
        if (refused) throw denied(who, req.action, metricName(refused));
      }
      return;
    }
    return next(req, call);
  };
}
