// The values of a task's `secrets` and `secretOptions`, resolved for the agent that runs the task (its
// session asks; dispatch/dispatcher.ts answers on that stream only), as ECS resolves them with the task's
// execution role: the role must exist and trust ecs-tasks.amazonaws.com (for this account and task), and
// its policies must allow secretsmanager:GetSecretValue on each secret and ssm:GetParameters on each
// parameter. Any failure is ECS's ResourceInitializationError text, which names the secret or parameter
// and never a value. The values go into the answer and nowhere else: no record, event or log line.
import {
  assumedRoleArn, evaluate, jsonKeyOf, notAuthorizedMessage, parameterArn, roleNameOf, secretUses, secretsFailure,
  type ContainerSecrets, type Policy, type SecretUse, type TaskSecrets,
} from '@berth/core';
import type { ServerContext } from '../context.js';
import { getTask } from '../state/tasks.js';
import { roleForTask } from '../auth/roles.js';
import { ROLES, policiesOf } from '../auth/policies.js';
import { parseTaskArn, taskDefinitionOf } from '../handlers/tasks/references.js';
import type { SecretsManager } from './secrets-manager.js';
import type { ParameterStore } from './parameter-store.js';

type Resolved = Omit<TaskSecrets, 'requestId'>;

class SecretsFailure extends Error {}

export class TaskSecretsResolver {
  constructor(private readonly ctx: ServerContext, private readonly manager: SecretsManager, private readonly parameters: ParameterStore) {}

  /** The task's secrets for the agent of `instanceId`; an error (ECS's text) in the answer rather than thrown. */
  async resolve(instanceId: string, taskArn: string): Promise<Resolved> {
    try {
      return { taskArn, containers: await this.values(instanceId, taskArn) };
    } catch (e) {
      if (!(e instanceof SecretsFailure)) throw e;
      this.ctx.log.warn('task secrets not resolved', { taskArn, reason: e.message });
      return { taskArn, containers: [], error: e.message };
    }
  }

  private async values(instanceId: string, taskArn: string): Promise<ContainerSecrets[]> {
    const ref = parseTaskArn(taskArn);
    const rec = ref && (await getTask(this.ctx.store, ref.cluster, ref.id));
    // Only the agent the task is assigned to learns its secrets.
    if (!rec || rec.value.containerInstanceId !== instanceId) throw new SecretsFailure(secretsFailure('asm', `the task ${taskArn} is not assigned to this container instance`));
    const task = rec.value.task;
    const td = await taskDefinitionOf(this.ctx, task.taskDefinitionArn!);
    const uses = secretUses(td?.containerDefinitions ?? []);
    if (uses.length === 0) return [];
    const service = uses[0]!.ref.service === 'secretsmanager' ? 'asm' : 'ssm';
    const roleArn = task.overrides?.executionRoleArn || td?.executionRoleArn;
    if (!roleArn) throw new SecretsFailure(secretsFailure(service, 'the task has no execution role (executionRoleArn) to read its secrets with'));
    const policies = await this.executionRole(roleArn, taskArn, service);
    const principal = assumedRoleArn(this.ctx.identity, roleNameOf(this.ctx.identity, roleArn)!, ref!.id);
    const byContainer = new Map<string, ContainerSecrets>();
    for (const use of uses) {
      const value = await this.value(use, policies, principal);
      let c = byContainer.get(use.containerName);
      if (!c) byContainer.set(use.containerName, (c = { containerName: use.containerName, environment: [], logOptions: [] }));
      c[use.target].push({ name: use.name, value });
    }
    return [...byContainer.values()];
  }

  /** The execution role's policies, once it is known to trust ECS tasks for this account and task. */
  private async executionRole(roleArn: string, taskArn: string, service: 'asm' | 'ssm'): Promise<Policy[]> {
    const role = await roleForTask(this.ctx, roleArn, taskArn);
    if (!role) {
      // ECS's words for a role it cannot assume.
      throw new SecretsFailure(secretsFailure(service, `ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions.`));
    }
    return (await policiesOf(this.ctx, ROLES, role.roleName)) ?? [];
  }

  private async value(use: SecretUse, policies: Policy[], principal: string): Promise<string> {
    const denied = (action: string, resource: string, service: 'asm' | 'ssm') => {
      const d = evaluate(policies, action, resource);
      if (d !== 'Allow') throw new SecretsFailure(secretsFailure(service, `AccessDeniedException: ${notAuthorizedMessage(principal, action, resource, d === 'ExplicitDeny')}`));
    };
    if (use.ref.service === 'ssm') {
      const name = use.ref.name;
      denied('ssm:GetParameters', parameterArn(this.ctx.identity, name), 'ssm');
      const rec = await this.parameters.find(name).catch(() => null);
      if (!rec) throw new SecretsFailure(secretsFailure('ssm', `invalid parameters: ${name}`));
      return this.parameters.open(rec);
    }
    const { secretId, jsonKey, versionStage, versionId } = use.ref;
    const rec = await this.manager.find(secretId);
    denied('secretsmanager:GetSecretValue', rec?.value.arn ?? secretId, 'asm');
    if (!rec || rec.value.deletedDate !== undefined) throw new SecretsFailure(secretsFailure('asm', `ResourceNotFoundException: Secrets Manager can't find the specified secret. (${secretId})`));
    let value: string;
    try {
      const v = this.manager.version(rec.value, versionId, versionStage);
      const opened = this.manager.open(rec.value, v.versionId);
      value = 'SecretString' in opened ? opened.SecretString : Buffer.from(opened.SecretBinary, 'base64').toString('utf8');
      if (jsonKey !== undefined) value = jsonKeyOf(value, jsonKey, use.valueFrom);
    } catch (e) {
      throw new SecretsFailure(secretsFailure('asm', `${(e as Error).name === 'Error' ? '' : `${(e as Error).name}: `}${(e as Error).message}`));
    }
    return value;
  }
}
