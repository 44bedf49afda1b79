// A cluster: its tabs (Services, Tasks, Infrastructure, Events, Metrics) over the page's one event stream.
import { useEffect, useState } from 'preact/hooks';
import { permissions } from '../api.js';
import { Tabs } from '../components/tabs.js';
import { usePageEvents } from '../events.js';
import { href } from '../router.js';
import { ServicesTab } from './services-tab.js';
import { TasksTab } from './tasks-tab.js';
import { InfrastructureTab } from './infrastructure-tab.js';
import { EventsTab } from './events-tab.js';
import { CLUSTER_CHARTS, MetricCharts } from './metric-charts.js';

const TABS = [
  { id: 'services', title: 'Services' }, { id: 'tasks', title: 'Tasks' }, { id: 'infrastructure', title: 'Infrastructure' },
  { id: 'events', title: 'Events' }, { id: 'metrics', title: 'Metrics' },
];

/** What the caller may do in a cluster, as the server answers it (empty until it has). */
export function useMay(cluster: string): Record<string, boolean> {
  const [may, setMay] = useState<Record<string, boolean>>({});
  useEffect(() => {
    void permissions(cluster).then(setMay, () => setMay({}));
  }, [cluster]);
  return may;
}

export function ClusterView({ cluster, tab }: { cluster: string; tab: string }) {
  const page = usePageEvents(cluster);
  const may = useMay(cluster);
  const current = TABS.some((t) => t.id === tab) ? tab : 'services';
  return (
    <section aria-labelledby="cluster-title">
      <p class="crumbs"><a href={href()}>Clusters</a> /</p>
      <h1 id="cluster-title">{cluster}</h1>
      <Tabs label="Cluster" tabs={TABS} current={current} select={(id) => (location.hash = href('clusters', cluster, id))}>
        {current === 'services' && <ServicesTab cluster={cluster} page={page} />}
        {current === 'tasks' && <TasksTab cluster={cluster} page={page} may={may} />}
        {current === 'infrastructure' && <InfrastructureTab cluster={cluster} page={page} may={may} />}
        {current === 'events' && <EventsTab page={page} />}
        {current === 'metrics' && <MetricCharts charts={CLUSTER_CHARTS} dimensions={[['ClusterName', cluster]]} />}
      </Tabs>
    </section>
  );
}
