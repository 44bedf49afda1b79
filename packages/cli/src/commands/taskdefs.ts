// berth register|deregister|get|describe taskdef(s)
import { lintTaskDefinition, type RegisterTaskDefinitionRequest, type TaskDefinition } from '@berth/core';
import type { CommandContext } from '../context.js';
import { readInput } from '../input.js';
import { warningLines } from './lint.js';
import { render, table, time, describeFormat } from '../output.js';

const COLUMNS = [
  { header: 'FAMILY', get: (t: TaskDefinition) => t.family },
  { header: 'REVISION', get: (t: TaskDefinition) => t.revision },
  { header: 'STATUS', get: (t: TaskDefinition) => t.status },
  { header: 'CONTAINERS', get: (t: TaskDefinition) => t.containerDefinitions?.map((c) => c.name).join(',') },
  { header: 'CPU', get: (t: TaskDefinition) => t.cpu },
  { header: 'MEMORY', get: (t: TaskDefinition) => t.memory },
  { header: 'REGISTERED', get: (t: TaskDefinition) => time(t.registeredAt) },
  { header: 'NETWORK', get: (t: TaskDefinition) => t.networkMode, wide: true },
  { header: 'ARN', get: (t: TaskDefinition) => t.taskDefinitionArn, wide: true },
];

const ref = (t: TaskDefinition | undefined) => `${t?.family}:${t?.revision}`;

export async function registerTaskDef(ctx: CommandContext, file: string): Promise<void> {
  const req = readInput<RegisterTaskDefinitionRequest>(file, 'RegisterTaskDefinitionRequest');
  const res = await ctx.client.call('RegisterTaskDefinition', req);
  // Best practices, beside the answer (berth lint explains each).
  process.stderr.write(warningLines(lintTaskDefinition(req as TaskDefinition)));
  ctx.out(render(ctx.output, res, () => `taskdef/${ref(res.taskDefinition)} registered (${res.taskDefinition?.taskDefinitionArn})\n`));
}

export async function deregisterTaskDef(ctx: CommandContext, name: string): Promise<void> {
  const res = await ctx.client.call('DeregisterTaskDefinition', { taskDefinition: name });
  ctx.out(render(ctx.output, res, () => `taskdef/${ref(res.taskDefinition)} deregistered\n`));
}

export async function getTaskDefs(ctx: CommandContext, family: string | undefined, status: string | undefined): Promise<void> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.client.call('ListTaskDefinitions', {
      ...(family ? { familyPrefix: family } : {}),
      ...(status ? { status: status as 'ACTIVE' } : {}),
      ...(nextToken ? { nextToken } : {}),
    });
    arns.push(...(page.taskDefinitionArns ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const defs: TaskDefinition[] = [];
  // Describe in small parallel batches: one round trip each, without flooding the server.
  for (let i = 0; i < arns.length; i += 16) {
    const batch = await Promise.all(arns.slice(i, i + 16).map((a) => ctx.client.call('DescribeTaskDefinition', { taskDefinition: a })));
    defs.push(...batch.map((r) => r.taskDefinition!));
  }
  ctx.out(render(ctx.output, defs, (wide) => (defs.length ? table(defs, COLUMNS, wide) : 'No task definitions.\n')));
}

export async function describeTaskDef(ctx: CommandContext, name: string): Promise<void> {
  const res = await ctx.client.call('DescribeTaskDefinition', { taskDefinition: name, include: ['TAGS'] });
  const value = { ...res.taskDefinition, ...(res.tags?.length ? { tags: res.tags } : {}) };
  ctx.out(render(describeFormat(ctx.output), describeFormat(ctx.output) !== ctx.output ? value : res.taskDefinition, () => ''));
}
