// Task-role credentials (issue 17 §4), as ECS hands them to its agent: the agent of the instance a task runs
// on asks on its session (CredentialsRequest, agent.proto field 7), and the control plane mints temporary
// credentials (ASIA..., a secret, a session token, an expiration) for the role the task definition names
// (taskRoleArn for the application, executionRoleArn for the agent's own use) once the role trusts
// ecs-tasks.amazonaws.com for this account and task. Calls signed with them are the task's role session,
// `assumed-role/ROLE/TASK-ID`, with exactly the role's policies (auth/authorization.ts), on every transport.
// They are refused once the task has stopped (the lookup reads the task; its credentials go then), or
// expired (each mint sweeps a bounded page of expired ones). Never logged, never in a task record or event.
// No cache (issue 14 §2): every signed call reads its credential record and its task from the store (two
// gets by key, what a role's policies cost again after them), so a task stopped or a credential removed on
// any replica is refused by every replica on its next call. Their count grows with running tasks, which
// rules out an informer holding them all.
import { randomBytes } from 'node:crypto';
import { CREDENTIALS_ROLE_TYPES, roleArnOf, rootPrincipal, type CredentialsRequest, type TaskCredentials } from '@berth/core';
import type { TemporaryKey } from '@berth/api';
import type { ServerContext } from '../context.js';
import { commitInBatches } from '../state/kit.js';
import { getTask } from '../state/tasks.js';
import {
  deleteTaskCredentialOps, expiredTaskCredentialIds, getTaskCredential, putTaskCredentialOps, taskCredentialIds, type TaskCredentialRecord,
} from '../state/task-credentials.js';
import { parseTaskArn, taskDefinitionOf } from '../handlers/tasks/references.js';
import { newAccessKeyId, newSecretAccessKey } from './access-keys.js';
import { roleForTask } from './roles.js';
import { effectiveAccountSetting } from '../handlers/account-settings.js';
import type { SecretBox } from './secrets-key.js';

/** ECS's task role credentials last about 6 hours; the agent asks again past half of that. */
export const DEFAULT_TASK_CREDENTIALS_LIFETIME_SECONDS = 6 * 3600;
/** Expired credentials removed per mint, and a stopped task's per lookup, at most. */
const SWEEP_PAGE = 20;

export interface TaskCredentialsOptions {
  /** How long minted credentials last (default 6 h, as ECS's). */
  lifetimeSeconds?: number;
  /** The AWS listener's URL the control plane advertises (the task's AWS_ENDPOINT_URL), once known. */
  awsEndpoint?(): string | undefined;
}

type Answer = Omit<TaskCredentials, 'requestId'>;

class Refused extends Error {}

export class TaskCredentialsIssuer {
  private readonly lifetime: number;

  constructor(private readonly ctx: ServerContext, private readonly box: SecretBox, private readonly opts: TaskCredentialsOptions = {}) {
    this.lifetime = opts.lifetimeSeconds ?? DEFAULT_TASK_CREDENTIALS_LIFETIME_SECONDS;
  }

  /** Credentials for the agent of `instanceId`, or why not (in the answer, never thrown for a refusal). */
  async issue(instanceId: string, req: Omit<CredentialsRequest, 'requestId'>): Promise<Answer> {
    const { taskArn, roleType } = req;
    try {
      return { taskArn, roleType, ...(await this.mint(instanceId, req)) };
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      this.ctx.log.warn('task credentials refused', { taskArn, roleType, reason: e.message });
      return { taskArn, roleType, error: e.message };
    } finally {
      void this.sweepExpired().catch((e) => this.ctx.log.warn('expired task credentials not swept', { error: String((e as Error)?.message ?? e) }));
    }
  }

