// A service: its deployments with their progress, its events, its tasks; scale, update to another revision
// of its family, roll back to the revision before, delete; its CPU and memory charts. Events of the page's stream reload it.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Service, Task } from '@berth/core';
import { ecs } from '../api.js';
import { ErrorText } from '../components/error.js';
import { usePageEvents, useLiveEvents } from '../events.js';
import { shortId, taskDefName, time } from '../format.js';
import { usePaged } from '../paged.js';
import { href } from '../router.js';
import { useMay } from './cluster.js';
import { useThrottled } from '../throttle.js';
import { TaskList, taskPages } from './tasks-tab.js';
import { MetricCharts, SERVICE_CHARTS } from './metric-charts.js';

export function ServiceView({ cluster, service }: { cluster: string; service: string }) {
  const page = usePageEvents(cluster);
  const may = useMay(cluster);
  const [s, setService] = useState<Service | undefined>();
  const [revisions, setRevisions] = useState<string[]>([]);
  const [error, setError] = useState<unknown>();
  const tasks = usePaged<Task>(taskPages(cluster, 'RUNNING', service), [cluster, service]);
  const load = useCallback(() => {
    void ecs<{ services?: Service[]; failures?: { reason?: string }[] }>('DescribeServices', { cluster, services: [service] }).then((r) => {
      if (r.services?.[0]) setService(r.services[0]);
      else setError(new Error(`Service ${service}: ${r.failures?.[0]?.reason ?? 'not found'}`));
    }, setError);
  }, [cluster, service]);
  useEffect(load, [load]);
  const family = s?.taskDefinition ? taskDefName(s.taskDefinition).replace(/:\d+$/, '') : undefined;
  useEffect(() => {
    if (!family) return;
    void ecs<{ taskDefinitionArns?: string[] }>('ListTaskDefinitions', { familyPrefix: family, status: 'ACTIVE', sort: 'DESC', maxResults: 100 })
      .then((r) => setRevisions((r.taskDefinitionArns ?? []).map(shortId).filter((n) => n.replace(/:\d+$/, '') === family)), setError);
  }, [family]);
  const reload = useThrottled(() => {
    load();
    tasks.reload();
  });
  useLiveEvents(page, useCallback((e) => {
    if (e['detail-type'] !== 'ECS Container Instance State Change') reload();
  }, [reload]));

  const update = async (req: Record<string, unknown>) => {
    setError(undefined);
    try {
      const r = await ecs<{ service?: Service }>('UpdateService', { cluster, service, ...req });
      if (r.service) setService(r.service);
    } catch (err) {
      setError(err);
    }
  };
  const remove = async () => {
    if (!confirm(`Delete service ${service}? Its tasks are stopped.`)) return;
    try {
      await ecs('DeleteService', { cluster, service, force: true });
      location.hash = href('clusters', cluster, 'services');
    } catch (err) {
      setError(err);
    }
  };
  const primary = s?.deployments?.find((d) => d.status === 'PRIMARY');
  const previous = s?.deployments?.find((d) => d.status === 'ACTIVE')?.taskDefinition;

  return (
    <section aria-labelledby="service-title">
      <p class="crumbs"><a href={href()}>Clusters</a> / <a href={href('clusters', cluster, 'services')}>{cluster}</a> /</p>
      <h1 id="service-title">Service {service}</h1>
      <ErrorText error={error} />
      {s && (
        <>
          <dl class="facts">
            <dt>Status</dt><dd>{s.status}</dd>
            <dt>Task definition</dt><dd>{taskDefName(s.taskDefinition)}</dd>
            <dt>Desired</dt><dd class="desired-count">{s.desiredCount}</dd>
            <dt>Running</dt><dd class="running-count">{s.runningCount}</dd>
            <dt>Pending</dt><dd>{s.pendingCount}</dd>
            <dt>Scheduling</dt><dd>{s.schedulingStrategy}</dd>
          </dl>
          <div class="toolbar">
            <form class="inline" aria-label="Scale" onSubmit={(e) => {
              e.preventDefault();
              void update({ desiredCount: Number(new FormData(e.currentTarget as HTMLFormElement).get('desiredCount')) });
            }}>
              <label>Desired tasks<input name="desiredCount" type="number" min={0} defaultValue={String(s.desiredCount ?? 0)} /></label>
              <button type="submit" disabled={!may.UpdateService}>Scale</button>
            </form>
            <form class="inline" aria-label="Update" onSubmit={(e) => {
              e.preventDefault();
              void update({ taskDefinition: String(new FormData(e.currentTarget as HTMLFormElement).get('taskDefinition')) });
            }}>
              <label>Revision
                <select name="taskDefinition">{revisions.map((r) => <option key={r} value={r} selected={r === taskDefName(s.taskDefinition)}>{r}</option>)}</select>
              </label>
              <button type="submit" disabled={!may.UpdateService}>Update</button>
            </form>
            <button type="button" disabled={!may.UpdateService || !previous} onClick={() => void update({ taskDefinition: previous })}>Roll back{previous ? ` to ${taskDefName(previous)}` : ''}</button>
            <button type="button" class="danger" disabled={!may.DeleteService || s.status !== 'ACTIVE'} onClick={() => void remove()}>Delete</button>
          </div>
          <h2>Deployments</h2>
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">Status</th><th scope="col">Task definition</th><th scope="col">Progress</th><th scope="col">Rollout</th><th scope="col">Updated</th></tr></thead>
              <tbody>
                {(s.deployments ?? []).map((d) => (
                  <tr key={d.id}>
                    <td>{d.status}</td><td>{taskDefName(d.taskDefinition)}</td>
                    <td><progress max={Math.max(1, d.desiredCount ?? 0)} value={d.runningCount ?? 0} aria-label={`Deployment ${d.id} progress`} /> {d.runningCount ?? 0} of {d.desiredCount ?? 0} running, {d.pendingCount ?? 0} pending{d.failedTasks ? `, ${d.failedTasks} failed` : ''}</td>
                    <td>{d.rolloutState ?? ''}{d.rolloutStateReason ? `: ${d.rolloutStateReason}` : ''}</td>
                    <td>{time(d.updatedAt as number | undefined)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {primary && <p class="hint">The primary deployment is {primary.rolloutState ?? primary.status}.</p>}
          <h2>Metrics</h2>
          <MetricCharts charts={SERVICE_CHARTS} dimensions={[['ClusterName', cluster], ['ServiceName', service]]} />
          <h2>Tasks</h2>
          <TaskList cluster={cluster} items={tasks.items} hasMore={tasks.hasMore} loadMore={tasks.loadMore} />
          <h2>Events</h2>
          <ul class="service-events">
            {(s.events ?? []).slice(0, 50).map((ev) => <li key={ev.id}><span class="time">{time(ev.createdAt as number | undefined)}</span> {ev.message}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}
