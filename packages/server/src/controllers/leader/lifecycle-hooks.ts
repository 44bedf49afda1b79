// The lifecycle hook runner (issue 26 §2), on the elected leader: calls the deployment hooks that
// traffic-shifting deployments wait for (lifecycle hooks of targetType AWS_LAMBDA; core's advanceShift
// marks them IN_PROGRESS with a due call) and writes their answers back (answerLifecycleHook). It reads
// only the services whose call is due (state/services.ts keeps the `service-hooks-due/` index in each
// service write), on its own timer: the services controller never waits for a hook.
//
// At least once, as ECS invokes Lambda hooks: a call in flight when the leader goes is made again by the
// next leader (the due entry stays until an answer is written); a hook must tolerate a repeat (the input's
// executionId is the same for a repeat of the same call). An answer written for a call that no longer
// waits (the deployment moved on, rolled back or was superseded) is dropped.
import {
  deploymentHookNameOf, hookInput, productionPercent, readHookAnswer, shiftPlan, testToGreen, type HookAnswer, type HookInput, type HookInvocation,
} from '@berth/core';
import type { ServerContext } from '../../context.js';
import { SERVICE_HOOKS_DUE, getService, type ServiceRecord } from '../../state/services.js';
import { getDeploymentHook, type DeploymentHookRecord } from '../../state/deployment-hooks.js';
import { answerLifecycleHook } from '../../handlers/service-deployments.js';
import { webhookRefusal } from '../../handlers/deployment-hooks.js';
import { postHookJson } from '../../capacity/scale-hook-runner.js';
import { runHookTask } from './hook-tasks.js';

export interface LifecycleHookRunnerOptions {
  /** How often the due index is read (default 1 s). */
  tickMs?: number;
  /** Runs a hook task (default: hook-tasks.ts; tests may replace it). */
  runTask?: (ctx: ServerContext, hook: DeploymentHookRecord, cluster: string, input: HookInput, timeoutMs: number) => Promise<HookAnswer & { reason?: string }>;
}