  private async mint(instanceId: string, { taskArn, roleType }: Omit<CredentialsRequest, 'requestId'>): Promise<Omit<Answer, 'taskArn' | 'roleType'>> {
    if (!CREDENTIALS_ROLE_TYPES.includes(roleType)) throw new Refused(`unknown roleType '${roleType}': expected ${CREDENTIALS_ROLE_TYPES.join(' or ')}`);
    const ref = parseTaskArn(taskArn);
    const rec = ref && (await getTask(this.ctx.store, ref.cluster, ref.id));
    // Only the agent the task is assigned to gets its credentials, and only while it has not stopped.
    if (!rec || rec.value.containerInstanceId !== instanceId) throw new Refused(`the task ${taskArn} is not assigned to this container instance`);
    if (rec.value.task.lastStatus === 'STOPPED') throw new Refused(`the task ${taskArn} has stopped`);
    const task = rec.value.task;
    const td = await taskDefinitionOf(this.ctx, task.taskDefinitionArn!);
    const member = roleType === 'TaskApplication' ? 'taskRoleArn' : 'executionRoleArn';
    const roleArn = roleArnOf(task, td, member);
    if (!roleArn) throw new Refused(`the task has no ${member === 'taskRoleArn' ? 'task role' : 'execution role'} (${member})`);
    const role = await roleForTask(this.ctx, roleArn, taskArn);
    // ECS's words for a role it cannot assume.
    if (!role) throw new Refused(`ECS was unable to assume the role '${roleArn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions.`);
    const accessKeyId = newAccessKeyId('ASIA');
    const secretAccessKey = newSecretAccessKey();
    const sessionToken = randomBytes(96).toString('base64');
    const expiration = Math.floor(this.ctx.now()) + this.lifetime;
    const cred: TaskCredentialRecord = {
      accessKeyId, sealed: this.box.encrypt(JSON.stringify({ secret: secretAccessKey, token: sessionToken }), accessKeyId),
      roleType, roleArn, roleName: role.roleName, taskArn, cluster: ref!.cluster, taskId: ref!.id, expiration,
    };
    await this.ctx.store.txn({ compare: [], success: putTaskCredentialOps(cred) });
    this.ctx.log.info('task credentials minted', { taskArn, roleType, roleArn, accessKeyId, expiration });
    const awsEndpoint = this.opts.awsEndpoint?.();
    // The execution role serves the awslogs driver, whose default mode is the account's.
    const logDriverMode = roleType === 'TaskExecution' ? await effectiveAccountSetting(this.ctx, 'defaultLogDriverMode', rootPrincipal(this.ctx.identity)) : undefined;
    return { roleArn, accessKeyId, secretAccessKey, sessionToken, expiration, ...(awsEndpoint ? { awsEndpoint } : {}), ...(logDriverMode ? { logDriverMode } : {}) };
  }

  /** What SigV4 needs of temporary credentials: undefined once they expired or their task stopped. */
  async lookup(accessKeyId: string): Promise<TemporaryKey | undefined> {
    let key: TemporaryKey | undefined;
    const rec = /^ASIA[A-Z2-7]{16}$/.test(accessKeyId) ? (await getTaskCredential(this.ctx.store, accessKeyId))?.value : undefined;
    if (rec && rec.expiration > this.ctx.now()) {
      const task = (await getTask(this.ctx.store, rec.cluster, rec.taskId))?.value;
      if (!task || task.task.lastStatus === 'STOPPED') await this.revokeTask(rec);
      else {
        try {
          const { secret, token } = JSON.parse(this.box.decrypt(rec.sealed, accessKeyId)) as { secret: string; token: string };
          key = { secret, sessionToken: token, roleName: rec.roleName, sessionName: rec.taskId, taskArn: rec.taskArn };
        } catch {
          this.ctx.log.error('cannot decrypt task credentials: was the secrets key file replaced?', { accessKeyId });
        }
      }
    }
    return key;
  }

  /** A stopped (or removed) task's credentials go, a page at a time. */
  private async revokeTask(rec: TaskCredentialRecord): Promise<void> {
    const ids = await taskCredentialIds(this.ctx.store, rec.cluster, rec.taskId, SWEEP_PAGE);
    await this.remove(ids);
    this.ctx.log.info('task credentials revoked: the task has stopped', { taskArn: rec.taskArn, count: ids.length });
  }

  /** One bounded page of expired credentials. */
  async sweepExpired(): Promise<number> {
    return this.remove(await expiredTaskCredentialIds(this.ctx.store, this.ctx.now() * 1000, SWEEP_PAGE));
  }

  /** Credentials are never rewritten: what was read is deleted with its indexes, no compare needed. */
  private async remove(ids: string[]): Promise<number> {
    const recs = (await Promise.all(ids.map((id) => getTaskCredential(this.ctx.store, id)))).flatMap((r) => (r ? [r.value] : []));
    await commitInBatches(this.ctx.store, recs.flatMap(deleteTaskCredentialOps));
    return recs.length;
  }
}
