// Secrets Manager's secrets, served like every API on gRPC and on the AWS listener (`aws secretsmanager
// ... --endpoint-url`, the SDK), in its shapes, errors and texts: CreateSecret, GetSecretValue (by version
// id or stage), PutSecretValue, UpdateSecret, DescribeSecret, ListSecrets, DeleteSecret (a recovery
// window, or at once), RestoreSecret, TagResource, UntagResource. Values are sealed with the secrets key
// (state/secrets.ts) and never logged; what Berth cannot honour (KMS keys, replication, rotation, sorting
// other than by name) is refused naming it. A secret past its recovery window is gone: reads treat it as
// absent and the next writer of its name replaces it.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  AWSCURRENT, BerthError, SECRETSMANAGER_API, SECRET_NAME, checkSecretFilters, restage, secretArn, secretIdCandidates, secretMatches, unsupportedSentence,
  type Secretsmanager as Sm,
} from '@berth/core';
import type { ActionTable } from '@berth/api';
import type { ServerContext } from '../context.js';
import type { SecretBox } from '../auth/secrets-key.js';
import { commitWithRetry, type Versioned } from '../state/kit.js';
import { getSecret, isSecretsKey, secretDeleteOps, secretKey, secretWriteOps, secretsPage, type SecretRecord, type SecretVersionRecord } from '../state/secrets.js';

const DAY = 86_400;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** AWS's six random characters after a secret's name in its ARN. */
const arnSuffix = () => [...randomBytes(6)].map((b) => ALNUM[b % ALNUM.length]).join('');

const invalidParameter = (message: string, field?: string) => new BerthError('InvalidParameterException', message, field);
const unsupported = (member: string, why: string) => invalidParameter(unsupportedSentence('The request', member, why), member);
const notFound = () => new BerthError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.", 'SecretId');
const markedForDeletion = () => new BerthError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.", 'SecretId');

/** Members Berth cannot act on, refused when given. */
function refuseUnsupported(req: { KmsKeyId?: string; Type?: string; AddReplicaRegions?: unknown[]; ForceOverwriteReplicaSecret?: boolean; RotationToken?: string }): void {
  if (req.KmsKeyId !== undefined) throw unsupported('KmsKeyId', 'values are sealed with the server\'s secrets key; there is no AWS KMS.');
  if (req.Type !== undefined) throw unsupported('Type', 'secrets managed by other services are not kept.');
  if (req.AddReplicaRegions !== undefined && req.AddReplicaRegions.length > 0) throw unsupported('AddReplicaRegions', 'a Berth store is one region: secrets are not replicated.');
  if (req.ForceOverwriteReplicaSecret === true) throw unsupported('ForceOverwriteReplicaSecret', 'secrets are not replicated.');
  if (req.RotationToken !== undefined) throw unsupported('RotationToken', 'secrets are not rotated by Lambda functions.');
}

/** The value a request gives, if any; both forms at once are refused, as AWS does. */
function valueOf(req: { SecretString?: string; SecretBinary?: string }): { string: string } | { binary: string } | undefined {
  if (req.SecretString !== undefined && req.SecretBinary !== undefined) throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  if (req.SecretString !== undefined) return { string: req.SecretString };
  if (req.SecretBinary !== undefined) return { binary: req.SecretBinary };
  return undefined;
}

export class SecretsManager {
  constructor(private readonly ctx: ServerContext, private readonly box: SecretBox) {}

  private seal(rec: SecretRecord, versionId: string, value: { string: string } | { binary: string }, stages: string[]): SecretVersionRecord {
    const aad = `${rec.arn}/${versionId}`;
    return 'string' in value
      ? { stages, createdDate: this.ctx.now(), sealedString: this.box.encrypt(value.string, aad) }
      : { stages, createdDate: this.ctx.now(), sealedBinary: this.box.encrypt(value.binary, aad) };
  }

  /** A version's value, opened (only GetSecretValue and the resolution of a task's secrets call this). */
  open(rec: SecretRecord, versionId: string): { SecretString: string } | { SecretBinary: string } {
    const v = rec.versions[versionId]!;
    const aad = `${rec.arn}/${versionId}`;
    return v.sealedString !== undefined ? { SecretString: this.box.decrypt(v.sealedString, aad) } : { SecretBinary: this.box.decrypt(v.sealedBinary!, aad) };
  }

