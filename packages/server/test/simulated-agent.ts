// A simulated agent for service tests without Docker: it registers an instance, marks its agent connected
// and moves the instance's tasks by polling the store and calling applyTaskReport, as the dispatcher does.
// Its behaviour per task definition family says whether the tasks run, crash once RUNNING, fail to start or hang.
import { agentCapabilities, type TaskStateReport } from '@berth/core';
import type { BerthClient } from '@berth/api';
import type { ServerContext } from '../src/context.js';
import { sessionKey } from '../src/index.js';
import { applyTaskReport } from '../src/dispatch/task-reports.js';
import type { TaskRecord } from '../src/state/tasks.js';
import { sleep, tasksOf } from './helpers.js';

/** run: RUNNING; crash: RUNNING, then STOPPED with exit code 1; fail: STOPPED without running; hang: PENDING for ever. */
export type Behaviour = 'run' | 'crash' | 'fail' | 'hang';

/** Starts the agent; returns its instance id and the function that stops its loop. */
export async function startSimulatedAgent(client: BerthClient, ctx: ServerContext, cluster: string, behaviour: (family: string) => Behaviour): Promise<{ instance: string; stop: () => void }> {
  const { store } = ctx;
  const { containerInstance } = await client.call('RegisterContainerInstance', {
    cluster,
    // What a Berth agent advertises: the task definitions here use health checks, dependsOn...
    attributes: agentCapabilities('1.41').map((name) => ({ name })),
    totalResources: [
      { name: 'CPU', type: 'INTEGER', integerValue: 8192 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 8192 },
      { name: 'PORTS', type: 'STRINGSET', stringSetValue: [] }, { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [] },
    ],
  });
  const arn = containerInstance!.containerInstanceArn!;
  const instance = arn.slice(arn.lastIndexOf('/') + 1);
  await store.put(sessionKey(instance), JSON.stringify({ sessionId: 'sim' }));
  const counters = new Map<string, number>();
  let stopped = false;
  const report = async (r: TaskRecord, lastStatus: TaskStateReport['lastStatus'], exitCode?: number) => {
    const counter = (counters.get(r.id) ?? 0) + 1;
    counters.set(r.id, counter);
    const containers = (r.task.containers ?? []).map((c) => ({ containerName: c.name!, status: lastStatus, ...(exitCode !== undefined ? { exitCode } : {}) }));
    await applyTaskReport(ctx, instance, { taskArn: r.task.taskArn!, counter, lastStatus, containers });
  };
  void (async () => {
    while (!stopped) {
      for (const r of await tasksOf(store, cluster)) {
        if (r.containerInstanceId !== instance || r.task.lastStatus === 'STOPPED') continue;
        const family = r.task.taskDefinitionArn!.split('/')[1]!.split(':')[0]!;
        if (r.task.desiredStatus === 'STOPPED') await report(r, 'STOPPED', 0);
        else if (r.task.lastStatus === 'PENDING') {
          const b = behaviour(family);
          if (b === 'fail') await report(r, 'STOPPED');
          else if (b !== 'hang') await report(r, 'RUNNING');
        } else if (r.task.lastStatus === 'RUNNING' && behaviour(family) === 'crash') await report(r, 'STOPPED', 1);
      }
      await sleep(30);
    }
  })();
  return { instance, stop: () => { stopped = true; } };
}