export interface LifecycleHookRunner {
  /** One pass over what is due now (tests; the timer does it every tick). */
  tick(): Promise<void>;
  /** Resolves when no call is in flight. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Due entries read per tick (each is a service; the rest, the next tick). */
const DUE_PER_TICK = 100;

/** A webhook's answer: its body read as ECS reads a Lambda function's, from a 2xx answer only. */
async function callWebhook(ctx: ServerContext, hook: DeploymentHookRecord, input: HookInput): Promise<HookAnswer & { reason?: string }> {
  // Checked at every call: the configuration may have changed since the hook was created.
  const refused = webhookRefusal(ctx, hook.url!);
  if (refused !== undefined) return { hookStatus: 'FAILED', reason: refused };
  const res = await postHookJson(hook.url!, JSON.stringify(input), hook.timeoutSeconds * 1000);
  if (!res.ok) return { hookStatus: 'FAILED', reason: res.reason };
  if (res.status < 200 || res.status >= 300) return { hookStatus: 'FAILED', reason: `the hook answered HTTP ${res.status}` };
  return readHookAnswer(res.text);
}

export function startLifecycleHookRunner(ctx: ServerContext, opts: LifecycleHookRunnerOptions = {}): LifecycleHookRunner {
  const minute = ctx.awsMinuteSeconds ?? 60;
  // callBackDelay is in seconds of AWS's clock: scaled as --aws-minute scales minutes.
  const delayScale = minute / 60;
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;

  async function call(rec: ServiceRecord, inv: HookInvocation): Promise<void> {
    const shift = rec.scheduler.shift!;
    const detail = shift.hooks?.find((h) => h.hookId === inv.hookId);
    const name = detail?.targetArn !== undefined ? deploymentHookNameOf(detail.targetArn) : undefined;
    const hook = name !== undefined ? await getDeploymentHook(ctx.store, name) : undefined;
    const revisionOf = rec.history?.revisionOf ?? {};
    const cfg = rec.service.deploymentConfiguration ?? {};
    const index = Number(inv.hookId.slice(0, inv.hookId.indexOf('-')));
    const input = hookInput({
      serviceArn: rec.service.serviceArn!, serviceDeploymentArn: rec.history?.current?.serviceDeploymentArn ?? shift.deploymentId,
      targetRevisionArn: revisionOf[shift.deploymentId] ?? shift.deploymentId,
      ...(rec.scheduler.lastCompleted && revisionOf[rec.scheduler.lastCompleted.id] ? { sourceRevisionArn: revisionOf[rec.scheduler.lastCompleted.id]! } : {}),
      hookId: inv.hookId, calls: inv.calls, productionPercent: productionPercent(shiftPlan(cfg, minute), shift), testToGreen: testToGreen(shift),
      ...(inv.hookDetails !== undefined ? { hookDetails: inv.hookDetails } : cfg.lifecycleHooks?.[index]?.hookDetails !== undefined ? { hookDetails: cfg.lifecycleHooks[index]!.hookDetails } : {}),
    });
    const started = Date.now();
    let answer: HookAnswer & { reason?: string };
    if (!hook) answer = { hookStatus: 'FAILED', reason: `the deployment hook ${name ?? detail?.targetArn ?? '?'} does not exist` };
    else if (hook.url !== undefined) answer = await callWebhook(ctx, hook, input);
    else answer = await (opts.runTask ?? runHookTask)(ctx, hook, rec.cluster, input, hook.timeoutSeconds * 1000);
    if (stopped) return;
    const written = await answerLifecycleHook(ctx, rec.cluster, rec.name, shift.deploymentId, inv.hookId, answer, delayScale);
    const fields = {
      cluster: rec.cluster, service: rec.name, deployment: shift.deploymentId, hookId: inv.hookId, hook: hook?.name ?? name, kind: hook ? (hook.url !== undefined ? 'webhook' : 'task') : undefined,
      executionId: input.executionId, hookStatus: answer.hookStatus, ms: Date.now() - started, written,
    };
    if (answer.hookStatus === 'FAILED') ctx.log.warn('lifecycle hook failed', { ...fields, error: answer.reason });
    else ctx.log.info('lifecycle hook called', { ...fields, ...(answer.callBackDelay !== undefined ? { callBackDelay: answer.callBackDelay } : {}) });
  }

  async function runService(cluster: string, name: string): Promise<void> {
    const rec = (await getService(ctx.store, cluster, name))?.value;
    const shift = rec?.scheduler.shift;
    if (!rec || !shift) return;
    const now = ctx.now();
    const due = (shift.invocations ?? []).filter((i) => i.at <= now && shift.hooks?.some((h) => h.hookId === i.hookId && h.status === 'IN_PROGRESS'));
    // Hooks of one stage run side by side, as ECS runs a stage's hooks.
    await Promise.all(due.map((inv) => call(rec, inv).catch((e) => ctx.log.warn('lifecycle hook call could not be recorded', { cluster, service: name, hookId: inv.hookId, error: String((e as Error)?.message ?? e) }))));
  }

  async function tick(): Promise<void> {
    const nowMs = ctx.now() * 1000;
    const { kvs } = await ctx.store.range(SERVICE_HOOKS_DUE.prefix, { limit: DUE_PER_TICK });
    for (const kv of kvs) {
      if (SERVICE_HOOKS_DUE.time(kv.key) > nowMs) break;
      const [cluster, name] = SERVICE_HOOKS_DUE.names(kv.key);
      const id = `${cluster}/${name}`;
      if (inFlight.has(id) || stopped) continue;
      const p = runService(cluster, name)
        .catch((e) => ctx.log.warn('lifecycle hooks of a service could not run', { cluster, service: name, error: String((e as Error)?.message ?? e) }))
        .finally(() => inFlight.delete(id));
      inFlight.set(id, p);
    }
  }

  let running = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = true;
    tick().catch((e) => ctx.log.warn('lifecycle hook runner tick failed', { error: String((e as Error)?.message ?? e) })).finally(() => { running = false; });
  }, opts.tickMs ?? 1000);
  timer.unref();

  return {
    tick,
    idle: async () => { while (inFlight.size > 0) await Promise.all([...inFlight.values()]); },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      // Calls in flight finish (their answers are not written: the next leader calls again).
      await Promise.all([...inFlight.values()]);
    },
  };
}