  /** The live record a SecretId names (a name, a full or a partial ARN), or null. */
  async find(secretId: string): Promise<Versioned<SecretRecord> | null> {
    for (const c of secretIdCandidates(secretId)) {
      const rec = await getSecret(this.ctx.store, c.name);
      if (!rec || (c.fullArn !== undefined && rec.value.arn !== c.fullArn)) continue;
      if (rec.value.deletionDate !== undefined && rec.value.deletionDate <= this.ctx.now()) return null;
      return rec;
    }
    return null;
  }

  /** As find, or AWS's errors; a secret scheduled for deletion only where `deleted` allows it. */
  async require(secretId: string, deleted: 'allowed' | 'refused' = 'refused'): Promise<Versioned<SecretRecord>> {
    const rec = await this.find(secretId);
    if (!rec) throw notFound();
    if (deleted === 'refused' && rec.value.deletedDate !== undefined) throw markedForDeletion();
    return rec;
  }

  /** Reads, changes and writes one secret, comparing the revision read. */
  private update<R>(secretId: string, change: (rec: SecretRecord) => { rec: SecretRecord; result: R }, deleted: 'allowed' | 'refused' = 'refused'): Promise<R> {
    return commitWithRetry(this.ctx.store, async () => {
      const cur = await this.require(secretId, deleted);
      const { rec, result } = change(cur.value);
      return { txn: { compare: [{ key: secretKey(cur.value.name), modRevision: cur.modRevision }], success: secretWriteOps(rec, cur.value) }, result };
    });
  }

