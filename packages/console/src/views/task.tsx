// A task: its status, times, stopped reason and code, health, and each container's status, exit code,
// reason, health and network bindings; its live log; Stop. Task events of the page's stream update it in place.
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Task } from '@berth/core';
import { ecs } from '../api.js';
import { ErrorText } from '../components/error.js';
import { usePageEvents, useLiveEvents } from '../events.js';
import { shortId, taskDefName, time } from '../format.js';
import { href } from '../router.js';
import { useMay } from './cluster.js';
import { TaskLogs } from './task-logs.js';

export function TaskView({ cluster, task }: { cluster: string; task: string }) {
  const page = usePageEvents(cluster);
  const may = useMay(cluster);
  const [t, setTask] = useState<Task | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    void ecs<{ tasks?: Task[]; failures?: { reason?: string }[] }>('DescribeTasks', { cluster, tasks: [task] }).then((r) => {
      if (r.tasks?.[0]) setTask(r.tasks[0]);
      else setError(new Error(`Task ${task}: ${r.failures?.[0]?.reason ?? 'not found'}`));
    }, setError);
  }, [cluster, task]);
  useLiveEvents(page, useCallback((e) => {
    const d = e.detail as Task;
    if (e['detail-type'] === 'ECS Task State Change' && shortId(d.taskArn) === task) setTask((old) => (old && (old.version ?? 0) > (d.version ?? 0) ? old : { ...old, ...d }));
  }, [task]));
  const stop = async () => {
    setError(undefined);
    try {
      const r = await ecs<{ task?: Task }>('StopTask', { cluster, task, reason: 'Stopped from the console' });
      if (r.task) setTask(r.task);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="task-title">
      <p class="crumbs"><a href={href()}>Clusters</a> / <a href={href('clusters', cluster, 'tasks')}>{cluster}</a> /</p>
      <h1 id="task-title">Task {task}</h1>
      <ErrorText error={error} />
      {t && (
        <>
          <div class="toolbar">
            <button type="button" disabled={!may.StopTask || t.desiredStatus === 'STOPPED'} onClick={() => void stop()}>Stop</button>
          </div>
          <dl class="facts">
            <dt>Last status</dt><dd class="last-status">{t.lastStatus}</dd>
            <dt>Desired status</dt><dd>{t.desiredStatus}</dd>
            <dt>Task definition</dt><dd>{taskDefName(t.taskDefinitionArn)}</dd>
            <dt>Container instance</dt><dd>{shortId(t.containerInstanceArn)}</dd>
            <dt>Launch type</dt><dd>{t.launchType}</dd>
            <dt>Group</dt><dd>{t.group}</dd>
            <dt>Health</dt><dd>{t.healthStatus ?? ''}</dd>
            <dt>Created</dt><dd>{time(t.createdAt as number | string | undefined)}</dd>
            <dt>Started</dt><dd>{time(t.startedAt as number | string | undefined)}</dd>
            <dt>Stopped</dt><dd>{time(t.stoppedAt as number | string | undefined)}</dd>
            <dt>Stop code</dt><dd>{t.stopCode ?? ''}</dd>
            <dt>Stopped reason</dt><dd>{t.stoppedReason ?? ''}</dd>
          </dl>
          <h2>Containers</h2>
          <div class="table-wrap">
            <table>
              <thead><tr><th scope="col">Name</th><th scope="col">Image</th><th scope="col">Last status</th><th scope="col">Exit code</th><th scope="col">Reason</th><th scope="col">Health</th><th scope="col">Network bindings</th></tr></thead>
              <tbody>
                {(t.containers ?? []).map((c) => (
                  <tr key={c.name}>
                    <td>{c.name}</td><td>{c.image}</td><td>{c.lastStatus}</td><td>{c.exitCode ?? ''}</td><td>{c.reason ?? ''}</td><td>{c.healthStatus ?? ''}</td>
                    <td>{(c.networkBindings ?? []).map((b) => `${b.bindIP ?? ''}:${b.hostPort ?? ''}→${b.containerPort ?? ''}/${b.protocol ?? 'tcp'}`).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {t.containerInstanceArn && <TaskLogs cluster={cluster} task={task} containers={(t.containers ?? []).map((c) => c.name ?? '').filter(Boolean)} />}
        </>
      )}
    </section>
  );
}
