// A cluster's services: status, desired, running and pending counts, task definition. Task and service
// events of the cluster reload the page of services shown (at most once a second).
import { useCallback } from 'preact/hooks';
import { useThrottled } from '../throttle.js';
import type { Service } from '@berth/core';
import { ErrorText } from '../components/error.js';
import { VirtualList } from '../components/virtual-list.js';
import { useLiveEvents, type PageEvents } from '../events.js';
import { taskDefName } from '../format.js';
import { describedPages, usePaged } from '../paged.js';
import { href } from '../router.js';

export function ServicesTab({ cluster, page }: { cluster: string; page: PageEvents }) {
  const services = usePaged<Service>(describedPages(
    { action: 'ListServices', arns: 'serviceArns', request: { cluster, maxResults: 10 } },
    { action: 'DescribeServices', arns: 'services', items: 'services', request: { cluster } },
  ), [cluster]);
  const reload = useThrottled(services.reload);
  useLiveEvents(page, useCallback((e) => {
    if (e['detail-type'] !== 'ECS Container Instance State Change') reload();
  }, [reload]));
  return (
    <div>
      <ErrorText error={services.error} />
      <div class="thead" aria-hidden="true"><span>Service</span><span>Status</span><span>Desired / running / pending</span><span>Task definition</span></div>
      <VirtualList label="Services" items={services.items} itemKey={(s) => s.serviceArn!} hasMore={services.hasMore} onEndReached={services.loadMore}
        onOpen={(s) => (location.hash = href('clusters', cluster, 'services', s.serviceName!))}
        row={(s) => (
          <div class="cells">
            <a href={href('clusters', cluster, 'services', s.serviceName!)}>{s.serviceName}</a>
            <span>{s.status}</span>
            <span>{s.desiredCount ?? 0} desired, {s.runningCount ?? 0} running, {s.pendingCount ?? 0} pending</span>
            <span>{taskDefName(s.taskDefinition)}</span>
          </div>
        )} />
    </div>
  );
}
