// Access keys: what SigV4 on the ECS JSON endpoint verifies against. IAM's shapes (AccessKeyId,
// SecretAccessKey, Status, CreateDate); the secret is shown once, at creation, and kept encrypted.
import * as grpc from '@grpc/grpc-js';
import { randomBytes } from 'node:crypto';
import { BerthError, invalid } from '@berth/core';
import { loadBerthProtos, toGrpcError } from '@berth/api';
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

export class AccessKeys {
  private readonly cache = new Map<string, { secret: string | undefined; until: number }>();

  constructor(private readonly ctx: ServerContext, private readonly box: SecretBox) {}

  async create(userName = 'berth'): Promise<AccessKeyMetadata & { secretAccessKey: string }> {
    if (!USER_NAME.test(userName)) throw invalid('UserName', `must be 1 to 64 letters, digits or +=,.@_- (${JSON.stringify(userName)} given)`);
    const accessKeyId = newAccessKeyId();
    const secretAccessKey = newSecretAccessKey();
    const rec: AccessKeyRecord = {
      accessKeyId,
      sealedSecret: this.box.encrypt(secretAccessKey, accessKeyId),
      status: 'Active',
      createDate: Math.floor(this.ctx.now()),
      userName,
    };
    if (!(await createAccessKey(this.ctx.store, rec))) throw new BerthError('ServerException', 'access key id collision; try again');
    this.ctx.log.info('access key created', { accessKeyId, userName });
    return { accessKeyId, secretAccessKey, status: rec.status, createDate: rec.createDate, userName };
  }

  async list(): Promise<AccessKeyMetadata[]> {
    const recs = await listAccessKeys(this.ctx.store);
    return recs.map(({ accessKeyId, status, createDate, userName }) => ({ accessKeyId, status, createDate, userName }));
  }

  async delete(accessKeyId: string): Promise<void> {
    if (!accessKeyId) throw invalid('AccessKeyId', 'is required');
    const deleted = await deleteAccessKey(this.ctx.store, accessKeyId);
    this.cache.delete(accessKeyId);
    if (!deleted) throw new BerthError('NoSuchEntityException', `The Access Key with id ${accessKeyId} cannot be found.`, 'AccessKeyId');
    this.ctx.log.info('access key deleted', { accessKeyId });
  }

  /** The secret of an active key, or undefined: what the SigV4 verifier looks up. */
  async secretOf(accessKeyId: string): Promise<string | undefined> {
    const hit = this.cache.get(accessKeyId);
    if (hit && hit.until > Date.now()) return hit.secret;
    let secret: string | undefined;
    if (/^[A-Z0-9]{16,128}$/.test(accessKeyId)) {
      const got = await getAccessKey(this.ctx.store, accessKeyId);
      if (got && got.status === 'Active') {
        try {
          secret = this.box.decrypt(got.sealedSecret, accessKeyId);
        } catch {
          this.ctx.log.error('cannot decrypt an access key secret: was the secrets key file replaced?', { accessKeyId });
        }
      }
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(accessKeyId, { secret, until: Date.now() + CACHE_MS });
    return secret;
  }
}

/** gRPC service berth.v1.BerthIam over AccessKeys. */
export function iamService(keys: AccessKeys): { definition: grpc.ServiceDefinition; handlers: grpc.UntypedServiceImplementation } {
  const unary = (fn: (req: Record<string, unknown>) => Promise<unknown>) =>
    (call: grpc.ServerUnaryCall<Record<string, unknown>, unknown>, cb: grpc.sendUnaryData<unknown>) => {
      fn(call.request ?? {}).then((r) => cb(null, r), (e) => cb(toGrpcError(e)));
    };
  return {
    definition: loadBerthProtos().berth.v1.BerthIam.service,
    handlers: {
      CreateAccessKey: unary(async (req) => ({ accessKey: await keys.create(typeof req.userName === 'string' ? req.userName : undefined) })),
      ListAccessKeys: unary(async () => ({ accessKeyMetadata: await keys.list() })),
      DeleteAccessKey: unary(async (req) => {
        await keys.delete(typeof req.accessKeyId === 'string' ? req.accessKeyId : '');
        return {};
      }),
    },
  };
}
