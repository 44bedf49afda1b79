// Prometheus HTTP service discovery (issue 19 §5), served at /prometheus/sd on the control plane's metrics
// listener: one target group per connected agent that advertises its metrics address (the instance
// attribute berth.metrics-address, set by the agent at registration), labelled with its cluster and
// container instance, so one scrape config finds every agent of every cluster as they come and go.
import { METRICS_ADDRESS_ATTRIBUTE } from '@berth/core';
import type { InstanceCache } from '../informers/instances.js';

export interface TargetGroup {
  targets: string[];
  labels: Record<string, string>;
}

export async function agentTargets(instances: InstanceCache): Promise<TargetGroup[]> {
  const groups: TargetGroup[] = [];
  for (const { cluster, instance } of await instances.connectedInstances()) {
    const addr = instance.rec.instance.attributes?.find((a) => a.name === METRICS_ADDRESS_ATTRIBUTE)?.value;
    if (!addr) continue;
    groups.push({
      targets: [addr],
      labels: { cluster, instance: instance.rec.id, __meta_berth_container_instance_arn: instance.rec.instance.containerInstanceArn ?? '' },
    });
  }
  return groups.sort((a, b) => a.labels.instance!.localeCompare(b.labels.instance!));
}
