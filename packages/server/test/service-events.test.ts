// "ECS Service Action" and "ECS Deployment State Change" on WatchEvents: a service created, its tasks run by
// a simulated agent (a loop calling applyTaskReport, as the dispatcher does; no Docker here), then updated.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BerthClient } from '@berth/api';
import type { EcsEvent } from '@berth/core';
import { startServer, silentLogger, sessionKey } from '../src/index.js';
import { applyTaskReport } from '../src/dispatch/task-reports.js';
import { tasksOf, uniq, sleep, until } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-svc-events-'));
const server = await startServer({
  insecure: true,
  listen: '127.0.0.1:0', store: `file:${join(dir, 'berth.db')}`, log: silentLogger,
  services: { settleSeconds: 0.2, throttleBaseSeconds: 0.2, throttleMaxSeconds: 1, resyncSeconds: 1 },
});
const client = new BerthClient(server.addr);
let stopAgent = false;
t.teardown(async () => {
  stopAgent = true;
  client.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
const cluster = uniq('svc-events');

/** One instance whose tasks all run, and stop when asked. */
async function simulatedAgent(): Promise<void> {
  const { containerInstance } = await client.call('RegisterContainerInstance', {
    cluster,
    totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 4096 }, { name: 'MEMORY', type: 'INTEGER', integerValue: 4096 }],
  });
  const instance = containerInstance!.containerInstanceArn!.split('/').pop()!;
  await server.ctx.store.put(sessionKey(instance), '{}');
  const counters = new Map<string, number>();
  void (async () => {
    while (!stopAgent) {
      for (const r of await tasksOf(server.ctx.store, cluster)) {
        if (r.task.lastStatus === 'STOPPED') continue;
        const lastStatus = r.task.desiredStatus === 'STOPPED' ? 'STOPPED' : r.task.lastStatus === 'PENDING' ? 'RUNNING' : undefined;
        if (!lastStatus) continue;
        const counter = (counters.get(r.id) ?? 0) + 1;
        counters.set(r.id, counter);
        const containers = (r.task.containers ?? []).map((c) => ({ containerName: c.name!, status: lastStatus, ...(lastStatus === 'STOPPED' ? { exitCode: 0 } : {}) }));
        await applyTaskReport(server.ctx, instance, { taskArn: r.task.taskArn!, counter, lastStatus, containers }).catch(() => undefined);
      }
      await sleep(30);
    }
  })();
}

async function eventsSoFar(): Promise<EcsEvent[]> {
  const out: EcsEvent[] = [];
  for await (const m of client.watchEvents({ cluster, follow: false, detailTypes: ['ECS Service Action', 'ECS Deployment State Change'] })) {
    if (m.event) out.push(JSON.parse(m.event) as EcsEvent);
  }
  return out;
}

t.test('a service from creation to a completed update, as EventBridge events', async (t) => {
  await client.call('CreateCluster', { clusterName: cluster });
  await simulatedAgent();
  const family = uniq('svc-ev');
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'x', memory: 16 }] });
  await client.call('RegisterTaskDefinition', { family, containerDefinitions: [{ name: 'app', image: 'y', memory: 16 }] });
  const { service } = await client.call('CreateService', { cluster, serviceName: 'web', taskDefinition: `${family}:1`, desiredCount: 2 });
  const first = service!.deployments![0]!.id!;
  await until('steady', async () => ((await eventsSoFar()).some((e) => e.detail.eventName === 'SERVICE_STEADY_STATE') ? true : undefined));
  const { service: updated } = await client.call('UpdateService', { cluster, service: 'web', taskDefinition: `${family}:2` });
  const second = updated!.deployments!.find((d) => d.status === 'PRIMARY')!.id!;
  const all = await until('second deployment completed', async () => {
    const ev = await eventsSoFar();
    return ev.some((e) => e.detail.eventName === 'SERVICE_DEPLOYMENT_COMPLETED' && e.detail.deploymentId === second) ? ev : undefined;
  });
  const story = all.map((e) => `${String(e.detail.eventName)}${e.detail.deploymentId ? ` ${e.detail.deploymentId === first ? 'first' : 'second'}` : ''}`);
  t.same(story.slice(0, 3), ['SERVICE_DEPLOYMENT_IN_PROGRESS first', 'SERVICE_DEPLOYMENT_COMPLETED first', 'SERVICE_STEADY_STATE'], story.join(', '));
  t.ok(story.indexOf('SERVICE_DEPLOYMENT_IN_PROGRESS second') > 2);
  t.ok(story.indexOf('SERVICE_DEPLOYMENT_COMPLETED second') > story.indexOf('SERVICE_DEPLOYMENT_IN_PROGRESS second'));
  t.equal(new Set(all.map((e) => e.id)).size, all.length, 'no event twice');
  for (const e of all) {
    t.same(e.resources, [service!.serviceArn], 'resources: the service ARN');
    t.equal(e.source, 'aws.ecs');
  }
});
