// A cluster's tasks, running or stopped, paged from the server and updated live from task events; and
// "Run new task", offered only when the server says the caller may (it refuses anyway otherwise).
import { useCallback, useState } from 'preact/hooks';
import type { Task } from '@berth/core';
import { ErrorText } from '../components/error.js';
import { VirtualList } from '../components/virtual-list.js';
import { upsert, useLiveEvents, type PageEvents } from '../events.js';
import { shortId, taskDefName, time } from '../format.js';
import { describedPages, usePaged } from '../paged.js';
import { href } from '../router.js';
import { RunTaskForm } from './run-task.js';

const PAGE = 100;

/** Pages of a cluster's tasks (ListTasks then DescribeTasks); a service's only when `serviceName` is given. */
export const taskPages = (cluster: string, desiredStatus: string, serviceName?: string) => describedPages<Task>(
  { action: 'ListTasks', arns: 'taskArns', request: { cluster, desiredStatus, maxResults: PAGE, ...(serviceName ? { serviceName } : {}) } },
  { action: 'DescribeTasks', arns: 'tasks', items: 'tasks', request: { cluster } },
);

export function TaskList({ cluster, items, hasMore, loadMore }: { cluster: string; items: Task[]; hasMore: boolean; loadMore(): void }) {
  return (
    <>
      <div class="thead" aria-hidden="true"><span>Task</span><span>Task definition</span><span>Last status</span><span>Desired</span><span>Started</span><span>Group</span></div>
      <VirtualList label="Tasks" items={items} itemKey={(t) => t.taskArn!} hasMore={hasMore} onEndReached={loadMore}
        onOpen={(t) => (location.hash = href('clusters', cluster, 'tasks', shortId(t.taskArn)))}
        row={(t) => (
          <div class="cells">
            <a href={href('clusters', cluster, 'tasks', shortId(t.taskArn))}>{shortId(t.taskArn)}</a>
            <span>{taskDefName(t.taskDefinitionArn)}</span>
            <span class={`st st-${t.lastStatus}`}>{t.lastStatus}</span>
            <span>desired {t.desiredStatus}</span>
            <span>{time(t.startedAt as number | string | undefined)}</span>
            <span>{t.group}</span>
          </div>
        )} />
    </>
  );
}

export function TasksTab({ cluster, page, may }: { cluster: string; page: PageEvents; may: Record<string, boolean> }) {
  const [desired, setDesired] = useState('RUNNING');
  const [running, setRunning] = useState(false);
  const tasks = usePaged<Task>(taskPages(cluster, desired), [cluster, desired]);
  useLiveEvents(page, useCallback((e) => {
    if (e['detail-type'] !== 'ECS Task State Change') return;
    const t = e.detail as Task;
    // A task the filter shows: new ones are added; one that moved out of it stays until the next load, with its new status.
    tasks.setItems((items) => upsert(items, t, (x) => x.taskArn, t.desiredStatus === desired || (desired === 'STOPPED' && t.lastStatus === 'STOPPED')));
  }, [desired, tasks.setItems]));
  return (
    <div>
      <div class="toolbar">
        <label>Desired status
          <select value={desired} onChange={(e) => setDesired((e.currentTarget as HTMLSelectElement).value)}>
            <option value="RUNNING">Running</option>
            <option value="STOPPED">Stopped</option>
          </select>
        </label>
        <button type="button" class="primary" disabled={!may.RunTask} title={may.RunTask ? undefined : 'You may not run tasks in this cluster'}
          onClick={() => setRunning(true)}>Run new task</button>
      </div>
      {running && <RunTaskForm cluster={cluster} close={() => setRunning(false)} />}
      <ErrorText error={tasks.error} />
      <TaskList cluster={cluster} items={tasks.items} hasMore={tasks.hasMore} loadMore={tasks.loadMore} />
    </div>
  );
}
