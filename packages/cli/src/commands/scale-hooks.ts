// Scale hooks (issue 22 §6): berth create|get|delete scale-hook. A hook's ARN goes in a capacity
// provider's autoScalingGroupProvider.autoScalingGroupArn; the server runs the executable NAME in its
// --scale-hooks-dir, or POSTs to --url (which must be under its --hook-url-allow).
import { CAPACITY_API, parseGoDuration, type ScaleHookCall } from '@berth/core';
import { UsageError, type CommandContext } from '../context.js';
import { render, table, time } from '../output.js';

interface ScaleHook { name: string; arn: string; kind: string; url?: string; timeoutSeconds: number; retries: number; description?: string; createdAt: number; lastCall?: ScaleHookCall }

export interface CreateScaleHookFlags { url?: string; hookTimeout?: string; retries?: string; description?: string }

export async function createScaleHook(ctx: CommandContext, name: string, opts: CreateScaleHookFlags): Promise<void> {
  const retries = opts.retries === undefined ? undefined : Number(opts.retries);
  if (retries !== undefined && !Number.isInteger(retries)) throw new UsageError(`--retries must be a whole number (got ${opts.retries})`);
  let timeoutSeconds: number | undefined;
  try {
    timeoutSeconds = opts.hookTimeout === undefined ? undefined : Math.ceil(parseGoDuration(opts.hookTimeout, '--hook-timeout') / 1000);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const res = await ctx.client.callApi(CAPACITY_API, 'CreateScaleHook', {
    name, ...(opts.url !== undefined ? { url: opts.url } : {}), ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    ...(retries !== undefined ? { retries } : {}), ...(opts.description !== undefined ? { description: opts.description } : {}),
  }) as { scaleHook: ScaleHook };
  const h = res.scaleHook;
  ctx.out(render(ctx.output, res, () =>
    `scale-hook/${h.name} created (${h.kind === 'webhook' ? `POST ${h.url}` : `the server's --scale-hooks-dir/${h.name}`}); name it in a capacity provider's\n` +
    `autoScalingGroupProvider.autoScalingGroupArn:\n${h.arn}\n`));
}

const lastCallText = (c: ScaleHookCall | undefined) => (c ? `${c.status} ${c.desiredCount} (${time(c.at)})` : '-');

export async function getScaleHooks(ctx: CommandContext): Promise<void> {
  const hooks = (await ctx.client.callApi(CAPACITY_API, 'ListScaleHooks', {}) as { scaleHooks?: ScaleHook[] }).scaleHooks ?? [];
  ctx.out(render(ctx.output, hooks, (wide) => (hooks.length === 0 ? 'No scale hooks.\n' : table(hooks, [
    { header: 'NAME', get: (h: ScaleHook) => h.name },
    { header: 'KIND', get: (h: ScaleHook) => h.kind },
    { header: 'URL', get: (h: ScaleHook) => h.url ?? '-' },
    { header: 'LAST CALL', get: (h: ScaleHook) => lastCallText(h.lastCall) },
    { header: 'ARN', get: (h: ScaleHook) => h.arn, wide: true },
    { header: 'CREATED', get: (h: ScaleHook) => time(h.createdAt), wide: true },
  ], wide))));
}

export async function deleteScaleHook(ctx: CommandContext, name: string): Promise<void> {
  await ctx.client.callApi(CAPACITY_API, 'DeleteScaleHook', { name });
  ctx.out(render(ctx.output, {}, () => `scale-hook/${name} deleted\n`));
}
