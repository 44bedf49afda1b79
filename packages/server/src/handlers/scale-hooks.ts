// Berth's capacity service (core/capacity/capacity-api.ts): scale hooks, created, listed with their last
// call, and deleted. A hook is checked against the server's configuration at creation (a command hook's
// executable in --scale-hooks-dir, a webhook's URL under --hook-url-allow), so a mistake shows at once,
// and again at each call (capacity/scale-hook-runner.ts).
import { randomUUID } from 'node:crypto';
import { BerthError, CAPACITY_API, SCALE_HOOK_NAME, scaleHookArn, scaleHookNameOf } from '@berth/core';
import type { ActionTable } from '@berth/api';
import type { ServerContext } from '../context.js';
import { createScaleHook, deleteScaleHook, getScaleHook, getScaleHookCall, listScaleHooks, type ScaleHookRecord } from '../state/scale-hooks.js';
import { scaleHookUnusable, type ScaleHookSettings } from '../capacity/scale-hook-runner.js';
import { CAPACITY_PROVIDERS_PREFIX, type CapacityProviderRecord } from '../state/capacity-providers.js';
import { decode, rangeAll } from '../state/kit.js';

const DEFAULT_TIMEOUT_SECONDS = 30;
const DEFAULT_RETRIES = 3;

function checkName(name: string): void {
  if (!SCALE_HOOK_NAME.test(name)) throw new BerthError('InvalidParameterException', `A scale hook's name is a file name: up to 128 letters, digits, '-' and '_', starting with a letter or digit (${JSON.stringify(name)} given).`, 'name');
}

async function shown(ctx: ServerContext, rec: ScaleHookRecord) {
  const last = (await getScaleHookCall(ctx.store, rec.name))?.value;
  return { ...rec, kind: rec.url !== undefined ? 'webhook' : 'command', ...(last ? { lastCall: last } : {}) };
}

export function capacityActionTable(ctx: ServerContext, settings: ScaleHookSettings | undefined): ActionTable {
  return {
    api: CAPACITY_API,
    handlers: {
      CreateScaleHook: async (req: { name: string; url?: string; timeoutSeconds?: number; retries?: number; description?: string }) => {
        checkName(req.name);
        const unusable = scaleHookUnusable(settings, req);
        if (unusable !== undefined) throw new BerthError('InvalidParameterException', `Scale hook ${req.name} cannot be called: ${unusable}.`, req.url !== undefined ? 'url' : 'name');
        const rec: ScaleHookRecord = {
          name: req.name, arn: scaleHookArn(ctx.identity, randomUUID(), req.name),
          ...(req.url !== undefined ? { url: new URL(req.url).href } : {}),
          timeoutSeconds: req.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, retries: req.retries ?? DEFAULT_RETRIES,
          ...(req.description !== undefined ? { description: req.description } : {}), createdAt: Math.floor(ctx.now()),
        };
        if (!(await createScaleHook(ctx.store, rec))) throw new BerthError('ResourceInUseException', `Scale hook ${req.name} already exists.`, 'name');
        ctx.log.info('scale hook created', { name: rec.name, kind: rec.url !== undefined ? 'webhook' : 'command' });
        return { scaleHook: await shown(ctx, rec) };
      },
      ListScaleHooks: async (req: { names?: string[] }) => {
        const recs = req.names?.length
          ? await Promise.all(req.names.map(async (n) => {
            const name = scaleHookNameOf(n) ?? n;
            return (await getScaleHook(ctx.store, name)) ?? Promise.reject(new BerthError('ResourceNotFoundException', `Scale hook ${name} does not exist.`, 'names'));
          }))
          : await listScaleHooks(ctx.store);
        return { scaleHooks: await Promise.all(recs.map((r) => shown(ctx, r))) };
      },
      DeleteScaleHook: async (req: { name: string }) => {
        const name = scaleHookNameOf(req.name) ?? req.name;
        checkName(name);
        // A hook a capacity provider names stays: the provider would have nothing to scale through.
        const users = (await rangeAll(ctx.store, CAPACITY_PROVIDERS_PREFIX)).map((kv) => decode<CapacityProviderRecord>(kv).provider)
          .filter((p) => scaleHookNameOf(p.autoScalingGroupProvider?.autoScalingGroupArn ?? '') === name);
        if (users.length) throw new BerthError('ResourceInUseException', `Scale hook ${name} is named by the capacity provider ${users[0]!.name}; delete that first.`, 'name');
        if (!(await deleteScaleHook(ctx.store, name))) throw new BerthError('ResourceNotFoundException', `Scale hook ${name} does not exist.`, 'name');
        ctx.log.info('scale hook deleted', { name });
        return {};
      },
    },
  };
}
