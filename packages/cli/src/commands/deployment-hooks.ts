// Deployment hooks (issue 26 §2): berth create|get|delete hook. A hook's ARN (a Lambda function's) goes in
// a service's deploymentConfiguration.lifecycleHooks[].hookTargetArn (targetType AWS_LAMBDA); the server
// POSTs ECS's hook input to --url (which must be under its --hook-url-allow) or runs a one-off task of
// --task-definition in the service's cluster, and the answer continues or rolls back the deployment.
import { DEPLOYMENT_HOOKS_API, parseGoDuration } from '@berth/core';
import { UsageError, type CommandContext } from '../context.js';
import { render, table, time } from '../output.js';

interface DeploymentHook { name: string; arn: string; kind: string; url?: string; taskDefinition?: string; timeoutSeconds: number; description?: string; createdAt: number }

export interface CreateHookFlags { url?: string; taskDefinition?: string; hookTimeout?: string; description?: string }

export async function createHook(ctx: CommandContext, name: string, opts: CreateHookFlags): Promise<void> {
  if ((opts.url === undefined) === (opts.taskDefinition === undefined)) throw new UsageError('create hook NAME takes one of --url URL and --task-definition TD');
  let timeoutSeconds: number | undefined;
  try {
    timeoutSeconds = opts.hookTimeout === undefined ? undefined : Math.ceil(parseGoDuration(opts.hookTimeout, '--hook-timeout') / 1000);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const res = await ctx.client.callApi(DEPLOYMENT_HOOKS_API, 'CreateDeploymentHook', {
    name, ...(opts.url !== undefined ? { url: opts.url } : {}), ...(opts.taskDefinition !== undefined ? { taskDefinition: opts.taskDefinition } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}), ...(opts.description !== undefined ? { description: opts.description } : {}),
  }) as { deploymentHook: DeploymentHook };
  const h = res.deploymentHook;
  ctx.out(render(ctx.output, res, () =>
    `hook/${h.name} created (${h.kind === 'webhook' ? `POST ${h.url}` : `a task of ${h.taskDefinition}`}); name it in a service's\n` +
    `deploymentConfiguration.lifecycleHooks[].hookTargetArn:\n${h.arn}\n`));
}

export async function getHooks(ctx: CommandContext): Promise<void> {
  const hooks = (await ctx.client.callApi(DEPLOYMENT_HOOKS_API, 'ListDeploymentHooks', {}) as { deploymentHooks?: DeploymentHook[] }).deploymentHooks ?? [];
  ctx.out(render(ctx.output, hooks, (wide) => (hooks.length === 0 ? 'No hooks.\n' : table(hooks, [
    { header: 'NAME', get: (h: DeploymentHook) => h.name },
    { header: 'KIND', get: (h: DeploymentHook) => h.kind },
    { header: 'TARGET', get: (h: DeploymentHook) => h.url ?? h.taskDefinition ?? '-' },
    { header: 'TIMEOUT', get: (h: DeploymentHook) => `${h.timeoutSeconds}s` },
    { header: 'ARN', get: (h: DeploymentHook) => h.arn, wide: true },
    { header: 'CREATED', get: (h: DeploymentHook) => time(h.createdAt), wide: true },
  ], wide))));
}

export async function deleteHook(ctx: CommandContext, name: string): Promise<void> {
  await ctx.client.callApi(DEPLOYMENT_HOOKS_API, 'DeleteDeploymentHook', { name });
  ctx.out(render(ctx.output, {}, () => `hook/${name} deleted\n`));
}
