// One refresh of the exporter's view of its cluster, read through the API with the exporter's certificate
// (what its kind may call: List and Describe of the cluster's resources). Pages as the API gives them;
// Describe* in the sizes ECS allows (100 instances or tasks, 10 services a call).
import type { BerthClient } from '@berth/api';
import type { ContainerInstance, Service, Task } from '@berth/core';
import type { FleetView } from './fleet-metrics.js';

/** Every page of a List call's ARNs. */
async function listAll(list: (nextToken?: string) => Promise<{ arns?: string[]; nextToken?: string }>): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await list(token);
    out.push(...(page.arns ?? []));
    token = page.nextToken;
  } while (token);
  return out;
}

/** `describe` over `arns` in chunks of `size`, concatenated. */
async function describeAll<T>(arns: string[], size: number, describe: (chunk: string[]) => Promise<T[] | undefined>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < arns.length; i += size) out.push(...((await describe(arns.slice(i, i + size))) ?? []));
  return out;
}

export async function readFleet(client: BerthClient, cluster: string): Promise<FleetView> {
  const c = (await client.call('DescribeClusters', { clusters: [cluster], include: ['SETTINGS'] })).clusters?.[0];
  if (!c) throw new Error(`cluster ${cluster} not found`);
  const instanceArns = await listAll(async (nextToken) => {
    const r = await client.call('ListContainerInstances', { cluster, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    return { arns: r.containerInstanceArns, nextToken: r.nextToken };
  });
  const instances = await describeAll<ContainerInstance>(instanceArns, 100, async (chunk) => (await client.call('DescribeContainerInstances', { cluster, containerInstances: chunk })).containerInstances);
  const serviceArns = await listAll(async (nextToken) => {
    const r = await client.call('ListServices', { cluster, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    return { arns: r.serviceArns, nextToken: r.nextToken };
  });
  const services = await describeAll<Service>(serviceArns, 10, async (chunk) => (await client.call('DescribeServices', { cluster, services: chunk })).services);
  const taskArns: string[] = [];
  for (const desiredStatus of ['RUNNING', 'STOPPED'] as const) {
    taskArns.push(...await listAll(async (nextToken) => {
      const r = await client.call('ListTasks', { cluster, desiredStatus, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
      return { arns: r.taskArns, nextToken: r.nextToken };
    }));
  }
  const tasks = await describeAll<Task>(taskArns, 100, async (chunk) => (await client.call('DescribeTasks', { cluster, tasks: chunk })).tasks);
  return { cluster: c, instances, services, tasks };
}