  async createSecret(req: Sm.CreateSecretRequest): Promise<Sm.CreateSecretResponse> {
    refuseUnsupported(req);
    if (!SECRET_NAME.test(req.Name)) throw invalidParameter('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!', 'Name');
    const value = valueOf(req);
    const now = this.ctx.now();
    const name = req.Name;
    const versionId = req.ClientRequestToken ?? randomUUID();
    const base: SecretRecord = {
      name, arn: secretArn(this.ctx.identity, name, arnSuffix()), createdDate: now, lastChangedDate: now,
      ...(req.Description !== undefined ? { description: req.Description } : {}), tags: req.Tags?.map((t) => ({ Key: t.Key!, Value: t.Value ?? '' })) ?? [], versions: {},
    };
    const rec = value ? { ...base, versions: { [versionId]: this.seal(base, versionId, value, [AWSCURRENT]) } } : base;
    await commitWithRetry(this.ctx.store, async () => {
      const old = await getSecret(this.ctx.store, name);
      const live = old && !(old.value.deletionDate !== undefined && old.value.deletionDate <= now);
      if (live && old.value.deletedDate !== undefined) throw new BerthError('InvalidRequestException', "You can't create this secret because a secret with this name is already scheduled for deletion.", 'Name');
      if (live) throw new BerthError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`, 'Name');
      return { txn: { compare: [{ key: secretKey(name), modRevision: old?.modRevision ?? 0 }], success: secretWriteOps(rec, old?.value) }, result: undefined };
    });
    this.ctx.log.info('secret created', { name });
    return { ARN: rec.arn, Name: name, ...(value ? { VersionId: versionId } : {}) };
  }

  async getSecretValue(req: Sm.GetSecretValueRequest): Promise<Sm.GetSecretValueResponse> {
    const rec = (await this.require(req.SecretId)).value;
    const { versionId, version } = this.version(rec, req.VersionId, req.VersionStage);
    return { ARN: rec.arn, Name: rec.name, VersionId: versionId, ...this.open(rec, versionId), VersionStages: version.stages, CreatedDate: version.createdDate };
  }

  /** The version a request names by id and/or stage (AWSCURRENT when neither), or AWS's errors. */
  version(rec: SecretRecord, versionId: string | undefined, stage: string | undefined): { versionId: string; version: SecretVersionRecord } {
    if (versionId !== undefined) {
      const version = rec.versions[versionId];
      if (!version) throw new BerthError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`, 'VersionId');
      if (stage !== undefined && !version.stages.includes(stage)) throw invalidParameter('You provided a VersionStage that is not associated to the provided VersionId.', 'VersionStage');
      return { versionId, version };
    }
    const want = stage ?? AWSCURRENT;
    const found = Object.entries(rec.versions).find(([, v]) => v.stages.includes(want));
    if (!found) throw new BerthError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${want}`, 'VersionStage');
    return { versionId: found[0], version: found[1] };
  }

  /** A new version taking `stages`; the same token with the same value again changes nothing, as AWS's. */
  private addVersion(rec: SecretRecord, token: string | undefined, value: { string: string } | { binary: string }, stages: string[]): { rec: SecretRecord; versionId: string; stages: string[] } {
    const versionId = token ?? randomUUID();
    if (rec.versions[versionId]) {
      const same = JSON.stringify(this.open(rec, versionId)) === JSON.stringify('string' in value ? { SecretString: value.string } : { SecretBinary: value.binary });
      if (!same) throw new BerthError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.", 'ClientRequestToken');
      return { rec, versionId, stages: rec.versions[versionId]!.stages };
    }
    const versions = restage(rec.versions, versionId, this.seal(rec, versionId, value, []), stages);
    return { rec: { ...rec, versions, lastChangedDate: this.ctx.now() }, versionId, stages: versions[versionId]!.stages };
  }

  async putSecretValue(req: Sm.PutSecretValueRequest): Promise<Sm.PutSecretValueResponse> {
    refuseUnsupported(req);
    const value = valueOf(req);
    if (!value) throw invalidParameter('You must provide either SecretString or SecretBinary.');
    const out = await this.update(req.SecretId, (cur) => {
      const v = this.addVersion(cur, req.ClientRequestToken, value, req.VersionStages ?? [AWSCURRENT]);
      return { rec: v.rec, result: { ARN: cur.arn, Name: cur.name, VersionId: v.versionId, VersionStages: v.stages } };
    });
    this.ctx.log.info('secret value put', { name: out.Name, versionId: out.VersionId });
    return out;
  }

  async updateSecret(req: Sm.UpdateSecretRequest): Promise<Sm.UpdateSecretResponse> {
    refuseUnsupported(req);
    const value = valueOf(req);
    const out = await this.update(req.SecretId, (cur) => {
      const described = req.Description !== undefined ? { ...cur, description: req.Description, lastChangedDate: this.ctx.now() } : cur;
      if (!value) return { rec: described, result: { ARN: cur.arn, Name: cur.name } as Sm.UpdateSecretResponse };
      const v = this.addVersion(described, req.ClientRequestToken, value, [AWSCURRENT]);
      return { rec: v.rec, result: { ARN: cur.arn, Name: cur.name, VersionId: v.versionId } };
    });
    this.ctx.log.info('secret updated', { name: out.Name });
    return out;
  }

  private entry(rec: SecretRecord): Sm.SecretListEntry & Sm.DescribeSecretResponse {
    const stages = Object.fromEntries(Object.entries(rec.versions).map(([id, v]) => [id, v.stages]));
    return {
      ARN: rec.arn, Name: rec.name, ...(rec.description !== undefined ? { Description: rec.description } : {}),
      LastChangedDate: rec.lastChangedDate, ...(rec.deletedDate !== undefined ? { DeletedDate: rec.deletedDate } : {}),
      ...(rec.tags.length > 0 ? { Tags: rec.tags } : {}), CreatedDate: rec.createdDate, SecretVersionsToStages: stages,
    };
  }

  async describeSecret(req: Sm.DescribeSecretRequest): Promise<Sm.DescribeSecretResponse> {
    const { SecretVersionsToStages, ...e } = this.entry((await this.require(req.SecretId, 'allowed')).value);
    return { ...e, VersionIdsToStages: SecretVersionsToStages! };
  }

  async listSecrets(req: Sm.ListSecretsRequest): Promise<Sm.ListSecretsResponse> {
    if (req.SortBy !== undefined && req.SortBy !== 'name') throw unsupported('SortBy', 'secrets are listed by name.');
    if (req.SortOrder === 'desc') throw unsupported('SortOrder', 'secrets are listed by name, in ascending order.');
    const filters = req.Filters ?? [];
    checkSecretFilters(filters);
    const max = req.MaxResults ?? 100;
    let after: string | undefined;
    if (req.NextToken !== undefined) {
      after = Buffer.from(req.NextToken, 'base64url').toString();
      if (!isSecretsKey(after)) throw invalidParameter('Invalid NextToken.', 'NextToken');
    }
    const now = this.ctx.now();
    const out: Sm.SecretListEntry[] = [];
    // Filtered pages: read on until a page is full or the listing ends; the token is the last key read.
    for (;;) {
      const page = await secretsPage(this.ctx.store, after, max - out.length);
      for (const rec of page.items) {
        const gone = rec.deletionDate !== undefined && rec.deletionDate <= now;
        const planned = rec.deletedDate !== undefined;
        if (gone || (planned && req.IncludePlannedDeletion !== true)) continue;
        if (secretMatches({ name: rec.name, ...(rec.description !== undefined ? { description: rec.description } : {}), tags: rec.tags }, filters)) out.push(this.entry(rec));
      }
      after = page.last ?? after;
      if (!page.more) return { SecretList: out };
      if (out.length >= max) return { SecretList: out, NextToken: Buffer.from(after!).toString('base64url') };
    }
  }

  async deleteSecret(req: Sm.DeleteSecretRequest): Promise<Sm.DeleteSecretResponse> {
    if (req.ForceDeleteWithoutRecovery === true && req.RecoveryWindowInDays !== undefined) {
      throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.", 'RecoveryWindowInDays');
    }
    const window = req.RecoveryWindowInDays ?? 30;
    if (window < 7 || window > 30) throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).', 'RecoveryWindowInDays');
    const now = this.ctx.now();
    if (req.ForceDeleteWithoutRecovery === true) {
      const rec = await commitWithRetry(this.ctx.store, async () => {
        const cur = await this.require(req.SecretId, 'allowed');
        return { txn: { compare: [{ key: secretKey(cur.value.name), modRevision: cur.modRevision }], success: secretDeleteOps(cur.value) }, result: cur.value };
      });
      this.ctx.log.info('secret deleted', { name: rec.name });
      return { ARN: rec.arn, Name: rec.name, DeletionDate: now };
    }
    const out = await this.update(req.SecretId, (cur) => {
      if (cur.deletedDate !== undefined) throw new BerthError('InvalidRequestException', "You can't perform this operation on the secret because it was already scheduled for deletion.", 'SecretId');
      const deletionDate = now + window * DAY;
      return { rec: { ...cur, deletedDate: now, deletionDate }, result: { ARN: cur.arn, Name: cur.name, DeletionDate: deletionDate } };
    }, 'allowed');
    this.ctx.log.info('secret scheduled for deletion', { name: out.Name, deletionDate: out.DeletionDate });
    return out;
  }

  async restoreSecret(req: Sm.RestoreSecretRequest): Promise<Sm.RestoreSecretResponse> {
    const out = await this.update(req.SecretId, (cur) => {
      const { deletedDate: _d, deletionDate: _n, ...rest } = cur;
      return { rec: rest, result: { ARN: cur.arn, Name: cur.name } };
    }, 'allowed');
    this.ctx.log.info('secret restored', { name: out.Name });
    return out;
  }

  async tagResource(req: Sm.TagResourceRequest): Promise<void> {
    await this.update(req.SecretId, (cur) => {
      const keys = new Set(req.Tags.map((t) => t.Key));
      const tags = [...cur.tags.filter((t) => !keys.has(t.Key)), ...req.Tags.map((t) => ({ Key: t.Key!, Value: t.Value ?? '' }))];
      // AWS's quota.
      if (tags.length > 50) throw invalidParameter('Number of tags exceeds the quota of 50 tags per secret.', 'Tags');
      return { rec: { ...cur, tags }, result: undefined };
    }, 'allowed');
  }

  async untagResource(req: Sm.UntagResourceRequest): Promise<void> {
    await this.update(req.SecretId, (cur) => ({ rec: { ...cur, tags: cur.tags.filter((t) => !req.TagKeys.includes(t.Key)) }, result: undefined }), 'allowed');
  }

  table(): ActionTable {
    const handlers: Record<string, (req: any) => Promise<unknown>> = {
      CreateSecret: (r) => this.createSecret(r),
      GetSecretValue: (r) => this.getSecretValue(r),
      PutSecretValue: (r) => this.putSecretValue(r),
      UpdateSecret: (r) => this.updateSecret(r),
      DescribeSecret: (r) => this.describeSecret(r),
      ListSecrets: (r) => this.listSecrets(r),
      DeleteSecret: (r) => this.deleteSecret(r),
      RestoreSecret: (r) => this.restoreSecret(r),
      TagResource: (r) => this.tagResource(r),
      UntagResource: (r) => this.untagResource(r),
    };
    return { api: SECRETSMANAGER_API, handlers };
  }
}
