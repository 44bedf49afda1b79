// Access keys: what SigV4 on the AWS listener verifies against, and the user a signed call acts as (the
// caller of the call context, whose policies decide what it may do). IAM's shapes and rules: a key
// belongs to an existing user, at most 2 per user, Active or Inactive; the secret is shown once, at
// creation, and kept sealed. A key is written in the same transaction as its user's record, comparing it.
import * as grpc from '@grpc/grpc-js';
import { randomBytes } from 'node:crypto';
import { BerthError } from '@berth/core';
import { authenticateGrpc, laneOf, loadBerthProtos, runCall, toGrpcStatus, type ActionTable, type CallHooks } from '@berth/api';
import type { ServerContext } from '../context.js';
import { accessKeyAt, deleteAccessKeyOp, getAccessKey, listAccessKeys, putAccessKeyOp, type AccessKeyRecord } from '../state/access-keys.js';
import { putUserOp, userKey } from '../state/users.js';
import { commitIam } from './iam-commit.js';
import { requireUser } from './users.js';
import type { SecretBox } from './secrets-key.js';

export interface AccessKeyMetadata {
  accessKeyId: string;
  status: string;
  createDate: number;
  userName: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** IAM's format: AKIA (STS's temporary credentials: ASIA) + 16 base-32 characters (20 in all). */
export function newAccessKeyId(prefix: 'AKIA' | 'ASIA' = 'AKIA'): string {
  return prefix + [...randomBytes(16)].map((b) => BASE32[b & 31]).join('');
}
/** 40 characters, as IAM's. */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B');
}

/** IAM's quota of access keys per user. */
export const ACCESS_KEYS_PER_USER = 2;

/** What SigV4 needs of an active key: its secret, and whose key it is. */
export interface ActiveKey {
  secret: string;
  userName: string;
}

const metadata = ({ accessKeyId, status, createDate, userName }: AccessKeyRecord): AccessKeyMetadata => ({ accessKeyId, status, createDate, userName });
// IAM's words.
const noSuchKey = (id: string) => new BerthError('NoSuchEntityException', `The Access Key with id ${id} cannot be found.`, 'AccessKeyId');

export class AccessKeys {
  constructor(private readonly ctx: ServerContext, private readonly box: SecretBox) {}

  async create(userName: string): Promise<AccessKeyMetadata & { secretAccessKey: string }> {
    const made = await commitIam(this.ctx, async () => {
      const user = await requireUser(this.ctx, userName);
      if (user.value.accessKeyIds.length >= ACCESS_KEYS_PER_USER) throw new BerthError('LimitExceededException', `Cannot exceed quota for AccessKeysPerUser: ${ACCESS_KEYS_PER_USER}`);
      // A new id each attempt: a colliding one (16 random base-32 characters: one in 2^80) is a lost compare.
      const { rec, secretAccessKey } = this.newKey(user.value.userName);
      return {
        txn: {
          compare: [{ key: userKey(userName), modRevision: user.modRevision }, accessKeyAt(rec.accessKeyId, 0)],
          success: [putAccessKeyOp(rec), putUserOp({ ...user.value, accessKeyIds: [...user.value.accessKeyIds, rec.accessKeyId] })],
        },
        result: { ...metadata(rec), secretAccessKey },
      };
    });
    this.ctx.log.info('access key created', { accessKeyId: made.accessKeyId, userName: made.userName });
    return made;
  }

  /** A new active key of the user: its record (the secret sealed) and the secret, for a transaction to store. */
  newKey(userName: string): { rec: AccessKeyRecord; secretAccessKey: string } {
    const accessKeyId = newAccessKeyId();
    const secretAccessKey = newSecretAccessKey();
    return {
      rec: { accessKeyId, sealedSecret: this.box.encrypt(secretAccessKey, accessKeyId), status: 'Active', createDate: Math.floor(this.ctx.now()), userName },
      secretAccessKey,
    };
  }

  /** A user's keys; without a user (a caller that is not one), every key. */
  async list(userName?: string): Promise<AccessKeyMetadata[]> {
    if (userName === undefined) return (await listAccessKeys(this.ctx.store)).map(metadata);
    const user = await requireUser(this.ctx, userName);
    const keys = await Promise.all(user.value.accessKeyIds.map((id) => getAccessKey(this.ctx.store, id)));
    return keys.flatMap((k) => (k ? [metadata(k.value)] : []));
  }

  /** A key of the user (any user's when none is named: a caller that is not one), as read. */
  private async keyOf(accessKeyId: string, userName: string | undefined) {
    const key = await getAccessKey(this.ctx.store, accessKeyId);
    if (userName !== undefined) await requireUser(this.ctx, userName);
    if (!key || (userName !== undefined && key.value.userName.toLowerCase() !== userName.toLowerCase())) throw noSuchKey(accessKeyId);
    return key;
  }

