// The clusters: each with its container instances, services and task counts, and the CPU and memory its
// instances have reserved. The list follows the page's event stream (every cluster's): changes reload it,
// at most once a second.
import { useCallback } from 'preact/hooks';
import type { Cluster, ContainerInstance } from '@berth/core';
import { ErrorText } from '../components/error.js';
import { VirtualList } from '../components/virtual-list.js';
import { usePageEvents, useLiveEvents } from '../events.js';
import { resource } from '../format.js';
import { describedPages, usePaged } from '../paged.js';
import { useThrottled } from '../throttle.js';
import { href } from '../router.js';

type Row = Cluster & { reserved?: { cpu: number; cpuTotal: number; memory: number; memoryTotal: number } };

/** What a cluster's instances have reserved of what they registered (one page of instances, the first 100). */
async function reservation(cluster: string): Promise<Row['reserved']> {
  const { items } = await describedPages<ContainerInstance>(
    { action: 'ListContainerInstances', arns: 'containerInstanceArns', request: { cluster, maxResults: 100 } },
    { action: 'DescribeContainerInstances', arns: 'containerInstances', items: 'containerInstances', request: { cluster } },
  )(undefined);
  const r = { cpu: 0, cpuTotal: 0, memory: 0, memoryTotal: 0 };
  for (const ci of items) {
    r.cpuTotal += resource(ci.registeredResources, 'CPU');
    r.memoryTotal += resource(ci.registeredResources, 'MEMORY');
    r.cpu += resource(ci.registeredResources, 'CPU') - resource(ci.remainingResources, 'CPU');
    r.memory += resource(ci.registeredResources, 'MEMORY') - resource(ci.remainingResources, 'MEMORY');
  }
  return r;
}

const percent = (used: number, total: number) => (total > 0 ? `${Math.round((used / total) * 100)}%` : '–');

export function ClustersView() {
  const page = usePageEvents(undefined);
  const clusters = usePaged<Row>(async (nextToken) => {
    const page = await describedPages<Cluster>({ action: 'ListClusters', arns: 'clusterArns', request: { maxResults: 50 } }, { action: 'DescribeClusters', arns: 'clusters', items: 'clusters' })(nextToken);
    return { ...page, items: await Promise.all(page.items.map(async (c) => ({ ...c, reserved: await reservation(c.clusterName!).catch(() => undefined) /* a caller who may not list instances sees no figure */ }))) };
  }, []);
  const reload = useThrottled(clusters.reload);
  useLiveEvents(page, useCallback(() => reload(), [reload]));
  return (
    <section aria-labelledby="clusters-title">
      <h1 id="clusters-title">Clusters</h1>
      <ErrorText error={clusters.error} />
      <div class="thead" aria-hidden="true"><span>Cluster</span><span>Instances</span><span>Services</span><span>Tasks running / pending</span><span>CPU reserved</span><span>Memory reserved</span></div>
      <VirtualList label="Clusters" items={clusters.items} itemKey={(c) => c.clusterArn!} hasMore={clusters.hasMore} onEndReached={clusters.loadMore}
        onOpen={(c) => (location.hash = href('clusters', c.clusterName!))}
        row={(c) => (
          <div class="cells">
            <a href={href('clusters', c.clusterName!)}>{c.clusterName}</a>
            <span>{c.registeredContainerInstancesCount ?? 0} instances</span>
            <span>{c.activeServicesCount ?? 0} services</span>
            <span>{c.runningTasksCount ?? 0} running, {c.pendingTasksCount ?? 0} pending</span>
            <span>CPU {c.reserved ? percent(c.reserved.cpu, c.reserved.cpuTotal) : '–'}</span>
            <span>memory {c.reserved ? percent(c.reserved.memory, c.reserved.memoryTotal) : '–'}</span>
          </div>
        )} />
    </section>
  );
}
