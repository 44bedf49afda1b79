// A cluster's container instances: status, agent, resources registered and remaining, running tasks,
// attributes; drain and activate (UpdateContainerInstancesState). Instance events update the rows in place.
import { useCallback, useState } from 'preact/hooks';
import type { ContainerInstance } from '@berth/core';
import { ecs } from '../api.js';
import { ErrorText } from '../components/error.js';
import { VirtualList } from '../components/virtual-list.js';
import { upsert, useLiveEvents, type PageEvents } from '../events.js';
import { resource, shortId } from '../format.js';
import { describedPages, usePaged } from '../paged.js';

export function InfrastructureTab({ cluster, page, may }: { cluster: string; page: PageEvents; may: Record<string, boolean> }) {
  const [error, setError] = useState<unknown>();
  const instances = usePaged<ContainerInstance>(describedPages(
    { action: 'ListContainerInstances', arns: 'containerInstanceArns', request: { cluster, maxResults: 100 } },
    { action: 'DescribeContainerInstances', arns: 'containerInstances', items: 'containerInstances', request: { cluster } },
  ), [cluster]);
  useLiveEvents(page, useCallback((e) => {
    if (e['detail-type'] === 'ECS Container Instance State Change') instances.setItems((items) => upsert(items, e.detail as ContainerInstance, (c) => c.containerInstanceArn, true));
  }, [instances.setItems]));
  const setState = async (ci: ContainerInstance, status: 'DRAINING' | 'ACTIVE') => {
    setError(undefined);
    try {
      const r = await ecs<{ containerInstances?: ContainerInstance[]; failures?: { reason?: string; detail?: string }[] }>('UpdateContainerInstancesState', { cluster, containerInstances: [ci.containerInstanceArn], status });
      if (r.failures?.length) setError(new Error(r.failures.map((f) => `${f.reason}${f.detail ? `: ${f.detail}` : ''}`).join('; ')));
      for (const c of r.containerInstances ?? []) instances.setItems((items) => upsert(items, c, (x) => x.containerInstanceArn, false));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <ErrorText error={error ?? instances.error} />
      <div class="thead" aria-hidden="true"><span>Instance</span><span>Status</span><span>Agent</span><span>CPU free / total</span><span>Memory free / total (MiB)</span><span>Tasks</span><span>Attributes</span><span></span></div>
      <VirtualList label="Container instances" items={instances.items} itemKey={(c) => c.containerInstanceArn!} hasMore={instances.hasMore} onEndReached={instances.loadMore} rowHeight={56}
        row={(c) => {
          const id = shortId(c.containerInstanceArn);
          return (
            <div class="cells">
              <span class="mono">{id}</span>
              <span>{c.status}</span>
              <span>{c.agentConnected ? 'connected' : 'disconnected'}</span>
              <span>CPU {resource(c.remainingResources, 'CPU')} / {resource(c.registeredResources, 'CPU')}</span>
              <span>memory {resource(c.remainingResources, 'MEMORY')} / {resource(c.registeredResources, 'MEMORY')}</span>
              <span>{c.runningTasksCount ?? 0} running, {c.pendingTasksCount ?? 0} pending</span>
              <span class="attrs">{(c.attributes ?? []).filter((a) => !a.name?.startsWith('ecs.capability') && !a.name?.startsWith('com.amazonaws')).map((a) => `${a.name}${a.value !== undefined ? `=${a.value}` : ''}`).join(', ')}</span>
              <span>
                {c.status === 'ACTIVE'
                  ? <button type="button" disabled={!may.UpdateContainerInstancesState} aria-label={`Drain ${id}`} onClick={() => void setState(c, 'DRAINING')}>Drain</button>
                  : <button type="button" disabled={!may.UpdateContainerInstancesState} aria-label={`Activate ${id}`} onClick={() => void setState(c, 'ACTIVE')}>Activate</button>}
              </span>
            </div>
          );
        }} />
    </div>
  );
}