  async setStatus(accessKeyId: string, status: string, userName?: string): Promise<void> {
    // IAM's enum also has Expired, which only IAM itself sets.
    if (status !== 'Active' && status !== 'Inactive') throw new BerthError('InvalidInputException', `The specified value for status is invalid. It must be Active or Inactive (${status} given).`, 'Status');
    await commitIam(this.ctx, async () => {
      const key = await this.keyOf(accessKeyId, userName);
      return { txn: { compare: [accessKeyAt(accessKeyId, key.modRevision)], success: [putAccessKeyOp({ ...key.value, status })] }, result: undefined };
    });
    this.ctx.log.info('access key status set', { accessKeyId, status });
  }

  async delete(accessKeyId: string, userName?: string): Promise<void> {
    await commitIam(this.ctx, async () => {
      const key = await this.keyOf(accessKeyId, userName);
      const user = await requireUser(this.ctx, key.value.userName);
      const ids = user.value.accessKeyIds.filter((id) => id !== accessKeyId);
      return {
        txn: {
          compare: [accessKeyAt(accessKeyId, key.modRevision), { key: userKey(key.value.userName), modRevision: user.modRevision }],
          success: [deleteAccessKeyOp(accessKeyId), putUserOp({ ...user.value, accessKeyIds: ids })],
        },
        result: undefined,
      };
    });
    this.ctx.log.info('access key deleted', { accessKeyId });
  }

  /**
   * An active key's secret and user, or undefined: what the SigV4 verifier looks up. From the IAM informer
   * (informers/iam.ts: the secret is unsealed once per version of the key's record); without one, from the
   * store at each call.
   */
  async lookup(accessKeyId: string): Promise<ActiveKey | undefined> {
    if (!/^[A-Z0-9]{16,128}$/.test(accessKeyId)) return undefined;
    if (this.ctx.iam) return this.ctx.iam.accessKey(accessKeyId, (rec) => this.open(rec));
    const got = (await getAccessKey(this.ctx.store, accessKeyId))?.value;
    return got && this.open(got);
  }

  private open(rec: AccessKeyRecord): ActiveKey | undefined {
    if (rec.status !== 'Active') return undefined;
    try {
      return { secret: this.box.decrypt(rec.sealedSecret, rec.accessKeyId), userName: rec.userName };
    } catch {
      this.ctx.log.error('cannot decrypt an access key secret: was the secrets key file replaced?', { accessKeyId: rec.accessKeyId });
      return undefined;
    }
  }
}

/**
 * gRPC service berth.v1.BerthIam, the access-key service of berth CLIs that predate IAM's generated one:
 * each method runs IAM's action (handlers/iam.ts) through the same hook chain, in its own message shapes.
 */
export function berthIamService(iam: ActionTable, hooks: CallHooks): { definition: grpc.ServiceDefinition; handlers: grpc.UntypedServiceImplementation } {
  type Legacy = Record<string, any>;
  const legacyKey = (k: Legacy | undefined) => k && { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey, status: k.Status, createDate: k.CreateDate, userName: k.UserName };
  const methods: Record<string, { toIam(req: Legacy): Legacy; fromIam(res: Legacy): Legacy }> = {
    CreateAccessKey: { toIam: (r) => (typeof r.userName === 'string' ? { UserName: r.userName } : {}), fromIam: (r) => ({ accessKey: legacyKey(r.AccessKey) }) },
    ListAccessKeys: { toIam: () => ({}), fromIam: (r) => ({ accessKeyMetadata: (r.AccessKeyMetadata ?? []).map(legacyKey) }) },
    DeleteAccessKey: { toIam: (r) => ({ AccessKeyId: typeof r.accessKeyId === 'string' ? r.accessKeyId : '' }), fromIam: () => ({}) },
  };
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const [method, m] of Object.entries(methods)) {
    handlers[method] = (call: grpc.ServerUnaryCall<Legacy, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      void runCall(iam, hooks, {
        transport: 'grpc',
        peer: call.getPeer(),
        lane: laneOf(method),
        authenticate: () => authenticateGrpc(call, hooks.grpcAuthentication),
        decode: () => ({ action: method, request: m.toIam(call.request ?? {}) }),
      }).then((o) => ('error' in o ? cb(toGrpcStatus(o.error)) : cb(null, m.fromIam(o.response as Legacy))));
    };
  }
  return { definition: loadBerthProtos().berth.v1.BerthIam.service, handlers };
}
