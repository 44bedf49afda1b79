// Berth's deployment hooks service (core/services/deployment-hooks.ts): hooks created, listed and deleted.
// A webhook's URL is checked against the server's --hook-url-allow at creation, again when a service names
// the hook (CreateService, UpdateService) and at each call (the configuration may change); a hook task's
// task definition must exist when the hook is created.
import {
  BerthError, DEPLOYMENT_HOOKS_API, DEPLOYMENT_HOOK_NAME, checkOutboundUrl, deploymentHookArn, deploymentHookNameOf, invalid,
  type DeploymentConfiguration,
} from '@berth/core';
import type { ActionTable } from '@berth/api';
import type { ServerContext } from '../context.js';
import { createDeploymentHook, deleteDeploymentHook, getDeploymentHook, listDeploymentHooks, type DeploymentHookRecord } from '../state/deployment-hooks.js';
import { describeTaskDefinition } from './task-definitions.js';

/** A webhook call's default limit, seconds; a hook task's (it starts a container). */
export const DEFAULT_WEBHOOK_TIMEOUT_SECONDS = 30;
export const DEFAULT_TASK_HOOK_TIMEOUT_SECONDS = 600;

/** Why a webhook cannot be called under the server's configuration now, or undefined. */
export function webhookRefusal(ctx: ServerContext, url: string): string | undefined {
  const check = checkOutboundUrl(url, ctx.scaleHooks?.urlAllow ?? []);
  return check.ok ? undefined : check.reason;
}

const shown = (rec: DeploymentHookRecord) => ({ ...rec, kind: rec.url !== undefined ? 'webhook' : 'task' });

/**
 * CreateService's and UpdateService's check of the AWS_LAMBDA lifecycle hooks a deployment configuration
 * names: each hookTargetArn a Berth hook that exists, a webhook's URL allowed now (refused naming the URL
 * without its query).
 */
export async function checkLifecycleHookTargets(ctx: ServerContext, c: DeploymentConfiguration | undefined): Promise<void> {
  for (const [i, h] of (c?.lifecycleHooks ?? []).entries()) {
    if ((h.targetType ?? 'AWS_LAMBDA') !== 'AWS_LAMBDA' || h.hookTargetArn === undefined) continue;
    const f = `deploymentConfiguration.lifecycleHooks[${i}].hookTargetArn`;
    const name = deploymentHookNameOf(h.hookTargetArn);
    if (name === undefined) throw invalid(f, `${h.hookTargetArn} is not a deployment hook's ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME, made by berth create hook).`);
    const hook = await getDeploymentHook(ctx.store, name);
    if (!hook) throw invalid(f, `The deployment hook ${name} does not exist (berth create hook ${name} --url URL | --task-definition TD).`);
    const refused = hook.url !== undefined ? webhookRefusal(ctx, hook.url) : undefined;
    if (refused !== undefined) throw invalid(f, `The deployment hook ${name} cannot be called: ${refused}.`);
  }
}

export function deploymentHooksActionTable(ctx: ServerContext): ActionTable {
  return {
    api: DEPLOYMENT_HOOKS_API,
    handlers: {
      CreateDeploymentHook: async (req: { name: string; url?: string; taskDefinition?: string; timeoutSeconds?: number; description?: string }) => {
        if (!DEPLOYMENT_HOOK_NAME.test(req.name)) {
          throw invalid('name', `A deployment hook's name is a Lambda function's: up to 64 letters, digits, '-' and '_' (${JSON.stringify(req.name)} given).`);
        }
        if ((req.url === undefined) === (req.taskDefinition === undefined)) throw invalid('url', 'A deployment hook has exactly one of a url (a webhook) and a taskDefinition (a hook task).');
        if (req.url !== undefined) {
          const refused = webhookRefusal(ctx, req.url);
          if (refused !== undefined) throw invalid('url', `Deployment hook ${req.name} cannot be called: ${refused}.`);
        } else {
          // Refused as DescribeTaskDefinition refuses it when it does not exist.
          await describeTaskDefinition(ctx, { taskDefinition: req.taskDefinition! });
        }
        const rec: DeploymentHookRecord = {
          name: req.name, arn: deploymentHookArn(ctx.identity, req.name),
          ...(req.url !== undefined ? { url: new URL(req.url).href } : { taskDefinition: req.taskDefinition! }),
          timeoutSeconds: req.timeoutSeconds ?? (req.url !== undefined ? DEFAULT_WEBHOOK_TIMEOUT_SECONDS : DEFAULT_TASK_HOOK_TIMEOUT_SECONDS),
          ...(req.description !== undefined ? { description: req.description } : {}), createdAt: Math.floor(ctx.now()),
        };
        if (!(await createDeploymentHook(ctx.store, rec))) throw new BerthError('ResourceInUseException', `Deployment hook ${req.name} already exists.`, 'name');
        ctx.log.info('deployment hook created', { name: rec.name, kind: shown(rec).kind });
        return { deploymentHook: shown(rec) };
      },
      ListDeploymentHooks: async (req: { names?: string[] }) => {
        const recs = req.names?.length
          ? await Promise.all(req.names.map(async (n) => {
            const name = deploymentHookNameOf(n) ?? n;
            return (await getDeploymentHook(ctx.store, name)) ?? Promise.reject(new BerthError('ResourceNotFoundException', `Deployment hook ${name} does not exist.`, 'names'));
          }))
          : await listDeploymentHooks(ctx.store);
        return { deploymentHooks: recs.map(shown) };
      },
      DeleteDeploymentHook: async (req: { name: string }) => {
        const name = deploymentHookNameOf(req.name);
        if (name === undefined) throw invalid('name', `${JSON.stringify(req.name)} is not a deployment hook's name or ARN.`);
        // A service naming it is not looked for (that would read every service): its next call answers
        // FAILED, saying the hook does not exist, and the deployment rolls back.
        if (!(await deleteDeploymentHook(ctx.store, name))) throw new BerthError('ResourceNotFoundException', `Deployment hook ${name} does not exist.`, 'name');
        ctx.log.info('deployment hook deleted', { name });
        return {};
      },
    },
  };
}
