// SSM Parameter Store, served like every API on gRPC and on the AWS listener (`aws ssm ... --endpoint-url`)
// in its shapes, errors and texts: PutParameter (String, StringList, SecureString; Overwrite; versions),
// GetParameter, GetParameters (WithDecryption), GetParametersByPath (recursive, paginated),
// DeleteParameter(s), DescribeParameters. Every value is sealed with the secrets key (state/parameters.ts)
// and never logged. Only the latest version is kept: a `NAME:VERSION` selector finds it and no older one.
// What Berth cannot honour (KMS key ids, the Advanced and Intelligent-Tiering tiers, parameter policies,
// data types other than text, version labels, filters) is refused naming it.
import { BerthError, SSM_API, assumedRoleArn, parameterArn, unsupportedSentence, userArn, type Ssm } from '@berth/core';
import type { ActionTable, CallContext } from '@berth/api';
import type { ServerContext } from '../context.js';
import type { SecretBox } from '../auth/secrets-key.js';
import { commitWithRetry, type Versioned } from '../state/kit.js';
import {
  ALL_PARAMETERS, deleteParameterOp, getParameter, isParametersKey, parameterKey, parametersPage, pathPrefix, putParameterOp, type ParameterRecord,
} from '../state/parameters.js';

/** SSM's names: letters, digits and _.-, with / between the levels of a hierarchy (at most 15). */
const NAME = /^[A-Za-z0-9_.-]+$|^(\/[A-Za-z0-9_.-]+)+$/;
const MAX_LEVELS = 15;
/** The Standard tier's limit on a value. */
const MAX_VALUE = 4096;

const validation = (message: string, field?: string) => new BerthError('ValidationException', message, field);
const unsupported = (member: string, why: string) => validation(unsupportedSentence('The request', member, why), member);
const notFound = (name: string) => new BerthError('ParameterNotFound', `Parameter ${name} not found.`, 'Name');

/** A name and its selector (`:VERSION`; a label is refused). */
function parseName(ref: string): { name: string; version?: number } {
  const bare = ref.startsWith('arn:') ? `/${ref.replace(/^arn:[^:]+:ssm:[^:]*:[^:]*:parameter\//, '')}` : ref;
  const m = /^(.*):([^/:]+)$/.exec(bare);
  const withPath = (name: string) => (ref.startsWith('arn:') && !name.slice(1).includes('/') ? name.slice(1) : name);
  if (!m) return { name: withPath(bare) };
  if (!/^\d+$/.test(m[2]!)) throw unsupported('a version label', 'only the latest version is kept: name it, or it with :VERSION.');
  return { name: withPath(m[1]!), version: Number(m[2]) };
}

function checkName(name: string): void {
  if (/^\/?(aws|ssm)/i.test(name)) throw validation('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).', 'Name');
  if (!NAME.test(name)) {
    if (name.includes('/') && !name.startsWith('/')) throw validation('Parameter name must be a fully qualified name.', 'Name');
    throw validation('Parameter name must only contain letters, numbers, and the following symbols: _.-/', 'Name');
  }
  if (name.split('/').length - 1 > MAX_LEVELS) {
    throw new BerthError('HierarchyLevelLimitExceededException', `A hierarchy can have a maximum of ${MAX_LEVELS} levels.`, 'Name');
  }
}

/** A page token: the last key read, opaque. */
const token = (key: string) => Buffer.from(key).toString('base64url');
function afterToken(t: string | undefined): string | undefined {
  if (t === undefined) return undefined;
  const key = Buffer.from(t, 'base64url').toString();
  if (!isParametersKey(key)) throw new BerthError('InvalidNextToken', 'The specified token is not valid.', 'NextToken');
  return key;
}

export class ParameterStore {
  constructor(private readonly ctx: ServerContext, private readonly box: SecretBox) {}

  private aad = (name: string, version: number) => `parameter:${name}/${version}`;

  /** A parameter's value, opened (GetParameter* with decryption, and the resolution of a task's secrets). */
  open(rec: ParameterRecord): string {
    return this.box.decrypt(rec.sealedValue, this.aad(rec.name, rec.version));
  }

  /** The parameter a reference names (a name, an ARN, with a version selector), or null. */
  async find(ref: string): Promise<ParameterRecord | null> {
    const { name, version } = parseName(ref);
    const rec = (await getParameter(this.ctx.store, name))?.value ?? null;
    if (rec && version !== undefined && version !== rec.version) {
      throw new BerthError('ParameterVersionNotFound', `Systems Manager could not find version ${version} of ${name}. Verify the version and try again.`, 'Name');
    }
    return rec;
  }

