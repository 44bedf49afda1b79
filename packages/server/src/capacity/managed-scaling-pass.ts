// Capacity providers' managed scaling (issue 22 §6) on the leader, once a metric period: for each provider
// with managedScaling ENABLED and each cluster it is associated with, its machines (the instances whose
// berth.capacity-provider attribute names it) go through core's planProviderScaling. The reservation
// becomes the datapoint AWS/ECS/ManagedScaling CapacityProviderReservation (ClusterName,
// CapacityProviderName), written with the period's other figures, so alarms and GetMetricData read it;
// the machines picked for removal are set DRAINING; and the scale hook is called when the count it should
// reach differs from the machines present (in the background, one call a hook at a time: a slow hook never
// holds the metric period). Machines the hook was asked to remove are deregistered once it succeeded
// (as ECS marks an Auto Scaling group's terminated instances INACTIVE); one that got a task meanwhile is
// refused by DeregisterContainerInstance and stays.
import {
  CAPACITY_PROVIDER_ATTRIBUTE, MANAGED_SCALING_NAMESPACE, planProviderScaling, scaleHookNameOf,
  type MetricPoint, type ProviderMachine,
} from '@berth/core';
import type { ServerContext } from '../context.js';
import { CAPACITY_PROVIDERS_PREFIX, type CapacityProviderRecord } from '../state/capacity-providers.js';
import { decode, rangeAll } from '../state/kit.js';
import { getScaleHook } from '../state/scale-hooks.js';
import { deregisterContainerInstance, updateContainerInstancesState } from '../handlers/container-instances.js';
import { callScaleHook } from './scale-hook-runner.js';

/** Machines the tasks waiting for a provider need (PROVISIONING tasks), by cluster and provider. */
export type WaitingMachines = (cluster: string, provider: string) => Promise<number>;

export interface ManagedScalingPass {
  /** One pass: the reservation datapoints (the hook calls it starts go on in the background). */
  points(): Promise<MetricPoint[]>;
  /** Resolves once the hook calls under way are done (tests, and a leader stepping down). */
  settled(): Promise<void>;
}

export function managedScalingPass(ctx: ServerContext, waiting: WaitingMachines = async () => 0): ManagedScalingPass {
  const calls = new Map<string, Promise<void>>();

  function startCall(hookName: string, cluster: string, provider: string, desired: number, remove: string[], arns: Map<string, { arn: string; ec2InstanceId?: string }>): void {
    if (calls.has(hookName)) return;
    const run = (async () => {
      const hook = await getScaleHook(ctx.store, hookName);
      if (!hook) {
        ctx.log.warn('capacity provider names a scale hook that does not exist', { capacityProvider: provider, hook: hookName });
        return;
      }
      const res = await callScaleHook(ctx, ctx.scaleHooks, hook, {
        hook: hookName, capacityProvider: provider, desiredCount: desired,
        instancesToRemove: remove.map((id) => ({ containerInstanceArn: arns.get(id)!.arn, ...(arns.get(id)!.ec2InstanceId ? { ec2InstanceId: arns.get(id)!.ec2InstanceId } : {}) })),
      });
      if (res.status !== 'Succeeded') return;
      for (const id of remove) {
        await deregisterContainerInstance(ctx, { cluster, containerInstance: arns.get(id)!.arn })
          .catch((e) => ctx.log.warn('machine removed by the scale hook not deregistered', { cluster, containerInstance: id, error: String((e as Error)?.message ?? e) }));
      }
    })().catch((e) => ctx.log.warn('scale hook call failed', { hook: hookName, error: String((e as Error)?.message ?? e) }))
      .finally(() => calls.delete(hookName));
    calls.set(hookName, run);
  }

  async function points(): Promise<MetricPoint[]> {
    const out: MetricPoint[] = [];
    const informer = ctx.instances;
    if (!informer) return out;
    for (const kv of await rangeAll(ctx.store, CAPACITY_PROVIDERS_PREFIX)) {
      const { provider, clusters } = decode<CapacityProviderRecord>(kv);
      const asg = provider.autoScalingGroupProvider;
      const hookName = scaleHookNameOf(asg?.autoScalingGroupArn ?? '');
      if (asg?.managedScaling?.status !== 'ENABLED' || hookName === undefined) continue;
      const name = provider.name!;
      for (const cluster of clusters) {
        const machines: ProviderMachine[] = [];
        const arns = new Map<string, { arn: string; ec2InstanceId?: string }>();
        for (const { rec } of (await informer.snapshot(cluster)).instances) {
          const status = rec.instance.status;
          if (status !== 'ACTIVE' && status !== 'DRAINING') continue;
          if (rec.instance.attributes?.find((a) => a.name === CAPACITY_PROVIDER_ATTRIBUTE)?.value !== name) continue;
          machines.push({ id: rec.id, status, tasks: Object.values(rec.taskGroups).reduce((a, b) => a + b, 0) });
          arns.set(rec.id, { arn: rec.instance.containerInstanceArn!, ...(rec.instance.ec2InstanceId ? { ec2InstanceId: rec.instance.ec2InstanceId } : {}) });
        }
        const s = asg.managedScaling;
        const plan = planProviderScaling({
          machines, waitingMachines: await waiting(cluster, name),
          ...(s.targetCapacity !== undefined ? { targetCapacity: s.targetCapacity } : {}),
          ...(s.minimumScalingStepSize !== undefined ? { minimumScalingStepSize: s.minimumScalingStepSize } : {}),
          ...(s.maximumScalingStepSize !== undefined ? { maximumScalingStepSize: s.maximumScalingStepSize } : {}),
        });
        out.push({ namespace: MANAGED_SCALING_NAMESPACE, metric: 'CapacityProviderReservation', dimensions: [['CapacityProviderName', name], ['ClusterName', cluster]], unit: 'Percent', value: plan.reservation });
        if (plan.drain.length) {
          // Picked for removal: no task lands on them from now; they are named to the hook once DRAINING and empty.
          await updateContainerInstancesState(ctx, { cluster, containerInstances: plan.drain.map((id) => arns.get(id)!.arn), status: 'DRAINING' });
          ctx.log.info('managed scaling drains machines to remove', { cluster, capacityProvider: name, containerInstances: plan.drain });
        }
        if (plan.desired !== plan.present) startCall(hookName, cluster, name, plan.desired, plan.remove, arns);
      }
    }
    return out;
  }

  return {
    points,
    async settled() {
      while (calls.size) await Promise.all([...calls.values()]);
    },
  };
}
