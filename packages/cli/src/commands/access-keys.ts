// berth create|get|update|delete access-key(s): keys for SigV4 on the AWS listener (aws ecs --endpoint-url
// ...), each acting as its IAM user, through IAM's actions (CreateAccessKey, ListAccessKeys,
// UpdateAccessKey, DeleteAccessKey). Without --user-name IAM takes the calling user. -o json prints IAM's shapes
// ({AccessKey: {...}}, {AccessKeyMetadata: [...]}), so scripts written for `aws iam create-access-key` read
// it unchanged. The secret is printed once, here, and never again.
import { IAM_API, type Iam } from '@berth/core';
import type { CommandContext } from '../context.js';
import { awsTime as iso, render, table } from '../output.js';


/** IAM's shape as the AWS CLI prints it: dates in ISO 8601. */
function printable(k: Iam.AccessKeyMetadata | Iam.AccessKey): Record<string, unknown> {
  return { ...k, CreateDate: iso(k.CreateDate) };
}

/** IAM's UserName member: absent means the calling user. */
const forUser = (userName: string | undefined) => (userName !== undefined ? { UserName: userName } : {});

export async function createAccessKey(ctx: CommandContext, userName: string | undefined): Promise<void> {
  const res = await ctx.client.callApi(IAM_API, 'CreateAccessKey', forUser(userName)) as Iam.CreateAccessKeyResponse;
  const k = res.AccessKey;
  ctx.out(render(ctx.output, { AccessKey: printable(k) }, () =>
    `access-key/${k.AccessKeyId} created. The secret is shown only now; keep it safe:\n` +
    `export AWS_ACCESS_KEY_ID=${k.AccessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${k.SecretAccessKey}\n`));
}

export async function getAccessKeys(ctx: CommandContext, userName: string | undefined): Promise<void> {
  const res = await ctx.client.callApi(IAM_API, 'ListAccessKeys', forUser(userName)) as Iam.ListAccessKeysResponse;
  const keys = res.AccessKeyMetadata;
  ctx.out(render(ctx.output, { AccessKeyMetadata: keys.map(printable) }, () =>
    keys.length === 0
      ? 'No access keys.\n'
      : table(keys, [
        { header: 'ACCESS KEY ID', get: (k: Iam.AccessKeyMetadata) => k.AccessKeyId },
        { header: 'USER', get: (k: Iam.AccessKeyMetadata) => k.UserName },
        { header: 'STATUS', get: (k: Iam.AccessKeyMetadata) => k.Status },
        { header: 'CREATED', get: (k: Iam.AccessKeyMetadata) => iso(k.CreateDate) },
      ])));
}

export async function updateAccessKey(ctx: CommandContext, accessKeyId: string, status: string, userName: string | undefined): Promise<void> {
  await ctx.client.callApi(IAM_API, 'UpdateAccessKey', { AccessKeyId: accessKeyId, Status: status, ...forUser(userName) });
  ctx.out(render(ctx.output, {}, () => `access-key/${accessKeyId} ${status}\n`));
}

export async function deleteAccessKey(ctx: CommandContext, accessKeyId: string, userName: string | undefined): Promise<void> {
  await ctx.client.callApi(IAM_API, 'DeleteAccessKey', { AccessKeyId: accessKeyId, ...forUser(userName) });
  ctx.out(render(ctx.output, {}, () => `access-key/${accessKeyId} deleted\n`));
}
