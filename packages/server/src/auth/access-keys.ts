// Access keys: what SigV4 on the AWS listener verifies against, and whose user a signed call is made by
// (the caller of the call context: GetCallerIdentity answers that user's ARN). IAM's shapes (AccessKeyId,
// SecretAccessKey, Status, CreateDate, UserName); the secret is shown once, at creation, and kept encrypted.
import * as grpc from '@grpc/grpc-js';
import { randomBytes } from 'node:crypto';
import { BerthError } from '@berth/core';
import { authenticateGrpc, loadBerthProtos, runCall, toGrpcStatus, type ActionTable, type CallHooks } from '@berth/api';
import type { ServerContext } from '../context.js';
import { createAccessKey, deleteAccessKey, getAccessKey, listAccessKeys, type AccessKeyRecord } from '../state/access-keys.js';
import type { SecretBox } from './secrets-key.js';

export interface AccessKeyMetadata {
  accessKeyId: string;
  status: string;
  createDate: number;
  userName: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** IAM's format: AKIA + 16 base-32 characters (20 in all). */
export function newAccessKeyId(): string {
  return 'AKIA' + [...randomBytes(16)].map((b) => BASE32[b & 31]).join('');
}
/** 40 characters, as IAM's. */
export function newSecretAccessKey(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B');
}

const USER_NAME = /^[\w+=,.@-]{1,64}$/;
/** How long a verified secret is reused before the store is read again (a deletion elsewhere takes this long). */
const CACHE_MS = 5_000;

/** What SigV4 needs of an active key: its secret, and whose key it is. */
export interface ActiveKey {
  secret: string;
  userName: string;
}

export class AccessKeys {
  private readonly cache = new Map<string, { key: ActiveKey | undefined; until: number }>();

  constructor(private readonly ctx: ServerContext, private readonly box: SecretBox) {}

  async create(userName = 'berth'): Promise<AccessKeyMetadata & { secretAccessKey: string }> {
    // IAM's words.
    if (!USER_NAME.test(userName)) throw new BerthError('InvalidInputException', 'The specified value for userName is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-', 'UserName');
    const accessKeyId = newAccessKeyId();
    const secretAccessKey = newSecretAccessKey();
    const rec: AccessKeyRecord = {
      accessKeyId,
      sealedSecret: this.box.encrypt(secretAccessKey, accessKeyId),
      status: 'Active',
      createDate: Math.floor(this.ctx.now()),
      userName,
    };
    // A colliding key id (16 random base-32 characters: one in 2^80): IAM's words for a failure of its own.
    if (!(await createAccessKey(this.ctx.store, rec))) throw new BerthError('ServiceFailureException', 'Request processing has failed because of an unknown error, exception or failure.');
    this.ctx.log.info('access key created', { accessKeyId, userName });
    return { accessKeyId, secretAccessKey, status: rec.status, createDate: rec.createDate, userName };
  }

  async list(): Promise<AccessKeyMetadata[]> {
    const recs = await listAccessKeys(this.ctx.store);
    return recs.map(({ accessKeyId, status, createDate, userName }) => ({ accessKeyId, status, createDate, userName }));
  }

  async delete(accessKeyId: string): Promise<void> {
    if (!accessKeyId) throw new BerthError('InvalidInputException', 'The specified value for accessKeyId is invalid. It must not be empty.', 'AccessKeyId');
    const deleted = await deleteAccessKey(this.ctx.store, accessKeyId);
    this.cache.delete(accessKeyId);
    if (!deleted) throw new BerthError('NoSuchEntityException', `The Access Key with id ${accessKeyId} cannot be found.`, 'AccessKeyId');
    this.ctx.log.info('access key deleted', { accessKeyId });
  }

  /** An active key's secret and user, or undefined: what the SigV4 verifier looks up. */
  async lookup(accessKeyId: string): Promise<ActiveKey | undefined> {
    const hit = this.cache.get(accessKeyId);
    if (hit && hit.until > Date.now()) return hit.key;
    let key: ActiveKey | undefined;
    if (/^[A-Z0-9]{16,128}$/.test(accessKeyId)) {
      const got = await getAccessKey(this.ctx.store, accessKeyId);
      if (got && got.status === 'Active') {
        try {
          key = { secret: this.box.decrypt(got.sealedSecret, accessKeyId), userName: got.userName };
        } catch {
          this.ctx.log.error('cannot decrypt an access key secret: was the secrets key file replaced?', { accessKeyId });
        }
      }
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(accessKeyId, { key, until: Date.now() + CACHE_MS });
    return key;
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
        authenticate: () => authenticateGrpc(call),
        decode: () => ({ action: method, request: m.toIam(call.request ?? {}) }),
      }).then((o) => ('error' in o ? cb(toGrpcStatus(o.error)) : cb(null, m.fromIam(o.response as Legacy))));
    };
  }
  return { definition: loadBerthProtos().berth.v1.BerthIam.service, handlers };
}
