// Hook tasks (issue 26 §2): a deployment hook of the task kind is a one-off task of its task definition in
// the service's cluster, given ECS's hook input as JSON in the environment variable BERTH_HOOK_INPUT of
// every container (RunTask's overrides carry it: no file to mount, and the task needs no way back to the
// control plane to read it). Its exit decides: every essential container exiting 0 is SUCCEEDED,
// anything else FAILED (with the stop reason); a task still running past the hook's timeout is stopped and
// FAILED. RunTask's clientToken comes from the call's executionId, so the call made again after a
// failover finds the task the first one started instead of starting another.
import { BerthError, ECS_API, HOOK_INPUT_ENV, type HookAnswer, type HookInput, type RunTaskRequest } from '@berth/core';
import type { CallContext } from '@berth/api';
import type { ServerContext } from '../../context.js';
import type { DeploymentHookRecord } from '../../state/deployment-hooks.js';
import { runTask } from '../../handlers/tasks/run-task.js';
import { describeTasks } from '../../handlers/tasks/queries.js';
import { stopTask } from '../../handlers/tasks/stop.js';
import { activeTaskDefinition } from '../../handlers/tasks/references.js';
import { invocationToken } from '../../invoking/run-ecs-target.js';

/** How often a running hook task is looked at. */
const POLL_MS = 1000;

export async function runHookTask(ctx: ServerContext, hook: DeploymentHookRecord, cluster: string, input: HookInput, timeoutMs: number): Promise<HookAnswer & { reason?: string }> {
  let taskArn: string | undefined;
  try {
    const td = (await activeTaskDefinition(ctx, hook.taskDefinition!)).taskDefinition;
    const environment = [{ name: HOOK_INPUT_ENV, value: JSON.stringify(input) }];
    const req: RunTaskRequest = {
      cluster, taskDefinition: hook.taskDefinition!, count: 1, startedBy: `berth-hook/${hook.name}`.slice(0, 128),
      clientToken: invocationToken(`lifecycle-hook/${cluster}/${input.executionId}`),
      overrides: { containerOverrides: (td.containerDefinitions ?? []).map((c) => ({ name: c.name!, environment })) },
    };
    // The control plane runs it: the hook's creator (berth:CreateDeploymentHook) and the service naming it
    // (ecs:CreateService, ecs:UpdateService) were authorized; nothing beyond (a task role's iam:PassRole) is.
    const call: CallContext = { requestId: req.clientToken!, transport: 'grpc', peer: req.startedBy!, api: ECS_API, action: 'RunTask', caller: { kind: 'anonymous', reason: `deployment hook ${hook.name}` } };
    const res = await runTask(ctx, req, call);
    taskArn = res.tasks?.[0]?.taskArn;
    if (!taskArn) return { hookStatus: 'FAILED', reason: `the hook task could not start: ${(res.failures ?? []).map((f) => `${f.reason ?? ''}${f.detail ? ` ${f.detail}` : ''}`).join('; ') || 'no task'}` };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const task = (await describeTasks(ctx, { cluster, tasks: [taskArn] })).tasks?.[0];
      if (task?.lastStatus === 'STOPPED') {
        const essential = new Set((td.containerDefinitions ?? []).filter((c) => c.essential !== false).map((c) => c.name));
        const exits = (task.containers ?? []).filter((c) => essential.has(c.name)).map((c) => `${c.name} ${c.exitCode ?? 'no exit code'}`);
        const ok = (task.containers ?? []).filter((c) => essential.has(c.name)).every((c) => c.exitCode === 0);
        return ok ? { hookStatus: 'SUCCEEDED' } : { hookStatus: 'FAILED', reason: `the hook task ${taskArn.split('/').pop()} exited: ${exits.join(', ')}${task.stoppedReason ? ` (${task.stoppedReason})` : ''}` };
      }
      if (Date.now() >= deadline) {
        await stopTask(ctx, { cluster, task: taskArn, reason: `Deployment hook ${hook.name} timed out.` }).catch(() => undefined);
        return { hookStatus: 'FAILED', reason: `the hook task ${taskArn.split('/').pop()} ran past its ${timeoutMs / 1000} s timeout and was stopped` };
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } catch (e) {
    const name = e instanceof BerthError ? e.ecsName : 'Error';
    return { hookStatus: 'FAILED', reason: `the hook task could not run: ${name}: ${(e as Error).message}` };
  }
}
