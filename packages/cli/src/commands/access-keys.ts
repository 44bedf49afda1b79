// berth create|get|delete access-key(s): keys for SigV4 on the ECS JSON endpoint (aws ecs --endpoint-url).
// -o json prints IAM's shapes ({AccessKey: {...}}, {AccessKeyMetadata: [...]}), so scripts written for
// `aws iam create-access-key` read it unchanged. The secret is printed once, here, and never again.
import type { CommandContext } from '../context.js';
import { render, table } from '../output.js';

interface AccessKey {
  accessKeyId?: string;
  secretAccessKey?: string;
  status?: string;
  createDate?: number;
  userName?: string;
}

const iso = (s: number | undefined) => (s === undefined ? undefined : new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00'));

/** IAM's PascalCase member names. */
function iamShape(k: AccessKey): Record<string, unknown> {
  const o: Record<string, unknown> = { UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status };
  if (k.secretAccessKey !== undefined) o.SecretAccessKey = k.secretAccessKey;
  o.CreateDate = iso(k.createDate);
  return o;
}

export async function createAccessKey(ctx: CommandContext, userName: string | undefined): Promise<void> {
  const res = await ctx.client.iam<{ accessKey?: AccessKey }>('CreateAccessKey', userName ? { userName } : {});
  const k = res.accessKey ?? {};
  ctx.out(render(ctx.output, { AccessKey: iamShape(k) }, () =>
    `access-key/${k.accessKeyId} created. The secret is shown only now; keep it safe:\n` +
    `export AWS_ACCESS_KEY_ID=${k.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${k.secretAccessKey}\n`));
}

export async function getAccessKeys(ctx: CommandContext): Promise<void> {
  const res = await ctx.client.iam<{ accessKeyMetadata?: AccessKey[] }>('ListAccessKeys', {});
  const keys = res.accessKeyMetadata ?? [];
  ctx.out(render(ctx.output, { AccessKeyMetadata: keys.map(iamShape) }, () =>
    keys.length === 0
      ? 'No access keys.\n'
      : table(keys, [
        { header: 'ACCESS KEY ID', get: (k: AccessKey) => k.accessKeyId },
        { header: 'USER', get: (k: AccessKey) => k.userName },
        { header: 'STATUS', get: (k: AccessKey) => k.status },
        { header: 'CREATED', get: (k: AccessKey) => iso(k.createDate) },
      ])));
}

export async function deleteAccessKey(ctx: CommandContext, accessKeyId: string): Promise<void> {
  await ctx.client.iam('DeleteAccessKey', { accessKeyId });
  ctx.out(render(ctx.output, {}, () => `access-key/${accessKeyId} deleted\n`));
}