  private shape(rec: ParameterRecord, decrypt: boolean, selector?: string): Ssm.Parameter {
    const clear = rec.type !== 'SecureString' || decrypt;
    return {
      Name: rec.name, Type: rec.type, Value: clear ? this.open(rec) : rec.sealedValue, Version: rec.version,
      ...(selector !== undefined ? { Selector: selector } : {}), LastModifiedDate: rec.lastModifiedDate, ARN: parameterArn(this.ctx.identity, rec.name), DataType: 'text',
    };
  }

  async putParameter(req: Ssm.PutParameterRequest, call: CallContext): Promise<Ssm.PutParameterResult> {
    if (req.KeyId !== undefined) throw unsupported('KeyId', 'SecureString values are sealed with the server\'s secrets key; there is no AWS KMS.');
    if (req.Tier !== undefined && req.Tier !== 'Standard') throw unsupported(`Tier ${req.Tier}`, 'parameters are of the Standard tier.');
    if (req.Policies !== undefined) throw unsupported('Policies', 'parameter policies (expiration, notification) are not evaluated.');
    if (req.DataType !== undefined && req.DataType !== 'text') throw unsupported(`DataType ${req.DataType}`, 'parameters hold text.');
    checkName(req.Name);
    if (req.Value.length > MAX_VALUE) throw validation(`Standard tier parameters support a maximum parameter value of ${MAX_VALUE} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.`, 'Value');
    if (req.Overwrite === true && req.Tags !== undefined && req.Tags.length > 0) {
      throw validation('Invalid request: tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.', 'Tags');
    }
    if (req.AllowedPattern !== undefined) {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${req.AllowedPattern})$`);
      } catch {
        throw new BerthError('InvalidAllowedPatternException', 'The request does not meet the regular expression requirement.', 'AllowedPattern');
      }
      if (!re.test(req.Value)) throw new BerthError('ParameterPatternMismatchException', `Parameter value, cannot be validated against allowedPattern: ${req.AllowedPattern}`, 'Value');
    }
    const c = call.caller;
    const user = c.kind === 'access-key' ? userArn(this.ctx.identity, c.userName) : c.kind === 'assumed-role' ? assumedRoleArn(this.ctx.identity, c.roleName, c.sessionName) : undefined;
    const version = await commitWithRetry(this.ctx.store, async () => {
      const cur = await getParameter(this.ctx.store, req.Name);
      if (cur && req.Overwrite !== true) throw new BerthError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.', 'Name');
      const type = req.Type ?? cur?.value.type;
      if (type === undefined) throw validation('A parameter type is required when you create a parameter.', 'Type');
      const v = (cur?.value.version ?? 0) + 1;
      const rec: ParameterRecord = {
        name: req.Name, type, sealedValue: this.box.encrypt(req.Value, this.aad(req.Name, v)), version: v, lastModifiedDate: this.ctx.now(),
        ...(user !== undefined ? { lastModifiedUser: user } : {}),
        ...((req.Description ?? cur?.value.description) !== undefined ? { description: req.Description ?? cur!.value.description! } : {}),
        ...((req.AllowedPattern ?? cur?.value.allowedPattern) !== undefined ? { allowedPattern: req.AllowedPattern ?? cur!.value.allowedPattern! } : {}),
        tags: cur?.value.tags ?? req.Tags?.map((t) => ({ Key: t.Key, Value: t.Value })) ?? [],
      };
      return { txn: { compare: [{ key: parameterKey(req.Name), modRevision: cur?.modRevision ?? 0 }], success: [putParameterOp(rec)] }, result: v };
    });
    this.ctx.log.info('parameter put', { name: req.Name, version });
    return { Version: version, Tier: 'Standard' };
  }

  async getParameter(req: Ssm.GetParameterRequest): Promise<Ssm.GetParameterResult> {
    const rec = await this.find(req.Name);
    if (!rec) throw notFound(req.Name);
    const selector = /:(\d+)$/.exec(req.Name)?.[0];
    return { Parameter: this.shape(rec, req.WithDecryption === true, selector) };
  }

  async getParameters(req: Ssm.GetParametersRequest): Promise<Ssm.GetParametersResult> {
    const found: Ssm.Parameter[] = [];
    const invalid: string[] = [];
    for (const ref of req.Names) {
      const rec = await this.find(ref).catch((e) => (e instanceof BerthError && e.name === 'ParameterVersionNotFound' ? null : Promise.reject(e)));
      if (rec) found.push(this.shape(rec, req.WithDecryption === true, /:(\d+)$/.exec(ref)?.[0]));
      else invalid.push(ref);
    }
    return { Parameters: found, InvalidParameters: invalid };
  }

  async getParametersByPath(req: Ssm.GetParametersByPathRequest): Promise<Ssm.GetParametersByPathResult> {
    if (req.ParameterFilters !== undefined) throw unsupported('ParameterFilters', 'a path\'s parameters are listed whole.');
    if (!req.Path.startsWith('/')) throw validation('The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".', 'Path');
    const prefix = pathPrefix(req.Path);
    const max = req.MaxResults ?? 10;
    let after = afterToken(req.NextToken);
    const out: Ssm.Parameter[] = [];
    // A non-recursive listing skips deeper levels: read on until a page is full or the range ends.
    for (;;) {
      const page = await parametersPage(this.ctx.store, prefix, after, max - out.length);
      for (const rec of page.items) {
        const below = parameterKey(rec.name).slice(prefix.length);
        if (req.Recursive === true || !below.includes('/')) out.push(this.shape(rec, req.WithDecryption === true));
      }
      after = page.last ?? after;
      if (!page.more) return { Parameters: out };
      if (out.length >= max) return { Parameters: out, NextToken: token(after!) };
    }
  }

  async deleteParameter(req: Ssm.DeleteParameterRequest): Promise<Ssm.DeleteParameterResult> {
    if (!(await this.deleteOne(req.Name))) throw notFound(req.Name);
    return {};
  }

  async deleteParameters(req: Ssm.DeleteParametersRequest): Promise<Ssm.DeleteParametersResult> {
    const deleted: string[] = [];
    const invalid: string[] = [];
    for (const name of req.Names) ((await this.deleteOne(name)) ? deleted : invalid).push(name);
    return { DeletedParameters: deleted, InvalidParameters: invalid };
  }

  private async deleteOne(name: string): Promise<boolean> {
    const cur: Versioned<ParameterRecord> | null = await getParameter(this.ctx.store, name);
    if (!cur) return false;
    const res = await this.ctx.store.txn({ compare: [{ key: parameterKey(name), modRevision: cur.modRevision }], success: [deleteParameterOp(name)] });
    if (!res.succeeded) return this.deleteOne(name);
    this.ctx.log.info('parameter deleted', { name });
    return true;
  }

  async describeParameters(req: Ssm.DescribeParametersRequest): Promise<Ssm.DescribeParametersResult> {
    if (req.Filters !== undefined) throw unsupported('Filters', 'parameters are described whole.');
    if (req.ParameterFilters !== undefined) throw unsupported('ParameterFilters', 'parameters are described whole.');
    if (req.Shared === true) throw unsupported('Shared', 'parameters are not shared between accounts.');
    const page = await parametersPage(this.ctx.store, ALL_PARAMETERS, afterToken(req.NextToken), req.MaxResults ?? 50);
    const Parameters: Ssm.ParameterMetadata[] = page.items.map((rec) => ({
      Name: rec.name, ARN: parameterArn(this.ctx.identity, rec.name), Type: rec.type, LastModifiedDate: rec.lastModifiedDate,
      ...(rec.lastModifiedUser !== undefined ? { LastModifiedUser: rec.lastModifiedUser } : {}),
      ...(rec.description !== undefined ? { Description: rec.description } : {}),
      ...(rec.allowedPattern !== undefined ? { AllowedPattern: rec.allowedPattern } : {}),
      Version: rec.version, Tier: 'Standard', DataType: 'text',
    }));
    return { Parameters, ...(page.more && page.last !== undefined ? { NextToken: token(page.last) } : {}) };
  }

  table(): ActionTable {
    const handlers: Record<string, (req: any, call: CallContext) => Promise<unknown>> = {
      PutParameter: (r, call) => this.putParameter(r, call),
      GetParameter: (r) => this.getParameter(r),
      GetParameters: (r) => this.getParameters(r),
      GetParametersByPath: (r) => this.getParametersByPath(r),
      DeleteParameter: (r) => this.deleteParameter(r),
      DeleteParameters: (r) => this.deleteParameters(r),
      DescribeParameters: (r) => this.describeParameters(r),
    };
    return { api: SSM_API, handlers };
  }
}
